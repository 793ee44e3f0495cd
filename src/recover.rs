//! Coming back from a wasm trap. A panic or trap kills the module, so the page cannot mend
//! itself from inside: the crash watch in index.html notices (a panic aborts as a
//! `RuntimeError`, which reaches it as an uncaught error or rejection; so does an error thrown
//! through wasm frames), says so and reloads. The settings in effect travel through that reload
//! in `window.name` (kept by a reload in the same tab, even where storage is refused); the URL's
//! own settings are kept by the reload itself.
//!
//! No panic hook and no serde here: a hook that tells the watch would duplicate what the
//! `RuntimeError` already says, and each cost the first paint about a kilobyte.

use wasm_bindgen::JsValue;
use yima_core::i18n::Lang;

use crate::prefs::Prefs;
use crate::web_api;

// `window.name` of a page reloaded by the crash watch: `yima-recover:N:T:P`, crashes in a
// row, ms of the last, and the settings (`publish`'s text; `-` once read). Written and read by
// the watch in index.html.

/// Keeps the settings in effect where the crash watch can take them through a reload, as
/// `region|lang|sound|vibrate|venue` (the venue last: it is the only free text, `[A-Za-z0-9_-]`).
pub fn publish(p: &Prefs) {
    let text = format!("{}|{}|{}|{}|{}", p.region, p.lang.code(), p.sound as u8, p.vibrate as u8, p.venue);
    web_api::set_global("__yimaPrefs", &JsValue::from_str(&text));
}

fn parse(text: &str) -> Option<Prefs> {
    let mut f = text.splitn(5, '|');
    let region = f.next()?.parse().ok()?;
    let lang = Lang::parse(f.next()?)?;
    let (sound, vibrate) = (f.next()? == "1", f.next()? == "1");
    let venue = f.next()?.to_string();
    Some(Prefs { venue, region, lang, sound, vibrate })
}

/// After a crash-watch reload (`None` on any other load): the settings that were in effect, if
/// the app had published them. The watch reads `window.name` itself at start-up (and keeps the
/// crash count there: it stops reloading after three crashes in two minutes) and hands the
/// settings over as `self.__yimaRecovered`.
pub fn take() -> Option<Option<Prefs>> {
    web_api::global("__yimaRecovered")?.as_string().map(|p| parse(&p))
}
