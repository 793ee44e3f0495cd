//! Synthetic corpus: a phone screen showing a QR code, seen by a phone camera at 1280×720.
//!
//! Every frame is a pure function of `(seed, condition, index, text)`, so a corpus is
//! reproducible from its seed. Each [`Condition`] adds one degradation on top of a mild
//! baseline (small tilt, slight blur, sensor noise).

mod effects;
mod geometry;
mod rng;
mod scene;
mod texts;

pub use scene::{HEIGHT, WIDTH};

use geometry::Pose;
use image::RgbImage;
use qrcode::{EcLevel, QrCode};
use rng::Rng;
use scene::Screen;

/// One degradation of the synthetic corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// Strong perspective: code tilted 25–45° away from the camera.
    Tilt,
    /// Out of focus: Gaussian blur σ 1.4–2.4 px.
    Defocus,
    /// Hand shake: linear motion blur of 3–7 px (about 0.6–1.6 modules).
    Motion,
    /// Display pixel grid aliasing with the sensor grid.
    Moire,
    /// Specular reflection spot over part of the code.
    Glare,
    /// Dim scene: exposure 15–30 % and strong sensor noise.
    LowLight,
    /// Code far away: 160–220 px wide.
    Small,
    /// Dark-mode app: light modules on a dark screen.
    Dark,
}

impl Condition {
    pub const ALL: [Condition; 8] = [
        Condition::Tilt,
        Condition::Defocus,
        Condition::Motion,
        Condition::Moire,
        Condition::Glare,
        Condition::LowLight,
        Condition::Small,
        Condition::Dark,
    ];

    /// Lower-case name, used as the file-name prefix.
    pub fn name(self) -> &'static str {
        match self {
            Condition::Tilt => "tilt",
            Condition::Defocus => "defocus",
            Condition::Motion => "motion",
            Condition::Moire => "moire",
            Condition::Glare => "glare",
            Condition::LowLight => "lowlight",
            Condition::Small => "small",
            Condition::Dark => "dark",
        }
    }
}

/// A generated frame and the text its code holds.
pub struct Frame {
    pub condition: Condition,
    pub index: usize,
    pub text: String,
    pub image: RgbImage,
}

impl Frame {
    /// File stem used in corpora: `{condition}-{index:04}`.
    pub fn stem(&self) -> String {
        format!("{}-{:04}", self.condition.name(), self.index)
    }
}

fn frame_rng(seed: u64, condition: Condition, index: usize) -> Rng {
    let c = Condition::ALL.iter().position(|&c| c == condition).unwrap_or(0) as u64;
    let mut r = Rng::new(seed ^ (c << 56) ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    r.next_u64();
    r
}

/// A realistic stand-in credential text for `(seed, condition, index)`.
pub fn stand_in_text(seed: u64, condition: Condition, index: usize) -> String {
    texts::stand_in(&mut frame_rng(seed ^ 0x7E57, condition, index))
}

/// Renders `text` (error-correction level M) under `condition`.
pub fn render(seed: u64, condition: Condition, index: usize, text: &str) -> Result<RgbImage, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    let modules: Vec<bool> = code.to_colors().iter().map(|c| *c == qrcode::Color::Dark).collect();
    let mut rng = frame_rng(seed, condition, index);
    let deg = |r: &mut Rng, lo: f32, hi: f32| r.range(lo, hi).to_radians() * if r.unit() < 0.5 { -1.0 } else { 1.0 };
    let mut pose = Pose {
        centre: (WIDTH as f32 / 2.0 + rng.range(-120.0, 120.0), HEIGHT as f32 / 2.0 + rng.range(-60.0, 60.0)),
        side: rng.range(300.0, 440.0),
        roll: deg(&mut rng, 0.0, 25.0),
        pitch: deg(&mut rng, 0.0, 8.0),
        yaw: deg(&mut rng, 0.0, 8.0),
    };
    match condition {
        Condition::Tilt => {
            pose.pitch = deg(&mut rng, 25.0, 45.0);
            pose.yaw = deg(&mut rng, 0.0, 20.0);
            pose.roll = rng.range(0.0, 360.0).to_radians();
        }
        Condition::Small => pose.side = rng.range(160.0, 220.0),
        _ => {}
    }
    let screen = Screen {
        modules: &modules,
        size: code.width(),
        dark_mode: condition == Condition::Dark,
        grid: (condition == Condition::Moire).then(|| (rng.range(0.35, 0.55), rng.range(0.9, 1.4) / pose.side)),
    };
    let mut img = scene::render(&screen, &pose, &mut rng);
    effects::gaussian_blur(&mut img, rng.range(0.4, 0.8));
    let (mut gain, mut noise) = (rng.range(0.85, 1.0), rng.range(0.005, 0.015));
    match condition {
        Condition::Defocus => effects::gaussian_blur(&mut img, rng.range(1.4, 2.4)),
        Condition::Motion => effects::motion_blur(&mut img, rng.range(3.0, 7.0), rng.range(0.0, 180.0).to_radians()),
        Condition::Glare => {
            let c = (pose.centre.0 + rng.range(-0.4, 0.4) * pose.side, pose.centre.1 + rng.range(-0.4, 0.4) * pose.side);
            effects::glare(&mut img, c, rng.range(40.0, 90.0), rng.range(0.5, 0.9));
        }
        Condition::LowLight => (gain, noise) = (rng.range(0.15, 0.3), rng.range(0.02, 0.035)),
        _ => {}
    }
    effects::expose(&mut img, gain, noise, &mut rng);
    let tint = [rng.range(0.9, 1.0), rng.range(0.9, 1.0), rng.range(0.85, 1.0)];
    let raw = effects::to_rgb(&img, tint);
    Ok(RgbImage::from_raw(WIDTH as u32, HEIGHT as u32, raw).expect("buffer is WIDTH*HEIGHT*3"))
}

/// `count` frames per condition; texts come from `texts` in turn, or are stand-ins.
pub fn corpus<'a>(
    seed: u64,
    count: usize,
    texts: Option<&'a [String]>,
) -> impl Iterator<Item = Result<Frame, qrcode::types::QrError>> + 'a {
    Condition::ALL.into_iter().enumerate().flat_map(move |(ci, condition)| {
        (0..count).map(move |index| {
            let text = match texts.filter(|t| !t.is_empty()) {
                Some(t) => t[(ci * count + index) % t.len()].clone(),
                None => stand_in_text(seed, condition, index),
            };
            let image = render(seed, condition, index, &text)?;
            Ok(Frame { condition, index, text, image })
        })
    })
}

/// Writes [`corpus`] to `out` as `{stem}.png` + `{stem}.txt` (exact text); returns frames written.
pub fn write_corpus(
    out: &std::path::Path,
    seed: u64,
    count: usize,
    texts: Option<&[String]>,
) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    std::fs::create_dir_all(out)?;
    let mut n = 0;
    for frame in corpus(seed, count, texts) {
        let frame = frame?;
        frame.image.save(out.join(format!("{}.png", frame.stem())))?;
        std::fs::write(out.join(format!("{}.txt", frame.stem())), &frame.text)?;
        n += 1;
    }
    Ok(n)
}
