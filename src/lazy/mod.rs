//! Wasm modules kept out of the first paint: built beside the app by src/hooks/post_build.sh and
//! fetched the first time they are needed (`load.js`); a failed load is retried by the next call.
//! Each user binds its module's exports as methods of its own `extern` type.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The EU DCC reader (crates/dcc-module).
pub const DCC: &str = "dcc/yima_dcc_module.js";
/// The Demo screen's minting module (crates/demo-mint; demo builds only).
pub const DEMO_MINT: &str = "demo/yima_demo_mint.js";

#[wasm_bindgen(module = "/src/lazy/load.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = load)]
    fn load_js(path: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The initialised module at `path` (one of the constants above) as `T`, the type that binds
/// its exports; `None` when it could not be loaded.
pub async fn load<T: JsCast>(path: &str) -> Option<T> {
    JsFuture::from(load_js(path).ok()?).await.ok().map(JsCast::unchecked_into)
}
