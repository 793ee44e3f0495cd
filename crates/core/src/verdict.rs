//! Verdicts and the closed set of reasons behind them.

use serde::{Deserialize, Serialize};

use crate::claims::Colour;
use crate::policy::StarAction;

/// What the entrance staff should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    /// Check by hand.
    Check,
    Deny,
}

impl Verdict {
    /// `pass`, `check` or `deny`, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Check => "check",
            Verdict::Deny => "deny",
        }
    }
}

/// Why. A closed set, so the UI can translate every one (words.rs words each one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    // The credential itself.
    Malformed,
    UnknownPrefix,
    BadSignature,
    UnknownKid,
    KeyNotYetValid,
    KeyExpired,
    KeyRevoked,
    WrongRole,
    /// The signing key belongs to another region than the credential claims.
    RegionMismatch,
    CodeExpired,
    /// Screenshot guard.
    CodeTooOld {
        age_seconds: i64,
        max_seconds: i64,
    },
    IssuedInFuture,
    ReportExpired,
    ColourNotAllowed {
        colour: Colour,
    },
    NatMissing,
    NatPositive,
    NatTooOld {
        age_seconds: i64,
        max_hours: u32,
    },
    AntigenMissing,
    AntigenPositive,
    AntigenTooOld {
        age_seconds: i64,
        max_hours: u32,
    },
    ResultInFuture,
    /// The venue counts only institution-tested antigen; the latest is a self-test upload.
    AntigenSelfTest,
    /// The venue requires the 14-day itinerary and none was shown.
    ItineraryMissing,
    /// The itinerary credential has expired (dynamic, like the health code).
    ItineraryExpired,
    /// Screenshot guard on the itinerary credential (the health code's limit).
    ItineraryTooOld {
        age_seconds: i64,
        max_seconds: i64,
    },
    /// A star: a visited city had medium/high-risk areas. `action` is the venue's rule.
    ItineraryStar {
        cities: Vec<u32>,
        action: StarAction,
    },
    /// A paper report alone: the health code must be scanned too.
    HealthCodeMissing,
    /// Listed as revoked by its issuer (exact entry, or a filter with false hits below 1 in 10⁹).
    CredentialRevoked,
    /// Hit in the compact revocation filter only: may be a false hit (about 1 in 65,536).
    RevocationSuspected,
    /// A credential scanned earlier in this session was refused for `reason`: the refusal stays
    /// on the holder's card (docs/format.md, "Session"). As severe as `reason`.
    EarlierRefused {
        reason: Box<Reason>,
    },
    /// The credential scanned just before (within the merge window) carries a holder binding
    /// under another binding key (a key rotation): the two were not combined. Tells staff why;
    /// changes no verdict, since a card that is not merged is never more lenient.
    HolderNotLinked,
    // An EU Digital COVID Certificate (HC1, issue 11; checks in `yima-dcc`).
    DccMalformed,
    DccUnknownSigner,
    /// Signature invalid, in the wrong format, or its algorithm does not match the key.
    DccBadSignature,
    /// The signer's certificate does not allow this certificate type (extended key usage).
    DccKeyUsage,
    DccExpired {
        at: crate::Time,
    },
    DccNotYetValid {
        from: crate::Time,
    },
    /// The signer's own certificate is not valid now.
    DccSignerOutside,
    /// The venue's policy has no rule for foreign certificates.
    DccNoRule,
    /// The venue does not accept this type of certificate (test, vaccination or recovery).
    DccTypeNotAccepted {
        kind: crate::trust::DccType,
    },
    DccTestPositive,
    /// Counted from sample collection, the only time a DCC test carries.
    DccTestTooOld {
        age_seconds: i64,
        max_hours: u32,
    },
    /// A rapid antigen test where the venue accepts only NAAT.
    DccTestTypeNotAccepted,
    DccTestInFuture,
    DccVaccinationIncomplete {
        dose: u32,
        of: u32,
    },
    DccVaccinationTooRecent {
        days: i64,
        min_days: u32,
    },
    /// Outside the recovery certificate's own valid-from / valid-until dates.
    DccRecoveryOutside,
    // The verifier's own state.
    NoTrustData,
    TrustDataStale,
    ClockBehindTrustList,
    PolicyMissing,
    /// The revocation data is older than its signed maximum age.
    RevocationDataStale,
    /// The venue's policy requires revocation data and none usable is held (never fetched, refused
    /// or dropped as corrupt, or older than the policy allows): a revoked credential could pass.
    RevocationDataMissing,
    /// Every requirement of the venue's policy is met.
    AllChecksPassed,
}

impl Reason {
    /// The reason's code: the `code` its JSON carries (the embed message sends only these).
    /// Written out so the browser build needs no serialiser for it; a test holds it to serde's.
    pub fn code(&self) -> &'static str {
        use Reason::*;
        match self {
            Malformed => "malformed",
            UnknownPrefix => "unknown_prefix",
            BadSignature => "bad_signature",
            UnknownKid => "unknown_kid",
            KeyNotYetValid => "key_not_yet_valid",
            KeyExpired => "key_expired",
            KeyRevoked => "key_revoked",
            WrongRole => "wrong_role",
            RegionMismatch => "region_mismatch",
            CodeExpired => "code_expired",
            CodeTooOld { .. } => "code_too_old",
            IssuedInFuture => "issued_in_future",
            ReportExpired => "report_expired",
            ColourNotAllowed { .. } => "colour_not_allowed",
            NatMissing => "nat_missing",
            NatPositive => "nat_positive",
            NatTooOld { .. } => "nat_too_old",
            AntigenMissing => "antigen_missing",
            AntigenPositive => "antigen_positive",
            AntigenTooOld { .. } => "antigen_too_old",
            ResultInFuture => "result_in_future",
            AntigenSelfTest => "antigen_self_test",
            ItineraryMissing => "itinerary_missing",
            ItineraryExpired => "itinerary_expired",
            ItineraryTooOld { .. } => "itinerary_too_old",
            ItineraryStar { .. } => "itinerary_star",
            HealthCodeMissing => "health_code_missing",
            CredentialRevoked => "credential_revoked",
            RevocationSuspected => "revocation_suspected",
            EarlierRefused { .. } => "earlier_refused",
            HolderNotLinked => "holder_not_linked",
            DccMalformed => "dcc_malformed",
            DccUnknownSigner => "dcc_unknown_signer",
            DccBadSignature => "dcc_bad_signature",
            DccKeyUsage => "dcc_key_usage",
            DccExpired { .. } => "dcc_expired",
            DccNotYetValid { .. } => "dcc_not_yet_valid",
            DccSignerOutside => "dcc_signer_outside",
            DccNoRule => "dcc_no_rule",
            DccTypeNotAccepted { .. } => "dcc_type_not_accepted",
            DccTestPositive => "dcc_test_positive",
            DccTestTooOld { .. } => "dcc_test_too_old",
            DccTestTypeNotAccepted => "dcc_test_type_not_accepted",
            DccTestInFuture => "dcc_test_in_future",
            DccVaccinationIncomplete { .. } => "dcc_vaccination_incomplete",
            DccVaccinationTooRecent { .. } => "dcc_vaccination_too_recent",
            DccRecoveryOutside => "dcc_recovery_outside",
            NoTrustData => "no_trust_data",
            TrustDataStale => "trust_data_stale",
            ClockBehindTrustList => "clock_behind_trust_list",
            PolicyMissing => "policy_missing",
            RevocationDataStale => "revocation_data_stale",
            RevocationDataMissing => "revocation_data_missing",
            AllChecksPassed => "all_checks_passed",
        }
    }

    /// The verdict this reason forces at least.
    pub fn severity(&self) -> Verdict {
        use Reason::*;
        match self {
            AllChecksPassed => Verdict::Pass,
            ItineraryStar { action: StarAction::Allow, .. } | HolderNotLinked => Verdict::Pass,
            ItineraryStar { action: StarAction::Check, .. } => Verdict::Check,
            EarlierRefused { reason } => reason.severity(),
            UnknownPrefix
            | HealthCodeMissing
            | ItineraryMissing
            | NoTrustData
            | TrustDataStale
            | ClockBehindTrustList
            | PolicyMissing
            | RevocationSuspected
            | RevocationDataStale
            | RevocationDataMissing
            | DccNoRule => Verdict::Check,
            _ => Verdict::Deny,
        }
    }
}

/// A row of the card that a reason is about, and marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardRow {
    Nat,
    Antigen,
    Itinerary,
    /// A foreign certificate's entry: its test, dose or dates.
    DccEntry,
    /// A foreign certificate's own expiry.
    DccExpiry,
}

impl Reason {
    /// The card row this reason marks as an alarm, if any (a star the venue allows marks none).
    pub fn row(&self) -> Option<CardRow> {
        use Reason::*;
        Some(match self {
            NatMissing | NatPositive | NatTooOld { .. } => CardRow::Nat,
            AntigenMissing | AntigenPositive | AntigenTooOld { .. } | AntigenSelfTest => CardRow::Antigen,
            ItineraryStar { action: StarAction::Allow, .. } => return None,
            ItineraryStar { .. } | ItineraryMissing | ItineraryExpired | ItineraryTooOld { .. } => CardRow::Itinerary,
            DccTypeNotAccepted { .. }
            | DccTestPositive
            | DccTestTooOld { .. }
            | DccTestTypeNotAccepted
            | DccTestInFuture
            | DccVaccinationIncomplete { .. }
            | DccVaccinationTooRecent { .. }
            | DccRecoveryOutside => CardRow::DccEntry,
            DccExpired { .. } => CardRow::DccExpiry,
            _ => return None,
        })
    }
}

/// The overall verdict for a set of reasons (the worst one), and the reasons sorted worst first.
/// With no reason against, the verdict is pass with [`Reason::AllChecksPassed`].
pub fn conclude(mut reasons: Vec<Reason>) -> (Verdict, Vec<Reason>) {
    reasons.retain(|r| *r != Reason::AllChecksPassed);
    if reasons.is_empty() {
        return (Verdict::Pass, vec![Reason::AllChecksPassed]);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.severity()));
    (reasons[0].severity(), reasons)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn worst_reason_wins() {
        assert_eq!(conclude(vec![]), (Verdict::Pass, vec![Reason::AllChecksPassed]));
        let (v, r) = conclude(vec![Reason::TrustDataStale, Reason::NatPositive]);
        assert_eq!(v, Verdict::Deny);
        assert_eq!(r[0], Reason::NatPositive);
        assert_eq!(conclude(vec![Reason::PolicyMissing]).0, Verdict::Check);
    }

    /// One of each reason (`code()`'s match is exhaustive, so a new variant must get a code;
    /// this list must grow with it: the count below fails until it does).
    pub(crate) fn one_of_each() -> Vec<Reason> {
        use Reason::*;
        let t: crate::Time = "2022-06-01T00:00:00Z".parse().unwrap();
        vec![
            Malformed,
            UnknownPrefix,
            BadSignature,
            UnknownKid,
            KeyNotYetValid,
            KeyExpired,
            KeyRevoked,
            WrongRole,
            RegionMismatch,
            CodeExpired,
            CodeTooOld { age_seconds: 1, max_seconds: 0 },
            IssuedInFuture,
            ReportExpired,
            ColourNotAllowed { colour: Colour::Red },
            NatMissing,
            NatPositive,
            NatTooOld { age_seconds: 1, max_hours: 0 },
            AntigenMissing,
            AntigenPositive,
            AntigenTooOld { age_seconds: 1, max_hours: 0 },
            ResultInFuture,
            AntigenSelfTest,
            ItineraryMissing,
            ItineraryExpired,
            ItineraryTooOld { age_seconds: 121, max_seconds: 120 },
            ItineraryStar { cities: vec![310100], action: StarAction::Check },
            HealthCodeMissing,
            CredentialRevoked,
            RevocationSuspected,
            EarlierRefused { reason: Box::new(BadSignature) },
            HolderNotLinked,
            DccMalformed,
            DccUnknownSigner,
            DccBadSignature,
            DccKeyUsage,
            DccExpired { at: t },
            DccNotYetValid { from: t },
            DccSignerOutside,
            DccNoRule,
            DccTypeNotAccepted { kind: crate::trust::DccType::Test },
            DccTestPositive,
            DccTestTooOld { age_seconds: 1, max_hours: 0 },
            DccTestTypeNotAccepted,
            DccTestInFuture,
            DccVaccinationIncomplete { dose: 1, of: 2 },
            DccVaccinationTooRecent { days: 1, min_days: 14 },
            DccRecoveryOutside,
            NoTrustData,
            TrustDataStale,
            ClockBehindTrustList,
            PolicyMissing,
            RevocationDataStale,
            RevocationDataMissing,
            AllChecksPassed,
        ]
    }

    #[test]
    fn a_reason_marks_the_row_its_code_names() {
        let prefixes = [
            ("nat_", CardRow::Nat),
            ("antigen_", CardRow::Antigen),
            ("itinerary_", CardRow::Itinerary),
            ("dcc_test", CardRow::DccEntry),
            ("dcc_type", CardRow::DccEntry),
            ("dcc_vaccination", CardRow::DccEntry),
            ("dcc_recovery", CardRow::DccEntry),
            ("dcc_expired", CardRow::DccExpiry),
        ];
        for r in one_of_each() {
            let want = prefixes.iter().find(|(p, _)| r.code().starts_with(p)).map(|(_, row)| *row);
            assert_eq!(r.row(), want, "{r:?}");
        }
        assert_eq!(Reason::ItineraryStar { cities: vec![310100], action: StarAction::Allow }.row(), None, "a star the venue allows");
    }

    #[test]
    fn code_is_the_json_code() {
        let all = one_of_each();
        let mut codes: Vec<&str> = all.iter().map(Reason::code).collect();
        for r in &all {
            assert_eq!(serde_json::to_value(r).unwrap()["code"], r.code(), "{r:?}");
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "two reasons share a code");
        for v in [Verdict::Pass, Verdict::Check, Verdict::Deny] {
            assert_eq!(serde_json::to_value(v).unwrap(), v.code());
        }
        assert_eq!(all.len(), 54, "a reason was added: add it to one_of_each()");
    }
}
