//! The public demo endpoint: demo keys derived from a fixed, published seed, the demo trust
//! list and policies, and sample credentials with their expected verdicts.
//!
//! DEMO KEYS ARE PUBLIC. Anyone can sign with them; they exist to try Yima out and to test it.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use crate::claims::*;
use crate::issue::issue;
use crate::keys::{derived_key, holder_hash, mask_id, mask_name};
use crate::policy::{Policy, PolicySet, TestRule, TimeBasis};
use crate::trust::{IssuerKey, KeyStatus, Role, TrustList};
use crate::verdict::Verdict;
use crate::Time;

/// The published seed every demo key derives from.
pub const DEMO_SEED: &[u8] = b"yima public demo seed v1 -- DEMO KEYS, NOT FOR REAL USE";

/// The demo root key (its public half is pinned in demo builds).
pub fn root_key() -> SigningKey {
    derived_key(DEMO_SEED, "root")
}

/// The public half of [`root_key`], as pinned by demo builds of the app (a constant, so the
/// app does not carry key derivation; a test checks it against the derivation).
pub const ROOT_PUBLIC_KEY: [u8; 32] = [
    64, 123, 26, 132, 197, 98, 48, 102, 83, 85, 41, 108, 132, 227, 62, 4, 35, 190, 83, 62, 179, 206, 1, 231, 187, 63, 197, 173, 230,
    55, 131, 75,
];

#[cfg(test)]
mod tests {
    #[test]
    fn pinned_root_is_the_derived_one() {
        assert_eq!(super::root_key().verifying_key().to_bytes(), super::ROOT_PUBLIC_KEY);
    }
}

/// A demo issuer: key label, region, names, role, revoked?
pub struct DemoIssuer {
    pub label: &'static str,
    pub region: u32,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub role: Role,
    pub revoked: bool,
}

const fn hc(label: &'static str, region: u32, name_zh: &'static str, name_en: &'static str) -> DemoIssuer {
    DemoIssuer { label, region, name_zh, name_en, role: Role::HealthCode, revoked: false }
}

/// Issuers in the demo trust list.
pub const ISSUERS: &[DemoIssuer] = &[
    hc("hc-310000", 310000, "上海市健康码（演示）", "Shanghai Health Code (DEMO)"),
    hc("hc-340000", 340000, "安康码（演示）", "Anhui Health Code (DEMO)"),
    hc("hc-320000", 320000, "苏康码（演示）", "Jiangsu Health Code (DEMO)"),
    hc("hc-330000", 330000, "浙江健康码（演示）", "Zhejiang Health Code (DEMO)"),
    hc("hc-110000", 110000, "北京健康宝（演示）", "Beijing Health Kit (DEMO)"),
    hc("hc-440000", 440000, "粤康码（演示）", "Guangdong Health Code (DEMO)"),
    hc("hc-510000", 510000, "天府健康通（演示）", "Sichuan Health Code (DEMO)"),
    DemoIssuer { label: "lab-340000", region: 340000, name_zh: "安徽省核酸检测机构（演示）", name_en: "Anhui testing institutions (DEMO)", role: Role::TestReport, revoked: false },
    DemoIssuer { label: "lab-320000", region: 320000, name_zh: "江苏省核酸检测机构（演示）", name_en: "Jiangsu testing institutions (DEMO)", role: Role::TestReport, revoked: false },
    DemoIssuer { label: "hc-420000-2021", region: 420000, name_zh: "湖北健康码旧密钥（演示，已吊销）", name_en: "Hubei Health Code old key (DEMO, revoked)", role: Role::HealthCode, revoked: true },
];

/// A key that is deliberately NOT in the demo trust list.
pub const UNLISTED_LABEL: &str = "hc-990000-unlisted";

pub fn key(label: &str) -> SigningKey {
    derived_key(DEMO_SEED, label)
}

fn day(y: i32, m: u32, d: u32) -> Time {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).single().unwrap_or_default()
}

/// The demo trust list, signed at `now`. Its sequence is `now` in Unix seconds, so a newer
/// demo endpoint always supersedes an older one.
pub fn trust_list(now: Time) -> TrustList {
    let keys = ISSUERS
        .iter()
        .map(|i| {
            let mut k = IssuerKey::new(&key(i.label).verifying_key(), i.region, (i.name_zh, i.name_en), vec![i.role], (day(2020, 1, 1), day(2036, 1, 1)));
            if i.revoked {
                k.status = KeyStatus::Revoked;
            }
            k
        })
        .collect();
    TrustList { sequence: now.timestamp().max(0) as u64, issued_at: now, max_age_hours: 30 * 24, demo: true, keys, dcc_signers: Vec::new() }
}

fn policy(venue: &str, region: u32, names: (&str, &str), nat: Option<u32>, antigen: Option<u32>) -> Policy {
    let rule = |h: u32| TestRule { max_age_hours: h, basis: TimeBasis::Report };
    Policy {
        venue: venue.into(),
        region,
        name_zh: names.0.into(),
        name_en: names.1.into(),
        allowed_colours: vec![Colour::Green],
        nat: nat.map(rule),
        antigen: antigen.map(rule),
        max_code_age_seconds: 120,
        clock_skew_seconds: 60,
        effective_from: day(2020, 1, 1),
    }
}

/// The demo policies, signed at `now`: national metro 72 h, mall 48 h, leave-city 48 h NAT +
/// 24 h antigen (all from report time), and a Guangdong override for malls (72 h).
pub fn policies(now: Time) -> PolicySet {
    PolicySet {
        sequence: now.timestamp().max(0) as u64,
        issued_at: now,
        max_age_hours: 30 * 24,
        demo: true,
        policies: vec![
            policy("metro", 0, ("地铁", "Metro"), Some(72), None),
            policy("mall", 0, ("商场", "Mall"), Some(48), None),
            policy("leave_city", 0, ("离城", "Leaving the city"), Some(48), Some(24)),
            policy("mall", 440000, ("商场", "Mall"), Some(72), None),
        ],
    }
}

/// Expected verdicts of a sample at the three standard venues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expect {
    pub metro: Verdict,
    pub mall: Verdict,
    pub leave_city: Verdict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    pub id: String,
    pub description: String,
    pub qr: String,
    pub expect: Expect,
}

/// A demo person.
pub fn holder(name: &str, id: &str) -> Holder {
    Holder { masked_name: mask_name(name), masked_id: mask_id(id), id_hash: holder_hash(id) }
}

fn test(kind: TestKind, outcome: TestOutcome, report: Time, lab: &str, lab_region: u32) -> TestResult {
    TestResult { kind, outcome, sampled_at: report - Duration::hours(6), reported_at: report, institution: lab.into(), institution_region: lab_region }
}

fn nat(now: Time, hours_ago: i64) -> Option<TestResult> {
    Some(test(TestKind::Nat, TestOutcome::Negative, now - Duration::hours(hours_ago), "上海金域医学检验所", 310000))
}

fn antigen(now: Time, hours_ago: i64) -> Option<TestResult> {
    Some(test(TestKind::Antigen, TestOutcome::Negative, now - Duration::hours(hours_ago), "社区抗原自测点", 310000))
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

/// Signs the claims, then flips one bit of the signature (its last byte) before encoding.
pub fn tampered(claims: &Claims, key: &SigningKey) -> String {
    let mut cose = crate::issue::sign(claims, key);
    if let Some(last) = cose.last_mut() {
        *last ^= 0x01;
    }
    crate::codec::encode_text(&cose)
}

/// The sample set at `now` (see docs/format.md for each case).
pub fn samples(now: Time) -> Vec<Sample> {
    use Verdict::{Check as C, Deny as D, Pass as P};
    let shanghai = key("hc-310000");
    let hc_qr = |h: HealthCode, k: &SigningKey| issue(&Claims::HealthCode(h), k);
    let green = |hours| health_code(now, Colour::Green, nat(now, hours));
    let mut s = Vec::new();
    let mut add = |id: &str, description: &str, qr: String, e: (Verdict, Verdict, Verdict)| {
        s.push(Sample { id: id.into(), description: description.into(), qr, expect: Expect { metro: e.0, mall: e.1, leave_city: e.2 } });
    };
    add("green_nat_20h", "Green code, NAT negative reported 20 h ago, no antigen", hc_qr(green(20), &shanghai), (P, P, D));
    add("green_nat_60h", "Green code, NAT negative reported 60 h ago (metro pass, mall deny)", hc_qr(green(60), &shanghai), (P, D, D));
    add("green_nat_80h", "Green code, NAT negative reported 80 h ago (too old everywhere)", hc_qr(green(80), &shanghai), (D, D, D));
    add("yellow", "Yellow code, NAT 20 h", hc_qr(health_code(now, Colour::Yellow, nat(now, 20)), &shanghai), (D, D, D));
    add("red", "Red code, NAT 20 h", hc_qr(health_code(now, Colour::Red, nat(now, 20)), &shanghai), (D, D, D));
    let mut positive = green(10);
    if let Some(n) = positive.nat.as_mut() {
        n.outcome = TestOutcome::Positive;
    }
    add("nat_positive", "Green code but latest NAT positive", hc_qr(positive, &shanghai), (D, D, D));
    let mut expired = green(20);
    expired.issued_at = now - Duration::minutes(10);
    expired.expires_at = now - Duration::minutes(7);
    add("expired_code", "Code issued 10 min ago, expired 7 min ago", hc_qr(expired, &shanghai), (D, D, D));
    let mut screenshot = green(20);
    screenshot.issued_at = now - Duration::seconds(150);
    screenshot.expires_at = now + Duration::seconds(30);
    add("screenshot", "Code generated 150 s ago, older than the 120 s screenshot guard", hc_qr(screenshot, &shanghai), (D, D, D));
    add("tampered_signature", "Green code with one signature byte flipped", tampered(&Claims::HealthCode(green(20)), &shanghai), (D, D, D));
    add("unknown_issuer", "Signed by a key not in the trust list", hc_qr(green(20), &key(UNLISTED_LABEL)), (D, D, D));
    let mut hubei = green(20);
    hubei.region = 420000;
    add("revoked_key", "Hubei code signed by a revoked key", hc_qr(hubei, &key("hc-420000-2021")), (D, D, D));
    add("wrong_role", "Health code signed by a testing-institution key", hc_qr(green(20), &key("lab-340000")), (D, D, D));
    add("region_mismatch", "Shanghai code signed by the Anhui health-code key", hc_qr(green(20), &key("hc-340000")), (D, D, D));
    let mut with_antigen = green(20);
    with_antigen.antigen = antigen(now, 6);
    add("leave_city_ok", "Green, NAT 20 h and antigen 6 h: may leave the city", hc_qr(with_antigen, &shanghai), (P, P, P));
    let mut old_antigen = green(20);
    old_antigen.antigen = antigen(now, 30);
    add("leave_city_old_antigen", "Green, NAT 20 h, antigen 30 h (over 24 h)", hc_qr(old_antigen, &shanghai), (P, P, D));
    let mut future = green(20);
    if let Some(n) = future.nat.as_mut() {
        n.reported_at = now + Duration::hours(3);
        n.sampled_at = now - Duration::hours(3);
    }
    add("future_report", "NAT report dated 3 h in the future", hc_qr(future, &shanghai), (D, D, D));
    add("green_no_nat", "Green code with no NAT on record (scan a paper report too)", hc_qr(health_code(now, Colour::Green, None), &shanghai), (D, D, D));
    let mut revoked = green(20);
    revoked.uid = Some(crate::revocation::demo::REVOKED_UID);
    add("revoked_credential", "Green code, NAT 20 h, revoked by its issuer (listed in the demo revocation delta)", hc_qr(revoked, &shanghai), (D, D, D));
    add("paper_report_anhui", "Paper NAT report from Anhui, 10 h old, same holder as the Shanghai codes", issue(&Claims::TestReport(paper_report(now, 10)), &key("lab-340000")), (C, C, D));
    s
}

/// The pairs of samples that merge into one card, with the merged verdicts:
/// health code + another province's paper report.
pub fn merge_cases() -> Vec<(&'static str, &'static str, Expect)> {
    use Verdict::{Deny as D, Pass as P};
    vec![
        ("green_no_nat", "paper_report_anhui", Expect { metro: P, mall: P, leave_city: D }),
        ("green_nat_60h", "paper_report_anhui", Expect { metro: P, mall: P, leave_city: D }),
    ]
}
