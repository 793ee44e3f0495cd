//! Page state shared by every screen: copyable signal handles, provided as a Leptos context.
//! Screens import this module, never `app` (which imports the screens).

use leptos::prelude::*;
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
}

impl AppState {
    pub fn lang(&self) -> Lang {
        self.prefs.with(|p| p.lang)
    }

    pub fn venue(&self) -> VenueKey {
        self.prefs.with(|p| VenueKey { venue: p.venue.clone(), region: p.region })
    }

    /// Fetches the endpoint files in the background.
    pub fn refresh_trust(self) {
        let current = self.trust.get_untracked();
        self.trust.update(|t| t.sync = trust_store::Sync::Running);
        leptos::task::spawn_local(async move {
            let next = trust_store::sync(current, clock::now()).await;
            self.trust.set(next);
        });
    }
}
