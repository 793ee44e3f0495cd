//! wasm-bindgen layer over [`yima_decode`] for the app's decoder Web Worker and the benchmark page.
//!
//! Build: `cargo build -p yima-decode-worker --target wasm32-unknown-unknown --release`, then
//! `wasm-bindgen --target web` (ES module + `.wasm`; `await init()` before use).
//!
//! Exports (all take the **whole camera frame**; no cropping needed):
//! * `decode_rgba(width, height, data) -> string | undefined` — full pipeline on one RGBA frame
//!   (`data`: `ImageData.data`, a `Uint8ClampedArray` of `width * height * 4` bytes).
//! * `decode_luma(width, height, data) -> string | undefined` — same for 8-bit greyscale.
//! * `new Scanner()` / `scanner.scan_rgba(width, height, data) -> string | undefined` — for live
//!   streams: cheaper per frame (two primary attempts plus one rotating variant per frame).
//! * `scanner.free()` releases it.
//!
//! `undefined` means "no code read" (including invalid input: size/length mismatch, zero-size
//! frames or frames over 16 Mpx). The decoder has no known panic path, but a panic on
//! `wasm32-unknown-unknown` traps: the call throws a `WebAssembly.RuntimeError` and the module
//! must be considered dead. Run it in a dedicated Worker and, on such an error (or a worker
//! `error` event), terminate the worker and start a fresh one.

use wasm_bindgen::prelude::*;

/// Decodes one RGBA frame; `undefined` when nothing is read.
#[wasm_bindgen]
pub fn decode_rgba(width: u32, height: u32, data: &[u8]) -> Option<String> {
    yima_decode::decode_rgba(width, height, data).map(|d| d.text)
}

/// Decodes one 8-bit greyscale frame; `undefined` when nothing is read.
#[wasm_bindgen]
pub fn decode_luma(width: u32, height: u32, data: &[u8]) -> Option<String> {
    yima_decode::decode_luma(width, height, data).map(|d| d.text)
}

/// Stateful scanner for a stream of frames (alternates preprocessing variants across frames).
#[wasm_bindgen]
pub struct Scanner(yima_decode::Scanner);

#[wasm_bindgen]
impl Scanner {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Scanner {
        Scanner(yima_decode::Scanner::new())
    }

    /// Decodes the next RGBA frame of the stream; `undefined` when nothing is read.
    pub fn scan_rgba(&mut self, width: u32, height: u32, data: &[u8]) -> Option<String> {
        self.0.scan_rgba(width, height, data).map(|d| d.text)
    }
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}
