//! The one card staff see: verdict, reasons and the verified facts.

use serde::{Deserialize, Serialize};

use crate::claims::{Colour, Provenance, TestKind, TestOutcome, Vaccination};
use crate::evaluate::{basis_time, Chosen, Facts, Shown};
use crate::policy::{TimeBasis, VenueKey};
use crate::trust::{IssuerKey, Scope};
use crate::verdict::{CardRow, Reason, Verdict};
use crate::Time;

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    HealthCode { region: u32 },
    TestReport { region: u32 },
    Itinerary { region: u32 },
}

/// The channel that issued the health code (its trust-list entry's names and scope), e.g.
/// 国家政务服务平台 for a national key: the same policy applies whichever channel issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelView {
    pub name_zh: String,
    pub name_en: String,
    pub national: bool,
}

impl ChannelView {
    pub fn of(key: &IssuerKey) -> Self {
        ChannelView { name_zh: key.name_zh.clone(), name_en: key.name_en.clone(), national: key.scope == Scope::National }
    }
}

/// The 14-day itinerary as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripView {
    pub cities: Vec<u32>,
    pub star: bool,
    /// When the itinerary was issued (its credential, or the health code carrying it).
    pub as_of: Time,
}

/// A test as shown on the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestView {
    pub kind: TestKind,
    pub outcome: TestOutcome,
    pub sampled_at: Time,
    pub reported_at: Time,
    pub institution: String,
    pub institution_region: u32,
    pub provenance: Provenance,
    /// Age at evaluation, counted from `basis`.
    pub age_seconds: i64,
    pub basis: TimeBasis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolderView {
    pub masked_name: String,
    pub masked_id: String,
}

/// A text in both languages, with a code for machines (a reason's code, a row's id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl Line {
    pub fn text(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Zh => &self.zh,
            crate::lang::Lang::En => &self.en,
        }
    }
}

/// One fact of a foreign certificate: label and value in both languages; `alarm` when a reason
/// refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub label: Line,
    pub value: Line,
    #[serde(default)]
    pub alarm: bool,
}

/// A foreign certificate (EU DCC) as shown. Judged, and its facts worded, by the separately
/// loaded DCC module (`yima-dcc`), so the app only displays it and carries no DCC code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignView {
    pub verdict: Verdict,
    /// Worst first; never empty. Worded like ours (words.rs); sent to the app in a
    /// compact form ([`crate::reason_wire`]).
    #[serde(with = "crate::reason_wire")]
    pub reasons: Vec<Reason>,
    /// Masked name (first letter of each part) and year of birth.
    pub holder: String,
    /// ISO 3166 code of the issuing country.
    pub country: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub verdict: Verdict,
    /// Worst first; never empty.
    pub reasons: Vec<Reason>,
    pub holder: Option<HolderView>,
    /// Region of the health code's issuer (or of the report's signer when alone).
    pub issuer_region: Option<u32>,
    /// The channel that issued the health code.
    pub channel: Option<ChannelView>,
    pub colour: Option<Colour>,
    pub code_issued_at: Option<Time>,
    pub nat: Option<TestView>,
    pub antigen: Option<TestView>,
    pub vaccination: Option<Vaccination>,
    pub itinerary: Option<TripView>,
    /// Credentials merged into this card, in scan order.
    pub sources: Vec<Source>,
    pub venue: VenueKey,
    pub evaluated_at: Time,
    /// Signed by demo keys.
    pub demo: bool,
    /// A foreign certificate: its own facts and reasons (then `reasons` is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<ForeignView>,
}

impl Card {
    /// A card with no verified facts (rejected credential, or no trust data).
    pub fn bare(reasons: Vec<Reason>, venue: VenueKey, now: Time) -> Card {
        let (verdict, reasons) = crate::verdict::conclude(reasons);
        Card {
            verdict,
            reasons,
            holder: None,
            issuer_region: None,
            channel: None,
            colour: None,
            code_issued_at: None,
            nat: None,
            antigen: None,
            vaccination: None,
            itinerary: None,
            sources: Vec::new(),
            venue,
            evaluated_at: now,
            demo: false,
            foreign: None,
        }
    }

    /// The card of a foreign certificate.
    pub fn foreign(view: ForeignView, venue: VenueKey, now: Time) -> Card {
        Card { verdict: view.verdict, reasons: Vec::new(), foreign: Some(view), ..Card::bare(Vec::new(), venue, now) }
    }

    /// The reasons, worst first (foreign or not).
    pub fn shown_reasons(&self) -> &[Reason] {
        self.foreign.as_ref().map_or(&self.reasons, |f| &f.reasons)
    }

    /// The reasons' codes, worst first (foreign or not).
    pub fn reason_codes(&self) -> Vec<&str> {
        self.shown_reasons().iter().map(Reason::code).collect()
    }

    /// Whether a reason marks `row` as an alarm.
    pub fn alarms(&self, row: CardRow) -> bool {
        self.shown_reasons().iter().any(|r| r.row() == Some(row))
    }

    /// A card for verified facts, showing what evaluation judged them by.
    pub fn from_facts(facts: &Facts, shown: &Shown, sources: Vec<Source>, reasons: Vec<Reason>, venue: VenueKey, now: Time) -> Card {
        let mut card = Card::bare(reasons, venue, now);
        card.nat = shown.nat.map(|c| test_view(c, now));
        card.antigen = shown.antigen.map(|c| test_view(c, now));
        card.itinerary = shown.trip.map(|(t, as_of)| TripView { cities: t.cities.clone(), star: t.star, as_of });
        let code = facts.code();
        let holder = (code.map(|h| &h.holder))
            .or(facts.reports.first().map(|r| &r.claims.holder))
            .or(facts.itineraries.first().map(|i| &i.claims.holder));
        // Re-masked: an older code carries more of the ID than a card shows (docs/format.md).
        card.holder = holder.map(|h| HolderView { masked_name: h.masked_name.clone(), masked_id: crate::mask::mask_id(&h.masked_id) });
        if let Some(h) = code {
            card.issuer_region = Some(h.region);
            card.colour = Some(h.colour);
            card.code_issued_at = Some(h.issued_at);
            card.vaccination = h.vaccination.clone();
        } else {
            card.issuer_region = facts.reports.first().map(|r| r.claims.region).or(facts.itineraries.first().map(|i| i.claims.region));
        }
        card.sources = sources;
        card
    }
}

fn test_view(Chosen { result: t, basis }: Chosen, now: Time) -> TestView {
    TestView {
        kind: t.kind,
        outcome: t.outcome,
        sampled_at: t.sampled_at,
        reported_at: t.reported_at,
        institution: t.institution.clone(),
        institution_region: t.institution_region,
        provenance: t.provenance,
        age_seconds: (now - basis_time(t, basis)).num_seconds(),
        basis,
    }
}
