//! Tells an embedding page (iframe parent, mini-program webview) about each verdict.
//! The message carries no name and no ID: see docs/embedding.md.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use yima_core::Card;

/// The message: a plain object (built directly, so the page carries no JSON serialiser for it).
pub fn message(card: &Card) -> JsValue {
    let reasons: js_sys::Array = card.reason_codes().into_iter().map(JsValue::from_str).collect();
    let region = card.issuer_region.map_or(JsValue::NULL, JsValue::from);
    let fields: [(&str, JsValue); 9] = [
        ("type", "yima.verdict".into()),
        ("version", 1.into()),
        ("verdict", card.verdict.code().into()),
        ("reasons", reasons.into()),
        ("issuer_region", region),
        ("venue", card.venue.venue.as_str().into()),
        ("venue_region", card.venue.region.into()),
        ("time", card.evaluated_at.to_rfc3339().into()),
        ("demo", card.demo.into()),
    ];
    let msg = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&msg, &k.into(), &v);
    }
    msg.into()
}

/// Posts the verdict to `window.parent` (when framed) and `wx.miniProgram` (when present).
pub fn announce(card: &Card) {
    let Some(window) = web_sys::window() else { return };
    let value = message(card);
    if let Ok(Some(parent)) = window.parent() {
        if parent != window {
            let _ = parent.post_message(&value, "*");
        }
    }
    let mini = Reflect::get(&window, &"wx".into())
        .ok()
        .filter(|w| w.is_object())
        .and_then(|wx| Reflect::get(&wx, &"miniProgram".into()).ok())
        .filter(|m| m.is_object());
    if let Some(mini) = mini {
        if let Some(post) = Reflect::get(&mini, &"postMessage".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let arg = Object::new();
            let _ = Reflect::set(&arg, &"data".into(), &value);
            let _ = post.call1(&mini, &JsValue::from(arg));
        }
    }
}
