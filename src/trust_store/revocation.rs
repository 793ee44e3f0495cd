//! The revocation files (`revocation-delta.json`, `revocation-full.json`): the small delta is
//! fetched at every sync; the full list only when the delta is made for another list than the
//! one held (or none is held). Same size caps per kind as the core, same fetch, verified before
//! use, kept as the signed text in localStorage; a refused file leaves the held copy in place.

use ed25519_dalek::VerifyingKey;
use yima_core::revocation::{DeltaList, Revocations, MAX_DELTA_LEN, MAX_FULL_LEN};

use super::{fetch_capped, fetched, Fetched, ENDPOINT, FETCH_TIMEOUT_MS};
use crate::storage;

const FULL_FILE: &str = "revocation-full.json";
const DELTA_FILE: &str = "revocation-delta.json";
const FULL_KEY: &str = "yima.revocation.full";
const DELTA_KEY: &str = "yima.revocation.delta";

/// The stored copies at start-up; a copy that no longer verifies is removed. (held, corrupt?)
pub fn load(roots: &[VerifyingKey]) -> (Option<Revocations>, bool) {
    let mut held = None;
    let mut corrupt = false;
    if let Some(text) = storage::get(FULL_KEY) {
        if Revocations::update(&mut held, Some(text.as_bytes()), None, roots).is_err() {
            storage::remove(FULL_KEY);
            corrupt = true;
        }
    }
    if let (Some(_), Some(text)) = (&held, storage::get(DELTA_KEY)) {
        if Revocations::update(&mut held, None, Some(text.as_bytes()), roots).is_err() {
            storage::remove(DELTA_KEY);
            corrupt = true;
        }
    }
    (held, corrupt)
}

async fn get(file: &str, cap: usize, refused: &mut Vec<String>, failed: &mut Vec<String>) -> Option<String> {
    match fetched(fetch_capped(&format!("{ENDPOINT}{file}"), cap as u32, FETCH_TIMEOUT_MS)).await {
        Fetched::Text(t) => Some(t),
        Fetched::TooLarge => {
            refused.push(format!("{file}: {}", yima_core::envelope::EnvelopeError::TooLarge));
            None
        }
        Fetched::Failed(why) => {
            failed.push(format!("{file}: {why}"));
            None
        }
    }
}

/// Fetches and applies the revocation files; notes refusals and network failures.
pub async fn sync(held: &mut Option<Revocations>, roots: &[VerifyingKey], refused: &mut Vec<String>, failed: &mut Vec<String>) {
    let delta = get(DELTA_FILE, MAX_DELTA_LEN, refused, failed).await;
    let base = delta.as_deref().and_then(|t| DeltaList::open(t.as_bytes(), roots).ok()).map(|d| d.base);
    let need_full = match (held.as_ref(), base) {
        (Some(h), Some(b)) => h.full().header.sequence != b,
        _ => true,
    };
    if need_full {
        if let Some(text) = get(FULL_FILE, MAX_FULL_LEN, refused, failed).await {
            match Revocations::update(held, Some(text.as_bytes()), None, roots) {
                Ok(()) => {
                    storage::set(FULL_KEY, &text);
                    if held.as_ref().is_some_and(|h| h.delta().is_none()) {
                        storage::remove(DELTA_KEY);
                    }
                }
                Err(e) => refused.push(format!("{FULL_FILE}: {e}")),
            }
        }
    }
    if let Some(text) = delta {
        match Revocations::update(held, None, Some(text.as_bytes()), roots) {
            Ok(()) => {
                storage::set(DELTA_KEY, &text);
            }
            Err(e) => refused.push(format!("{DELTA_FILE}: {e}")),
        }
    }
}
