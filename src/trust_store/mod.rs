//! The signed endpoint files (`keys.json`, `policies.json`): fetched with a timeout,
//! verified against the pinned root BEFORE being used or cached, kept as the last good copy
//! in localStorage, never replaced by a lower sequence number.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use wasm_bindgen::{closure::Closure, JsCast};
use wasm_bindgen_futures::JsFuture;
use yima_core::envelope::{Rollback, SignedContent};
use yima_core::{PolicySet, Time, TrustList};

use crate::storage;

/// Endpoint base URL; same-origin demo endpoint unless set at build time.
pub const ENDPOINT: &str = match option_env!("YIMA_ENDPOINT") {
    Some(e) => e,
    None => "endpoint/",
};
/// Base64 of the pinned root public key; the demo root when unset.
const ROOT_KEY_B64: Option<&str> = option_env!("YIMA_ROOT_KEY");
const FETCH_TIMEOUT_MS: i32 = 8000;

/// Demo builds pin the public demo root and offer the Demo screen.
pub const fn is_demo_build() -> bool {
    ROOT_KEY_B64.is_none()
}

/// The pinned root keys (none if the build-time key is malformed: nothing will verify).
pub fn roots() -> Vec<VerifyingKey> {
    match ROOT_KEY_B64 {
        None => VerifyingKey::from_bytes(&yima_core::demo::ROOT_PUBLIC_KEY).into_iter().collect(),
        Some(b) => B64
            .decode(b.trim())
            .ok()
            .and_then(|v| <[u8; 32]>::try_from(v).ok())
            .and_then(|k| VerifyingKey::from_bytes(&k).ok())
            .into_iter()
            .collect(),
    }
}

/// Where each root-signed file lives on the endpoint and in storage.
pub trait Stored: SignedContent + Clone {
    const FILE: &'static str;
    const STORE_KEY: &'static str;
    /// Highest sequence ever accepted (kept apart so a discarded copy cannot reset it).
    const SEQ_KEY: &'static str;
}

impl Stored for TrustList {
    const FILE: &'static str = "keys.json";
    const STORE_KEY: &'static str = "yima.trust.keys";
    const SEQ_KEY: &'static str = "yima.trust.keys.seq";
}

impl Stored for PolicySet {
    const FILE: &'static str = "policies.json";
    const STORE_KEY: &'static str = "yima.trust.policies";
    const SEQ_KEY: &'static str = "yima.trust.policies.seq";
}

/// Outcome of the last sync with the endpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum Sync {
    Never,
    Running,
    Ok { at: Time },
    /// Network error or timeout: the last good copy stays in use.
    Failed { at: Time, why: String },
    /// The endpoint served something that did not verify or was older.
    Rejected { at: Time, why: String },
}

/// Everything the page knows about its signed data.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustState {
    pub trust: Option<TrustList>,
    pub policies: Option<PolicySet>,
    pub sync: Sync,
    /// Whether localStorage can keep the data.
    pub storage_ok: bool,
    /// A stored copy failed verification at load and was discarded.
    pub discarded_corrupt: bool,
}

/// The highest sequence ever accepted for a file kind (survives a discarded copy).
fn high_water<T: Stored>() -> u64 {
    storage::get(T::SEQ_KEY).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Loads a stored copy; a copy that no longer verifies is removed. Returns (copy, corrupt?).
fn load_one<T: Stored>(roots: &[VerifyingKey]) -> (Option<T>, bool) {
    let Some(text) = storage::get(T::STORE_KEY) else { return (None, false) };
    match T::open_with(text.as_bytes(), roots) {
        Ok(v) => (Some(v), false),
        Err(_) => {
            storage::remove(T::STORE_KEY);
            (None, true)
        }
    }
}

/// The state at start-up, from storage only.
pub fn load_stored() -> TrustState {
    let roots = roots();
    let (trust, c1) = load_one::<TrustList>(&roots);
    let (policies, c2) = load_one::<PolicySet>(&roots);
    TrustState { trust, policies, sync: Sync::Never, storage_ok: storage::available(), discarded_corrupt: c1 || c2 }
}

/// Verifies fetched bytes and checks them against what is held; stores them when accepted.
pub fn accept<T: Stored>(text: &str, current: Option<&T>, roots: &[VerifyingKey]) -> Result<T, String> {
    let new = T::open_with(text.as_bytes(), roots).map_err(|e| format!("{}: {e}", T::FILE))?;
    let have = current.map_or(0, T::sequence).max(high_water::<T>());
    if new.sequence() < have {
        return Err(format!("{}: {}", T::FILE, Rollback { have, got: new.sequence() }));
    }
    storage::set(T::STORE_KEY, text);
    storage::set(T::SEQ_KEY, &new.sequence().to_string());
    Ok(new)
}

/// GET with a timeout; the error is a short human-readable cause.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let ctrl = web_sys::AbortController::new().map_err(|_| "no AbortController")?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&ctrl.signal()));
    let abort = Closure::once_into_js(move || ctrl.abort());
    let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), FETCH_TIMEOUT_MS).ok();
    let result = async {
        let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(js_error)?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
        if !resp.ok() {
            return Err(format!("HTTP {}", resp.status()));
        }
        let text = JsFuture::from(resp.text().map_err(js_error)?).await.map_err(js_error)?;
        let text: js_sys::JsString = text.dyn_into().map_err(|_| "not text".to_string())?;
        // Copy at most one byte more than the largest file accepted into wasm memory (which never
        // shrinks): a bigger body is still refused as too large, without growing the page by its size.
        let cap = (yima_core::envelope::MAX_FILE_LEN + 1) as u32;
        let text = if text.length() > cap { text.slice(0, cap) } else { text };
        text.as_string().ok_or_else(|| "not text".to_string())
    }
    .await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    result
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    if name == "AbortError" {
        "timeout".into()
    } else {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "network error".into())
    }
}

/// Fetches both files and applies whatever verifies. Never panics; never drops a good copy.
pub async fn sync(state: TrustState, now: Time) -> TrustState {
    let roots = roots();
    let mut next = TrustState { sync: Sync::Running, ..state };
    let (keys, pols) = (fetch_text(&format!("{ENDPOINT}{}", TrustList::FILE)).await, fetch_text(&format!("{ENDPOINT}{}", PolicySet::FILE)).await);
    let mut problems = Vec::new();
    let mut network = Vec::new();
    match keys {
        Ok(t) => match accept(&t, next.trust.as_ref(), &roots) {
            Ok(v) => next.trust = Some(v),
            Err(e) => problems.push(e),
        },
        Err(e) => network.push(format!("{}: {e}", TrustList::FILE)),
    }
    match pols {
        Ok(t) => match accept(&t, next.policies.as_ref(), &roots) {
            Ok(v) => next.policies = Some(v),
            Err(e) => problems.push(e),
        },
        Err(e) => network.push(format!("{}: {e}", PolicySet::FILE)),
    }
    next.sync = if !problems.is_empty() {
        Sync::Rejected { at: now, why: problems.join("; ") }
    } else if !network.is_empty() {
        Sync::Failed { at: now, why: network.join("; ") }
    } else {
        Sync::Ok { at: now }
    };
    next
}
