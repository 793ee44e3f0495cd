//! Bindings to the camera/worker glue in `scanner.js`, and the camera's state for the UI.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

// Every binding is `catch`: an exception in the glue (an engine without some camera API)
// comes back as an `Err`, never thrown through the wasm.
#[wasm_bindgen(module = "/src/camera/scanner.js")]
extern "C" {
    pub type Scanner;

    #[wasm_bindgen(constructor, catch)]
    pub fn new(video: &web_sys::HtmlVideoElement, worker: &str, on_text: &Function, on_state: &Function) -> Result<Scanner, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn start(this: &Scanner) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn destroy(this: &Scanner) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = canTorch)]
    pub fn can_torch(this: &Scanner) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setTorch)]
    pub fn set_torch(this: &Scanner, on: bool) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = cameraCount)]
    pub fn camera_count(this: &Scanner) -> Result<u32, JsValue>;
    #[wasm_bindgen(method, catch, js_name = nextCamera)]
    pub fn next_camera(this: &Scanner) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = decodeFile)]
    pub fn decode_file(this: &Scanner, file: &web_sys::File) -> Result<Promise, JsValue>;
}

/// Declares [`CameraState`] from the one list of named states below. A state's name is what
/// scanner.js passes to `onState` and what the page shows (`data-state`, read by the browser
/// tests); `tests.rs` holds the names quoted in scanner.js to this list.
macro_rules! camera_states {
    ($($(#[doc = $doc:literal])* $state:ident,)*) => {
        /// Where the camera stands, as shown to staff.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum CameraState {
            $($(#[doc = $doc])* $state,)*
            /// Anything else the glue reports, with (at most 120 characters of) its detail.
            Error(String),
        }

        impl CameraState {
            /// Every named state (all but `Error`).
            #[cfg(test)]
            pub const NAMED: &[CameraState] = &[$(CameraState::$state),*];

            /// The state's name (`Error` for any error).
            pub fn code(&self) -> &'static str {
                match self {
                    $(CameraState::$state => stringify!($state),)*
                    CameraState::Error(_) => "Error",
                }
            }

            /// The state scanner.js names; any other name is an error with `detail`.
            pub fn from_js(name: &str, detail: &str) -> CameraState {
                match name {
                    $(stringify!($state) => CameraState::$state,)*
                    _ => CameraState::Error(detail.chars().take(120).collect()),
                }
            }
        }
    };
}

camera_states! {
    Off,
    Starting,
    Live,
    /// Permission refused.
    Denied,
    /// No camera (or none that fits).
    NoCamera,
    /// Another app holds the camera.
    InUse,
    /// The camera stopped (unplugged, taken by another app).
    Ended,
    /// The decoder could not be (re)started.
    DecoderDown,
    /// The browser wants a tap before it starts the camera or plays its picture (iOS webviews).
    NeedsTap,
}
