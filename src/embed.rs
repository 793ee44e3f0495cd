//! Tells an embedding page (iframe parent, mini-program webview) about each verdict.
//! The message carries no name and no ID: see docs/embedding.md.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use yima_core::Card;

/// The message as JSON (kept serialisable so it is tested like any value).
pub fn message(card: &Card) -> serde_json::Value {
    let reasons: Vec<serde_json::Value> = card
        .reasons
        .iter()
        .filter_map(|r| serde_json::to_value(r).ok()?.get("code").cloned())
        .collect();
    serde_json::json!({
        "type": "yima.verdict",
        "version": 1,
        "verdict": card.verdict,
        "reasons": reasons,
        "issuer_region": card.issuer_region,
        "venue": card.venue.venue,
        "venue_region": card.venue.region,
        "time": card.evaluated_at.to_rfc3339(),
        "demo": card.demo,
    })
}

/// Posts the verdict to `window.parent` (when framed) and `wx.miniProgram` (when present).
pub fn announce(card: &Card) {
    let Some(window) = web_sys::window() else { return };
    let Ok(text) = serde_json::to_string(&message(card)) else { return };
    let Ok(value) = js_sys::JSON::parse(&text) else { return };
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
