//! EU DCC (HC1) texts: judged by the DCC module (fetched on first use by dcc.js) against the
//! endpoint's root-signed files as held; the card it returns is shown like any other.

use js_sys::Promise;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yima_core::card::ForeignView;
use yima_core::{Card, PolicySet, TrustList};

use crate::i18n_ui::tr;
use crate::state::AppState;
use crate::{clock, trust_store};

#[wasm_bindgen(module = "/src/scan_flow/dcc.js")]
extern "C" {
    /// The module's `scan`: resolves to the card as JSON; rejects when the module cannot load.
    #[wasm_bindgen(js_name = scanDcc)]
    fn scan_dcc(text: &str, keys: Option<String>, policies: Option<String>, roots: &[u8], venue: &str, region: u32, now_ms: f64) -> Promise;
}

/// An EU Digital COVID Certificate's text (the prefix alone decides; the module reads the rest).
pub fn is_hc1(text: &str) -> bool {
    text.starts_with("HC1:")
}

/// Judges an HC1 text in the DCC module and shows its card, or says why it could not.
pub fn scan(state: AppState, text: String, started_ms: Option<f64>) {
    let (keys, policies) = (trust_store::raw::<TrustList>(), trust_store::raw::<PolicySet>());
    let roots: Vec<u8> = trust_store::roots().iter().flat_map(|k| k.to_bytes()).collect();
    let venue = state.venue();
    let now = clock::now();
    // The DCC signers of a demo trust list are test certificates: flag the card like ours.
    let demo = state.trust.with_untracked(|t| t.trust.as_ref().is_some_and(|l| l.demo));
    leptos::task::spawn_local(async move {
        let judged = scan_dcc(&text, keys, policies, &roots, &venue.venue, venue.region, now.timestamp_millis() as f64);
        let json = JsFuture::from(judged).await.ok().and_then(|v| v.as_string());
        match json.and_then(|j| serde_json::from_slice::<ForeignView>(j.as_bytes()).ok()) {
            Some(view) => {
                clock::mark("yima-verified");
                let card = Card { demo, ..Card::foreign(view, venue, now) };
                super::show(state, card, false, started_ms);
            }
            None => state.notice.set(Some(
                tr(state.lang(), "无法加载欧盟证书读取模块：请联网后再扫一次", "Could not load the EU certificate reader: go online and scan again").into(),
            )),
        }
    });
}
