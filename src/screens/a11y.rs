//! Screen readers and keyboards: one persistent live region that announces each verdict once
//! (verdict and reasons, in the page language), and the card as a dialog — focused when it
//! opens, closed with Escape, focus given back when it closes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use yima_core::{verdict_text, Lang};

use crate::scan_flow::close_card;
use crate::state::AppState;

/// The sentence read out for the card on screen.
fn spoken(state: AppState) -> String {
    let lang = state.lang();
    state.card.with_untracked(|c| {
        c.as_ref().map_or_else(String::new, |s| {
            let mut parts = vec![verdict_text(s.card.verdict, lang)];
            parts.extend(yima_core::reason_texts(&s.card, lang));
            parts.join(if lang == Lang::Zh { "。" } else { ". " })
        })
    })
}

/// Always in the page (a region created already filled is often not read). Emptied when the
/// card closes and filled a frame after each new card, so two scans with the same verdict are
/// both read, and a card refreshed by the same code still in view is not read again.
#[component]
pub fn LiveRegion() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let serial = Memo::new(move |_| state.card.with(|c| c.as_ref().map(|s| s.serial)));
    let before: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let open = serial.get();
        text.set(String::new());
        let doc = document();
        match open {
            Some(_) => {
                request_animation_frame(move || {
                    let _ = text.try_set(spoken(state));
                    if let Some(el) = doc
                        .query_selector("[data-testid=card-dialog]")
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let active = doc.active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                        if before.with_value(Option::is_none) && active.as_ref() != Some(&el) {
                            before.set_value(active);
                        }
                        let _ = el.focus();
                    }
                });
            }
            None => {
                if let Some(Some(el)) = before.try_update_value(Option::take) {
                    if el.is_connected() {
                        let _ = el.focus();
                    }
                }
            }
        }
    });
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && state.card.with_untracked(Option::is_some) {
            ev.prevent_default();
            close_card(state);
        }
    });
    on_cleanup(move || esc.remove());
    view! {
        <div class="sr-only" role="status" aria-live="assertive" aria-atomic="true" data-testid="live">{move || text.get()}</div>
    }
}
