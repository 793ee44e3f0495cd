//! Coming back from a wasm trap. A panic or trap kills the module, so the page cannot mend
//! itself from inside: the crash watch in index.html notices (a panic aborts as a
//! `RuntimeError`, which reaches it as an uncaught error or rejection; other errors do not
//! count), says so and reloads. The settings in effect travel through that reload
//! in `window.name` (kept by a reload in the same tab, even where storage is refused); the URL's
//! own settings are kept by the reload itself.
//!
//! No panic hook: it would duplicate what the `RuntimeError` already says, for about a
//! kilobyte of first paint.

use wasm_bindgen::JsValue;

use crate::prefs::Prefs;
use crate::web_api;

// `window.name` of a page reloaded by the crash watch: `yima-recover:N:T:P`, crashes in a
// row, ms of the last, and the settings (`publish`'s JSON; `-` once read). Written and read by
// the watch in index.html.

/// Keeps the settings in effect where the crash watch can take them through a reload (as the
/// JSON that `Prefs::save` stores: the same serialiser and reader, no new code).
pub fn publish(p: &Prefs) {
    if let Ok(text) = serde_json::to_string(p) {
        web_api::set_global("__yimaPrefs", &JsValue::from_str(&text));
    }
}

/// After a crash-watch reload (`None` on any other load): the settings that were in effect, if
/// the app had published them. The watch reads `window.name` itself at start-up (and keeps the
/// crash count there: it stops reloading after three crashes in two minutes) and hands the
/// settings over as `self.__yimaRecovered`.
pub fn take() -> Option<Option<Prefs>> {
    web_api::global("__yimaRecovered")?.as_string().map(|p| serde_json::from_slice(p.as_bytes()).ok())
}
