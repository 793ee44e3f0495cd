//! `render`: QR text → PNG and/or .y4m.

use std::path::PathBuf;

use crate::render;

#[derive(clap::Args)]
pub struct Args {
    /// The QR text.
    pub text: String,
    #[arg(long)]
    pub png: Option<PathBuf>,
    /// Pixels per module in the PNG.
    #[arg(long, default_value_t = 6)]
    pub scale: u32,
    #[arg(long)]
    pub y4m: Option<PathBuf>,
    /// Frames without the code before it appears (for scan-to-verdict timing).
    #[arg(long, default_value_t = 0)]
    pub blank_frames: u32,
    /// Frames with the code.
    #[arg(long, default_value_t = 3)]
    pub frames: u32,
}

pub fn run(a: Args) -> anyhow::Result<()> {
    anyhow::ensure!(a.png.is_some() || a.y4m.is_some(), "give --png and/or --y4m");
    if let Some(p) = &a.png {
        render::write_png(&a.text, p, a.scale)?;
    }
    if let Some(p) = &a.y4m {
        render::write_y4m(&a.text, p, a.blank_frames, a.frames)?;
    }
    Ok(())
}
