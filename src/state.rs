//! Page state shared by every screen: copyable signal handles, provided as a Leptos context.
//! Screens import this module, never `app` (which imports the screens).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use yima_core::Lang;
use yima_core::{Card, Session, VenueKey};

use crate::clock;
use crate::prefs::{Counters, Prefs};
use crate::trust_store::{self, TrustState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Scan,
    Settings,
    Demo,
}

/// The card on screen (in memory only; dropped when it closes).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub card: Card,
    pub merged: bool,
    pub serial: u32,
}

/// Shared page state: copyable handles to signals.
#[derive(Clone, Copy)]
pub struct AppState {
    pub prefs: RwSignal<Prefs>,
    pub kiosk: bool,
    pub trust: RwSignal<TrustState>,
    pub card: RwSignal<Option<Shown>>,
    pub counters: RwSignal<Counters>,
    pub screen: RwSignal<Screen>,
    /// One session for the page: merges a health code and a paper report.
    pub session: StoredValue<Session>,
    /// Hash and time (ms) of the last text seen, to ignore a code that stays in view.
    pub last_seen: StoredValue<Option<(u64, f64)>>,
    /// A short message (e.g. "no QR code found in the photo").
    pub notice: RwSignal<Option<String>>,
    /// A new app version is waiting (service worker).
    pub update_ready: RwSignal<bool>,
    /// This page can work offline (false: no service worker here, e.g. iOS in-app webviews).
    pub offline_ok: RwSignal<bool>,
    /// A full revocation list on its way: (bytes received, bytes in all; 0 when unknown).
    pub download: RwSignal<Option<(f64, f64)>>,
}

impl AppState {
    pub fn lang(&self) -> Lang {
        self.prefs.with(|p| p.lang)
    }

    pub fn venue(&self) -> VenueKey {
        self.prefs.with(|p| VenueKey { venue: p.venue.clone(), region: p.region })
    }

    /// Fetches the endpoint files in the background (not while a sync runs).
    pub fn refresh_trust(self) {
        let current = self.trust.get_untracked();
        if current.sync == trust_store::Sync::Running {
            return;
        }
        self.trust.update(|t| t.sync = trust_store::Sync::Running);
        let download = self.download;
        let progress = Closure::<dyn Fn(f64, f64)>::new(move |got, total| download.set(Some((got, total))));
        leptos::task::spawn_local(async move {
            let next = trust_store::sync(current, clock::now(), progress.as_ref()).await;
            drop(progress);
            download.set(None);
            self.trust.set(next);
        });
    }

    /// Syncs again every [`SYNC_EVERY_MS`] while the page is visible, and whenever it becomes
    /// visible again (a kiosk left on all day, a phone woken up), where the browser says so.
    pub fn keep_in_sync(self) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let visible = move || web_sys::window().and_then(|w| w.document()).is_none_or(|d| !d.hidden());
        if crate::web_api::member(doc.as_ref(), "hidden").is_some() {
            let on_visible = Closure::<dyn Fn()>::new(move || {
                if visible() {
                    self.refresh_trust();
                }
            });
            let _ = doc.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
            on_visible.forget(); // lives as long as the page
        }
        let _ = set_interval_with_handle(
            move || {
                if visible() {
                    self.refresh_trust();
                }
            },
            std::time::Duration::from_millis(SYNC_EVERY_MS),
        );
    }
}

/// How often an open page syncs with the endpoint.
pub const SYNC_EVERY_MS: u64 = 10 * 60 * 1000;
