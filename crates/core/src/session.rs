//! Scanning at one venue: verify, merge a health code, paper reports and itineraries of the same
//! holder scanned close together into one card, and notice repeats of the same code.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use chrono::Duration;

use crate::binding::Binding;
use crate::card::{Card, ChannelView, Source};
use crate::claims::Claims;
use crate::evaluate::{evaluate, Facts};
use crate::policy::{PolicySet, VenueKey};
use crate::revocation::{Revocations, Status};
use crate::signed::SignedContent;
use crate::trust::{IssuerKey, TrustList};
use crate::verdict::Reason;
use crate::verify::{verify, Verification};
use crate::Time;

/// Credentials of one holder scanned within this window merge into one card.
pub const MERGE_WINDOW_SECONDS: i64 = 120;
/// A device clock this far behind the signed trust-data time triggers a warning.
pub const CLOCK_BEHIND_TOLERANCE_SECONDS: i64 = 300;

/// The verifier's signed data and where it stands.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub trust: Option<TrustList>,
    pub policies: Option<PolicySet>,
    pub venue: VenueKey,
    /// Per-credential revocation data (none: credentials are not looked up one by one).
    pub revocation: Option<Revocations>,
}

/// The result of one scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub card: Card,
    /// The same text as the previous scan, within the merge window: do not announce again.
    pub repeat: bool,
    /// This scan was merged with an earlier credential of the same holder.
    pub merged: bool,
}

/// Short-lived memory of the current holder. Held in memory only; forgotten after the
/// merge window or on [`Session::clear`].
#[derive(Debug, Default)]
pub struct Session {
    current: Option<Entry>,
    last_text: Option<(u64, Time)>,
}

#[derive(Debug)]
struct Entry {
    binding: Binding,
    facts: Facts,
    sources: Vec<Source>,
    /// The channel that issued the health code held in `facts`.
    channel: Option<ChannelView>,
    /// Hashes of the texts merged so far: a code still in view adds nothing twice.
    texts: Vec<u64>,
    at: Time,
}

impl Verifier {
    /// "Now" for checks: the device clock, but never earlier than the signed trust-data time.
    /// Returns the time and whether the device clock is behind the signed time.
    pub fn effective_now(&self, device_now: Time) -> (Time, bool) {
        let signed = [self.trust.as_ref().map(|t| t.issued_at), self.policies.as_ref().map(|p| p.issued_at)].into_iter().flatten().max();
        match signed {
            Some(s) if device_now < s => (s, s - device_now > Duration::seconds(CLOCK_BEHIND_TOLERANCE_SECONDS)),
            _ => (device_now, false),
        }
    }

    /// Reasons from the verifier's own state (trust data missing or stale, clock behind).
    pub fn status_reasons(&self, device_now: Time) -> Vec<Reason> {
        let (now, behind) = self.effective_now(device_now);
        let mut out = Vec::new();
        if self.trust.is_none() || self.policies.is_none() {
            out.push(Reason::NoTrustData);
        }
        if self.trust.as_ref().is_some_and(|t| t.is_stale(now)) || self.policies.as_ref().is_some_and(|p| p.is_stale(now)) {
            out.push(Reason::TrustDataStale);
        }
        if behind {
            out.push(Reason::ClockBehindTrustList);
        }
        if self.revocation.as_ref().is_some_and(|r| r.is_stale(now)) {
            out.push(Reason::RevocationDataStale);
        }
        out
    }

    /// Scans one QR text at `device_now`.
    pub fn scan(&self, session: &mut Session, text: &str, device_now: Time) -> Scan {
        let (now, behind) = self.effective_now(device_now);
        let mut reasons = self.status_reasons(device_now);
        let text_hash = hash(text);
        let repeat = session.last_text.is_some_and(|(h, at)| h == text_hash && now - at <= window());
        session.last_text = Some((text_hash, now));
        session.expire(now);

        let Some(trust) = &self.trust else {
            return Scan { card: Card::bare(reasons, self.venue.clone(), now), repeat, merged: false };
        };
        let (claims, issuer) = match verify(text, trust, now) {
            Verification::Verified { claims, issuer } => match self.revocation.as_ref().map(|r| r.status(&issuer.kid, claims.uid())) {
                // A revoked or suspect credential never joins the holder's merged facts.
                Some(Status::Revoked) => {
                    reasons.push(Reason::CredentialRevoked);
                    return Scan { card: Card::bare(reasons, self.venue.clone(), now), repeat, merged: false };
                }
                Some(Status::Suspected) => return Scan { card: self.suspect_card(claims, &issuer, reasons, now), repeat, merged: false },
                _ => (claims, issuer),
            },
            Verification::Rejected(r) => {
                reasons.push(r);
                return Scan { card: Card::bare(reasons, self.venue.clone(), now), repeat, merged: false };
            }
        };
        let binding = claims.holder().binding;
        let merged = session.current.as_ref().is_some_and(|e| e.binding == binding);
        // Bindings under two keys (a rotation) cannot be compared: not merged, and the card says so.
        if session.current.as_ref().is_some_and(|e| e.binding.other_key(&binding)) {
            reasons.push(Reason::HolderNotLinked);
        }
        let entry = match session.current.take() {
            Some(e) if e.binding == binding => e,
            _ => Entry { binding, facts: Facts::default(), sources: Vec::new(), channel: None, texts: Vec::new(), at: now },
        };
        let entry = session.current.insert(Entry { at: now, ..entry });
        // The same credential again (camera still on it, or shown twice) adds nothing new.
        if !entry.texts.contains(&text_hash) {
            entry.texts.push(text_hash);
            add(&mut entry.facts, &mut entry.sources, &mut entry.channel, claims, &issuer);
        }
        let policy = self.policies.as_ref().and_then(|p| p.select(&self.venue, now));
        if policy.is_none() {
            reasons.push(Reason::PolicyMissing);
        }
        // With the device clock behind the signed data, every credential issued since then looks
        // "in the future": that says nothing about the credential (ClockBehindTrustList already
        // asks for a check by hand), so it must not deny.
        let clock_artefact = |r: &Reason| behind && matches!(r, Reason::IssuedInFuture | Reason::ResultInFuture);
        let (found, shown) = evaluate(&entry.facts, policy, now);
        reasons.extend(found.into_iter().filter(|r| !clock_artefact(r)));
        let mut card = Card::from_facts(&entry.facts, &shown, entry.sources.clone(), reasons, self.venue.clone(), now);
        card.channel = entry.channel.clone();
        card.demo = trust.demo;
        Scan { card, repeat, merged }
    }
}

impl Verifier {
    /// The card of a credential that hit the compact revocation filter: its own facts only
    /// (not merged), evaluated, at least check by hand.
    fn suspect_card(&self, claims: Claims, issuer: &IssuerKey, mut reasons: Vec<Reason>, now: Time) -> Card {
        let (mut facts, mut sources, mut channel) = (Facts::default(), Vec::new(), None);
        add(&mut facts, &mut sources, &mut channel, claims, issuer);
        let policy = self.policies.as_ref().and_then(|p| p.select(&self.venue, now));
        reasons.push(Reason::RevocationSuspected);
        let (found, shown) = evaluate(&facts, policy, now);
        reasons.extend(found);
        let mut card = Card::from_facts(&facts, &shown, sources, reasons, self.venue.clone(), now);
        card.channel = channel;
        card.demo = self.trust.as_ref().is_some_and(|t| t.demo);
        card
    }
}

/// Adds a verified credential's facts and its source; a health code also sets the channel
/// (its issuer's trust-list entry) that the card names.
fn add(facts: &mut Facts, sources: &mut Vec<Source>, channel: &mut Option<ChannelView>, claims: Claims, issuer: &IssuerKey) {
    match claims {
        Claims::HealthCode(h) => {
            sources.push(Source::HealthCode { region: h.region });
            *channel = Some(ChannelView::of(issuer));
            facts.health = Some(h);
        }
        Claims::TestReport(r) => {
            sources.push(Source::TestReport { region: r.region });
            facts.reports.push(r);
        }
        Claims::Itinerary(i) => {
            sources.push(Source::Itinerary { region: i.region });
            facts.itineraries.push(i);
        }
    }
}

impl Session {
    /// Forgets everything about the current holder.
    pub fn clear(&mut self) {
        *self = Session::default();
    }

    /// Forgets the holder once the merge window has passed.
    pub fn expire(&mut self, now: Time) {
        if self.current.as_ref().is_some_and(|e| now - e.at > window()) {
            self.current = None;
        }
    }

    /// Whether anything about a holder is held.
    pub fn holds_holder(&self) -> bool {
        self.current.is_some()
    }
}

fn window() -> Duration {
    Duration::seconds(MERGE_WINDOW_SECONDS)
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.trim_end().hash(&mut h);
    h.finish()
}
