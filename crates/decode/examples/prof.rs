//! Profiling helper: preloads frames, then runs the production pipeline on them N times.
//! `cargo run --release -p yima-decode --features rqrr --example prof -- N FILE...`
use std::time::Instant;
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let frames: Vec<image::RgbaImage> = args.map(|f| image::open(f).expect("image").to_rgba8()).collect();
    let mut times = Vec::new();
    for _ in 0..n {
        for f in &frames {
            let t = Instant::now();
            let _ = yima_decode::decode_rgba(f.width(), f.height(), f.as_raw());
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let t = Instant::now();
    for f in frames.iter().cycle().take(frames.len() * n) {
        let fr = yima_decode::Frame::rgba(f.width(), f.height(), f.as_raw()).expect("valid");
        std::hint::black_box(fr.half());
    }
    println!("half from RGBA: {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / (frames.len() * n) as f64);
    times.sort_by(f64::total_cmp);
    println!("{} runs: median {:.2} ms, p95 {:.2} ms", times.len(), times[times.len() / 2], times[times.len() * 95 / 100]);
}
