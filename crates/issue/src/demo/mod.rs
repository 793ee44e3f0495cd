//! The public demo endpoint: demo keys derived from a fixed, published seed, the demo trust
//! list and policies, and sample credentials with their expected verdicts.
//!
//! DEMO KEYS ARE PUBLIC. Anyone can sign with them; they exist to try Yima out and to test it.

use std::num::NonZeroU32;

use chrono::{TimeZone, Utc};
use ed25519_dalek::SigningKey;

use yima_core::*;

use crate::{derived_key, derived_secret, BindingKey};

mod revocation;
mod samples;

pub use revocation::{delta_list, full_list, revocations, revoked_entry, FULL_ENTRIES, REVOKED_ISSUER, REVOKED_UID};
pub use samples::{expect, health_code, holder, itinerary, merge_cases, paper_report, samples, tampered, trip, Expect, Sample};

/// The published seed every demo key derives from.
pub const DEMO_SEED: &[u8] = b"yima public demo seed v1 -- DEMO KEYS, NOT FOR REAL USE";

/// The demo root key (its public half is pinned in demo builds).
pub fn root_key() -> SigningKey {
    derived_key(DEMO_SEED, "root")
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
    DemoIssuer {
        revoked: true,
        ..hc("hc-420000-2021", 420000, "湖北健康码旧密钥（演示，已吊销）", "Hubei Health Code old key (DEMO, revoked)")
    },
    DemoIssuer {
        national: true, ..hc("hc-national", 0, "国家政务服务平台（演示）", "National Government Service Platform (DEMO)")
    },
    DemoIssuer {
        role: Role::Itinerary, national: true, ..hc("it-national", 0, "通信行程卡（演示）", "Telecom itinerary card (DEMO)")
    },
];

/// A key that is deliberately NOT in the demo trust list.
pub const UNLISTED_LABEL: &str = "hc-990000-unlisted";

pub fn key(label: &str) -> SigningKey {
    derived_key(DEMO_SEED, label)
}

/// The id of the demo holder-binding key every demo issuer uses.
pub const BINDING_KEY_ID: NonZeroU32 = NonZeroU32::MIN;

/// The demo holder-binding key `id`: its secret is derived from the public seed with the label
/// `holder-binding-<id>`, so — like every demo key — it is public, and a demo code's binding
/// gives its (invented) holder's ID away. A real binding key is random and secret.
pub fn binding_key_with_id(id: NonZeroU32) -> BindingKey {
    BindingKey::new(id, derived_secret(DEMO_SEED, &format!("holder-binding-{id}")))
}

/// The demo holder-binding key the samples use (id [`BINDING_KEY_ID`]).
pub fn binding_key() -> BindingKey {
    binding_key_with_id(BINDING_KEY_ID)
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
            let mut k = IssuerKey::new(
                &key(i.label).verifying_key(),
                i.region,
                (i.name_zh, i.name_en),
                vec![i.role],
                (day(2020, 1, 1), day(2036, 1, 1)),
            );
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
pub const VENUES: [&str; 12] = [
    "metro",
    "mall",
    "leave_city",
    "school",
    "residential",
    "government",
    "complex",
    "market",
    "restaurant",
    "medical",
    "station",
    "elder_care",
];

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
    const fn r(
        venue: &'static str,
        names: (&'static str, &'static str),
        nat: u32,
        antigen: Option<(u32, bool)>,
        itinerary: Option<(bool, StarAction)>,
    ) -> Rule {
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
        revocation: STRICT.contains(&rule.venue).then_some(RevocationRule { max_age_hours: REVOCATION_MAX_AGE_HOURS }),
        max_code_age_seconds: 120,
        clock_skew_seconds: 60,
        effective_from: day(2020, 1, 1),
    }
}

/// The strict venues: leaving the city, stations, schools, offices, medical and elder care. Their
/// demo policies require revocation data (issue 21 B: where a wrongly admitted revoked credential
/// costs most; elsewhere revocation data is used when held) and are strict about EU DCCs.
pub const STRICT: [&str; 6] = ["leave_city", "station", "school", "government", "medical", "elder_care"];
/// How old the revocation data held may be at those venues (newest file's signing time): three
/// days, so a delta published daily may be missed twice.
pub const REVOCATION_MAX_AGE_HOURS: u32 = 72;

/// The demo rule for EU DCCs (invented for the demo, like the 2022 entry rules for travellers
/// it resembles): a test as recent as the venue's NAT rule; where the venue is strict (leaving
/// the city, stations, schools, offices, medical and elder care) NAAT only and no recovery
/// certificate; elder care accepts tests only.
fn foreign(venue: &str, test_hours: u32) -> ForeignRule {
    let strict = STRICT.contains(&venue);
    ForeignRule {
        test_hours: Some(test_hours),
        rapid_antigen: !strict,
        vaccination_days: (venue != "elder_care").then_some(14),
        recovery: !strict,
    }
}

/// Host pages the demo lets embed the scan page (reserved `.test` names: the browser tests play
/// them; tests/browser/suite-embed.mjs).
pub const EMBED_ORIGINS: [&str; 1] = ["http://host.yima.test"];

/// The demo policies, signed at `now`: one national rule per venue kind (metro 72 h, malls
/// 48 h, leaving the city 48 h NAT + 24 h antigen, …; all from report time), and a Guangdong
/// override for malls (72 h).
pub fn policies(now: Time) -> PolicySet {
    let mut policies: Vec<Policy> = RULES.iter().map(|r| policy(r, 0, r.nat)).collect();
    policies.extend(RULES.iter().filter(|r| r.venue == "mall").map(|r| policy(r, 440000, 72)));
    let embed_origins = EMBED_ORIGINS.iter().map(|o| o.to_string()).collect();
    PolicySet { sequence: now.timestamp().max(0) as u64, issued_at: now, max_age_hours: 30 * 24, demo: true, policies, embed_origins }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vector of docs/format.md §1 (the holder binding).
    #[test]
    fn the_demo_binding_of_the_documented_id_is_the_documented_vector() {
        let b = binding_key().bind("310101199001011234");
        assert_eq!((b.key_id, hex(&b.mac).as_str()), (1, "3988430cc295591040c29b7f00af55b2"));
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
