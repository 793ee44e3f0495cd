//! The demo sample credentials at a given time, with the verdict each should get per venue.

use chrono::{Duration, NaiveDate};
use ed25519_dalek::SigningKey;
use std::collections::BTreeMap;
use yima_core::*;

use super::*;
use crate::issue;

/// Expected verdict of a sample at every venue kind.
pub type Expect = BTreeMap<String, Verdict>;

/// Expected verdicts written as one letter per venue of [`VENUES`], in order: `P` pass,
/// `C` check by hand, `D` deny; e.g. `"PPDCPPPPPPCD"`. Written by hand from the rules, never
/// computed by the code under test.
pub fn expect(letters: &str) -> Expect {
    VENUES
        .iter()
        .zip(letters.chars())
        .map(|(v, c)| {
            let verdict = match c {
                'P' => Verdict::Pass,
                'C' => Verdict::Check,
                _ => Verdict::Deny,
            };
            (v.to_string(), verdict)
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    pub id: String,
    pub description: String,
    pub qr: String,
    /// The expected verdicts as letters (see [`expect`]): kept as written, so that minting the
    /// samples in the browser's Demo module builds no map it does not show.
    pub verdicts: &'static str,
}

impl Sample {
    /// The expected verdict at every venue kind.
    pub fn expect(&self) -> Expect {
        expect(self.verdicts)
    }
}

/// A demo person, bound under the demo binding key.
pub fn holder(name: &str, id: &str) -> Holder {
    binding_key().holder(name, id)
}

fn test(kind: TestKind, outcome: TestOutcome, report: Time, lab: &str, lab_region: u32) -> TestResult {
    TestResult {
        kind,
        outcome,
        sampled_at: report - Duration::hours(6),
        reported_at: report,
        institution: lab.into(),
        institution_region: lab_region,
        provenance: Provenance::Institution,
    }
}

fn nat(now: Time, hours_ago: i64) -> Option<TestResult> {
    Some(test(TestKind::Nat, TestOutcome::Negative, now - Duration::hours(hours_ago), "上海金域医学检验所", 310000))
}

fn antigen(now: Time, hours_ago: i64) -> Option<TestResult> {
    Some(test(TestKind::Antigen, TestOutcome::Negative, now - Duration::hours(hours_ago), "社区抗原检测点", 310000))
}

/// An antigen self-test the holder uploaded `hours_ago`.
fn self_test(now: Time, hours_ago: i64) -> Option<TestResult> {
    antigen(now, hours_ago).map(|t| TestResult { provenance: Provenance::SelfTest, institution: String::new(), ..t })
}

/// A fresh green Shanghai code for 陈小明 with a NAT `nat_hours` ago.
pub fn health_code(now: Time, colour: Colour, nat: Option<TestResult>) -> HealthCode {
    HealthCode {
        region: 310000,
        issued_at: now - Duration::seconds(5),
        expires_at: now + Duration::seconds(175),
        colour,
        holder: holder("陈小明", "310101199001011234"),
        nat,
        antigen: None,
        vaccination: NaiveDate::from_ymd_opt(2022, 3, 1).map(|d| Vaccination { doses: 3, last_dose: d }),
        uid: None,
        itinerary: None,
    }
}

/// A paper report from an Anhui lab for the same person, NAT `hours_ago`.
pub fn paper_report(now: Time, hours_ago: i64) -> TestReport {
    let report = now - Duration::hours(hours_ago);
    TestReport {
        region: 340000,
        issued_at: report,
        expires_at: report + Duration::days(7),
        holder: holder("陈小明", "310101199001011234"),
        result: test(TestKind::Nat, TestOutcome::Negative, report, "合肥市第一人民医院", 340100),
        uid: None,
    }
}

/// Cities visited in the demo itineraries: Shanghai only (no star), or Shanghai and Shenzhen
/// (a star).
pub fn trip(star: bool) -> Trip {
    Trip { cities: if star { vec![310100, 440300] } else { vec![310100] }, star }
}

/// A fresh itinerary credential (dynamic, like the health code) for 陈小明.
pub fn itinerary(now: Time, star: bool) -> Itinerary {
    Itinerary {
        region: 310000,
        issued_at: now - Duration::seconds(5),
        expires_at: now + Duration::seconds(175),
        holder: holder("陈小明", "310101199001011234"),
        trip: trip(star),
        uid: None,
    }
}

/// Signs the claims, then flips one bit of the signature (its last byte) before encoding.
pub fn tampered(claims: &Claims, key: &SigningKey) -> String {
    let mut cose = crate::sign_claims(claims, key);
    if let Some(last) = cose.last_mut() {
        *last ^= 0x01;
    }
    encode_text(&cose)
}

const ALL_DENY: &str = "DDDDDDDDDDDD";

/// The sample set at `now` (see docs/format.md for each case). Expected verdicts per venue in
/// the order of [`VENUES`]: metro, mall, leave_city, school, residential, government,
/// complex, market, restaurant, medical, station, elder_care.
pub fn samples(now: Time) -> Vec<Sample> {
    let shanghai = key("hc-310000");
    let hc_qr = |h: HealthCode, k: &SigningKey| issue(&Claims::HealthCode(h), k);
    let it_qr = |i: Itinerary| issue(&Claims::Itinerary(i), &key("it-national"));
    let green = |hours| health_code(now, Colour::Green, nat(now, hours));
    let mut s = Vec::new();
    let mut add = |id: &str, description: &str, qr: String, letters: &'static str| {
        s.push(Sample { id: id.into(), description: description.into(), qr, verdicts: letters });
    };
    add(
        "green_nat_20h",
        "Green code, NAT negative reported 20 h ago, no antigen, no itinerary",
        hc_qr(green(20), &shanghai),
        "PPDCPPPPPPCD",
    );
    add(
        "green_nat_60h",
        "Green code, NAT negative reported 60 h ago (72 h venues pass, 48 h venues deny)",
        hc_qr(green(60), &shanghai),
        "PDDDPDPPPDDD",
    );
    add("green_nat_80h", "Green code, NAT negative reported 80 h ago (too old everywhere)", hc_qr(green(80), &shanghai), ALL_DENY);
    add("yellow", "Yellow code, NAT 20 h", hc_qr(health_code(now, Colour::Yellow, nat(now, 20)), &shanghai), ALL_DENY);
    add("red", "Red code, NAT 20 h", hc_qr(health_code(now, Colour::Red, nat(now, 20)), &shanghai), ALL_DENY);
    let mut positive = green(10);
    if let Some(n) = positive.nat.as_mut() {
        n.outcome = TestOutcome::Positive;
    }
    add("nat_positive", "Green code but latest NAT positive", hc_qr(positive, &shanghai), ALL_DENY);
    let mut expired = green(20);
    expired.issued_at = now - Duration::minutes(10);
    expired.expires_at = now - Duration::minutes(7);
    add("expired_code", "Code issued 10 min ago, expired 7 min ago", hc_qr(expired, &shanghai), ALL_DENY);
    let mut screenshot = green(20);
    screenshot.issued_at = now - Duration::seconds(150);
    screenshot.expires_at = now + Duration::seconds(30);
    add("screenshot", "Code generated 150 s ago, older than the 120 s screenshot guard", hc_qr(screenshot, &shanghai), ALL_DENY);
    add("tampered_signature", "Green code with one signature byte flipped", tampered(&Claims::HealthCode(green(20)), &shanghai), ALL_DENY);
    add("unknown_issuer", "Signed by a key not in the trust list", hc_qr(green(20), &key(UNLISTED_LABEL)), ALL_DENY);
    let mut hubei = green(20);
    hubei.region = 420000;
    add("revoked_key", "Hubei code signed by a revoked key", hc_qr(hubei, &key("hc-420000-2021")), ALL_DENY);
    add("wrong_role", "Health code signed by a testing-institution key", hc_qr(green(20), &key("lab-340000")), ALL_DENY);
    add(
        "region_mismatch",
        "Shanghai code signed by the Anhui health-code key (outside its province)",
        hc_qr(green(20), &key("hc-340000")),
        ALL_DENY,
    );
    let mut with_antigen = green(20);
    with_antigen.antigen = antigen(now, 6);
    add("leave_city_ok", "Green, NAT 20 h and institution antigen 6 h: may leave the city", hc_qr(with_antigen, &shanghai), "PPPCPPPPPPCC");
    let mut old_antigen = green(20);
    old_antigen.antigen = antigen(now, 30);
    add("leave_city_old_antigen", "Green, NAT 20 h, antigen 30 h (over 24 h)", hc_qr(old_antigen, &shanghai), "PPDCPPPPPPCD");
    let mut future = green(20);
    if let Some(n) = future.nat.as_mut() {
        n.reported_at = now + Duration::hours(3);
        n.sampled_at = now - Duration::hours(3);
    }
    add("future_report", "NAT report dated 3 h in the future", hc_qr(future, &shanghai), ALL_DENY);
    add(
        "green_no_nat",
        "Green code with no NAT on record (scan a paper report too)",
        hc_qr(health_code(now, Colour::Green, None), &shanghai),
        ALL_DENY,
    );
    let mut revoked = green(20);
    revoked.uid = Some(REVOKED_UID);
    add(
        "revoked_credential",
        "Green code, NAT 20 h, revoked by its issuer (listed in the demo revocation delta)",
        hc_qr(revoked, &shanghai),
        ALL_DENY,
    );
    add(
        "paper_report_anhui",
        "Paper NAT report from Anhui, 10 h old, same holder as the Shanghai codes",
        issue(&Claims::TestReport(paper_report(now, 10)), &key("lab-340000")),
        "CCDCCCCCCCCD",
    );
    let mut national = green(20);
    national.region = 440000;
    national.antigen = self_test(now, 6);
    add(
        "national_platform_gd",
        "Guangdong code issued by the national platform: NAT 20 h, self-test antigen 6 h",
        hc_qr(national, &key("hc-national")),
        "PPPCPPPPPPCD",
    );
    let mut inline_star = green(20);
    inline_star.itinerary = Some(trip(true));
    add(
        "hc_inline_star",
        "Shanghai code carrying its itinerary inline, with a star (Shenzhen)",
        hc_qr(inline_star, &shanghai),
        "PCDDCCCPCCCD",
    );
    let mut self_tested = green(20);
    self_tested.antigen = self_test(now, 6);
    self_tested.itinerary = Some(trip(false));
    add(
        "antigen_self_test",
        "NAT 20 h, self-test antigen 6 h, itinerary inline (elder care counts institution antigen only)",
        hc_qr(self_tested, &shanghai),
        "PPPPPPPPPPPD",
    );
    let mut clear = green(20);
    clear.antigen = antigen(now, 6);
    clear.itinerary = Some(trip(false));
    add(
        "all_clear",
        "NAT 20 h, institution antigen 6 h, itinerary without a star: passes every venue",
        hc_qr(clear, &shanghai),
        "PPPPPPPPPPPP",
    );
    add(
        "itinerary_clean",
        "Itinerary card alone (Shanghai only, no star): scan the health code too",
        it_qr(itinerary(now, false)),
        ALL_DENY,
    );
    add("itinerary_star", "Itinerary card alone with a star (Shanghai, Shenzhen)", it_qr(itinerary(now, true)), ALL_DENY);
    let mut it_expired = itinerary(now, false);
    it_expired.issued_at = now - Duration::minutes(10);
    it_expired.expires_at = now - Duration::minutes(7);
    add("itinerary_expired", "Itinerary card expired 7 min ago", it_qr(it_expired), ALL_DENY);
    let mut other = itinerary(now, true);
    other.holder = holder("王芳", "440305198805052345");
    add(
        "itinerary_other_holder",
        "Itinerary card with a star of another person (never merges with 陈小明's codes)",
        it_qr(other),
        ALL_DENY,
    );
    s
}

/// The pairs of samples that merge into one card (either scan order), with the merged
/// verdicts: health code + another province's paper report, health code + itinerary card.
pub fn merge_cases() -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        ("green_no_nat", "paper_report_anhui", expect("PPDCPPPPPPCD")),
        ("green_nat_60h", "paper_report_anhui", expect("PPDCPPPPPPCD")),
        ("green_nat_20h", "itinerary_star", expect("PCDDCCCPCCCD")),
        ("green_nat_20h", "itinerary_clean", expect("PPDPPPPPPPPD")),
        ("green_nat_20h", "itinerary_expired", expect(ALL_DENY)),
        ("national_platform_gd", "itinerary_star", expect("PCCDCCCPCCCD")),
    ]
}
