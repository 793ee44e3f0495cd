//! Fuzzes the decoding seam with arbitrary frames: header `[w: u16 LE][h: u16 LE][mode]`, then
//! pixels. Sizes need not match the pixel count (the guard must reject those). Any panic is a bug:
//! libfuzzer-sys's panic hook aborts before the decoder's `catch_unwind` can hide it.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run decode_frame -- -max_len=65536 -max_total_time=600`
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((head, pixels)) = data.split_first_chunk::<5>() else { return };
    let w = u16::from_le_bytes([head[0], head[1]]) as u32;
    let h = u16::from_le_bytes([head[2], head[3]]) as u32;
    match head[4] % 3 {
        0 => drop(yima_decode::decode_rgba(w, h, pixels)),
        1 => drop(yima_decode::decode_luma(w, h, pixels)),
        _ => {
            let mut scanner = yima_decode::Scanner::new();
            for _ in 0..3 {
                drop(scanner.scan_luma(w, h, pixels));
            }
        }
    }
});
