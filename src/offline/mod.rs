//! Offline use: the service worker's registration and its "new version" prompt.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/offline/register.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = watchServiceWorker)]
    fn watch_sw(on_update: &js_sys::Function, on_unavailable: &js_sys::Function) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = applyUpdate)]
    fn apply_update_js() -> Result<(), JsValue>;
}

/// Registers the service worker once the decoder is ready too (called as the app starts);
/// raises `update` when a new version waits, and clears `offline` when this page cannot work
/// offline (no service worker here).
pub fn watch(update: RwSignal<bool>, offline: RwSignal<bool>) {
    let on_update = Closure::<dyn Fn()>::new(move || update.set(true));
    let on_unavailable = Closure::<dyn Fn()>::new(move || offline.set(false));
    if watch_sw(on_update.as_ref().unchecked_ref(), on_unavailable.as_ref().unchecked_ref()).is_err() {
        offline.set(false);
    }
    // Both live as long as the page.
    on_update.forget();
    on_unavailable.forget();
}

/// Lets the waiting version take over and reloads.
pub fn apply_update() {
    if apply_update_js().is_err() {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
}
