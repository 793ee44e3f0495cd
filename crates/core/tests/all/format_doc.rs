//! The worked examples of docs/format.md §1 are what the demo issuer mints: the QR text, and
//! each stage's bytes in hex, so a second implementation can check itself against them.

use std::path::Path;

use yima_core::{base45_decode, decode_text, hex, open_cose, Time, QR_PREFIX};
use yima_issue::demo;

/// The code blocks of the section headed `heading`, each joined into one line.
fn blocks(heading: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/format.md")).unwrap();
    let section = doc.split("\n### ").find(|s| s.starts_with(heading)).unwrap_or_else(|| panic!("no section {heading}"));
    section.split("```").skip(1).step_by(2).map(|b| b.lines().map(str::trim_end).collect()).collect()
}

fn minted(id: &str, at: &str) -> String {
    let now: Time = at.parse().unwrap();
    demo::samples(now).into_iter().find(|s| s.id == id).unwrap().qr
}

#[test]
fn the_worked_example_is_the_demo_sample_byte_for_byte() {
    let qr = minted("green_nat_20h", "2026-11-23T18:44:35Z");
    let b = blocks("Worked example\n");
    assert_eq!(b[0], qr, "QR text: re-mint with `yima-issuer inspect` and update the docs");
    let cose = decode_text(&qr).unwrap();
    assert_eq!(b[1], hex(&base45_decode(&qr[QR_PREFIX.len()..]).unwrap()), "zlib");
    assert_eq!(b[2], hex(&cose), "COSE_Sign1");
    assert_eq!(b[3], hex(&open_cose(&cose).unwrap().payload), "claims");
}

#[test]
fn the_itinerary_example_is_the_demo_sample_and_its_annotation_its_bytes() {
    let qr = minted("itinerary_star", "2026-11-23T10:00:00Z");
    let b = blocks("Worked example: an itinerary card");
    assert_eq!(b[0], qr);
    // The annotated claims: the hex before each comment, in order.
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/format.md")).unwrap();
    let section = doc.split("\n### Worked example: an itinerary card").nth(1).unwrap();
    let annotated = section.split("```").nth(3).unwrap();
    let bytes: String =
        annotated.lines().flat_map(|l| l.split_whitespace().take_while(|w| w.chars().all(|c| c.is_ascii_hexdigit()))).collect();
    assert_eq!(bytes, hex(&open_cose(&decode_text(&qr).unwrap()).unwrap().payload));
}
