//! The DCC reader as its own wasm module (`dcc/` in the build, size-optimised), fetched by the
//! app (src/scan_flow/dcc.js) the first time an HC1 code is scanned and then kept by the
//! service worker for offline use. All judging is `yima_dcc::scan::scan`; this is only the
//! JS boundary. Time is passed in by the caller.

use ed25519_dalek::VerifyingKey;
use wasm_bindgen::prelude::*;
use yima_core::policy::VenueKey;
use yima_core::Time;

/// The 32-byte root keys packed one after another (malformed ones are dropped: nothing will
/// verify under them).
pub fn roots(packed: &[u8]) -> Vec<VerifyingKey> {
    packed.chunks_exact(32).filter_map(|k| <[u8; 32]>::try_from(k).ok()).filter_map(|k| VerifyingKey::from_bytes(&k).ok()).collect()
}

/// JS: `scan(text, keysJson, policiesJson, roots, venue, region, nowMs)` → the card of an HC1
/// text as JSON (`yima_core::card::ForeignView`). Never throws.
#[wasm_bindgen]
pub fn scan(text: &str, keys: Option<String>, policies: Option<String>, roots_packed: &[u8], venue: &str, region: u32, now_ms: f64) -> String {
    let now = Time::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    let venue = VenueKey { venue: venue.into(), region };
    let view = yima_dcc::scan::scan(text, keys.as_deref(), policies.as_deref(), &roots(roots_packed), &venue, now);
    serde_json::to_string(&view).unwrap_or_default()
}
