//! Browser-glue tests, run in headless Chromium by wasm-bindgen-test-runner
//! (see tests/browser/run.sh): URL parameters, the embed message, counters, and the trust
//! store's verify-before-store and rollback rules against real localStorage.

use wasm_bindgen_test::*;
use yima_core::revocation_entry;
use yima_core::Lang;
use yima_core::{PolicySet, TrustList, Verdict};
use yima_issue::demo;
use yima_issue::Seal;

use crate::prefs::{Counters, UrlParams};
use crate::trust_store::{accept, roots, Stored};
use crate::{clock, embed, storage};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn url_params_are_validated() {
    let p = UrlParams::parse("?venue=leave_city&region=440300&lang=en-US&kiosk=1");
    assert_eq!(p, UrlParams { venue: Some("leave_city".into()), region: Some(440300), lang: Some(Lang::En), kiosk: true });
    let bad = UrlParams::parse("?venue=%3Cscript%3E&region=999999&lang=fr&kiosk=yes");
    assert_eq!(bad, UrlParams::default());
}

#[wasm_bindgen_test]
fn embed_message_has_no_personal_data() {
    let now = clock::now();
    let verifier = yima_core::Verifier {
        trust: Some(demo::trust_list(now)),
        policies: Some(demo::policies(now)),
        venue: yima_core::VenueKey { venue: "metro".into(), region: 310000 },
        revocation: None,
        clock_floor: None,
    };
    let sample = demo::samples(now).into_iter().find(|s| s.id == "green_nat_80h").expect("sample");
    let scan = verifier.scan(&mut yima_core::Session::default(), &sample.qr, now);
    let holder = scan.card.holder.clone().expect("holder");
    let text: String = js_sys::JSON::stringify(&embed::message(&scan.card)).expect("json").into();
    let msg: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(msg["verdict"], "deny");
    assert_eq!(msg["reasons"][0], "nat_too_old");
    assert_eq!(msg["venue"], "metro");
    assert_eq!(msg["venue_region"], 310000);
    assert_eq!(msg["type"], "yima.verdict");
    assert!(!text.contains(&holder.masked_name) && !text.contains(&holder.masked_id), "{text}");
}

/// The verdict goes to exact origins only (issue 21 I): the parent's when it is the page's own or
/// listed, nothing to any other, one per listed origin when the parent is unknown; never "*".
#[wasm_bindgen_test]
fn embed_targets_are_exact_allowed_origins() {
    let own = "https://scan.example";
    let listed = vec!["https://host.example/".to_string(), "*".to_string(), "https://b.example".to_string()];
    assert_eq!(embed::targets(own, Some("https://host.example".into()), &listed), ["https://host.example"]);
    assert_eq!(embed::targets(own, Some(own.into()), &[]), [own]);
    assert!(embed::targets(own, Some("https://evil.example".into()), &listed).is_empty());
    assert!(embed::targets(own, Some("null".into()), &listed).is_empty());
    assert_eq!(embed::targets(own, None, &listed), [own, "https://host.example", "https://b.example"]);
}

#[wasm_bindgen_test]
fn counters_start_a_new_day() {
    let mut c = Counters::load("2026-01-01");
    c.count(Verdict::Pass, "2026-01-01");
    c.count(Verdict::Deny, "2026-01-01");
    assert_eq!((c.pass, c.deny, c.check), (1, 1, 0));
    c.count(Verdict::Check, "2026-01-02");
    assert_eq!((c.day.as_str(), c.pass, c.deny, c.check), ("2026-01-02", 0, 0, 1));
}

fn clear<T: Stored>() {
    storage::remove(T::STORE_KEY);
    storage::remove(T::SEQ_KEY);
}

#[wasm_bindgen_test]
fn trust_store_verifies_before_storing_and_refuses_rollback() {
    clear::<TrustList>();
    clear::<PolicySet>();
    let root = demo::root_key();
    // The app pins the demo root as a constant: it is the derived key.
    assert_eq!(crate::trust_store::DEMO_ROOT_PUBLIC_KEY, root.verifying_key().to_bytes());
    let now = clock::now();
    let newer = demo::trust_list(now).seal(&root);
    let older = demo::trust_list(now - chrono::Duration::days(1)).seal(&root);
    // A forged file (signed by another key) is refused and nothing is stored.
    let forged = demo::trust_list(now).seal(&demo::key("hc-310000"));
    assert!(accept::<TrustList>(&forged, None, &roots(), now).is_err());
    assert_eq!(storage::get(TrustList::STORE_KEY), None);
    // The genuine file is accepted and kept.
    let kept = accept::<TrustList>(&newer, None, &roots(), now).expect("genuine list");
    assert_eq!(storage::get(TrustList::STORE_KEY).as_deref(), Some(newer.as_str()));
    // An older one is refused even after the held copy is gone (high-water mark).
    assert!(accept::<TrustList>(&older, Some(&kept), &roots(), now).is_err());
    storage::remove(TrustList::STORE_KEY);
    assert!(accept::<TrustList>(&older, None, &roots(), now).is_err());
    clear::<TrustList>();
}

#[wasm_bindgen_test]
fn camera_states_from_the_glue_map_to_what_staff_see() {
    use crate::camera::CameraState as S;
    for state in S::NAMED {
        assert_eq!(&S::from_js(state.code(), ""), state);
    }
    // Anything unknown is an error shown with (at most 120 chars of) its detail, never a live view.
    assert_eq!(S::from_js("weird", &"x".repeat(500)), S::Error("x".repeat(120)));
    assert_eq!(S::from_js("Error", "boom").code(), "Error");
}

/// The state names scanner.js uses are exactly `CameraState`'s: every capitalised word it
/// quotes is one (DOMException names, which end in "Error", aside), and it names every one.
#[wasm_bindgen_test]
fn scanner_js_names_exactly_the_camera_states() {
    use crate::camera::CameraState as S;
    let js = include_str!("camera/scanner.js");
    let quotes: Vec<usize> = js.match_indices('\'').map(|(i, _)| i).collect();
    let quoted: Vec<&str> = quotes
        .windows(2)
        .map(|q| &js[q[0] + 1..q[1]])
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()) && w.chars().all(|c| c.is_ascii_alphabetic()) && !w.ends_with("Error"))
        .collect();
    for name in &quoted {
        assert!(S::NAMED.iter().any(|s| s.code() == *name), "scanner.js names '{name}', not a CameraState");
    }
    for state in S::NAMED {
        assert!(quoted.contains(&state.code()), "scanner.js never reports {}", state.code());
    }
}

/// The full revocation list opened from a JS string (the app's path, text never copied into
/// wasm whole) answers exactly as the core's opening of the same bytes, and refuses an altered
/// file; localStorage keeps the JS string as it was.
#[wasm_bindgen_test]
fn full_revocation_list_opens_from_a_js_string_as_from_bytes() {
    use yima_core::{FullList, RevocationHeader as Header, RevocationSet as Set, FULL_KIND, MAX_FULL_LEN};
    let root = demo::root_key();
    let entries: Vec<u64> = (0..5_000u128).map(|i| revocation_entry(&[7; 8], &i.to_be_bytes())).collect();
    let header = Header { sequence: 3, issued_at: clock::now(), max_age_hours: 48, demo: true };
    for set in [Set::build(&entries).expect("fuse32"), Set::build_as(entries.clone(), Some(16)).expect("fuse16")] {
        let file = FullList { header: header.clone(), count: 5_000, set }.seal(&root);
        let text = js_sys::JsString::from(file.as_str());
        let from_js = yima_signed_js::open_full(&text, &roots(), MAX_FULL_LEN).expect("opens");
        let from_bytes = FullList::open(file.as_bytes(), &roots()).expect("opens");
        assert_eq!(from_js.payload(), from_bytes.payload());
        assert!(entries.iter().all(|e| from_js.set.lookup(*e).is_some()));
        let probes = (0..20_000u128).map(|i| revocation_entry(&[8; 8], &i.to_be_bytes()));
        assert!(probes.into_iter().all(|p| from_js.set.lookup(p) == from_bytes.set.lookup(p)));
        // one base64 character of the payload changed: refused
        let at = file.find("\"payload\"").expect("payload") + 40;
        let mut altered = file.clone().into_bytes();
        altered[at] = if altered[at] == b'A' { b'B' } else { b'A' };
        let altered = js_sys::JsString::from(String::from_utf8(altered).expect("ascii").as_str());
        assert!(yima_signed_js::open_payload(FULL_KIND, &altered, &roots(), MAX_FULL_LEN).is_err());
        assert!(yima_signed_js::open_payload(FULL_KIND, &text, &roots(), file.len() - 1).is_err(), "cap");
        assert!(yima_signed_js::store("yima.test.full", &text));
        let back = yima_signed_js::stored("yima.test.full").expect("stored");
        assert_eq!(String::from(back), file);
    }
    storage::remove("yima.test.full");
    assert!(yima_signed_js::stored("yima.test.full").is_none());
}

// A missing or throwing browser API is a value, never an exception through the wasm (issue 20).
#[wasm_bindgen_test]
fn missing_or_throwing_apis_are_values() {
    use wasm_bindgen::JsValue;
    let nav = crate::web_api::global("navigator").expect("navigator");
    let proto = js_sys::Object::get_prototype_of(&nav);
    let saved = js_sys::Reflect::get(&proto, &"vibrate".into()).expect("get");
    // Safari, Firefox: no vibrate at all.
    js_sys::Reflect::delete_property(&proto, &"vibrate".into()).expect("delete");
    assert!(!crate::web_api::vibrate(&[60]));
    // A vibrate that throws.
    let throws = js_sys::Function::new_no_args("throw new TypeError('injected')");
    js_sys::Reflect::set(&proto, &"vibrate".into(), &throws).expect("set");
    assert!(!crate::web_api::vibrate(&[60]));
    crate::feedback::vibrate(Verdict::Deny);
    js_sys::Reflect::set(&proto, &"vibrate".into(), &saved).expect("restore");
    assert!(crate::web_api::call1(&JsValue::from(js_sys::Object::new()), "nothing", &JsValue::NULL).is_err());
    // A getter that throws is a missing member.
    let obj = js_sys::Object::new();
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"get".into(), &throws).expect("set");
    js_sys::Object::define_property(&obj, &"x".into(), &desc);
    assert!(crate::web_api::member(&obj, "x").is_none());
}

// The settings in effect survive a crash-watch reload: published as text, handed back by the
// watch (index.html) as `__yimaRecovered`; the URL still wins.
#[wasm_bindgen_test]
fn settings_come_back_after_a_crash_reload() {
    use wasm_bindgen::JsValue;
    let prefs = crate::prefs::Prefs { venue: "leave_city".into(), region: 440300, lang: Lang::En, sound: false, vibrate: true };
    crate::recover::publish(&prefs);
    let published = crate::web_api::global("__yimaPrefs").expect("published");
    assert_eq!(crate::recover::take(), None, "an ordinary load is not after a crash");
    crate::web_api::set_global("__yimaRecovered", &published);
    assert_eq!(crate::recover::take(), Some(Some(prefs.clone())));
    let url = UrlParams::parse("?venue=mall");
    let loaded = crate::prefs::Prefs::load(&url, Some(prefs));
    assert_eq!((loaded.venue.as_str(), loaded.region, loaded.lang, loaded.sound), ("mall", 440300, Lang::En, false));
    // A crash before the app published anything: after a crash, with no settings to restore.
    crate::web_api::set_global("__yimaRecovered", &JsValue::from_str(""));
    assert_eq!(crate::recover::take(), Some(None));
    crate::web_api::set_global("__yimaRecovered", &JsValue::UNDEFINED);
}
