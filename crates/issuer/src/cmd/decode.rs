//! `yima-issuer decode [--json] FILE...`: reads QR codes from image files with exactly the
//! app's pipeline (`yima_decode::decode_rgba` on the file's RGBA pixels).

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print one JSON object per file and line: {"file": "...", "text": "..." | null}.
    #[arg(long)]
    pub json: bool,
    /// Image files (PNG, JPEG, GIF).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut unreadable = 0;
    for file in &args.files {
        let text = match yima_decode::file::decode_file(file) {
            Ok(decoded) => decoded.map(|d| d.text),
            Err(e) => {
                eprintln!("{}: cannot load image: {e}", file.display());
                unreadable += 1;
                None
            }
        };
        let name = file.display().to_string();
        if args.json {
            println!("{}", serde_json::json!({ "file": name, "text": text }));
        } else {
            println!("{name}: {}", text.as_deref().unwrap_or("(no QR code read)"));
        }
    }
    anyhow::ensure!(unreadable == 0, "{unreadable} file(s) could not be loaded");
    Ok(())
}
