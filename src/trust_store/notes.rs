//! What one sync noticed besides the files themselves: whether the endpoint answered (a service
//! worker's kept copy does not count), its latest HTTP `Date`, and storage writes that failed.
//! Collected while the files are fetched and stored, then written into the [`TrustState`]. The
//! last answer's time is kept in storage, so the strip says how long ago the endpoint was reached
//! after a restart too; the `Date` (unsigned: a forged one could only make codes look older) is
//! kept in memory only.

use std::cell::Cell;

use yima_core::Time;

use super::TrustState;
use crate::storage;

/// The failure noted for a file the service worker answered from its cache.
pub const NOT_REACHED: &str = "endpoint not reached (the service worker's kept copy)";
/// Unix ms of the last answer.
const REACHED_KEY: &str = "yima.trust.reached";

#[derive(Clone, Copy, Default)]
struct Notes {
    reached: bool,
    date_ms: Option<f64>,
    write_failed: bool,
}

thread_local! {
    static NOTES: Cell<Notes> = Cell::new(Notes::default());
}

fn update(f: impl FnOnce(&mut Notes)) {
    NOTES.with(|n| {
        let mut v = n.get();
        f(&mut v);
        n.set(v);
    });
}

/// A sync begins.
pub fn start() {
    NOTES.with(|n| n.set(Notes::default()));
}

/// The endpoint answered, with this HTTP `Date` (ms; NaN or none when absent).
pub fn reached(date_ms: Option<f64>) {
    update(|n| {
        n.reached = true;
        if let Some(d) = date_ms.filter(|d| d.is_finite()) {
            n.date_ms = Some(n.date_ms.map_or(d, |x| x.max(d)));
        }
    });
}

/// A storage write's outcome (`storage::set`'s value).
pub fn wrote(ok: bool) {
    if !ok {
        update(|n| n.write_failed = true);
    }
}

fn time(ms: f64) -> Option<Time> {
    Time::from_timestamp_millis(ms as i64)
}

/// Writes what this sync noticed into `state`, at device time `now`.
pub fn finish(state: &mut TrustState, now: Time) {
    let n = NOTES.with(Cell::get);
    state.write_failed = n.write_failed;
    if let Some(d) = n.date_ms.and_then(time) {
        state.date_floor = Some(state.date_floor.map_or(d, |x| x.max(d)));
    }
    if n.reached {
        state.reached = Some(now);
        state.stored_outdated &= n.write_failed;
        storage::set(REACHED_KEY, &now.timestamp_millis().to_string());
    }
}

/// The stored time of the last answer (none when absent or unreadable).
pub fn load_reached() -> Option<Time> {
    storage::get(REACHED_KEY).and_then(|s| s.parse::<i64>().ok()).filter(|&ms| ms > 0).and_then(Time::from_timestamp_millis)
}
