//! The app's only clock reads (the core never reads a clock).

use yima_core::Time;

/// The device clock.
pub fn now() -> Time {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The device's local calendar day, `YYYY-MM-DD` (daily counters reset on it).
pub fn local_day() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Milliseconds since page start (`performance.now()`).
pub fn perf_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Records a performance mark: timings for the browser tests and benchmarks, never a signal
/// that the app itself listens to.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
