//! The public demo endpoint: demo keys derived from a fixed, published seed, the demo trust
//! list and policies, and sample credentials with their expected verdicts.
//!
//! DEMO KEYS ARE PUBLIC. Anyone can sign with them; they exist to try Yima out and to test it.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use std::collections::BTreeMap;

use crate::claims::*;
use crate::issue::issue;
use crate::keys::{derived_key, holder_hash, mask_id, mask_name};
use crate::policy::{ForeignRule, ItineraryRule, Policy, PolicySet, StarAction, TestRule, TimeBasis};
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
    use super::*;

    #[test]
    fn pinned_root_is_the_derived_one() {
        assert_eq!(root_key().verifying_key().to_bytes(), ROOT_PUBLIC_KEY);
    }

    #[test]
    fn every_expectation_names_every_venue_kind_of_the_policies() {
        let now = day(2026, 11, 30);
        let set = policies(now);
        let kinds: Vec<&str> = set.venue_types().iter().map(|(v, _, _)| *v).collect();
        assert_eq!(kinds, VENUES);
        let all = samples(now).into_iter().map(|s| s.expect()).chain(merge_cases().into_iter().map(|m| m.2));
        for e in all {
            assert_eq!(e.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(), VENUES.into_iter().collect());
        }
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
    /// Signs for any region (a national channel).
    pub national: bool,
}

const fn hc(label: &'static str, region: u32, name_zh: &'static str, name_en: &'static str) -> DemoIssuer {
    DemoIssuer { label, region, name_zh, name_en, role: Role::HealthCode, revoked: false, national: false }
}

const fn lab(label: &'static str, region: u32, name_zh: &'static str, name_en: &'static str) -> DemoIssuer {
    DemoIssuer { label, region, name_zh, name_en, role: Role::TestReport, revoked: false, national: false }
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
    lab("lab-340000", 340000, "安徽省核酸检测机构（演示）", "Anhui testing institutions (DEMO)"),
    lab("lab-320000", 320000, "江苏省核酸检测机构（演示）", "Jiangsu testing institutions (DEMO)"),
    DemoIssuer { revoked: true, ..hc("hc-420000-2021", 420000, "湖北健康码旧密钥（演示，已吊销）", "Hubei Health Code old key (DEMO, revoked)") },
    DemoIssuer { national: true, ..hc("hc-national", 0, "国家政务服务平台（演示）", "National Government Service Platform (DEMO)") },
    DemoIssuer {
        role: Role::Itinerary,
        national: true,
        ..hc("it-national", 0, "通信行程卡（演示）", "Telecom itinerary card (DEMO)")
    },
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
            if i.national {
                k = k.national();
            }
            k
        })
        .collect();
    TrustList { sequence: now.timestamp().max(0) as u64, issued_at: now, max_age_hours: 30 * 24, demo: true, keys, dcc_signers: Vec::new() }
}

/// Every venue kind in the demo policies, in the order [`expect`] letters follow.
pub const VENUES: [&str; 12] =
    ["metro", "mall", "leave_city", "school", "residential", "government", "complex", "market", "restaurant", "medical", "station", "elder_care"];

/// One venue kind's demo rule: NAT hours, antigen (hours, institution only), itinerary rule.
struct Rule {
    venue: &'static str,
    names: (&'static str, &'static str),
    nat: u32,
    antigen: Option<(u32, bool)>,
    itinerary: Option<(bool, StarAction)>,
}

/// The demo rules (docs/format.md says which figures are public 2022 rules and which invented).
const RULES: [Rule; 12] = {
    use StarAction::{Allow, Check, Deny};
    const fn r(venue: &'static str, names: (&'static str, &'static str), nat: u32, antigen: Option<(u32, bool)>, itinerary: Option<(bool, StarAction)>) -> Rule {
        Rule { venue, names, nat, antigen, itinerary }
    }
    [
        r("metro", ("地铁", "Metro"), 72, None, Some((false, Allow))),
        r("mall", ("商场超市", "Malls & supermarkets"), 48, None, Some((false, Check))),
        r("leave_city", ("离城", "Leaving the city"), 48, Some((24, false)), Some((false, Check))),
        r("school", ("学校", "Schools"), 48, None, Some((true, Deny))),
        r("residential", ("居民小区", "Residential compounds"), 72, None, Some((false, Check))),
        r("government", ("政府机关", "Government offices"), 48, None, Some((false, Check))),
        r("complex", ("商业综合体", "Commercial complexes"), 72, None, Some((false, Check))),
        r("market", ("农贸市场", "Farmers' markets"), 72, None, Some((false, Allow))),
        r("restaurant", ("餐饮酒吧", "Restaurants & bars"), 72, None, Some((false, Check))),
        r("medical", ("医疗机构", "Medical institutions"), 48, None, Some((false, Check))),
        r("station", ("机场火车站", "Airports & railway stations"), 48, None, Some((true, Check))),
        r("elder_care", ("养老机构", "Elder-care homes"), 48, Some((24, true)), Some((true, Deny))),
    ]
};

fn policy(rule: &Rule, region: u32, nat_hours: u32) -> Policy {
    let test = |h: u32, institution_only: bool| TestRule { max_age_hours: h, basis: TimeBasis::Report, institution_only };
    Policy {
        venue: rule.venue.into(),
        region,
        name_zh: rule.names.0.into(),
        name_en: rule.names.1.into(),
        allowed_colours: vec![Colour::Green],
        nat: Some(test(nat_hours, false)),
        antigen: rule.antigen.map(|(h, only)| test(h, only)),
        itinerary: rule.itinerary.map(|(required, star)| ItineraryRule { required, star }),
        foreign: Some(foreign(rule.venue, nat_hours)),
        max_code_age_seconds: 120,
        clock_skew_seconds: 60,
        effective_from: day(2020, 1, 1),
    }
}

/// The demo rule for EU DCCs (invented for the demo, like the 2022 entry rules for travellers
/// it resembles): a test as recent as the venue's NAT rule; where the venue is strict (leaving
/// the city, stations, schools, offices, medical and elder care) NAAT only and no recovery
/// certificate; elder care accepts tests only.
fn foreign(venue: &str, test_hours: u32) -> ForeignRule {
    let strict = ["leave_city", "station", "school", "government", "medical", "elder_care"].contains(&venue);
    ForeignRule {
        test_hours: Some(test_hours),
        rapid_antigen: !strict,
        vaccination_days: (venue != "elder_care").then_some(14),
        recovery: !strict,
    }
}

/// The demo policies, signed at `now`: one national rule per venue kind (metro 72 h, malls
/// 48 h, leaving the city 48 h NAT + 24 h antigen, …; all from report time), and a Guangdong
/// override for malls (72 h).
pub fn policies(now: Time) -> PolicySet {
    let mut policies: Vec<Policy> = RULES.iter().map(|r| policy(r, 0, r.nat)).collect();
    policies.extend(RULES.iter().filter(|r| r.venue == "mall").map(|r| policy(r, 440000, 72)));
    PolicySet { sequence: now.timestamp().max(0) as u64, issued_at: now, max_age_hours: 30 * 24, demo: true, policies }
}

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

/// A demo person.
pub fn holder(name: &str, id: &str) -> Holder {
    Holder { masked_name: mask_name(name), masked_id: mask_id(id), id_hash: holder_hash(id) }
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
    let mut cose = crate::issue::sign(claims, key);
    if let Some(last) = cose.last_mut() {
        *last ^= 0x01;
    }
    crate::codec::encode_text(&cose)
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
    add("green_nat_20h", "Green code, NAT negative reported 20 h ago, no antigen, no itinerary", hc_qr(green(20), &shanghai), "PPDCPPPPPPCD");
    add("green_nat_60h", "Green code, NAT negative reported 60 h ago (72 h venues pass, 48 h venues deny)", hc_qr(green(60), &shanghai), "PDDDPDPPPDDD");
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
    add("region_mismatch", "Shanghai code signed by the Anhui health-code key (outside its province)", hc_qr(green(20), &key("hc-340000")), ALL_DENY);
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
    add("green_no_nat", "Green code with no NAT on record (scan a paper report too)", hc_qr(health_code(now, Colour::Green, None), &shanghai), ALL_DENY);
    let mut revoked = green(20);
    revoked.uid = Some(crate::revocation::demo::REVOKED_UID);
    add("revoked_credential", "Green code, NAT 20 h, revoked by its issuer (listed in the demo revocation delta)", hc_qr(revoked, &shanghai), ALL_DENY);
    add("paper_report_anhui", "Paper NAT report from Anhui, 10 h old, same holder as the Shanghai codes", issue(&Claims::TestReport(paper_report(now, 10)), &key("lab-340000")), "CCDCCCCCCCCD");
    let mut national = green(20);
    national.region = 440000;
    national.antigen = self_test(now, 6);
    add("national_platform_gd", "Guangdong code issued by the national platform: NAT 20 h, self-test antigen 6 h", hc_qr(national, &key("hc-national")), "PPPCPPPPPPCD");
    let mut inline_star = green(20);
    inline_star.itinerary = Some(trip(true));
    add("hc_inline_star", "Shanghai code carrying its itinerary inline, with a star (Shenzhen)", hc_qr(inline_star, &shanghai), "PCDDCCCPCCCD");
    let mut self_tested = green(20);
    self_tested.antigen = self_test(now, 6);
    self_tested.itinerary = Some(trip(false));
    add("antigen_self_test", "NAT 20 h, self-test antigen 6 h, itinerary inline (elder care counts institution antigen only)", hc_qr(self_tested, &shanghai), "PPPPPPPPPPPD");
    let mut clear = green(20);
    clear.antigen = antigen(now, 6);
    clear.itinerary = Some(trip(false));
    add("all_clear", "NAT 20 h, institution antigen 6 h, itinerary without a star: passes every venue", hc_qr(clear, &shanghai), "PPPPPPPPPPPP");
    add("itinerary_clean", "Itinerary card alone (Shanghai only, no star): scan the health code too", it_qr(itinerary(now, false)), ALL_DENY);
    add("itinerary_star", "Itinerary card alone with a star (Shanghai, Shenzhen)", it_qr(itinerary(now, true)), ALL_DENY);
    let mut it_expired = itinerary(now, false);
    it_expired.issued_at = now - Duration::minutes(10);
    it_expired.expires_at = now - Duration::minutes(7);
    add("itinerary_expired", "Itinerary card expired 7 min ago", it_qr(it_expired), ALL_DENY);
    let mut other = itinerary(now, true);
    other.holder = holder("王芳", "440305198805052345");
    add("itinerary_other_holder", "Itinerary card with a star of another person (never merges with 陈小明's codes)", it_qr(other), ALL_DENY);
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
