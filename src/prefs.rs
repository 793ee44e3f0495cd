//! Settings (venue, region, language, sound, vibration) and today's counters, with URL
//! parameters (`venue`, `region`, `lang`, `kiosk=1`) taking precedence.

use serde::{Deserialize, Serialize};
use yima_core::Lang;
use yima_core::Verdict;

use crate::storage;

const SETTINGS_KEY: &str = "yima.settings";
const COUNTERS_KEY: &str = "yima.counters";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub venue: String,
    pub region: u32,
    pub lang: Lang,
    pub sound: bool,
    pub vibrate: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs { venue: "metro".into(), region: 310000, lang: Lang::Zh, sound: true, vibrate: true }
    }
}

/// Page parameters from the URL (embedding).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UrlParams {
    pub venue: Option<String>,
    pub region: Option<u32>,
    pub lang: Option<Lang>,
    pub kiosk: bool,
}

impl UrlParams {
    /// Parses a query string such as `?venue=mall&region=440300&kiosk=1`.
    pub fn parse(query: &str) -> UrlParams {
        let mut p = UrlParams::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "venue" if valid_venue(&v) => p.venue = Some(v),
                "region" => p.region = v.parse().ok().filter(|r| yima_core::region_known(*r)),
                "lang" => p.lang = Lang::parse(&v),
                "kiosk" => p.kiosk = v == "1" || v == "true",
                _ => {}
            }
        }
        p
    }

    pub fn from_location() -> UrlParams {
        let q = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        UrlParams::parse(&q)
    }
}

fn valid_venue(v: &str) -> bool {
    !v.is_empty() && v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn decode(v: &str) -> String {
    js_sys::decode_uri_component(&v.replace('+', " ")).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

impl Prefs {
    /// Stored settings (or those in effect before a crash, `src/recover.rs`) overlaid with URL
    /// parameters.
    pub fn load(url: &UrlParams, recovered: Option<Prefs>) -> Prefs {
        let stored = || storage::get(SETTINGS_KEY).and_then(|s| serde_json::from_slice(s.as_bytes()).ok());
        let mut p: Prefs = recovered.or_else(stored).unwrap_or_default();
        if let Some(v) = &url.venue {
            p.venue = v.clone();
        }
        if let Some(r) = url.region {
            p.region = r;
        }
        if let Some(l) = url.lang {
            p.lang = l;
        }
        p
    }

    pub fn save(&self) -> bool {
        serde_json::to_string(self).is_ok_and(|s| storage::set(SETTINGS_KEY, &s))
    }
}

/// Today's verdict counts (no personal data).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counters {
    pub day: String,
    pub pass: u32,
    pub deny: u32,
    pub check: u32,
}

impl Counters {
    pub fn load(today: &str) -> Counters {
        let c: Counters = storage::get(COUNTERS_KEY).and_then(|s| serde_json::from_slice(s.as_bytes()).ok()).unwrap_or_default();
        if c.day == today {
            c
        } else {
            Counters { day: today.into(), ..Counters::default() }
        }
    }

    /// Counts a verdict, starting a new day when the date changed.
    pub fn count(&mut self, v: Verdict, today: &str) {
        if self.day != today {
            *self = Counters { day: today.into(), ..Counters::default() };
        }
        match v {
            Verdict::Pass => self.pass += 1,
            Verdict::Deny => self.deny += 1,
            Verdict::Check => self.check += 1,
        }
        if let Ok(s) = serde_json::to_string(self) {
            storage::set(COUNTERS_KEY, &s);
        }
    }
}
