//! Browser APIs that an engine may lack or that may throw, reached without trapping the wasm.
//!
//! A JS exception thrown through a web-sys binding that is not declared `catch` unwinds through
//! the wasm and leaves the app's state half-updated (Safari and Firefox have no
//! `navigator.vibrate`: issue 20). Here a member is looked up first (`Reflect`, which returns
//! a `Result`) and called through `Function::call*` (also a `Result`), so a missing or throwing
//! API is a value. The list of APIs and their fallbacks: docs/app.md "Browser APIs".

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `obj[name]` when it is there (not `undefined` or `null`), `None` when it is missing or its
/// getter throws.
pub fn member(obj: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// A global (`self.name`).
pub fn global(name: &str) -> Option<JsValue> {
    member(&js_sys::global(), name)
}

/// Sets a global (`self.name = value`); whether it was set.
pub fn set_global(name: &str, value: &JsValue) -> bool {
    Reflect::set(&js_sys::global(), &JsValue::from_str(name), value).unwrap_or(false)
}

/// Calls `obj.name(arg)`: `Err` when the method is missing or throws.
pub fn call1(obj: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let f: Function = member(obj, name).and_then(|f| f.dyn_into().ok()).ok_or_else(|| JsValue::from_str(name))?;
    f.call1(obj, arg)
}

/// Vibrates in `pattern` (ms on, off, on…) where the device can: Safari never had the
/// Vibration API and Firefox removed it. Whether the browser took it.
pub fn vibrate(pattern: &[u32]) -> bool {
    let Some(nav) = global("navigator") else { return false };
    let pattern: js_sys::Array = pattern.iter().map(|&ms| JsValue::from(ms)).collect();
    call1(&nav, "vibrate", &pattern).is_ok_and(|r| r.is_truthy())
}
