//! Arbitrary QR text (and arbitrary COSE bytes behind a valid prefix) → decode → verify.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yima_core::{encode_text, verify_credential as verify};
use yima_issue::demo;

static TRUST: std::sync::OnceLock<yima_core::TrustList> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    let trust = TRUST.get_or_init(|| demo::trust_list(now));
    let text = String::from_utf8_lossy(data);
    let _ = verify(&text, trust, now);
    let _ = verify(&encode_text(data), trust, now);
});
