//! Bindings to the camera/worker glue in `scanner.js`, and the camera's state for the UI.

use js_sys::{Function, Promise};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/camera/scanner.js")]
extern "C" {
    pub type Scanner;

    #[wasm_bindgen(constructor)]
    pub fn new(video: &web_sys::HtmlVideoElement, worker_url: &str, on_text: &Function, on_state: &Function) -> Scanner;
    #[wasm_bindgen(method)]
    pub fn start(this: &Scanner) -> Promise;
    #[wasm_bindgen(method)]
    pub fn stop(this: &Scanner);
    #[wasm_bindgen(method)]
    pub fn destroy(this: &Scanner);
    #[wasm_bindgen(method, js_name = canTorch)]
    pub fn can_torch(this: &Scanner) -> bool;
    #[wasm_bindgen(method, js_name = setTorch)]
    pub fn set_torch(this: &Scanner, on: bool) -> Promise;
    #[wasm_bindgen(method, js_name = cameraCount)]
    pub fn camera_count(this: &Scanner) -> u32;
    #[wasm_bindgen(method, js_name = nextCamera)]
    pub fn next_camera(this: &Scanner) -> Promise;
    #[wasm_bindgen(method, js_name = decodeFile)]
    pub fn decode_file(this: &Scanner, file: &web_sys::File) -> Promise;

    #[wasm_bindgen(js_name = watchServiceWorker)]
    fn watch_sw(on_update: &Function);
    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update();
}

/// Where the camera stands, as shown to staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraState {
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
    Error(String),
}

impl CameraState {
    /// Short name for the page (`data-state`, read by the browser tests).
    pub fn code(&self) -> &'static str {
        match self {
            CameraState::Off => "Off",
            CameraState::Starting => "Starting",
            CameraState::Live => "Live",
            CameraState::Denied => "Denied",
            CameraState::NoCamera => "NoCamera",
            CameraState::InUse => "InUse",
            CameraState::Ended => "Ended",
            CameraState::DecoderDown => "DecoderDown",
            CameraState::Error(_) => "Error",
        }
    }

    pub fn from_js(state: &str, detail: &str) -> CameraState {
        match state {
            "off" => CameraState::Off,
            "starting" => CameraState::Starting,
            "live" => CameraState::Live,
            "denied" => CameraState::Denied,
            "nocamera" => CameraState::NoCamera,
            "inuse" => CameraState::InUse,
            "ended" => CameraState::Ended,
            "decoder" => CameraState::DecoderDown,
            _ => CameraState::Error(detail.chars().take(120).collect()),
        }
    }
}

/// Registers the service worker and raises `flag` when a new version waits.
pub fn watch_service_worker(flag: RwSignal<bool>) {
    let cb = Closure::<dyn Fn()>::new(move || flag.set(true));
    watch_sw(cb.as_ref().unchecked_ref());
    cb.forget(); // lives as long as the page
}
