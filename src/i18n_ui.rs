//! UI texts not covered by `yima_core`'s labels (verdicts, colours, tests) and words
//! (reasons, ages).

use yima_core::Lang;
use yima_core::Time;

/// Picks the Chinese or English text.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Local date and time, `MM-DD HH:mm` (for report and sample times), kept on one line: a
/// no-break hyphen (U+2011) and a no-break space.
pub fn local_time(t: Time) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from(t.timestamp_millis() as f64));
    format!("{:02}\u{2011}{:02}\u{a0}{:02}:{:02}", d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
}
