//! EU DCC (HC1) texts: judged by the DCC module (fetched on first use by `lazy`) in the context
//! of the root-signed files the app holds (`yima_core::ForeignContext`), with the signer the trust
//! list has for the code's kid; the card it returns is shown like any other.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use yima_core::Card;
use yima_core::ForeignParts;
use yima_core::ForeignView;
use yima_core::Verifier;

use crate::clock;
use crate::i18n_ui::tr;
use crate::lazy;
use crate::state::AppState;

#[wasm_bindgen]
extern "C" {
    /// The DCC module's exports (crates/dcc-module/src/lib.rs), once `lazy` has loaded it.
    type DccModule;
    /// The module's `kid`: the code's kid (empty if unreadable).
    #[wasm_bindgen(method, catch, js_name = kid)]
    fn dcc_kid(this: &DccModule, text: &str) -> Result<Vec<u8>, JsValue>;
    /// The module's `judge(text, parts)`: the card as bytes. Both encodings:
    /// crates/core/src/foreign/wire.rs.
    #[wasm_bindgen(method, catch, js_name = judge)]
    fn dcc_judge(this: &DccModule, text: &str, parts: &[u8]) -> Result<Vec<u8>, JsValue>;
}

/// An EU Digital COVID Certificate's text (the prefix alone decides; the module reads the rest).
pub fn is_hc1(text: &str) -> bool {
    text.starts_with("HC1:")
}

/// Judges an HC1 text in the DCC module and shows its card, or says why it could not.
pub fn scan(state: AppState, text: String, started_ms: Option<f64>) {
    let venue = state.venue();
    let now = clock::now();
    let (ctx, trust) = state.trust.with_untracked(|t| {
        let v = Verifier {
            trust: t.trust.clone(),
            policies: t.policies.clone(),
            venue: venue.clone(),
            revocation: None,
            clock_floor: t.date_floor,
        };
        (v.foreign_context(now), v.trust)
    });
    // The DCC signers of a demo trust list are test certificates: flag the card like ours.
    let demo = trust.as_ref().is_some_and(|l| l.demo);
    leptos::task::spawn_local(async move {
        let view = async {
            let m = lazy::load::<DccModule>(lazy::DCC).await?;
            let kid = m.dcc_kid(&text).ok()?;
            let signer = trust.as_ref().and_then(|t| t.dcc_signer(&kid));
            let parts = ForeignParts::new(ctx, signer).to_bytes();
            ForeignView::from_bytes(&m.dcc_judge(&text, &parts).ok()?)
        };
        match view.await {
            Some(view) => {
                clock::mark("yima-verified");
                let card = Card { demo, ..Card::foreign(view, venue, now) };
                super::show(state, card, false, started_ms);
            }
            None => state.notice.set(Some(
                tr(
                    state.lang(),
                    "无法加载欧盟证书读取模块：请联网后再扫一次",
                    "Could not load the EU certificate reader: go online and scan again",
                )
                .into(),
            )),
        }
    });
}
