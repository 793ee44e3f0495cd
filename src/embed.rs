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

/// Posts the verdict to `window.parent` when framed, only if the parent's origin is the page's
/// own or one the signed policies list (`embed_origins`), and to `wx.miniProgram` when present.
pub fn announce(card: &Card, allowed: &[String]) {
    let Some(window) = web_sys::window() else { return };
    let value = message(card);
    if let Ok(Some(parent)) = window.parent() {
        if parent != window {
            let own = window.location().origin().unwrap_or_default();
            for origin in targets(&own, parent_origin(&window), allowed) {
                let _ = parent.post_message(&value, &origin);
            }
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

/// The exact target origins to post to, never `"*"`. A known parent origin gets the message
/// only if allowed; an unknown one (no `ancestorOrigins`, no referrer) is sent one message per
/// allowed origin, which the browser delivers only to the one that is the parent's.
pub fn targets(own: &str, parent: Option<String>, allowed: &[String]) -> Vec<String> {
    let listed = allowed.iter().map(|a| a.trim_end_matches('/')).filter(|a| a.contains("://"));
    let mut all: Vec<String> = Vec::new();
    for o in std::iter::once(own).chain(listed).filter(|o| !o.is_empty()) {
        if !all.iter().any(|a| a == o) {
            all.push(o.to_string());
        }
    }
    match parent {
        Some(p) => all.into_iter().filter(|o| *o == p).take(1).collect(),
        None => all,
    }
}

/// The parent's origin: `location.ancestorOrigins[0]` (Chromium, WebKit), else the origin of
/// `document.referrer` (the page that loaded the frame); `None` when neither says.
fn parent_origin(window: &web_sys::Window) -> Option<String> {
    let ancestors = Reflect::get(&window.location(), &"ancestorOrigins".into()).ok().filter(|a| a.is_object());
    if let Some(first) = ancestors.and_then(|a| Reflect::get(&a, &0.into()).ok()).and_then(|o| o.as_string()) {
        return Some(first);
    }
    let referrer = window.document()?.referrer();
    let (scheme, rest) = referrer.split_once("://")?;
    Some(format!("{scheme}://{}", rest.split(['/', '?', '#']).next()?)).filter(|o| o.len() > scheme.len() + 3)
}
