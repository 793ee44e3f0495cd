//! Camera frames: arbitrary sizes and pixels through the app's decoding seam.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let w = u32::from(u16::from_le_bytes([data[0], data[1]])) % 700;
    let h = u32::from(u16::from_le_bytes([data[2], data[3]])) % 700;
    let pixels = &data[4..];
    let _ = yima_decode::decode_rgba(w, h, pixels);
    let _ = yima_decode::decode_luma(w, h, pixels);
});
