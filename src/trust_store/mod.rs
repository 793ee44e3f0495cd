//! The signed endpoint files (`keys.json`, `policies.json`): fetched with a timeout and a size cap,
//! verified against the pinned root BEFORE being used or cached, kept as the last good copy
//! in localStorage, never replaced by a lower sequence number. The revocation files: see
//! [`revocation`].

mod notes;
pub use notes::NOT_REACHED;
mod revocation;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yima_core::Revocations;
use yima_core::{EnvelopeError, SignedContent, MAX_FILE_LEN};
use yima_core::{PolicySet, Time, TrustList};

use crate::storage;

/// Endpoint base URL; same-origin demo endpoint unless set at build time.
pub const ENDPOINT: &str = match option_env!("YIMA_ENDPOINT") {
    Some(e) => e,
    None => "endpoint/",
};
/// Base64 of the pinned root public key; the demo root when unset.
const ROOT_KEY_B64: Option<&str> = option_env!("YIMA_ROOT_KEY");
/// A GET is abandoned when no byte has come for this long (a stall, not a whole-body limit).
pub(crate) const FETCH_TIMEOUT_MS: u32 = 8000;

/// The public demo root key (yima-issue's `demo::root_key()`, derived from the published demo
/// seed): a constant, so the app carries no key derivation and no issuing crate. The wasm tests
/// (src/tests.rs) hold it to the derivation.
pub const DEMO_ROOT_PUBLIC_KEY: [u8; 32] = [
    64, 123, 26, 132, 197, 98, 48, 102, 83, 85, 41, 108, 132, 227, 62, 4, 35, 190, 83, 62, 179, 206, 1, 231, 187, 63, 197, 173, 230, 55,
    131, 75,
];

/// Demo builds pin the public demo root and offer the Demo screen.
pub const fn is_demo_build() -> bool {
    ROOT_KEY_B64.is_none()
}

/// The pinned root keys (none if the build-time key is malformed: nothing will verify).
pub fn roots() -> Vec<VerifyingKey> {
    match ROOT_KEY_B64 {
        None => VerifyingKey::from_bytes(&DEMO_ROOT_PUBLIC_KEY).into_iter().collect(),
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
    Ok {
        at: Time,
    },
    /// Network error or timeout: the last good copy stays in use.
    Failed {
        at: Time,
        why: String,
    },
    /// The endpoint served something that did not verify or was older.
    Rejected {
        at: Time,
        why: String,
    },
}

/// Everything the page knows about its signed data.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustState {
    pub trust: Option<TrustList>,
    pub policies: Option<PolicySet>,
    /// Per-credential revocation data (full list + delta), when the endpoint has sent any.
    pub revocation: Option<Revocations>,
    pub sync: Sync,
    /// Whether localStorage can keep the data.
    pub storage_ok: bool,
    /// A stored copy failed verification at load and was discarded.
    pub discarded_corrupt: bool,
    /// A stored copy was older than the highest sequence accepted before (its newer copy could not
    /// be written): not used.
    pub stored_outdated: bool,
    /// A verified file could not be written to storage (full, refused): the newer copy stays in
    /// use in memory, and the next start fetches it again.
    pub write_failed: bool,
    /// When the endpoint last answered (device time); `None`: never, or only cached copies.
    pub reached: Option<Time>,
    /// The latest HTTP `Date` the endpoint sent: a floor for the device clock (the core's
    /// `Verifier::clock_floor`, beside the signed files' times: a device clock behind it is
    /// warned of and the card asks for a check by hand, as behind signed data).
    pub date_floor: Option<Time>,
}

/// The highest sequence ever accepted for a file kind (survives a discarded copy).
fn high_water<T: Stored>() -> u64 {
    storage::get(T::SEQ_KEY).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Loads a stored copy; a copy that no longer verifies is removed, one older than the highest
/// sequence accepted is not used. Returns (copy, corrupt?, outdated?).
fn load_one<T: Stored>(roots: &[VerifyingKey]) -> (Option<T>, bool, bool) {
    let Some(text) = storage::get(T::STORE_KEY) else { return (None, false, false) };
    match T::open(text.as_bytes(), roots) {
        Ok(v) if v.sequence() < high_water::<T>() => (None, false, true),
        Ok(v) => (Some(v), false, false),
        Err(_) => {
            storage::remove(T::STORE_KEY);
            (None, true, false)
        }
    }
}

/// The state at start-up, from storage only.
pub fn load_stored() -> TrustState {
    let roots = roots();
    let (trust, c1, o1) = load_one::<TrustList>(&roots);
    let (policies, c2, o2) = load_one::<PolicySet>(&roots);
    let (revocation, c3, o3) = revocation::load(&roots);
    let reached = notes::load_reached();
    TrustState {
        trust,
        policies,
        revocation,
        sync: Sync::Never,
        storage_ok: storage::available(),
        discarded_corrupt: c1 || c2 || c3,
        stored_outdated: o1 || o2 || o3,
        write_failed: false,
        reached,
        date_floor: None,
    }
}

/// Verifies fetched bytes and checks them against what is held (the core's sequence rule);
/// stores them when accepted.
pub fn accept<T: Stored>(text: &str, current: Option<&T>, roots: &[VerifyingKey], now: Time) -> Result<T, String> {
    let new = T::open(text.as_bytes(), roots).map_err(|e| format!("{}: {e}", T::FILE))?;
    new.check_replaces(current, high_water::<T>(), now).map_err(|e| format!("{}: {e}", T::FILE))?;
    // The mark first: if the text cannot be written, the older stored copy is not used next time.
    notes::wrote(storage::set(T::SEQ_KEY, &new.sequence().to_string()));
    notes::wrote(storage::set(T::STORE_KEY, text));
    Ok(new)
}

#[wasm_bindgen(module = "/src/trust_store/fetch.js")]
extern "C" {
    /// GET with a stall timeout and a size cap: `{text, cached, date}`, `null` when larger than
    /// `cap` bytes, or a rejection with a short human-readable cause. `on_progress(received,
    /// total)` follows the body (a function, or undefined).
    #[wasm_bindgen(catch, js_name = fetchCapped)]
    fn fetch_capped_js(url: &str, cap: u32, stall_ms: u32, on_progress: &JsValue) -> Result<Promise, JsValue>;
}

/// `fetchCapped`; a glue failure is a rejected fetch.
pub(crate) fn fetch_capped(url: &str, cap: u32, stall_ms: u32, on_progress: &JsValue) -> Promise {
    fetch_capped_js(url, cap, stall_ms, on_progress).unwrap_or_else(|e| Promise::reject(&e))
}

/// Starts the GET of one endpoint file (it runs while the caller awaits others).
fn start_fetch<T: Stored>() -> Promise {
    fetch_capped(&format!("{ENDPOINT}{}", T::FILE), MAX_FILE_LEN as u32, FETCH_TIMEOUT_MS, &JsValue::UNDEFINED)
}

/// Outcome of fetching one endpoint file.
pub(crate) enum Fetched<T = String> {
    Text(T),
    /// The service worker's kept copy (public/sw.js): the endpoint was not reached.
    Cached(T),
    /// Larger than its cap: refused unread.
    TooLarge,
    /// Network error or timeout, with the cause.
    Failed(String),
}

/// Awaits a started GET.
pub(crate) async fn fetched(fetch: Promise) -> Fetched {
    match fetched_js(fetch).await {
        Fetched::Text(t) => Fetched::Text(t.into()),
        Fetched::Cached(t) => Fetched::Cached(t.into()),
        Fetched::TooLarge => Fetched::TooLarge,
        Fetched::Failed(why) => Fetched::Failed(why),
    }
}

/// Awaits a started GET, leaving the text a JS string (not copied into wasm memory).
pub(crate) async fn fetched_js(fetch: Promise) -> Fetched<js_sys::JsString> {
    match JsFuture::from(fetch).await {
        Ok(got) => {
            let field = |k: &str| js_sys::Reflect::get(&got, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let Ok(text) = field("text").dyn_into::<js_sys::JsString>() else { return Fetched::TooLarge };
            if field("cached").is_truthy() {
                return Fetched::Cached(text);
            }
            notes::reached(field("date").as_f64());
            Fetched::Text(text)
        }
        Err(e) => Fetched::Failed(e.dyn_ref::<js_sys::Error>().map_or_else(|| "network error".to_string(), |e| e.message().into())),
    }
}

/// Verifies and stores one fetched file, or notes why not (refused, or a network problem).
async fn apply<T: Stored>(
    fetch: Promise,
    held: &mut Option<T>,
    roots: &[VerifyingKey],
    refused: &mut Vec<String>,
    failed: &mut Vec<String>,
    now: Time,
) {
    match fetched(fetch).await {
        Fetched::Text(text) => match accept(&text, held.as_ref(), roots, now) {
            Ok(v) => *held = Some(v),
            Err(e) => refused.push(e),
        },
        // Used only when nothing is held (the page's own stored copy is at least as new).
        Fetched::Cached(text) => {
            failed.push(format!("{}: {}", T::FILE, notes::NOT_REACHED));
            if held.is_none() {
                *held = accept(&text, None, roots, now).ok();
            }
        }
        Fetched::TooLarge => refused.push(format!("{}: {}", T::FILE, EnvelopeError::too_large(T::KIND, MAX_FILE_LEN))),
        Fetched::Failed(why) => failed.push(format!("{}: {why}", T::FILE)),
    }
}

/// Lets the browser run its other tasks (input, paint) before the next file is verified, so
/// that files arriving together are verified in a task each rather than in one long task
/// (at start-up that long task was most of Lighthouse's total blocking time).
async fn yield_to_browser() {
    let p = Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(w) if w.set_timeout_with_callback(&resolve).is_ok() => {}
        _ => drop(resolve.call0(&wasm_bindgen::JsValue::UNDEFINED)),
    });
    let _ = JsFuture::from(p).await;
}

/// Fetches both files and applies whatever verifies. Never panics; never drops a good copy.
/// `progress(received, total)` follows a full revocation list's download.
pub async fn sync(state: TrustState, now: Time, progress: &JsValue) -> TrustState {
    let roots = roots();
    let mut next = TrustState { sync: Sync::Running, ..state };
    notes::start();
    // every GET starts now and runs alongside the others
    let (keys, pols) = (start_fetch::<TrustList>(), start_fetch::<PolicySet>());
    let revs = revocation::start(next.revocation.as_ref(), progress);
    let (mut problems, mut network) = (Vec::new(), Vec::new());
    apply(keys, &mut next.trust, &roots, &mut problems, &mut network, now).await;
    yield_to_browser().await;
    apply(pols, &mut next.policies, &roots, &mut problems, &mut network, now).await;
    yield_to_browser().await;
    revocation::finish(revs, &mut next.revocation, &roots, &mut problems, &mut network, now).await;
    notes::finish(&mut next, now);
    next.sync = if !problems.is_empty() {
        Sync::Rejected { at: now, why: problems.join("; ") }
    } else if !network.is_empty() {
        Sync::Failed { at: now, why: network.join("; ") }
    } else {
        Sync::Ok { at: now }
    };
    next
}
