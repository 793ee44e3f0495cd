//! Scanning at one venue: verify, merge a health code, paper reports and itineraries of the same
//! holder scanned close together into one card, and notice repeats of the same code.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use chrono::Duration;

use crate::binding::Binding;
use crate::card::{Card, ChannelView, Source};
use crate::claims::Claims;
use crate::evaluate::{evaluate, Facts, Seen};
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
    /// A time the device clock cannot be earlier than, from outside the signed data (the app: the
    /// endpoint's latest HTTP `Date`). Joins the signed times in [`Verifier::effective_now`].
    pub clock_floor: Option<Time>,
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
/// merge window or on [`Session::clear`]. The rules: docs/format.md, section 3, "Session".
#[derive(Debug, Default)]
pub struct Session {
    current: Option<Entry>,
    last_text: Option<(u64, Time)>,
    /// The last refused credential whose holder cannot be known (it did not verify), and when:
    /// it joins the holder whose credential is scanned next within the window.
    refused: Option<(Reason, Time)>,
}

/// What binds credentials to one holder. The session compares holders only through
/// [`holder_of`], so a change to the binding is a change there.
type HolderKey = Binding;

fn holder_of(claims: &Claims) -> HolderKey {
    claims.holder().binding
}

#[derive(Debug)]
struct Entry {
    holder: HolderKey,
    facts: Facts,
    sources: Vec<Source>,
    /// The channel (issuer's trust-list entry) of each health code in `facts.codes`, in order.
    channels: Vec<ChannelView>,
    refusals: Vec<Refusal>,
    /// The last scan of this holder: the window slides with it.
    at: Time,
}

/// A refusal kept on the holder's cards for the rest of the session.
#[derive(Debug, PartialEq)]
struct Refusal {
    reason: Reason,
    /// Verified as this holder's (revoked or suspected): stays on every card. Otherwise (a
    /// credential that did not verify, whose holder is unknown) it stays only while no verified
    /// health code is on the card.
    of_holder: bool,
}

impl Entry {
    fn new(holder: HolderKey, now: Time) -> Entry {
        Entry { holder, facts: Facts::default(), sources: Vec::new(), channels: Vec::new(), refusals: Vec::new(), at: now }
    }

    fn refuse(&mut self, reason: Reason, of_holder: bool) {
        let r = Refusal { reason, of_holder };
        if !self.refusals.contains(&r) {
            self.refusals.push(r);
        }
    }

    /// The refusals this card carries.
    fn refused(&self) -> impl Iterator<Item = Reason> + '_ {
        let no_code = self.facts.codes.is_empty();
        self.refusals.iter().filter(move |r| r.of_holder || no_code).map(|r| Reason::EarlierRefused { reason: Box::new(r.reason.clone()) })
    }
}

impl Verifier {
    /// "Now" for checks: the device clock, but never earlier than the newest signing time of the
    /// signed data held (trust list, policies, revocation files) nor the clock floor. Returns the time and whether the
    /// device clock is behind the signed time.
    pub fn effective_now(&self, device_now: Time) -> (Time, bool) {
        let signed = [
            self.trust.as_ref().map(|t| t.issued_at),
            self.policies.as_ref().map(|p| p.issued_at),
            self.revocation.as_ref().map(Revocations::issued_at),
            self.clock_floor,
        ]
        .into_iter()
        .flatten()
        .max();
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
        let rule = self.policies.as_ref().and_then(|p| p.select(&self.venue, now)).and_then(|p| p.revocation);
        let too_old = |r: &Revocations| rule.is_some_and(|rule| now - r.issued_at() > Duration::hours(rule.max_age_hours.into()));
        match &self.revocation {
            Some(r) if r.is_stale(now) || too_old(r) => out.push(Reason::RevocationDataStale),
            None if rule.is_some() => out.push(Reason::RevocationDataMissing),
            _ => {}
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
            Verification::Verified { claims, issuer } => (claims, issuer),
            Verification::Rejected(r) => {
                // Not one of ours at all (another QR code) is no refusal to keep.
                if r != Reason::UnknownPrefix {
                    session.refused = Some((r.clone(), now));
                }
                reasons.push(r);
                return Scan { card: Card::bare(reasons, self.venue.clone(), now), repeat, merged: false };
            }
        };
        let holder = holder_of(&claims);
        let merged = session.current.as_ref().is_some_and(|e| e.holder == holder);
        // Bindings under two keys (a rotation) cannot be compared: not merged, and the card says so.
        if session.current.as_ref().is_some_and(|e| e.holder.other_key(&holder)) {
            reasons.push(Reason::HolderNotLinked);
        }
        let entry = match session.current.take() {
            Some(e) if e.holder == holder => e,
            _ => Entry::new(holder, now),
        };
        let entry = session.current.insert(Entry { at: now, ..entry });
        if let Some((r, _)) = session.refused.take() {
            entry.refuse(r, false);
        }
        // A revoked or suspect credential never joins the holder's merged facts; its refusal does.
        match self.revocation.as_ref().map(|r| r.status(&issuer.kid, claims.uid())) {
            Some(Status::Revoked) => {
                entry.refuse(Reason::CredentialRevoked, true);
                reasons.push(Reason::CredentialRevoked);
                return Scan { card: Card::bare(reasons, self.venue.clone(), now), repeat, merged: false };
            }
            Some(Status::Suspected) => {
                entry.refuse(Reason::RevocationSuspected, true);
                return Scan { card: self.suspect_card(claims, &issuer, reasons, now), repeat, merged: false };
            }
            _ => {}
        }
        add(&mut entry.facts, &mut entry.sources, &mut entry.channels, claims, &issuer, now);
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
        reasons.extend(entry.refused());
        let mut card = Card::from_facts(&entry.facts, &shown, entry.sources.clone(), reasons, self.venue.clone(), now);
        card.channel = entry.facts.code_index().and_then(|i| entry.channels.get(i).cloned());
        card.demo = trust.demo;
        Scan { card, repeat, merged }
    }
}

impl Verifier {
    /// The card of a credential that hit the compact revocation filter: its own facts only
    /// (not merged), evaluated, at least check by hand.
    fn suspect_card(&self, claims: Claims, issuer: &IssuerKey, mut reasons: Vec<Reason>, now: Time) -> Card {
        let (mut facts, mut sources, mut channels) = (Facts::default(), Vec::new(), Vec::new());
        add(&mut facts, &mut sources, &mut channels, claims, issuer, now);
        let policy = self.policies.as_ref().and_then(|p| p.select(&self.venue, now));
        reasons.push(Reason::RevocationSuspected);
        let (found, shown) = evaluate(&facts, policy, now);
        reasons.extend(found);
        let mut card = Card::from_facts(&facts, &shown, sources, reasons, self.venue.clone(), now);
        card.channel = channels.pop();
        card.demo = self.trust.as_ref().is_some_and(|t| t.demo);
        card
    }
}

/// Adds a verified credential scanned at `now` with its source (a health code also with its
/// channel, its issuer's trust-list entry). The same credential again (camera still on it, or
/// shown twice) adds nothing but is judged at its latest showing.
fn add(facts: &mut Facts, sources: &mut Vec<Source>, channels: &mut Vec<ChannelView>, claims: Claims, issuer: &IssuerKey, now: Time) {
    match claims {
        Claims::HealthCode(h) => {
            let region = h.region;
            if seen(&mut facts.codes, h, now) {
                sources.push(Source::HealthCode { region });
                channels.push(ChannelView::of(issuer));
            }
        }
        Claims::TestReport(r) => {
            let region = r.region;
            if seen(&mut facts.reports, r, now) {
                sources.push(Source::TestReport { region });
            }
        }
        Claims::Itinerary(i) => {
            let region = i.region;
            if seen(&mut facts.itineraries, i, now) {
                sources.push(Source::Itinerary { region });
            }
        }
    }
}

/// Marks `claims` as seen at `now`; true when it was not in `list` yet.
fn seen<T: PartialEq>(list: &mut Vec<Seen<T>>, claims: T, now: Time) -> bool {
    if let Some(s) = list.iter_mut().find(|s| s.claims == claims) {
        s.at = now;
        return false;
    }
    list.push(Seen { claims, at: now });
    true
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
        if self.refused.as_ref().is_some_and(|(_, at)| now - *at > window()) {
            self.refused = None;
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
