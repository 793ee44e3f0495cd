//! Root-signed venue policies (`policies.json`): per region × venue type.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::claims::Colour;
use crate::region::province_of;
use crate::Time;

/// File kind bound into the root signature.
pub const KIND: &str = "policies";

/// Venue type id, e.g. `metro`, `mall`, `leave_city`. Open-ended: new types arrive in signed
/// policy files without an app update.
pub type VenueType = String;

/// Where the verifier stands: venue type and the venue's GB/T 2260 region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VenueKey {
    pub venue: VenueType,
    pub region: u32,
}

/// From which time a test's age is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    Report,
    Sample,
}

/// A test requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestRule {
    pub max_age_hours: u32,
    pub basis: TimeBasis,
    /// Only results tested by an institution count (a self-test upload does not).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub institution_only: bool,
}

/// What a star on the 14-day itinerary means at this venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StarAction {
    Allow,
    Check,
    Deny,
}

/// The itinerary requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItineraryRule {
    /// An itinerary (inline in the health code or its own credential) must be shown.
    pub required: bool,
    pub star: StarAction,
}

/// What a venue accepts from a foreign certificate (EU DCC, issue 11). A venue without one checks
/// such certificates by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignRule {
    /// A test certificate counts when its sample was taken at most this many hours ago; absent:
    /// test certificates are not accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_hours: Option<u32>,
    /// Rapid antigen tests count as well as NAAT (PCR).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rapid_antigen: bool,
    /// A completed vaccination (dose n of n) counts from this many days after that dose; absent:
    /// vaccination certificates are not accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vaccination_days: Option<u32>,
    /// A recovery certificate counts within its own validity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recovery: bool,
}

/// The venue's need for revocation data (issue 21 B). Present: a credential is judged only
/// against revocation data no older than `max_age_hours` (from the newest file's signing time);
/// without such data the verdict is at least check by hand. Absent: revocation data is used
/// when held, and its absence says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationRule {
    pub max_age_hours: u32,
}

/// The rule at one venue type in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub venue: VenueType,
    /// GB/T 2260 code this policy applies to; 0 = national default.
    pub region: u32,
    pub name_zh: String,
    pub name_en: String,
    pub allowed_colours: Vec<Colour>,
    /// NAT required, and how recent.
    pub nat: Option<TestRule>,
    /// Antigen required, and how recent.
    pub antigen: Option<TestRule>,
    /// Itinerary rule; absent in policy files written before itineraries: no rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub itinerary: Option<ItineraryRule>,
    /// Foreign certificates (EU DCC); absent in policy files written before them: check by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<ForeignRule>,
    /// Revocation data required; absent in policy files written before the rule: not required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation: Option<RevocationRule>,
    /// Screenshot guard: a dynamic code older than this is refused.
    pub max_code_age_seconds: u32,
    /// Tolerated difference between issuer and device clocks.
    pub clock_skew_seconds: u32,
    #[serde(with = "crate::rfc3339")]
    pub effective_from: Time,
}

impl Policy {
    pub fn skew(&self) -> Duration {
        Duration::seconds(i64::from(self.clock_skew_seconds))
    }
}

/// The policy file's signed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySet {
    pub sequence: u64,
    #[serde(with = "crate::rfc3339")]
    pub issued_at: Time,
    pub max_age_hours: u32,
    #[serde(default)]
    pub demo: bool,
    pub policies: Vec<Policy>,
    /// Origins (`scheme://host[:port]`) of the pages allowed to embed the scan page and receive
    /// its verdict message (docs/embedding.md); absent: only the page's own origin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embed_origins: Vec<String>,
}

impl PolicySet {
    /// The policy in force for `venue` at `now`: the most specific region (exact code, then its
    /// province, then national), and among those the latest already effective.
    pub fn select(&self, venue: &VenueKey, now: Time) -> Option<&Policy> {
        let rank = |p: &Policy| {
            if p.region == venue.region {
                Some(3)
            } else if p.region == province_of(venue.region) {
                Some(2)
            } else if p.region == 0 {
                Some(1)
            } else {
                None
            }
        };
        self.policies
            .iter()
            .filter(|p| p.venue == venue.venue && p.effective_from <= now)
            .filter_map(|p| rank(p).map(|r| ((r, p.effective_from), p)))
            .max_by_key(|(k, _)| *k)
            .map(|(_, p)| p)
    }

    /// Venue types offered in settings, with names, in file order, without repeats.
    pub fn venue_types(&self) -> Vec<(&str, &str, &str)> {
        let mut out: Vec<(&str, &str, &str)> = Vec::new();
        for p in &self.policies {
            if !out.iter().any(|(v, _, _)| *v == p.venue) {
                out.push((&p.venue, &p.name_zh, &p.name_en));
            }
        }
        out
    }
}

crate::signed::signed_content!(PolicySet, KIND);
