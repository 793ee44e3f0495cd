//! EU DCC (HC1) texts: judged by the DCC module (fetched on first use by dcc.js) in the context
//! of the root-signed files the app holds (`yima_core::foreign`), with the signer the trust
//! list has for the code's kid; the card it returns is shown like any other.

use js_sys::{Promise, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yima_core::card::ForeignView;
use yima_core::foreign::ForeignParts;
use yima_core::session::Verifier;
use yima_core::Card;

use crate::clock;
use crate::i18n_ui::tr;
use crate::state::AppState;

#[wasm_bindgen(module = "/src/scan_flow/dcc.js")]
extern "C" {
    /// The module's `kid`: resolves to the code's kid (empty if unreadable); rejects when the
    /// module cannot load.
    #[wasm_bindgen(catch, js_name = dccKid)]
    fn dcc_kid(text: &str) -> Result<Promise, JsValue>;
    /// The module's `judge(text, parts)` (crates/dcc-module/src/lib.rs): resolves to the card
    /// as bytes. Both encodings: crates/core/src/foreign/wire.rs.
    #[wasm_bindgen(catch, js_name = dccJudge)]
    fn dcc_judge(text: &str, parts: &[u8]) -> Result<Promise, JsValue>;
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
        let v = Verifier { trust: t.trust.clone(), policies: t.policies.clone(), venue: venue.clone(), revocation: None };
        (v.foreign_context(now), v.trust)
    });
    // The DCC signers of a demo trust list are test certificates: flag the card like ours.
    let demo = trust.as_ref().is_some_and(|l| l.demo);
    leptos::task::spawn_local(async move {
        let view = async {
            let kid = Uint8Array::new(&JsFuture::from(dcc_kid(&text).ok()?).await.ok()?).to_vec();
            let signer = trust.as_ref().and_then(|t| t.dcc_signer(&kid));
            let parts = ForeignParts::new(ctx, signer).to_bytes();
            let view = JsFuture::from(dcc_judge(&text, &parts).ok()?).await.ok()?;
            ForeignView::from_bytes(&Uint8Array::new(&view).to_vec())
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
