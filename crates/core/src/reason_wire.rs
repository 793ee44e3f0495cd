//! A foreign card's reasons as they cross from the DCC module to the app (JSON): one string,
//! each reason its code and then its values as integers (times in Unix ms), comma-separated,
//! e.g. `"dcc_test_too_old 180000 48,dcc_key_usage"`. The app reads them with this short match
//! instead of serde's derived reader of every reason and chrono's date parser (together 20 KB of
//! the app's gzipped wasm). Only the reasons a DCC judgement gives (its own and the verifier's
//! status) are read back; any other, or wrong values, fails the read.

use serde::de::Error;
use serde::{Deserialize, Deserializer, Serializer};

use crate::trust::DccType;
use crate::verdict::Reason;
use crate::Time;

/// The reason's values, in its wire form's order.
fn values(r: &Reason) -> Vec<i64> {
    use Reason::*;
    match r {
        DccExpired { at: t } | DccNotYetValid { from: t } => vec![t.timestamp_millis()],
        DccTypeNotAccepted { kind } => vec![DccType::ALL.iter().position(|k| k == kind).map_or(-1, |i| i as i64)],
        DccTestTooOld { age_seconds, max_hours } => vec![*age_seconds, (*max_hours).into()],
        DccVaccinationIncomplete { dose, of } => vec![(*dose).into(), (*of).into()],
        DccVaccinationTooRecent { days, min_days } => vec![*days, (*min_days).into()],
        _ => Vec::new(),
    }
}

/// The reason of a code and its values; `None` for a code a foreign card cannot carry or
/// values that do not fit it.
fn reason(code: &str, v: &[i64]) -> Option<Reason> {
    use Reason::*;
    let n = |x: i64| u32::try_from(x).ok();
    Some(match (code, v) {
        ("dcc_expired", &[a]) => DccExpired { at: Time::from_timestamp_millis(a)? },
        ("dcc_not_yet_valid", &[a]) => DccNotYetValid { from: Time::from_timestamp_millis(a)? },
        ("dcc_type_not_accepted", &[a]) => DccTypeNotAccepted { kind: *DccType::ALL.get(usize::try_from(a).ok()?)? },
        ("dcc_test_too_old", &[a, b]) => DccTestTooOld { age_seconds: a, max_hours: n(b)? },
        ("dcc_vaccination_incomplete", &[a, b]) => DccVaccinationIncomplete { dose: n(a)?, of: n(b)? },
        ("dcc_vaccination_too_recent", &[a, b]) => DccVaccinationTooRecent { days: a, min_days: n(b)? },
        (_, []) => [
            DccMalformed,
            DccUnknownSigner,
            DccBadSignature,
            DccKeyUsage,
            DccSignerOutside,
            DccNoRule,
            DccTestPositive,
            DccTestTypeNotAccepted,
            DccTestInFuture,
            DccRecoveryOutside,
            NoTrustData,
            TrustDataStale,
            ClockBehindTrustList,
            PolicyMissing,
            AllChecksPassed,
        ]
        .into_iter()
        .find(|r| r.code() == code)?,
        _ => return None,
    })
}

/// One reason on the wire (also inside the DCC module's card bytes, foreign/wire.rs).
pub(crate) fn text(r: &Reason) -> String {
    values(r).iter().fold(r.code().to_string(), |s, v| format!("{s} {v}"))
}

/// A reason back from [`text`].
pub(crate) fn parse(text: &str) -> Option<Reason> {
    let mut words = text.split(' ');
    let code = words.next()?;
    let (mut values, mut n) = ([0; 2], 0);
    for w in words {
        *values.get_mut(n)? = w.parse().ok()?;
        n += 1;
    }
    reason(code, &values[..n])
}

pub fn serialize<S: Serializer>(reasons: &[Reason], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&reasons.iter().map(text).collect::<Vec<_>>().join(","))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Reason>, D::Error> {
    let mut reasons = Vec::new();
    for t in String::deserialize(d)?.split(',') {
        reasons.push(parse(t).ok_or_else(|| D::Error::custom("not a foreign card's reason"))?);
    }
    Ok(reasons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::tests::one_of_each;

    #[test]
    fn a_foreign_cards_reasons_cross_and_come_back() {
        let foreign: Vec<Reason> = one_of_each().into_iter().filter(|r| parse(&text(r)).as_ref() == Some(r)).collect();
        assert_eq!(foreign.len(), 16 + 5, "every Dcc reason, the verifier's status, no policy, all passed");
        assert!(one_of_each().iter().filter(|r| r.code().starts_with("dcc_")).all(|r| foreign.contains(r)));
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct V(#[serde(with = "super")] Vec<Reason>);
        let at = Time::from_timestamp_millis(1_654_041_600_500).unwrap();
        let mut all = foreign.clone();
        all.push(Reason::DccNotYetValid { from: at });
        let json = serde_json::to_string(&V(all.clone())).unwrap();
        assert_eq!(serde_json::from_str::<V>(&json).unwrap(), V(all));
        assert!(
            json.starts_with(r#""dcc_malformed,dcc_unknown_signer,"#) && json.ends_with(r#",dcc_not_yet_valid 1654041600500""#),
            "{json}"
        );
        let bad = [
            "nat_missing",
            "dcc_type_not_accepted 3",
            "dcc_test_too_old 1 -1",
            "dcc_expired",
            "dcc_malformed 1",
            "dcc_expired 1e3",
            "dcc_expired  1",
            "",
            "dcc_vaccination_incomplete 1 2 3",
            "dcc_test_too_old 1 2 3",
            "dcc_malformed,",
            "dcc_malformed, dcc_key_usage",
        ];
        for b in bad {
            assert!(serde_json::from_str::<V>(&format!("{b:?}")).is_err(), "{b}");
        }
    }
}
