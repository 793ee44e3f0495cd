//! Yima's verification core: QR text → credential → signature → policy → [`Card`].
//!
//! Pure Rust with no browser APIs, so every stage is tested natively with `cargo test`.
//! Time is always an argument (`now`); nothing here reads a clock. Nothing here signs: issuing
//! and the public demo data live in `yima-issue` (ARCHITECTURE.md).
//!
//! Stages (private modules; the API is what this file re-exports), each with its error type:
//! - `codec`: QR text ⇄ COSE bytes (`YM1:` + base45 + zlib) — [`DecodeError`]
//! - `cose`: COSE_Sign1 with Ed25519 — [`CoseError`]; `strict_cbor`: the one CBOR shape its bytes and the claims may take
//! - `envelope` / `signed`: root-signed JSON files — [`EnvelopeError`], [`SignedError`]
//! - `trust` / `policy`: the signed data a verifier relies on (issuer keys, EU DCC signers, venue rules)
//! - `verify`: credential + trust list → a [`Verification`] *value* (never an error)
//! - `evaluate`: verified facts + venue policy → reasons → [`Verdict`]
//! - `revocation`: per-credential revocation lists and their lookup — [`RevocationError`]
//! - `session`: merges a health code, paper reports and itineraries of one holder into one [`Card`]
//! - `words`: every text a card shows, in [`Lang::Zh`] and [`Lang::En`]

mod binding;
mod card;
mod city;
mod claims;
mod codec;
mod cose;
mod envelope;
mod evaluate;
mod foreign;
mod keys;
mod labels;
mod lang;
mod mask;
mod policy;
mod reason_wire;
mod region;
mod revocation;
mod rfc3339;
mod session;
mod signed;
mod strict_cbor;
mod trust;
mod verdict;
mod verify;
mod words;

pub use binding::{Binding, UNKEYED as UNKEYED_BINDING};
pub use card::{Card, ChannelView, ForeignView, HolderView, Line, Row, Source, TestView, TripView};
pub use city::names as city_names;
pub use claims::{
    from_cbor as claims_from_cbor, Claims, Colour, HealthCode, Holder, Itinerary, Provenance, TestKind, TestOutcome, TestReport,
    TestResult, Trip, Vaccination,
};
pub use codec::{base45_decode, decode_text, encode_text, inflate, trimmed, DecodeError, MAX_INFLATED, MAX_TEXT_LEN, PREFIX as QR_PREFIX};
pub use cose::{open as open_cose, CoseError, Opened};
pub use envelope::{
    hex, message as signed_message, open as open_signed, open_capped, open_fields, open_payload, EnvelopeError, Fields, Payload,
    FORMAT as SIGNED_FORMAT, KINDS as SIGNED_KINDS, MAX_FILE_LEN,
};
pub use evaluate::{evaluate, Facts, Seen, DEFAULT_SKEW_SECONDS};
pub use foreign::{ForeignContext, ForeignParts};
pub use keys::{kid, verify as verify_signature, verify_raw, KID_LEN};
pub use labels::{
    colour as colour_text, outcome as outcome_text, provenance as provenance_text, test_kind as test_kind_text, verdict as verdict_text,
};
pub use lang::Lang;
pub use mask::{mask_id, mask_name};
pub use policy::{
    ForeignRule, ItineraryRule, Policy, PolicySet, RevocationRule, StarAction, TestRule, TimeBasis, VenueKey, VenueType,
    KIND as POLICIES_KIND,
};
pub use region::{is_known as region_known, name as region_name, names as region_names, province_of};
pub use revocation::{
    entry as revocation_entry, kid_from_hex, Certainty, DeltaList, FullList, Header as RevocationHeader, HighWater, RevocationError,
    Revocations, Set as RevocationSet, Status as RevocationStatus, Uid, DELTA_KIND, EXACT_MAX, FULL_KIND, FUSE32_MAX, MAX_DELTA_LEN,
    MAX_FULL_LEN, UID_LEN,
};
pub use session::{Scan, Session, Verifier, CLOCK_BEHIND_TOLERANCE_SECONDS, MERGE_WINDOW_SECONDS};
pub use signed::{check_sequence, Rollback, SignedContent, SignedError, MAX_SEQUENCE_AHEAD};
pub use trust::{DccSigner, DccType, IssuerKey, KeyStatus, Role, Scope, TrustList, KIND as TRUST_KIND};
pub use verdict::{conclude, CardRow, Reason, Verdict};
pub use verify::{verify as verify_credential, Verification};
pub use words::{
    age as age_text, ago as ago_text, date_time as date_time_text, plain as plain_text, reason_text, reason_texts,
    test_row as test_row_text, vaccination as vaccination_text,
};

/// A point in time. Always passed in by the caller.
pub type Time = chrono::DateTime<chrono::Utc>;
