//! Wasm modules kept out of the first paint: built beside the app by src/hooks/post_build.sh and
//! fetched the first time they are needed (`load.js`); a failed load is retried by the next call.
//! Each user binds its module's exports as methods of its own `extern` type.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The EU DCC reader (crates/dcc-module): its key in index.html's `self.__yimaModules`, which
/// names its file with the content hash the build gave it (src/hooks/hash-names.mjs).
pub const DCC: &str = "dcc";
/// The Demo screen's minting module (crates/demo-mint; demo builds only), likewise.
pub const DEMO_MINT: &str = "demo";

#[wasm_bindgen(module = "/src/lazy/load.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = load)]
    fn load_js(name: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The initialised module `name` (one of the constants above) as `T`, the type that binds its
/// exports; `None` when it could not be loaded.
pub async fn load<T: JsCast>(name: &str) -> Option<T> {
    JsFuture::from(load_js(name).ok()?).await.ok().map(JsCast::unchecked_into)
}
