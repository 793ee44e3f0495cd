//! QR text → core verdict → one announced card (sound, vibration, counters, postMessage).
//! HC1 texts (EU DCC) go to the separately loaded DCC module: [`foreign`].

mod foreign;

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::prelude::*;
use yima_core::Card;
use yima_core::Verifier;

use crate::i18n_ui::tr;
use crate::state::{AppState, Shown};
use crate::trust_store::Sync;
use crate::{clock, embed, feedback};

/// A code seen again within this gap is still "in view": not scanned again.
const IN_VIEW_GAP_MS: f64 = 1500.0;
/// The card closes by itself after this long.
pub const CARD_SECONDS: u64 = 8;
/// Longest text accepted (QR codes hold at most ~4.3 kB).
const MAX_TEXT: usize = 8192;
/// Serial number of the next card shown.
static NEXT_SERIAL: AtomicU32 = AtomicU32::new(1);

/// Handles one scanned text. `started_ms` is when the code came into view (for timings).
/// Returns whether a card was announced.
pub fn handle_text(state: AppState, text: &str, started_ms: Option<f64>) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    // First visit: the signed data is still being fetched. A camera frame is simply retried on
    // the next frame; typed or photo input is told to wait rather than judged without data.
    let loading = state.trust.with_untracked(|t| t.trust.is_none() && matches!(t.sync, Sync::Never | Sync::Running));
    if loading {
        if started_ms.is_none() {
            state.notice.set(Some(tr(state.lang(), "正在加载信任数据，请稍后再扫", "Loading trust data: scan again in a moment").into()));
        }
        return false;
    }
    // Demo builds only (compiled out with a pinned production root): the browser tests set this
    // global to check that the page comes back from a trap by itself (src/recover.rs).
    if crate::trust_store::is_demo_build() && crate::web_api::global("__yimaInjectPanic").is_some() {
        crate::web_api::set_global("__yimaInjectPanic", &wasm_bindgen::JsValue::UNDEFINED);
        panic!("injected fault (browser test)");
    }
    let text: String = text.chars().take(MAX_TEXT).collect();
    let h = hash(&text);
    let now_ms = clock::perf_now();
    let still_in_view = state.last_seen.with_value(|s| s.is_some_and(|(lh, at)| lh == h && now_ms - at < IN_VIEW_GAP_MS));
    state.last_seen.set_value(Some((h, now_ms)));
    if still_in_view {
        return false;
    }
    if foreign::is_hc1(&text) {
        foreign::scan(state, text, started_ms);
        return false;
    }
    let (verifier, now) = state.trust.with_untracked(|t| {
        let v = Verifier {
            trust: t.trust.clone(),
            policies: t.policies.clone(),
            venue: state.venue(),
            revocation: t.revocation.clone(),
            clock_floor: t.date_floor,
        };
        (v, clock::now())
    });
    let scan = state.session.try_update_value(|s| verifier.scan(s, &text, now));
    let Some(scan) = scan else { return false };
    clock::mark("yima-verified");
    let showing_same = state.card.with_untracked(|c| c.is_some()) && scan.repeat;
    if showing_same {
        // Same code shown again while its card is open: refresh silently.
        state.card.update(|c| {
            if let Some(c) = c {
                c.card = demo_marked(scan.card);
                c.merged |= scan.merged
            }
        });
        return false;
    }
    show(state, scan.card, scan.merged, started_ms);
    true
}

/// A card as a demo build shows it: always marked DEMO, whatever the signed files say (the demo
/// root key is public, so anyone can sign `demo: false` with it). Production builds: unchanged.
pub(crate) fn demo_marked(card: Card) -> Card {
    Card { demo: card.demo || crate::trust_store::is_demo_build(), ..card }
}

/// Shows a new card and announces it: sound, vibration, counters, embedder, timings, auto-close.
fn show(state: AppState, card: Card, merged: bool, started_ms: Option<f64>) {
    let card = demo_marked(card);
    let verdict = card.verdict;
    // Page-wide, so a closed card's pending auto-close can never match a later card.
    let serial = NEXT_SERIAL.fetch_add(1, Ordering::Relaxed);
    state.notice.set(None);
    let embedders = state.trust.with_untracked(|t| t.policies.as_ref().map(|p| p.embed_origins.clone()).unwrap_or_default());
    embed::announce(&card, &embedders);
    state.card.set(Some(Shown { card, merged, serial }));
    state.counters.update(|c| c.count(verdict, &clock::local_day()));
    let prefs = state.prefs.get_untracked();
    if prefs.sound {
        feedback::play(verdict);
    }
    if prefs.vibrate {
        feedback::vibrate(verdict);
    }
    clock::mark("yima-announced");
    // The next frame is the first one that shows the card.
    request_animation_frame(move || match started_ms {
        Some(start) => record_scan_timing(start),
        None => clock::mark("yima-card-shown"),
    });
    set_timeout(
        move || {
            if state.card.with_untracked(|c| c.as_ref().is_some_and(|s| s.serial == serial)) {
                state.card.set(None);
            }
        },
        Duration::from_secs(CARD_SECONDS),
    );
}

/// Closes the card at once and forgets the holder (staff tapped: next person).
pub fn close_card(state: AppState) {
    state.card.set(None);
    state.session.update_value(|s| s.clear());
    state.last_seen.set_value(None);
}

fn record_scan_timing(start: f64) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &perf.now().into());
    let f = js_sys::Reflect::get(&perf, &"measure".into()).ok().and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
    if let Some(f) = f {
        let _ = f.call2(&perf, &"yima-scan-to-verdict".into(), &opts);
    }
}

/// FNV-1a: enough to tell whether the same text is still in view (not a security check).
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
