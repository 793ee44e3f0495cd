//! Measures each pipeline step and the full pipeline over labelled image folders.
//!
//! `cargo run --release -p yima-decode --features rqrr --example measure -- DIR...`
//! Every `NAME.{png,jpg,gif}` with a sibling `NAME.txt` is a case; results are grouped by
//! folder and by the filename prefix before the first `-` (synthetic condition names).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use yima_decode::{strategy, Frame, Step};

const STEPS: &[Step] = &[
    Step::RxingFull,
    Step::RxingHarder,
    Step::RxingGlobal,
    Step::RxingHalf,
    Step::RxingCentre,
    Step::RxingStretched,
    Step::RxingSharp,
    Step::RxingSharpWide,
    Step::RxingNormHalf,
    Step::RxingSharpHalf,
    Step::RxingSharpHalfGlobal,
    Step::Rqrr,
    Step::RqrrHalf,
];

fn cases(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("png" | "jpg" | "gif")))
        .filter_map(|p| std::fs::read(p.with_extension("txt")).ok().map(|t| (p, t)))
        .collect();
    out.sort();
    out
}

fn group(path: &Path) -> String {
    let dir = path.parent().and_then(|d| d.file_name()).and_then(|d| d.to_str()).unwrap_or("?");
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
    match stem.split_once('-') {
        Some((cond, _)) => format!("{dir}/{cond}"),
        None => dir.to_owned(),
    }
}

#[derive(Default)]
struct Tally {
    n: usize,
    hits: BTreeMap<String, usize>,
    ms: BTreeMap<String, f64>,
}

fn main() {
    let only_pipeline = std::env::var("PIPELINE_ONLY").is_ok();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for dir in std::env::args().skip(1) {
        for (path, want) in cases(Path::new(&dir)) {
            let Ok(img) = image::open(&path) else { continue };
            let rgba = img.to_rgba8();
            let t = tallies.entry(group(&path)).or_default();
            t.n += 1;
            let t0 = Instant::now();
            let got = yima_decode::decode_rgba(rgba.width(), rgba.height(), rgba.as_raw());
            let dt = t0.elapsed().as_secs_f64() * 1e3;
            let ok = got.as_ref().is_some_and(|d| d.text.as_bytes() == want.as_slice());
            let pipeline_ok = ok;
            *t.hits.entry("pipeline".into()).or_default() += ok as usize;
            *t.ms.entry("pipeline".into()).or_default() += dt;
            if !ok && std::env::var("VERBOSE").is_ok() {
                println!("MISS {} got {:?}", path.display(), got.map(|d| d.text.chars().take(40).collect::<String>()));
            }
            if only_pipeline {
                continue;
            }
            for &step in STEPS {
                let frame = Frame::rgba(rgba.width(), rgba.height(), rgba.as_raw()).expect("valid image");
                let t0 = Instant::now();
                let got = strategy::decode_frame(&frame, &[step]);
                let dt = t0.elapsed().as_secs_f64() * 1e3;
                let ok = got.is_some_and(|d| d.text.as_bytes() == want.as_slice());
                *t.hits.entry(format!("{step:?}")).or_default() += ok as usize;
                if ok && !pipeline_ok {
                    println!("RESCUE {step:?} {}", path.display());
                }
                *t.ms.entry(format!("{step:?}")).or_default() += dt;
            }
        }
    }
    for (g, t) in &tallies {
        println!("## {g} ({} cases)", t.n);
        for (k, hits) in &t.hits {
            println!("  {k:<16} {hits:>4}/{:<4} {:>8.2} ms/img", t.n, t.ms[k] / t.n.max(1) as f64);
        }
    }
}
