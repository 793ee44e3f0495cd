//! Writes fuzz seeds for `fuzz/decode_frame` from real images: each image shrunk to at most
//! 200×150 greyscale, framed as `[w: u16 LE][h: u16 LE][mode = 1 (luma)]` + pixels.
//!
//! `cargo run --release -p yima-decode --example fuzz_seeds -- OUT_DIR FILE...`

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("OUT_DIR"));
    std::fs::create_dir_all(&out).expect("create OUT_DIR");
    for (i, f) in args.enumerate() {
        let Ok(img) = image::open(&f) else { continue };
        let small = img.thumbnail(200, 150).to_luma8();
        let mut seed = Vec::with_capacity(5 + small.as_raw().len());
        seed.extend_from_slice(&(small.width() as u16).to_le_bytes());
        seed.extend_from_slice(&(small.height() as u16).to_le_bytes());
        seed.push(1);
        seed.extend_from_slice(small.as_raw());
        std::fs::write(out.join(format!("seed-{i:03}")), seed).expect("write seed");
    }
}
