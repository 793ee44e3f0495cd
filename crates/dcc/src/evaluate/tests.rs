//! The foreign-certificate rule at its boundaries.

use super::*;
use crate::signature::SignatureError;

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

const NOW: &str = "2022-06-10T12:00:00Z";
const SKEW: i64 = 60;

fn rule() -> ForeignRule {
    ForeignRule { test_hours: Some(48), rapid_antigen: false, vaccination_days: Some(14), recovery: true }
}

fn test_entry(tt: &str, tr: &str, sc: &str) -> Entry {
    Entry::Test(Test {
        tg: "840539006".into(),
        tt: tt.into(),
        nm: None,
        ma: None,
        sc: sc.into(),
        tr: tr.into(),
        tc: None,
        co: "DE".into(),
        is: "RKI".into(),
        ci: "URN:UVCI:01:DE:X".into(),
    })
}

fn vacc(dn: u32, sd: u32, dt: &str) -> Entry {
    Entry::Vaccination(Vaccination {
        tg: "840539006".into(),
        vp: "1119349007".into(),
        mp: "EU/1/20/1528".into(),
        ma: "ORG-100030215".into(),
        dn,
        sd,
        dt: dt.into(),
        co: "AT".into(),
        is: "BMSGPK".into(),
        ci: "URN:UVCI:01:AT:X".into(),
    })
}

fn recov(df: &str, du: &str) -> Entry {
    Entry::Recovery(Recovery {
        tg: "840539006".into(),
        fr: "2022-01-01".into(),
        co: "FR".into(),
        is: "CNAM".into(),
        df: df.into(),
        du: du.into(),
        ci: "URN:UVCI:01:FR:X".into(),
    })
}

fn reasons(e: &Entry, rule: Option<&ForeignRule>) -> Vec<Reason> {
    against_rule(e, rule, t(NOW), Duration::seconds(SKEW))
}

#[test]
fn no_rule_is_check_by_hand() {
    let e = test_entry(NAAT, NOT_DETECTED, "2022-06-10T08:00:00Z");
    assert_eq!(reasons(&e, None), vec![Reason::DccNoRule]);
    assert_eq!(Reason::DccNoRule.severity(), Verdict::Check);
    assert!(reasons(&e, Some(&rule())).is_empty());
}

#[test]
fn test_age_counts_from_sample_collection_with_any_offset() {
    // Exactly 48 h passes; one second more does not.
    assert!(reasons(&test_entry(NAAT, NOT_DETECTED, "2022-06-08T12:00:00Z"), Some(&rule())).is_empty());
    assert_eq!(
        reasons(&test_entry(NAAT, NOT_DETECTED, "2022-06-08T11:59:59Z"), Some(&rule())),
        vec![Reason::DccTestTooOld { age_seconds: 48 * 3600 + 1, max_hours: 48 }]
    );
    // 13:59:59+02:00 is 11:59:59Z.
    assert_eq!(reasons(&test_entry(NAAT, NOT_DETECTED, "2022-06-08T13:59:59+02:00"), Some(&rule())).len(), 1);
    assert_eq!(reasons(&test_entry(NAAT, NOT_DETECTED, "2022-06-10T12:01:00Z"), Some(&rule())), vec![]);
    assert_eq!(reasons(&test_entry(NAAT, NOT_DETECTED, "2022-06-10T12:01:01Z"), Some(&rule())), vec![Reason::DccTestInFuture]);
    assert_eq!(reasons(&test_entry(NAAT, NOT_DETECTED, "10 June"), Some(&rule())), vec![Reason::DccMalformed]);
}

#[test]
fn positive_and_antigen_tests() {
    let at = "2022-06-10T08:00:00Z";
    assert_eq!(reasons(&test_entry(NAAT, DETECTED, at), Some(&rule())), vec![Reason::DccTestPositive]);
    assert_eq!(reasons(&test_entry(RAPID_ANTIGEN, NOT_DETECTED, at), Some(&rule())), vec![Reason::DccTestTypeNotAccepted]);
    let lenient = ForeignRule { rapid_antigen: true, ..rule() };
    assert!(reasons(&test_entry(RAPID_ANTIGEN, NOT_DETECTED, at), Some(&lenient)).is_empty());
    assert_eq!(reasons(&test_entry("LP000-0", NOT_DETECTED, at), Some(&lenient)), vec![Reason::DccTestTypeNotAccepted]);
    assert_eq!(reasons(&test_entry(NAAT, "1", at), Some(&rule())), vec![Reason::DccMalformed]);
}

#[test]
fn vaccination_complete_and_old_enough() {
    // 14 days after the last dose counts; 13 do not.
    assert!(reasons(&vacc(2, 2, "2022-05-27"), Some(&rule())).is_empty());
    assert_eq!(reasons(&vacc(2, 2, "2022-05-28"), Some(&rule())), vec![Reason::DccVaccinationTooRecent { days: 13, min_days: 14 }]);
    assert_eq!(reasons(&vacc(1, 2, "2022-01-01"), Some(&rule())), vec![Reason::DccVaccinationIncomplete { dose: 1, of: 2 }]);
    assert!(reasons(&vacc(3, 2, "2022-01-01"), Some(&rule())).is_empty(), "a booster beyond the series is complete");
    assert_eq!(reasons(&vacc(2, 2, "2022/01/01"), Some(&rule())), vec![Reason::DccMalformed]);
}

#[test]
fn recovery_within_its_dates() {
    assert!(reasons(&recov("2022-06-10", "2022-12-01"), Some(&rule())).is_empty());
    assert!(reasons(&recov("2022-01-01", "2022-06-10"), Some(&rule())).is_empty());
    assert_eq!(reasons(&recov("2022-06-11", "2022-12-01"), Some(&rule())), vec![Reason::DccRecoveryOutside]);
    assert_eq!(reasons(&recov("2022-01-01", "2022-06-09"), Some(&rule())), vec![Reason::DccRecoveryOutside]);
}

#[test]
fn types_the_venue_does_not_accept() {
    let tests_only = ForeignRule { test_hours: Some(48), rapid_antigen: false, vaccination_days: None, recovery: false };
    assert_eq!(reasons(&vacc(2, 2, "2022-01-01"), Some(&tests_only)), vec![Reason::DccTypeNotAccepted { kind: DccType::Vaccination }]);
    assert_eq!(
        reasons(&recov("2022-01-01", "2022-12-01"), Some(&tests_only)),
        vec![Reason::DccTypeNotAccepted { kind: DccType::Recovery }]
    );
    let no_tests = ForeignRule { test_hours: None, ..rule() };
    assert_eq!(
        reasons(&test_entry(NAAT, NOT_DETECTED, "2022-06-10T08:00:00Z"), Some(&no_tests)),
        vec![Reason::DccTypeNotAccepted { kind: DccType::Test }]
    );
}

#[test]
fn validity_and_rule_reasons_together() {
    let bad = Verification {
        signature: SignatureStatus::Failed(SignatureError::Invalid),
        time: TimeStatus::Expired { at: t("2022-06-01T00:00:00Z") },
        usage_allowed: Some(false),
    };
    let e = vacc(1, 2, "2022-01-01");
    // A bad signature is the one reason: the expiry, type and doses it would judge are unverified.
    assert_eq!(judge(Ok((&e, &bad)), Some(&rule()), t(NOW), Duration::seconds(SKEW)), (Verdict::Deny, vec![Reason::DccBadSignature]));
    let unknown = Verification { signature: SignatureStatus::UnknownSigner, ..bad };
    assert_eq!(judge(Ok((&e, &unknown)), Some(&rule()), t(NOW), Duration::seconds(SKEW)), (Verdict::Deny, vec![Reason::DccUnknownSigner]));
    // Signed: every failure at once.
    let signed = Verification { signature: SignatureStatus::Valid, ..bad };
    let (v, r) = judge(Ok((&e, &signed)), Some(&rule()), t(NOW), Duration::seconds(SKEW));
    assert_eq!(v, Verdict::Deny);
    assert_eq!(r.len(), 3);
    assert!(r.contains(&Reason::DccKeyUsage) && r.contains(&Reason::DccVaccinationIncomplete { dose: 1, of: 2 }));
    assert!(r.contains(&Reason::DccExpired { at: t("2022-06-01T00:00:00Z") }));
    let good = Verification { signature: SignatureStatus::Valid, time: TimeStatus::Valid, usage_allowed: Some(true) };
    let e = vacc(2, 2, "2022-01-01");
    assert_eq!(judge(Ok((&e, &good)), Some(&rule()), t(NOW), Duration::seconds(SKEW)), (Verdict::Pass, vec![Reason::AllChecksPassed]));
    assert_eq!(judge(Ok((&e, &good)), None, t(NOW), Duration::seconds(SKEW)).0, Verdict::Check);
    assert_eq!(
        judge(Err(&ReadError::Sign1(crate::sign1::Sign1Error::NoKid)), None, t(NOW), Duration::seconds(SKEW)),
        (Verdict::Deny, vec![Reason::DccMalformed])
    );
}

#[test]
fn dates_are_full_dates_or_the_date_of_a_date_time() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    assert_eq!(date("2021-05-29"), d(2021, 5, 29));
    assert_eq!(date("2021-05-29T10:00:00+02:00"), d(2021, 5, 29));
    assert_eq!(date("2024-02-29"), d(2024, 2, 29));
    for bad in ["", "2021", "2021-05", "2021-5-29", "2021-02-30", "2021/05/29", "+2021-05-2", "２０２１-05-29", "2021-05-2x"] {
        assert_eq!(date(bad), None, "{bad:?}");
    }
}
