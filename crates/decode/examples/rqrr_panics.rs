//! Finds images on which raw rqrr panics (with `image`'s own greyscale conversion and ours).
//!
//! `cargo run --release -p yima-decode --features rqrr --example rqrr_panics -- FILE...`

fn rqrr_raw(w: usize, h: usize, px: &[u8]) {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| px[y * w + x]);
    for g in img.detect_grids() {
        let _ = g.decode();
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    for f in std::env::args().skip(1) {
        let Ok(img) = image::open(&f) else { continue };
        for (rot, img) in [(0, img.clone()), (90, img.rotate90()), (180, img.rotate180()), (270, img.rotate270())] {
            let l = img.to_luma8();
            let (w, h) = (l.width() as usize, l.height() as usize);
            let a = std::panic::catch_unwind(|| rqrr_raw(w, h, l.as_raw())).is_err();
            let rgba = img.to_rgba8();
            let frame = yima_decode::Frame::rgba(rgba.width(), rgba.height(), rgba.as_raw()).expect("valid");
            let ours = frame.full();
            let b = std::panic::catch_unwind(|| rqrr_raw(w, h, ours.data())).is_err();
            let half = ours.half().expect("not tiny");
            let c = std::panic::catch_unwind(|| rqrr_raw(w / 2, h / 2, half.data())).is_err();
            if a || b || c {
                println!("PANIC {f} rot {rot} (image luma: {a}, yima luma: {b}, half: {c})");
            }
        }
    }
}
