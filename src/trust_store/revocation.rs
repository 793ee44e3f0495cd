//! The revocation files (`revocation-delta.json`, `revocation-full.json`): the small delta is
//! fetched at every sync, alongside keys.json and policies.json; the full list too when none is
//! held, else only once the delta turns out to be made for another list. Same fetch, size caps
//! per kind and conditional requests (the endpoint's ETag → 304) as the trust list, verified
//! before use, kept as the signed text in localStorage; a refused file leaves the held copy in
//! place. The full list stays a JS string from fetch to storage and is opened by
//! [`yima_signed_js`], so its text never enters wasm memory. The highest sequences
//! accepted are kept apart, so a rollback is refused even after the stored copy was dropped.

use ed25519_dalek::VerifyingKey;
use js_sys::Promise;
use wasm_bindgen::JsValue;
use yima_core::{DeltaList, HighWater, RevocationError, Revocations, Time, DELTA_KIND, FULL_KIND, MAX_DELTA_LEN, MAX_FULL_LEN};
use yima_signed_js as signed_js;

use super::{fetch_capped, fetched, fetched_js, notes, Fetched, ENDPOINT, FETCH_TIMEOUT_MS};
use crate::storage;

const FULL_FILE: &str = "revocation-full.json";
const DELTA_FILE: &str = "revocation-delta.json";
const FULL_KEY: &str = "yima.revocation.full";
const DELTA_KEY: &str = "yima.revocation.delta";
/// The high-water mark, "full delta".
const SEQ_KEY: &str = "yima.revocation.seq";

/// "Now" when re-opening the stored copies at start-up: they passed the sequence rule when they
/// were fetched, so its bound on running ahead of the clock is not applied again.
const STORED: Time = Time::MAX_UTC;

/// The stored high-water mark (`full delta`), zero when absent or unreadable.
fn high_water() -> HighWater {
    let text = storage::get(SEQ_KEY).unwrap_or_default();
    let mut n = text.split(' ').map(|s| s.parse().unwrap_or(0));
    HighWater { full: n.next().unwrap_or(0), delta: n.next().unwrap_or(0) }
}

fn keep_high_water(floor: HighWater) {
    notes::wrote(storage::set(SEQ_KEY, &format!("{} {}", floor.full, floor.delta)));
}

/// What a stored copy refused at start-up says: older than the high-water mark (its newer copy
/// could not be written: kept, not used) or corrupt (removed).
fn refused_at_load(key: &str, e: &RevocationError, corrupt: &mut bool, outdated: &mut bool) {
    if matches!(e, RevocationError::Rollback(_)) {
        *outdated = true;
    } else {
        storage::remove(key);
        *corrupt = true;
    }
}

/// The stored copies at start-up, each checked against the high-water mark; a copy that no
/// longer verifies is removed. (held, corrupt?, outdated?)
pub fn load(roots: &[VerifyingKey]) -> (Option<Revocations>, bool, bool) {
    let mut held = None;
    let (mut corrupt, mut outdated) = (false, false);
    let mut floor = high_water();
    if let Some(text) = signed_js::stored(FULL_KEY) {
        if let Err(e) =
            Revocations::update_opened(&mut held, Some(signed_js::open_full(&text, roots, MAX_FULL_LEN)), None, &mut floor, STORED)
        {
            refused_at_load(FULL_KEY, &e, &mut corrupt, &mut outdated);
        }
    }
    if let (Some(_), Some(text)) = (&held, storage::get(DELTA_KEY)) {
        if let Err(e) = Revocations::update_above(&mut held, None, Some(text.as_bytes()), roots, &mut floor, STORED) {
            refused_at_load(DELTA_KEY, &e, &mut corrupt, &mut outdated);
        }
    }
    (held, corrupt, outdated)
}

fn start_get(file: &str, cap: usize, progress: &JsValue) -> Promise {
    fetch_capped(&format!("{ENDPOINT}{file}"), cap as u32, FETCH_TIMEOUT_MS, progress)
}

async fn get(file: &str, fetch: Promise, refused: &mut Vec<String>, failed: &mut Vec<String>) -> Option<String> {
    get_as(file, fetched(fetch).await, refused, failed)
}

fn get_as<T>(file: &str, got: Fetched<T>, refused: &mut Vec<String>, failed: &mut Vec<String>) -> Option<T> {
    match got {
        Fetched::Text(t) => Some(t),
        // Never newer than the copy this page stored from the same answer.
        Fetched::Cached(_) => {
            failed.push(format!("{file}: {}", notes::NOT_REACHED));
            None
        }
        Fetched::TooLarge => {
            let (kind, cap) = if file == FULL_FILE { (FULL_KIND, MAX_FULL_LEN) } else { (DELTA_KIND, MAX_DELTA_LEN) };
            refused.push(format!("{file}: {}", yima_core::EnvelopeError::too_large(kind, cap)));
            None
        }
        Fetched::Failed(why) => {
            failed.push(format!("{file}: {why}"));
            None
        }
    }
}

/// The GETs started with the trust list's.
pub struct Started {
    delta: Promise,
    full: Option<Promise>,
    /// Follows the full list's download.
    progress: JsValue,
}

/// Starts the delta's GET, and the full list's when none is held (it will be needed).
pub fn start(held: Option<&Revocations>, progress: &JsValue) -> Started {
    let full = held.is_none().then(|| start_get(FULL_FILE, MAX_FULL_LEN, progress));
    Started { delta: start_get(DELTA_FILE, MAX_DELTA_LEN, &JsValue::UNDEFINED), full, progress: progress.clone() }
}

/// Awaits the started GETs and applies what verifies; notes refusals and network failures.
pub async fn finish(
    started: Started,
    held: &mut Option<Revocations>,
    roots: &[VerifyingKey],
    refused: &mut Vec<String>,
    failed: &mut Vec<String>,
    now: Time,
) {
    let text = get(DELTA_FILE, started.delta, refused, failed).await;
    // Opened (signature checked) once: its base says whether the held full list still fits.
    let delta = text.map(|t| (DeltaList::open(t.as_bytes(), roots), t));
    let base = delta.as_ref().and_then(|(d, _)| d.as_ref().ok()).map(|d| d.base);
    let full = match (started.full, held.as_ref(), base) {
        (Some(fetch), _, _) => Some(fetch),
        (None, Some(h), Some(b)) if h.full().header.sequence == b => None,
        (None, _, _) => Some(start_get(FULL_FILE, MAX_FULL_LEN, &started.progress)),
    };
    let mut floor = high_water();
    if let Some(fetch) = full {
        if let Some(text) = get_as(FULL_FILE, fetched_js(fetch).await, refused, failed) {
            match Revocations::update_opened(held, Some(signed_js::open_full(&text, roots, MAX_FULL_LEN)), None, &mut floor, now) {
                Ok(()) => {
                    notes::wrote(signed_js::store(FULL_KEY, &text));
                    if held.as_ref().is_some_and(|h| h.delta().is_none()) {
                        storage::remove(DELTA_KEY);
                    }
                }
                Err(e) => refused.push(format!("{FULL_FILE}: {e}")),
            }
        }
    }
    if let Some((opened, text)) = delta {
        match Revocations::update_opened(held, None, Some(opened), &mut floor, now) {
            Ok(()) => {
                notes::wrote(storage::set(DELTA_KEY, &text));
            }
            Err(e) => refused.push(format!("{DELTA_FILE}: {e}")),
        }
    }
    keep_high_water(floor);
}
