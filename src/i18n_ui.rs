//! UI texts not covered by `yima_core`'s words (words.rs) (which has verdicts, reasons, colours, tests).

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

/// An age such as "3 天" / "5 h" (a no-break space keeps number and unit on one line).
pub fn age(seconds: i64, lang: Lang) -> String {
    let s = seconds.max(0);
    match (s / 86400, s / 3600, lang) {
        (d, _, Lang::Zh) if d >= 1 => format!("{d}\u{a0}天"),
        (d, _, Lang::En) if d >= 1 => format!("{d}\u{a0}d"),
        (_, h, Lang::Zh) if h >= 1 => format!("{h}\u{a0}小时"),
        (_, h, Lang::En) if h >= 1 => format!("{h}\u{a0}h"),
        (_, _, Lang::Zh) => format!("{}\u{a0}分钟", s / 60),
        (_, _, Lang::En) => format!("{}\u{a0}min", s / 60),
    }
}
