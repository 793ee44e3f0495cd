//! localStorage access that never fails loudly: private modes and embedded webviews may
//! refuse storage, and the app must still work online.
//!
//! Only settings, signed trust data and daily counters are ever written here.

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Whether data can be kept on this device (probes with a write).
pub fn available() -> bool {
    let Some(s) = store() else { return false };
    s.set_item("yima.probe", "1").is_ok() && s.remove_item("yima.probe").is_ok()
}

pub fn get(key: &str) -> Option<String> {
    store()?.get_item(key).ok()?
}

/// Returns whether the value was stored.
pub fn set(key: &str, value: &str) -> bool {
    store().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = store() {
        let _ = s.remove_item(key);
    }
}
