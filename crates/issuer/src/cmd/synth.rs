//! `yima-issuer synth --seed N --out DIR [--count K] [--texts FILE]`: writes the synthetic
//! 1280×720 "phone screen seen by a phone camera" corpus (`{condition}-{i}.png` + `.txt`).

use anyhow::Context;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Seed: the same seed always gives the same corpus.
    #[arg(long)]
    pub seed: u64,
    /// Output folder (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Frames per condition (8 conditions).
    #[arg(long, default_value_t = 25)]
    pub count: usize,
    /// JSON array of strings to encode, used in turn (default: `YM1:` + base45 stand-ins).
    #[arg(long)]
    pub texts: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let texts: Option<Vec<String>> = match &args.texts {
        Some(path) => {
            let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            Some(serde_json::from_slice(&raw).context("--texts must be a JSON array of strings")?)
        }
        None => None,
    };
    let n = yima_synth::write_corpus(&args.out, args.seed, args.count, texts.as_deref())
        .map_err(|e| anyhow::anyhow!("writing the corpus: {e}"))?;
    println!("wrote {n} frames to {}", args.out.display());
    Ok(())
}
