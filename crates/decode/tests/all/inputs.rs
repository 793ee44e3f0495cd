//! Hostile inputs: wrong sizes, garbage and huge dimensions return `None`, never panic.

use yima_decode::{decode_luma, decode_rgba, Scanner};

#[test]
fn zero_and_mismatched_sizes_return_none() {
    assert_eq!(decode_rgba(0, 0, &[]), None);
    assert_eq!(decode_rgba(0, 10, &[]), None);
    assert_eq!(decode_rgba(10, 10, &[0; 399]), None);
    assert_eq!(decode_rgba(10, 10, &[0; 401]), None);
    assert_eq!(decode_luma(10, 10, &[0; 99]), None);
    assert_eq!(decode_luma(1, 1, &[]), None);
}

#[test]
fn huge_dimensions_return_none_without_allocating() {
    assert_eq!(decode_rgba(u32::MAX, u32::MAX, &[0; 16]), None);
    assert_eq!(decode_rgba(65536, 65536, &[]), None);
    assert_eq!(decode_luma(u32::MAX, 1, &[0; 4]), None);
}

#[test]
fn garbage_frames_return_none() {
    let mut x: u32 = 12345;
    let noise: Vec<u8> = (0..320 * 240)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    assert_eq!(decode_luma(320, 240, &noise), None);
    assert_eq!(decode_luma(320, 240, &[255; 320 * 240]), None);
    for (w, h) in [(1, 1), (1, 500), (500, 1), (3, 3)] {
        assert_eq!(decode_luma(w, h, &vec![0; (w * h) as usize]), None);
    }
    let mut scanner = Scanner::new();
    for _ in 0..4 {
        assert_eq!(scanner.scan_rgba(16, 16, &[7; 16 * 16 * 4]), None);
        assert_eq!(scanner.scan_rgba(16, 16, &[7; 3]), None);
    }
}
