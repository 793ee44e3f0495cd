//! `cargo run --release -p yima-synth --example write -- SEED OUT_DIR COUNT_PER_CONDITION`

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).map_or(Ok(1), |s| s.parse())?;
    let out = args.get(2).map_or("synth-out", |s| s.as_str());
    let count = args.get(3).map_or(Ok(10), |s| s.parse())?;
    let n = yima_synth::write_corpus(std::path::Path::new(out), seed, count, None)?;
    println!("wrote {n} frames to {out}");
    Ok(())
}
