//! Shared fixtures for the core's integration tests.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use yima_core::{Scan, Verifier};
use yima_core::{Session, Time, VenueKey, Verdict};
use yima_issue::demo;
use yima_issue::demo::revocations as demo_revocations;

pub fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

pub fn verifier(venue: &str, at: Time) -> Verifier {
    Verifier {
        trust: Some(demo::trust_list(at)),
        policies: Some(demo::policies(at)),
        venue: VenueKey { venue: venue.into(), region: 310000 },
        revocation: Some(demo_revocations(at)),
        clock_floor: None,
    }
}

pub fn scan_once(venue: &str, qr: &str, at: Time) -> Scan {
    verifier(venue, at).scan(&mut Session::default(), qr, at)
}

pub fn verdict(venue: &str, qr: &str, at: Time) -> Verdict {
    scan_once(venue, qr, at).card.verdict
}

pub fn sample(id: &str, at: Time) -> String {
    demo::samples(at).into_iter().find(|s| s.id == id).map(|s| s.qr).expect("sample exists")
}
