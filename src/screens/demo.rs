//! Demo codes minted from the public demo keys, for a second phone (or a test) to show. Only
//! in demo builds; every code says DEMO. The minting module (`crates/demo-mint`) is loaded
//! when this screen first opens.

use std::time::Duration;

use js_sys::{Array, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::i18n_ui::tr;
use crate::lazy;
use crate::state::AppState;

/// Codes are refused 120 s after minting (screenshot guard): mint afresh well before that.
const REMINT: Duration = Duration::from_secs(60);

#[wasm_bindgen]
extern "C" {
    /// The minting module's exports (crates/demo-mint/src/lib.rs), once `lazy` has loaded it.
    type DemoMint;
    /// `[{id, description, qr, svg}, …]` minted at `now_ms`.
    #[wasm_bindgen(method, catch, js_name = mint)]
    fn mint_js(this: &DemoMint, now_ms: f64) -> Result<JsValue, JsValue>;
}

#[derive(Debug, Clone, PartialEq)]
struct DemoCode {
    id: String,
    description: String,
    svg: String,
}

fn field(o: &JsValue, k: &str) -> String {
    Reflect::get(o, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// Mints the sample codes at `now_ms`; `None` when the minting module could not be loaded.
async fn mint(now_ms: f64) -> Option<Vec<DemoCode>> {
    let list: Array = lazy::load::<DemoMint>(lazy::DEMO_MINT).await?.mint_js(now_ms).ok()?.dyn_into().ok()?;
    Some(list.iter().map(|o| DemoCode { id: field(&o, "id"), description: field(&o, "description"), svg: field(&o, "svg") }).collect())
}

#[component]
pub fn DemoScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang();
    // None: minting; Some(None): the module could not be loaded.
    let codes = RwSignal::new(None::<Option<Vec<DemoCode>>>);
    let remint = move || {
        leptos::task::spawn_local(async move {
            let minted = mint(js_sys::Date::now()).await;
            let _ = codes.try_set(Some(minted)); // the screen may have closed meanwhile
        })
    };
    remint();
    let timer = set_interval_with_handle(remint, REMINT).ok();
    on_cleanup(move || {
        if let Some(t) = timer {
            t.clear();
        }
    });
    let grid = move || {
        match codes.get() {
        None => view! { <p class="notice" data-testid="demo-loading">{tr(lang(), "正在生成演示码…", "Minting demo codes…")}</p> }.into_any(),
        Some(None) => view! { <p class="banner warn" data-testid="demo-error">{tr(lang(), "演示码模块无法加载，请联网后重试", "The demo module could not be loaded: go online and try again")}</p> }.into_any(),
        Some(Some(list)) => list
            .into_iter()
            .map(|c| {
                view! {
                    <figure class="demo-code" data-sample=c.id.clone()>
                        <div class="qr" inner_html=c.svg></div>
                        <figcaption><b>{c.id.clone()}</b><br/>{c.description}</figcaption>
                    </figure>
                }
            })
            .collect_view()
            .into_any(),
    }
    };
    view! {
        <section class="demo" data-testid="demo">
            <p class="banner warn">{move || tr(lang(), "演示码：由公开的演示密钥签发，仅供试用与测试", "DEMO codes: signed with public demo keys, for trying out and testing only")}</p>
            <p class="hint">{move || tr(lang(), "每分钟自动重新生成（两分钟后失效，防截图）", "Minted afresh every minute (codes expire after two minutes: screenshot guard)")}</p>
            <button data-testid="demo-refresh" on:click=move |_| remint()>{move || tr(lang(), "重新生成", "Mint again")}</button>
            <div class="demo-grid">{grid}</div>
        </section>
    }
}
