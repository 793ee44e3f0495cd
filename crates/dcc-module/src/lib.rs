//! The DCC reader as its own wasm module (`dcc/` in the build, size-optimised), fetched by the
//! app (src/lazy/) the first time an HC1 code is scanned and then kept by the
//! service worker for offline use. All judging is `yima_dcc::scan::judge`; this is only the JS
//! boundary. The app verified the root-signed files it takes its context from
//! (`yima_core::ForeignContext`), so this module carries no Ed25519 and no JSON code.

use wasm_bindgen::prelude::*;

/// JS: `kid(text)` → the kid of an HC1 text (empty if it cannot be read). Never throws.
#[wasm_bindgen]
pub fn kid(text: &str) -> Vec<u8> {
    yima_dcc::scan::kid(text).unwrap_or_default()
}

/// JS: `judge(text, parts)` → the card of an HC1 text (`yima_core::ForeignView`) as
/// bytes; `parts` are `yima_core::ForeignParts` as bytes: the app's context and the
/// trust list's signer for [`kid`]. Both encodings: crates/core/src/foreign/wire.rs. Never
/// throws: parts that do not decode give a `dcc_malformed` card.
#[wasm_bindgen]
pub fn judge(text: &str, parts: &[u8]) -> Vec<u8> {
    yima_dcc::scan::judge_bytes(text, parts).to_bytes()
}
