//! The DCC reader as its own wasm module (`dcc/` in the build, size-optimised), fetched by the
//! app (src/lazy/) the first time an HC1 code is scanned and then kept by the
//! service worker for offline use. All judging is `yima_dcc::scan::judge`; this is only the JS
//! boundary, in plain numbers and bytes. The app verified the root-signed files it takes its
//! context from (`yima_core::foreign`), so this module carries no Ed25519 and no JSON reader.

use wasm_bindgen::prelude::*;
use yima_core::ForeignParts;

/// JS: `kid(text)` → the kid of an HC1 text (empty if it cannot be read). Never throws.
#[wasm_bindgen]
pub fn kid(text: &str) -> Vec<u8> {
    yima_dcc::scan::kid(text).unwrap_or_default()
}

/// JS: `judge(text, ...parts)` → the card of an HC1 text as JSON
/// (`yima_core::ForeignView`); `parts` are the fields of `yima_core::ForeignParts`
/// in order: the app's context and the trust list's signer for [`kid`]. Never throws.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn judge(
    text: &str,
    now_ms: f64,
    status: u32,
    trusted: bool,
    key: Option<Vec<u8>>,
    key_from_ms: f64,
    key_until_ms: f64,
    key_types: u32,
    policy: bool,
    skew_seconds: u32,
    accepted: bool,
    test_hours: Option<u32>,
    rapid_antigen: bool,
    vaccination_days: Option<u32>,
    recovery: bool,
) -> String {
    let parts = ForeignParts {
        now_ms,
        status,
        trusted,
        key,
        key_from_ms,
        key_until_ms,
        key_types,
        policy,
        skew_seconds,
        accepted,
        test_hours,
        rapid_antigen,
        vaccination_days,
        recovery,
    };
    serde_json::to_string(&yima_dcc::scan::judge_parts(text, &parts)).unwrap_or_default()
}
