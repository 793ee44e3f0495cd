//! Revocation figures in wasm, driven by bench/revocation/bench.mjs in Chromium: opening (verify
//! + parse) a signed full list, and lookups, with the same core code the app runs.

use std::cell::RefCell;

use ed25519_dalek::VerifyingKey;
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use yima_core::{revocation_entry as entry, HighWater, RevocationStatus as Status, Revocations, MAX_FULL_LEN};

thread_local! {
    static HELD: RefCell<Option<Revocations>> = const { RefCell::new(None) };
    static PROBES: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn roots() -> Vec<VerifyingKey> {
    vec![yima_issue::demo::root_key().verifying_key()]
}

/// Verifies and parses a signed full list (a JS string, as fetched) and holds it (dropping the
/// one held before); returns its entry count. As the app does (`yima_signed_js` and
/// `Revocations::update_opened`), with the app's 4 MiB cap when `app_path`, else uncapped
/// (10,000,000 entries are over the cap).
#[wasm_bindgen]
pub fn open(text: JsString, app_path: bool) -> Result<u32, String> {
    HELD.with(|h| h.borrow_mut().take());
    let roots = roots();
    let cap = if app_path { MAX_FULL_LEN } else { usize::MAX };
    let opened = yima_signed_js::open_full(&text, &roots, cap);
    let mut held = None;
    let (floor, now) = (&mut HighWater::default(), yima_core::Time::MAX_UTC);
    Revocations::update_opened(&mut held, Some(opened), None, floor, now).map_err(|e| e.to_string())?;
    let held = held.ok_or("nothing held")?;
    let count = held.full().count;
    HELD.with(|h| *h.borrow_mut() = Some(held));
    Ok(count)
}

/// Bytes the held structure keeps (fingerprints or entries).
#[wasm_bindgen]
pub fn held_bytes() -> u32 {
    HELD.with(|h| h.borrow().as_ref().map_or(0, |r| r.full().set.heap_bytes() as u32))
}

/// Entries of `n` never-revoked credentials (another issuer's kid), for [`lookups`].
#[wasm_bindgen]
pub fn prepare(n: u32) {
    let probes = (0..u128::from(n)).map(|i| entry(&[2; 8], &i.to_be_bytes())).collect();
    PROBES.with(|p| *p.borrow_mut() = probes);
}

/// Looks every prepared entry up; returns the hits (false hits: none of them is revoked).
#[wasm_bindgen]
pub fn lookups() -> u32 {
    HELD.with(|h| {
        let h = h.borrow();
        let Some(r) = h.as_ref() else { return 0 };
        PROBES.with(|p| p.borrow().iter().filter(|e| r.status_of(**e) != Status::Clear).count() as u32)
    })
}

/// The whole per-credential path of a scan, `n` times: kid from hex, SHA-256 entry, lookup.
#[wasm_bindgen]
pub fn statuses(n: u32) -> u32 {
    HELD.with(|h| {
        let h = h.borrow();
        let Some(r) = h.as_ref() else { return 0 };
        (0..u128::from(n)).filter(|i| r.status("0202020202020202", Some(&i.to_be_bytes())) != Status::Clear).count() as u32
    })
}
