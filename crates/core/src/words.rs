//! What a card says, worded in one place: every [`Reason`], every age, the test and
//! vaccination rows, one function per language. The words decide where a line must not break: a number and its
//! unit are joined by a no-break space (U+00A0), a date's hyphens are no-break hyphens
//! (U+2011), so the app shows the text as it is. [`plain`] is the same text for the CLI.

use chrono::Datelike;

use crate::card::{Card, TestView};
use crate::claims::Vaccination;
use crate::labels::{colour, outcome, provenance};
use crate::lang::Lang;
use crate::policy::{StarAction, TimeBasis};
use crate::trust::DccType;
use crate::verdict::Reason;
use crate::Time;

/// Joins a number to its unit.
const NBSP: char = '\u{a0}';
/// A hyphen no line breaks at (in dates).
const NBHY: char = '\u{2011}';

/// A reason in words.
pub fn reason_text(r: &Reason, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh(r),
        Lang::En => en(r),
    }
}

/// A card's reasons in words, worst first (foreign or not).
pub fn reason_texts(card: &Card, lang: Lang) -> Vec<String> {
    card.shown_reasons().iter().map(|r| reason_text(r, lang)).collect()
}

/// The text with its no-break spaces and hyphens made plain ones (CLI text and JSON).
pub fn plain(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == NBSP {
                ' '
            } else if c == NBHY {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// From a week on, an age reads in whole days ("2010 days", not "48258 h").
const WEEK_HOURS: i64 = 7 * 24;

/// The one rule for an age (test rows, reasons, the status strip, settings, the CLI): whole
/// minutes below an hour, whole hours below a week, whole days from then on.
pub fn age(seconds: i64, lang: Lang) -> String {
    aged(seconds, None, lang)
}

/// [`age`] as "N h ago" / "N 小时前".
pub fn ago(seconds: i64, lang: Lang) -> String {
    let a = age(seconds, lang);
    match lang {
        Lang::Zh => format!("{a}前"),
        Lang::En => format!("{a}{NBSP}ago"),
    }
}

/// [`age`], or for an age over a limit of `limit` hours ("too old"): never minutes, hours
/// until a day past the limit, and tenths rounded up until a whole hour past it, so "over
/// 48 h" never reads "48 h old".
fn aged(seconds: i64, limit: Option<u32>, lang: Lang) -> String {
    let s = seconds.max(0);
    let h = s / 3600;
    let limit = limit.map(i64::from);
    let (n, unit) = if h >= WEEK_HOURS && limit.is_none_or(|l| h >= l + 24) {
        ((h / 24).to_string(), ("天", "days"))
    } else if limit.is_some_and(|l| h <= l) {
        let tenths = (s * 10 + 3599) / 3600;
        (format!("{}.{}", tenths / 10, tenths % 10), ("小时", "h"))
    } else if h >= 1 || limit.is_some() {
        (h.to_string(), ("小时", "h"))
    } else {
        ((s / 60).to_string(), ("分钟", "min"))
    };
    format!("{n}{NBSP}{}", if lang == Lang::Zh { unit.0 } else { unit.1 })
}

/// `2022‑03‑01` (no-break hyphens). Written out rather than with chrono's `format`, whose
/// strftime machinery would otherwise be the app wasm's only use of it.
fn date(d: &impl Datelike) -> String {
    format!("{:04}{NBHY}{:02}{NBHY}{:02}", d.year(), d.month(), d.day())
}

/// `2022‑06‑01 00:00 UTC`: certificates from abroad are dated in UTC.
pub fn date_time(t: &Time) -> String {
    use chrono::Timelike;
    format!("{} {:02}:{:02} UTC", date(t), t.hour(), t.minute())
}

/// The vaccination row: doses and the date of the last.
pub fn vaccination(v: &Vaccination, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已接种 {}{NBSP}剂（末剂 {}）", v.doses, date(&v.last_dose)),
        Lang::En => format!("{}{NBSP}doses (last {})", v.doses, date(&v.last_dose)),
    }
}

/// A test as the card's row says it: outcome · age · basis and time · who tested. `when` words
/// the time the test counts from (the app: local time; the CLI: RFC 3339).
pub fn test_row(t: &TestView, when: impl Fn(Time) -> String, lang: Lang) -> String {
    let (basis, at) = match (t.basis, lang) {
        (TimeBasis::Report, Lang::Zh) => ("报告", t.reported_at),
        (TimeBasis::Report, Lang::En) => ("reported", t.reported_at),
        (TimeBasis::Sample, Lang::Zh) => ("采样", t.sampled_at),
        (TimeBasis::Sample, Lang::En) => ("sampled", t.sampled_at),
    };
    let who = provenance(t.provenance, &t.institution, lang);
    format!("{} · {} · {basis} {} · {who}", outcome(t.outcome, lang), ago(t.age_seconds, lang), when(at))
}

fn zh(r: &Reason) -> String {
    use Reason::*;
    let text = match r {
        Malformed => "二维码内容损坏或格式错误",
        UnknownPrefix => "不是可识别的健康码或检测报告",
        BadSignature => "签名无效：内容被篡改或伪造",
        UnknownKid => "签发机构不在信任列表中",
        KeyNotYetValid => "签发密钥尚未生效",
        KeyExpired => "签发密钥已过期",
        KeyRevoked => "签发密钥已被吊销",
        WrongRole => "该机构无权签发此类凭证",
        RegionMismatch => "签发地区与密钥所属地区不符",
        CodeExpired => "健康码已过期，请刷新后重新出示",
        CodeTooOld { age_seconds, max_seconds } => {
            return format!("健康码生成于 {age_seconds}{NBSP}秒前（上限 {max_seconds}{NBSP}秒），疑似截图")
        }
        IssuedInFuture => "签发时间晚于当前时间",
        ReportExpired => "检测报告二维码已过期",
        ColourNotAllowed { colour: c } => return format!("{}不允许进入", colour(*c, Lang::Zh)),
        NatMissing => "无核酸检测结果",
        NatPositive => "核酸检测阳性",
        NatTooOld { age_seconds, max_hours } => {
            return format!("核酸结果已 {}，超过 {max_hours}{NBSP}小时", aged(*age_seconds, Some(*max_hours), Lang::Zh))
        }
        AntigenMissing => "无抗原检测结果",
        AntigenPositive => "抗原检测阳性",
        AntigenTooOld { age_seconds, max_hours } => {
            return format!("抗原结果已 {}，超过 {max_hours}{NBSP}小时", aged(*age_seconds, Some(*max_hours), Lang::Zh))
        }
        ResultInFuture => "检测时间晚于当前时间",
        AntigenSelfTest => "抗原结果为自测上传，本场所仅认可检测机构的结果",
        ItineraryMissing => "本场所须出示 14\u{a0}天行程卡",
        ItineraryExpired => "行程卡已过期，请刷新后重新出示",
        ItineraryTooOld { age_seconds, max_seconds } => {
            return format!("行程卡生成于 {age_seconds}{NBSP}秒前（上限 {max_seconds}{NBSP}秒），疑似截图")
        }
        ItineraryStar { cities, action } => {
            let allowed = if *action == StarAction::Allow { "（本场所不限制）" } else { "" };
            return format!("14{NBSP}天内到过中高风险地区所在城市：{}{allowed}", crate::city::names(cities, Lang::Zh));
        }
        HealthCodeMissing => "仅有检测报告：请同时出示健康码",
        CredentialRevoked => "此凭证已被签发方撤销",
        RevocationSuspected => "撤销名单疑似包含此凭证（约 6.5 万分之一的正常凭证也会命中），请人工核验",
        EarlierRefused { reason } => return format!("刚才扫描的凭证未通过：{}", zh(reason)),
        HolderNotLinked => "上一张码的持证人标识由另一代密钥生成，未与本码合并；如属同一人，请人工核对两张码",
        DccMalformed => "欧盟数字新冠证书内容损坏或格式错误",
        DccUnknownSigner => "证书签发方不在信任列表中",
        DccBadSignature => "证书签名无效：内容被篡改或伪造",
        DccKeyUsage => "签发方无权签发此类证书",
        DccExpired { at } => return format!("证书已于 {} 过期", date_time(at)),
        DccNotYetValid { from } => return format!("证书自 {} 起才生效", date_time(from)),
        DccSignerOutside => "签发方证书不在有效期内",
        DccNoRule => "本场所未设定境外证书规则，请人工核验",
        DccTypeNotAccepted { kind: DccType::Test } => "本场所不认可检测证书",
        DccTypeNotAccepted { kind: DccType::Vaccination } => "本场所不认可疫苗接种证书",
        DccTypeNotAccepted { kind: DccType::Recovery } => "本场所不认可康复证书",
        DccTestPositive => "证书所载检测结果为阳性",
        DccTestTooOld { age_seconds, max_hours } => {
            return format!("采样已 {}，超过 {max_hours}{NBSP}小时", aged(*age_seconds, Some(*max_hours), Lang::Zh))
        }
        DccTestTypeNotAccepted => "本场所不认可快速抗原检测，须核酸检测",
        DccTestInFuture => "采样时间晚于当前时间",
        DccVaccinationIncomplete { dose, of } => return format!("疫苗接种未完成：第 {dose}{NBSP}剂，共 {of}{NBSP}剂"),
        DccVaccinationTooRecent { days, min_days } => return format!("末剂接种仅 {days}{NBSP}天，须满 {min_days}{NBSP}天"),
        DccRecoveryOutside => "不在康复证书的有效期内",
        NoTrustData => "尚无可信密钥与规则数据，无法核验",
        TrustDataStale => "信任数据已过期，请联网更新",
        ClockBehindTrustList => "本机时间早于信任数据签发时间，请校准时间",
        PolicyMissing => "本场所没有适用的规则",
        RevocationDataStale => "撤销名单已过期，请联网更新",
        RevocationDataMissing => "本场所要求撤销名单，但本机没有可用的撤销名单：请联网更新后再核验",
        AllChecksPassed => "符合本场所全部要求",
    };
    text.to_string()
}

fn en(r: &Reason) -> String {
    use Reason::*;
    let text = match r {
        Malformed => "The QR content is damaged or malformed",
        UnknownPrefix => "Not a recognised health code or test report",
        BadSignature => "Invalid signature: altered or forged",
        UnknownKid => "Issuer is not in the trust list",
        KeyNotYetValid => "The issuer's key is not valid yet",
        KeyExpired => "The issuer's key has expired",
        KeyRevoked => "The issuer's key has been revoked",
        WrongRole => "This issuer may not sign this kind of credential",
        RegionMismatch => "Issuing region does not match the key's region",
        CodeExpired => "Health code expired: refresh it and show again",
        CodeTooOld { age_seconds, max_seconds } => {
            return format!("Code generated {age_seconds}{NBSP}s ago (limit {max_seconds}{NBSP}s): possibly a screenshot")
        }
        IssuedInFuture => "Issued in the future",
        ReportExpired => "The test report's QR has expired",
        ColourNotAllowed { colour: c } => return format!("{} is not admitted here", colour(*c, Lang::En)),
        NatMissing => "No NAT result",
        NatPositive => "NAT result positive",
        NatTooOld { age_seconds, max_hours } => {
            return format!("NAT result is {} old, over {max_hours}{NBSP}h", aged(*age_seconds, Some(*max_hours), Lang::En))
        }
        AntigenMissing => "No antigen result",
        AntigenPositive => "Antigen result positive",
        AntigenTooOld { age_seconds, max_hours } => {
            return format!("Antigen result is {} old, over {max_hours}{NBSP}h", aged(*age_seconds, Some(*max_hours), Lang::En))
        }
        ResultInFuture => "Test dated in the future",
        AntigenSelfTest => "The antigen result is a self-test upload: this venue accepts only institution tests",
        ItineraryMissing => "This venue requires the 14\u{2011}day itinerary card",
        ItineraryExpired => "Itinerary card expired: refresh it and show again",
        ItineraryTooOld { age_seconds, max_seconds } => {
            return format!("Itinerary card generated {age_seconds}{NBSP}s ago (limit {max_seconds}{NBSP}s): possibly a screenshot")
        }
        ItineraryStar { cities, action } => {
            let allowed = if *action == StarAction::Allow { " (not restricted here)" } else { "" };
            return format!(
                "Within 14{NBSP}days visited a city with medium/high-risk areas: {}{allowed}",
                crate::city::names(cities, Lang::En)
            );
        }
        HealthCodeMissing => "Test report only: ask for the health code too",
        CredentialRevoked => "This credential has been revoked by its issuer",
        RevocationSuspected => "This credential may be on the revocation list (about 1 in 65,536 valid ones also match): check by hand",
        EarlierRefused { reason } => return format!("A credential scanned just before was refused: {}", en(reason)),
        HolderNotLinked => "The previous code's holder tag was made under another key generation, so it was not combined with this one: if both are this person's, check both by hand",
        DccMalformed => "EU COVID certificate is damaged or malformed",
        DccUnknownSigner => "The certificate's signer is not in the trust list",
        DccBadSignature => "Invalid certificate signature: altered or forged",
        DccKeyUsage => "The signer may not sign this type of certificate",
        DccExpired { at } => return format!("Certificate expired on {}", date_time(at)),
        DccNotYetValid { from } => return format!("Certificate not valid before {}", date_time(from)),
        DccSignerOutside => "The signer's certificate is outside its validity",
        DccNoRule => "No rule for foreign certificates at this venue: check by hand",
        DccTypeNotAccepted { kind: DccType::Test } => "This venue does not accept test certificates",
        DccTypeNotAccepted { kind: DccType::Vaccination } => "This venue does not accept vaccination certificates",
        DccTypeNotAccepted { kind: DccType::Recovery } => "This venue does not accept recovery certificates",
        DccTestPositive => "The certificate's test result is positive",
        DccTestTooOld { age_seconds, max_hours } => {
            return format!("Sample taken {} ago, over {max_hours}{NBSP}h", aged(*age_seconds, Some(*max_hours), Lang::En))
        }
        DccTestTypeNotAccepted => "Rapid antigen tests are not accepted here: NAAT (PCR) required",
        DccTestInFuture => "Sample dated in the future",
        DccVaccinationIncomplete { dose, of } => return format!("Vaccination not complete: dose {dose} of {of}"),
        DccVaccinationTooRecent { days, min_days } => return format!("Last dose only {days}{NBSP}days ago: {min_days}{NBSP}days required"),
        DccRecoveryOutside => "Outside the recovery certificate's validity",
        NoTrustData => "No trust data yet: cannot verify",
        TrustDataStale => "Trust data is out of date: go online to update",
        ClockBehindTrustList => "This device's clock is behind the signed data: set the clock",
        PolicyMissing => "No policy for this venue",
        RevocationDataStale => "Revocation data is out of date: go online to update",
        RevocationDataMissing => "This venue requires revocation data and none usable is held: go online to update",
        AllChecksPassed => "Meets every requirement of this venue",
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::tests::one_of_each;

    const UNITS: [&str; 9] = ["h", "min", "s", "days", "小时", "分钟", "秒", "天", "剂"];

    /// No line can break between a number and its unit, nor inside a date.
    fn kept_together(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(3).enumerate().all(|(i, w)| {
            let unit_next = || {
                let rest: String = chars[i + 2..].iter().collect();
                UNITS.iter().any(|u| rest.starts_with(u) && !rest[u.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
            };
            !(w[0].is_ascii_digit() && (w[1] == ' ' && unit_next() || w[1] == '-' && w[2].is_ascii_digit()))
        })
    }

    #[test]
    fn every_reason_is_worded_in_chinese_with_its_numbers_kept_together() {
        for r in one_of_each() {
            let t = reason_text(&r, Lang::Zh);
            assert!(!t.is_empty() && !t.is_ascii() && kept_together(&t), "{r:?}: {t:?}");
        }
        let late = reason_text(&Reason::NatTooOld { age_seconds: 60 * 3600 + 100, max_hours: 48 }, Lang::Zh);
        assert_eq!(late, "核酸结果已 60\u{a0}小时，超过 48\u{a0}小时");
        let at = "2022-06-01T00:00:00Z".parse().unwrap();
        assert_eq!(plain(&reason_text(&Reason::DccExpired { at }, Lang::Zh)), "证书已于 2022-06-01 00:00 UTC 过期");
    }

    #[test]
    fn every_reason_is_worded_in_english_with_its_numbers_kept_together() {
        for r in one_of_each() {
            let t = reason_text(&r, Lang::En);
            assert!(!t.is_empty() && t.chars().all(|c| c.is_ascii() || c == NBSP || c == NBHY) && kept_together(&t), "{r:?}: {t:?}");
        }
        let at = "2022-06-01T00:00:00Z".parse().unwrap();
        assert_eq!(reason_text(&Reason::DccExpired { at }, Lang::En), "Certificate expired on 2022\u{2011}06\u{2011}01 00:00 UTC");
        assert_eq!(
            reason_text(&Reason::CodeTooOld { age_seconds: 121, max_seconds: 120 }, Lang::En),
            "Code generated 121\u{a0}s ago (limit 120\u{a0}s): possibly a screenshot"
        );
        assert!(!kept_together("over 48 h") && !kept_together("on 2022-06-01") && kept_together("the 14\u{2011}day card"));
    }

    #[test]
    fn ages_follow_one_rule() {
        let en = |s| plain(&ago(s, Lang::En));
        assert_eq!((en(125), en(20 * 3600 + 5), en(60 * 3600 + 100)), ("2 min ago".into(), "20 h ago".into(), "60 h ago".into()));
        // From a week on, days (a DCC test sample taken years ago read "48258 h ago").
        let years = 48_258 * 3600;
        assert_eq!(en(years), "2010 days ago");
        assert_eq!(ago(7 * 24 * 3600 - 1, Lang::Zh), "167\u{a0}小时前");
        assert_eq!(ago(7 * 24 * 3600, Lang::Zh), "7\u{a0}天前");
        assert_eq!((age(-5, Lang::Zh), age(3 * 86400, Lang::En)), ("0\u{a0}分钟".into(), "72\u{a0}h".into()));
        // Over a limit: tenths rounded up near it (never "48.0"), whole hours as the test row,
        // days only a day past it.
        let over = |s, max_hours| plain(&reason_text(&Reason::NatTooOld { age_seconds: s, max_hours }, Lang::En));
        assert_eq!(over(48 * 3600 + 1, 48), "NAT result is 48.1 h old, over 48 h");
        assert_eq!(over(60 * 3600 + 100, 48), "NAT result is 60 h old, over 48 h");
        assert_eq!(over(170 * 3600, 168), "NAT result is 170 h old, over 168 h");
        assert_eq!(over(200 * 3600, 168), "NAT result is 8 days old, over 168 h");
        let sample = |lang| reason_text(&Reason::DccTestTooOld { age_seconds: years, max_hours: 48 }, lang);
        assert_eq!(plain(&sample(Lang::En)), "Sample taken 2010 days ago, over 48 h");
        assert_eq!(sample(Lang::Zh), "采样已 2010\u{a0}天，超过 48\u{a0}小时");
    }
}
