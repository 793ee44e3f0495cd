//! The revocation file parser: arbitrary payloads (what a correctly signed but hostile file would
//! carry) through `FullList::parse` / `DeltaList::parse`, with lookups in whatever parses; and
//! arbitrary bytes through the envelope check and `Revocations::update`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yima_core::{DeltaList, FullList, Revocations};
use yima_issue::demo;

static ROOT: std::sync::OnceLock<ed25519_dalek::VerifyingKey> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let roots = [*ROOT.get_or_init(|| demo::root_key().verifying_key())];
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    let probes = data.chunks(8).map(|c| c.iter().fold(0u64, |a, b| a << 8 | u64::from(*b)));
    if let Ok(full) = FullList::parse(data) {
        // a parsed filter must answer any lookup without panicking, and write back what it read
        assert_eq!(full.payload(), data);
        let mut held = Revocations::new(full);
        for p in probes.clone() {
            let _ = held.status_of(p);
        }
        let _ = held.is_stale(now);
        if let Ok(delta) = DeltaList::parse(data) {
            let _ = held.apply_delta(delta, 0, now);
        }
    }
    if let Ok(delta) = DeltaList::parse(data) {
        assert_eq!(delta.payload(), data);
        for p in probes {
            let _ = delta.contains(p);
        }
    }
    let mut held = None;
    let _ = Revocations::update(&mut held, Some(data), Some(data), &roots, now);
});
