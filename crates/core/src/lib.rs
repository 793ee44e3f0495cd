//! Yima's verification core: QR text → credential → signature → policy → [`Card`].
//!
//! Pure Rust with no browser APIs, so every stage is tested natively with `cargo test`.
//! Time is always an argument (`now`); nothing here reads a clock.
//!
//! Stages and their error types:
//! - [`codec`]: QR text ⇄ COSE bytes (`YM1:` + base45 + zlib) — [`codec::DecodeError`]
//! - [`cose`]: COSE_Sign1 with Ed25519 — [`cose::CoseError`]
//! - [`envelope`]: root-signed JSON files (trust list, policies) — [`envelope::EnvelopeError`]
//! - [`trust`] / [`policy`]: the signed data a verifier relies on ([`trust_dcc`]: EU DCC signers)
//! - [`verify`]: credential + trust list → a [`verify::Verification`] *value* (never an error)
//! - [`evaluate`]: verified facts + venue policy → reasons → [`Verdict`]
//! - [`revocation`]: per-credential revocation lists and their lookup — [`revocation::RevocationError`]
//! - [`session`]: merges a health code, paper reports and itineraries of the same holder into one [`Card`]
//! - [`words`]: what a card says (reasons, ages), one function per language

pub mod card;
pub mod city;
pub mod claims;
pub mod codec;
pub mod cose;
pub mod demo;
pub mod envelope;
pub mod evaluate;
pub mod foreign;
pub mod i18n;
pub mod issue;
pub mod keys;
pub mod policy;
mod reason_wire;
pub mod region;
pub mod revocation;
pub mod rfc3339;
pub mod session;
pub mod trust;
pub mod trust_dcc;
pub mod verdict;
pub mod verify;
pub mod words;

pub use card::Card;
pub use claims::{Claims, Colour, HealthCode, Holder, Itinerary, Provenance, TestKind, TestOutcome, TestReport, TestResult, Trip};
pub use policy::{Policy, PolicySet, VenueKey, VenueType};
pub use session::Session;
pub use trust::TrustList;
pub use verdict::{Reason, Verdict};

/// A point in time. Always passed in by the caller.
pub type Time = chrono::DateTime<chrono::Utc>;
