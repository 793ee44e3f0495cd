//! keys.json / policies.json: the envelope check, and the content parsers behind it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yima_core::SignedContent;
use yima_core::{PolicySet, TrustList};
use yima_issue::demo;

static ROOT: std::sync::OnceLock<ed25519_dalek::VerifyingKey> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let roots = [*ROOT.get_or_init(|| demo::root_key().verifying_key())];
    let _ = TrustList::open(data, &roots);
    let _ = PolicySet::open(data, &roots);
    // What a correctly signed but hostile file would carry.
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    if let Ok(t) = serde_json::from_slice::<TrustList>(data) {
        let _ = t.is_stale(now);
        let _ = t.keys.iter().map(|k| k.verifying_key()).count();
    }
    if let Ok(p) = serde_json::from_slice::<PolicySet>(data) {
        let _ = p.is_stale(now);
        let _ = p.select(&yima_core::VenueKey { venue: "metro".into(), region: 310000 }, now);
        let _ = p.venue_types();
    }
});
