//! Opens a root-signed file that stays a JS string (the full revocation list: 3 MB of text for
//! 1,000,000 entries). The browser's own `JSON.parse` reads the envelope, and the payload's
//! base64 crosses into wasm only in 64 KB slices, each decoded straight into the one buffer that
//! is verified and then read in place (`yima_core::open_fields`). wasm memory never
//! shrinks, so this keeps opening the list at the payload's size instead of four copies of it.
//! Rust only (js_sys), no JS file. The app (src/trust_store/revocation.rs) and
//! bench/revocation/wasm, which measures it, both use this crate.

use ed25519_dalek::VerifyingKey;
use js_sys::{Function, JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use yima_core::{open_fields, EnvelopeError, Fields, Payload};
use yima_core::{FullList, RevocationError, FULL_KIND};

/// UTF-16 units per slice; a multiple of 4 so that each slice is whole base64.
const SLICE: u32 = 64 * 1024;

fn call(obj: &JsValue, method: &str, args: &[&JsValue]) -> Option<JsValue> {
    let f: Function = Reflect::get(obj, &method.into()).ok()?.dyn_into().ok()?;
    match args {
        [a] => f.call1(obj, a),
        [a, b] => f.call2(obj, a, b),
        _ => f.call0(obj),
    }
    .ok()
}

fn field(obj: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(obj, &name.into()).ok()
}

/// Verifies a signed file of `kind` held as a JS string; returns the payload in place.
pub fn open_payload(kind: &str, text: &JsString, roots: &[VerifyingKey], cap: usize) -> Result<Payload, EnvelopeError> {
    if text.length() as usize > cap {
        return Err(EnvelopeError::too_large(kind, cap));
    }
    let json = field(&js_sys::global(), "JSON").ok_or(EnvelopeError::NotEnvelope)?;
    let env = call(&json, "parse", &[text]).filter(JsValue::is_object).ok_or(EnvelopeError::NotEnvelope)?;
    let small = |name| field(&env, name).and_then(|v| v.as_string()).ok_or(EnvelopeError::NotEnvelope);
    let (yima, kid, signature) = (small("yima")?, small("kid")?, small("signature")?);
    let payload: JsString = field(&env, "payload").and_then(|v| v.dyn_into().ok()).ok_or(EnvelopeError::NotEnvelope)?;
    let n = payload.length();
    let fields = Fields { yima: &yima, kid: &kid, signature: &signature, payload_len: n as usize };
    let slices = (0..n).step_by(SLICE as usize).map(|i| String::from(payload.slice(i, n.min(i + SLICE))));
    open_fields(kind, &fields, slices, roots, cap)
}

/// Verifies and parses a full revocation list held as a JS string (`cap`: the app's
/// `MAX_FULL_LEN`; the benchmark also opens larger lists).
pub fn open_full(text: &JsString, roots: &[VerifyingKey], cap: usize) -> Result<FullList, RevocationError> {
    FullList::parse_in_place(open_payload(FULL_KIND, text, roots, cap)?)
}

/// localStorage value of `key` as a JS string, not copied into wasm memory.
pub fn stored(key: &str) -> Option<JsString> {
    let s = web_storage()?;
    call(&s, "getItem", &[&key.into()])?.dyn_into().ok()
}

/// Stores a JS string under `key`; whether it was stored (quota, private mode).
pub fn store(key: &str, value: &JsString) -> bool {
    web_storage().is_some_and(|s| call(&s, "setItem", &[&key.into(), value]).is_some())
}

fn web_storage() -> Option<JsValue> {
    field(&js_sys::global(), "localStorage").filter(|s| !s.is_null() && !s.is_undefined())
}
