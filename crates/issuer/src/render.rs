//! QR text → pixels: PNG files and YUV4MPEG2 (.y4m) videos for Chromium's fake camera.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use image::GrayImage;
use qrcode::{EcLevel, QrCode};

/// The QR symbol for `text` at error-correction level M.
pub fn symbol(text: &str) -> anyhow::Result<QrCode> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).context("text does not fit a QR code")
}

/// QR version number (1–40).
pub fn version(code: &QrCode) -> i16 {
    match code.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    }
}

/// The symbol drawn with `scale` pixels per module and a 4-module quiet zone.
pub fn image(code: &QrCode, scale: u32) -> GrayImage {
    let n = code.width() as u32;
    let size = (n + 8) * scale;
    let colors = code.to_colors();
    GrayImage::from_fn(size, size, |x, y| {
        let (mx, my) = ((x / scale) as i64 - 4, (y / scale) as i64 - 4);
        let dark =
            mx >= 0 && my >= 0 && (mx as u32) < n && (my as u32) < n && colors[(my as u32 * n + mx as u32) as usize] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    })
}

pub fn write_png(text: &str, path: &Path, scale: u32) -> anyhow::Result<()> {
    image(&symbol(text)?, scale).save(path).with_context(|| format!("writing {}", path.display()))
}

/// Frame size of the fake camera.
pub const FRAME_W: u32 = 1280;
pub const FRAME_H: u32 = 720;

/// Luma of one 1280×720 camera frame: a grey scene with the code (on its white screen) centred
/// at about 440 px, as a phone held at a normal distance shows it.
fn frame_luma(qr: Option<&GrayImage>) -> Vec<u8> {
    let mut y = vec![70u8; (FRAME_W * FRAME_H) as usize];
    if let Some(q) = qr {
        let (ox, oy) = ((FRAME_W - q.width()) / 2, (FRAME_H - q.height()) / 2);
        for (x, yy, p) in q.enumerate_pixels() {
            y[((oy + yy) * FRAME_W + ox + x) as usize] = p[0];
        }
    }
    y
}

/// Writes a .y4m video: `blank` frames without the code, then `frames` frames with it
/// (Chromium loops the file). 10 frames per second, 4:2:0, neutral chroma.
pub fn write_y4m(text: &str, path: &Path, blank: u32, frames: u32) -> anyhow::Result<()> {
    let code = symbol(text)?;
    let scale = (440 / (code.width() as u32 + 8)).max(1);
    let qr = image(&code, scale);
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?);
    writeln!(f, "YUV4MPEG2 W{FRAME_W} H{FRAME_H} F10:1 Ip A1:1 C420jpeg")?;
    let chroma = vec![128u8; (FRAME_W * FRAME_H / 2) as usize];
    let (empty, with) = (frame_luma(None), frame_luma(Some(&qr)));
    for i in 0..blank + frames {
        f.write_all(b"FRAME\n")?;
        f.write_all(if i < blank { &empty } else { &with })?;
        f.write_all(&chroma)?;
    }
    f.flush()?;
    Ok(())
}

/// Writes a .y4m video that shows each text in turn for `frames` frames (Chromium loops it):
/// two credentials of one holder shown to the camera one after the other.
pub fn write_y4m_sequence(texts: &[&str], path: &Path, frames: u32) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?);
    writeln!(f, "YUV4MPEG2 W{FRAME_W} H{FRAME_H} F10:1 Ip A1:1 C420jpeg")?;
    let chroma = vec![128u8; (FRAME_W * FRAME_H / 2) as usize];
    for text in texts {
        let code = symbol(text)?;
        let luma = frame_luma(Some(&image(&code, (440 / (code.width() as u32 + 8)).max(1))));
        for _ in 0..frames {
            f.write_all(b"FRAME\n")?;
            f.write_all(&luma)?;
            f.write_all(&chroma)?;
        }
    }
    f.flush()?;
    Ok(())
}
