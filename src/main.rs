//! Yima scan page: Leptos CSR shell around `yima-core`.
//!
//! Layout: `state` holds the page state, `app` the top-level layout; `scan_flow` turns QR text into an announced card;
//! `trust_store` fetches, verifies and keeps the signed endpoint files; `camera` binds the
//! camera/worker glue (`camera/scanner.js` + `public/decode-worker.js`); `screens/*` render;
//! `offline` registers the service worker; `lazy` loads the wasm modules kept out of the first
//! paint; `web_api` reaches browser APIs that may be missing; `recover` brings the page back
//! after a wasm trap (with the crash watch in index.html).

mod app;
mod camera;
mod clock;
mod embed;
mod feedback;
mod i18n_ui;
mod lazy;
mod offline;
mod prefs;
mod recover;
mod scan_flow;
mod screens;
mod state;
mod storage;
mod trust_store;
mod web_api;

#[cfg(test)]
mod tests;

fn main() {
    leptos::mount::mount_to_body(app::App);
    // The first-visit splash in index.html gives way to the app.
    if let Some(splash) = leptos::prelude::document().get_element_by_id("splash") {
        splash.remove();
    }
}
