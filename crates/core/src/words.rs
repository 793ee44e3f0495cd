//! Chinese and English texts for everything the core can say.

use crate::claims::{Colour, Provenance, TestKind, TestOutcome};
use crate::lang::Lang;
use crate::policy::StarAction;
use crate::trust::DccType;
use crate::verdict::{Reason, Verdict};

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn verdict(v: Verdict, lang: Lang) -> String {
    match v {
        Verdict::Pass => pick(lang, "通过", "PASS"),
        Verdict::Deny => pick(lang, "不通过", "DENIED"),
        Verdict::Check => pick(lang, "人工核验", "CHECK BY HAND"),
    }
}

pub fn colour(c: Colour, lang: Lang) -> String {
    match c {
        Colour::Green => pick(lang, "绿码", "Green code"),
        Colour::Yellow => pick(lang, "黄码", "Yellow code"),
        Colour::Red => pick(lang, "红码", "Red code"),
    }
}

pub fn test_kind(k: TestKind, lang: Lang) -> String {
    match k {
        TestKind::Nat => pick(lang, "核酸", "NAT"),
        TestKind::Antigen => pick(lang, "抗原", "Antigen"),
    }
}

pub fn outcome(o: TestOutcome, lang: Lang) -> String {
    match o {
        TestOutcome::Negative => pick(lang, "阴性", "negative"),
        TestOutcome::Positive => pick(lang, "阳性", "POSITIVE"),
    }
}

/// Who tested: the institution's name, or "self-test upload".
pub fn provenance(p: Provenance, institution: &str, lang: Lang) -> String {
    match p {
        Provenance::Institution => institution.to_string(),
        Provenance::SelfTest => pick(lang, "自测上传", "self-test upload"),
    }
}

/// From a week on, an age reads in whole days ("2010 days", not "48258 h").
const DAYS_FROM_HOURS: i64 = 7 * 24;

/// "N h ago" / "N 小时前" (minutes below one hour, days from a week on).
pub fn ago(seconds: i64, lang: Lang) -> String {
    if seconds < 3600 {
        let m = (seconds / 60).max(0);
        return pick(lang, &format!("{m} 分钟前"), &format!("{m} min ago"));
    }
    let h = seconds / 3600;
    if h >= DAYS_FROM_HOURS {
        let d = h / 24;
        return pick(lang, &format!("{d} 天前"), &format!("{d} days ago"));
    }
    pick(lang, &format!("{h} 小时前"), &format!("{h} h ago"))
}

/// The age in a "too old" reason, with its unit: [`hours`], or whole days from a week on when
/// that is also a day past the limit (near the limit the hours matter).
fn age(seconds: i64, max_hours: u32, lang: Lang) -> String {
    let h = seconds.max(0) / 3600;
    if h >= DAYS_FROM_HOURS && h >= i64::from(max_hours) + 24 {
        let d = h / 24;
        return pick(lang, &format!("{d} 天"), &format!("{d} days"));
    }
    let h = hours(seconds, max_hours);
    pick(lang, &format!("{h} 小时"), &format!("{h} h"))
}

/// Hours for a "too old" reason: whole hours (as the card's test row shows them) once at least
/// an hour over the limit; near the limit, tenths rounded up, so "over 48 h" never reads "48.0".
fn hours(seconds: i64, max_hours: u32) -> String {
    let whole = seconds.max(0) / 3600;
    if whole > i64::from(max_hours) {
        return whole.to_string();
    }
    let tenths = (seconds.max(0) * 10 + 3599) / 3600;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// `2022-06-01 00:00 UTC`: certificates from abroad are dated in UTC. Written out rather than with chrono's `format`, whose strftime
/// machinery would otherwise be the app wasm's only use of it.
pub fn date_time(t: &crate::Time) -> String {
    use chrono::{Datelike, Timelike};
    format!("{:04}-{:02}-{:02} {:02}:{:02} UTC", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// One sentence per reason.
pub fn reason(r: &Reason, lang: Lang) -> String {
    use Reason::*;
    match r {
        Malformed => pick(lang, "二维码内容损坏或格式错误", "The QR content is damaged or malformed"),
        UnknownPrefix => pick(lang, "不是可识别的健康码或检测报告", "Not a recognised health code or test report"),
        BadSignature => pick(lang, "签名无效：内容被篡改或伪造", "Invalid signature: altered or forged"),
        UnknownKid => pick(lang, "签发机构不在信任列表中", "Issuer is not in the trust list"),
        KeyNotYetValid => pick(lang, "签发密钥尚未生效", "The issuer's key is not valid yet"),
        KeyExpired => pick(lang, "签发密钥已过期", "The issuer's key has expired"),
        KeyRevoked => pick(lang, "签发密钥已被吊销", "The issuer's key has been revoked"),
        WrongRole => pick(lang, "该机构无权签发此类凭证", "This issuer may not sign this kind of credential"),
        RegionMismatch => pick(lang, "签发地区与密钥所属地区不符", "Issuing region does not match the key's region"),
        CodeExpired => pick(lang, "健康码已过期，请刷新后重新出示", "Health code expired: refresh it and show again"),
        CodeTooOld { age_seconds, max_seconds } => pick(
            lang,
            &format!("健康码生成于 {age_seconds} 秒前（上限 {max_seconds} 秒），疑似截图"),
            &format!("Code generated {age_seconds} s ago (limit {max_seconds} s): possibly a screenshot"),
        ),
        IssuedInFuture => pick(lang, "签发时间晚于当前时间", "Issued in the future"),
        ReportExpired => pick(lang, "检测报告二维码已过期", "The test report's QR has expired"),
        ColourNotAllowed { colour: c } => pick(
            lang,
            &format!("{}不允许进入", colour(*c, Lang::Zh)),
            &format!("{} is not admitted here", colour(*c, Lang::En)),
        ),
        NatMissing => pick(lang, "无核酸检测结果", "No NAT result"),
        NatPositive => pick(lang, "核酸检测阳性", "NAT result positive"),
        NatTooOld { age_seconds, max_hours } => pick(
            lang,
            &format!("核酸结果已 {}，超过 {max_hours} 小时", age(*age_seconds, *max_hours, Lang::Zh)),
            &format!("NAT result is {} old, over {max_hours} h", age(*age_seconds, *max_hours, Lang::En)),
        ),
        AntigenMissing => pick(lang, "无抗原检测结果", "No antigen result"),
        AntigenPositive => pick(lang, "抗原检测阳性", "Antigen result positive"),
        AntigenTooOld { age_seconds, max_hours } => pick(
            lang,
            &format!("抗原结果已 {}，超过 {max_hours} 小时", age(*age_seconds, *max_hours, Lang::Zh)),
            &format!("Antigen result is {} old, over {max_hours} h", age(*age_seconds, *max_hours, Lang::En)),
        ),
        ResultInFuture => pick(lang, "检测时间晚于当前时间", "Test dated in the future"),
        AntigenSelfTest => pick(
            lang,
            "抗原结果为自测上传，本场所仅认可检测机构的结果",
            "The antigen result is a self-test upload: this venue accepts only institution tests",
        ),
        ItineraryMissing => pick(lang, "本场所须出示 14 天行程卡", "This venue requires the 14-day itinerary card"),
        ItineraryExpired => pick(lang, "行程卡已过期，请刷新后重新出示", "Itinerary card expired: refresh it and show again"),
        ItineraryStar { cities, action } => {
            let allowed = *action == StarAction::Allow;
            match lang {
                Lang::Zh => format!(
                    "14 天内到过中高风险地区所在城市：{}{}",
                    crate::city::names(cities, lang),
                    if allowed { "（本场所不限制）" } else { "" }
                ),
                Lang::En => format!(
                    "Within 14 days visited a city with medium/high-risk areas: {}{}",
                    crate::city::names(cities, lang),
                    if allowed { " (not restricted here)" } else { "" }
                ),
            }
        }
        HealthCodeMissing => pick(lang, "仅有检测报告：请同时出示健康码", "Test report only: ask for the health code too"),
        DccMalformed => pick(lang, "欧盟数字新冠证书内容损坏或格式错误", "EU COVID certificate is damaged or malformed"),
        DccUnknownSigner => pick(lang, "证书签发方不在信任列表中", "The certificate's signer is not in the trust list"),
        DccBadSignature => pick(lang, "证书签名无效：内容被篡改或伪造", "Invalid certificate signature: altered or forged"),
        DccKeyUsage => pick(lang, "签发方无权签发此类证书", "The signer may not sign this type of certificate"),
        DccExpired { at } => pick(lang, &format!("证书已于 {} 过期", date_time(at)), &format!("Certificate expired on {}", date_time(at))),
        DccNotYetValid { from } => pick(lang, &format!("证书自 {} 起才生效", date_time(from)), &format!("Certificate not valid before {}", date_time(from))),
        DccSignerOutside => pick(lang, "签发方证书不在有效期内", "The signer's certificate is outside its validity"),
        DccNoRule => pick(lang, "本场所未设定境外证书规则，请人工核验", "No rule for foreign certificates at this venue: check by hand"),
        DccTypeNotAccepted { kind } => {
            let (zh, en) = match kind {
                DccType::Test => ("检测证书", "test certificates"),
                DccType::Vaccination => ("疫苗接种证书", "vaccination certificates"),
                DccType::Recovery => ("康复证书", "recovery certificates"),
            };
            pick(lang, &format!("本场所不认可{zh}"), &format!("This venue does not accept {en}"))
        }
        DccTestPositive => pick(lang, "证书所载检测结果为阳性", "The certificate's test result is positive"),
        DccTestTooOld { age_seconds, max_hours } => pick(
            lang,
            &format!("采样已 {}，超过 {max_hours} 小时", age(*age_seconds, *max_hours, Lang::Zh)),
            &format!("Sample taken {} ago, over {max_hours} h", age(*age_seconds, *max_hours, Lang::En)),
        ),
        DccTestTypeNotAccepted => pick(lang, "本场所不认可快速抗原检测，须核酸检测", "Rapid antigen tests are not accepted here: NAAT (PCR) required"),
        DccTestInFuture => pick(lang, "采样时间晚于当前时间", "Sample dated in the future"),
        DccVaccinationIncomplete { dose, of } => pick(
            lang,
            &format!("疫苗接种未完成：第 {dose} 剂，共 {of} 剂"),
            &format!("Vaccination not complete: dose {dose} of {of}"),
        ),
        DccVaccinationTooRecent { days, min_days } => pick(
            lang,
            &format!("末剂接种仅 {days} 天，须满 {min_days} 天"),
            &format!("Last dose only {days} days ago: {min_days} days required"),
        ),
        DccRecoveryOutside => pick(lang, "不在康复证书的有效期内", "Outside the recovery certificate's validity"),
        CredentialRevoked => pick(lang, "此凭证已被签发方撤销", "This credential has been revoked by its issuer"),
        RevocationSuspected => pick(
            lang,
            "撤销名单疑似包含此凭证（约 6.5 万分之一的正常凭证也会命中），请人工核验",
            "This credential may be on the revocation list (about 1 in 65,536 valid ones also match): check by hand",
        ),
        NoTrustData => pick(lang, "尚无可信密钥与规则数据，无法核验", "No trust data yet: cannot verify"),
        TrustDataStale => pick(lang, "信任数据已过期，请联网更新", "Trust data is out of date: go online to update"),
        ClockBehindTrustList => pick(lang, "本机时间早于信任数据签发时间，请校准时间", "This device's clock is behind the signed data: set the clock"),
        PolicyMissing => pick(lang, "本场所没有适用的规则", "No policy for this venue"),
        RevocationDataStale => pick(lang, "撤销名单已过期，请联网更新", "Revocation data is out of date: go online to update"),
        AllChecksPassed => pick(lang, "符合本场所全部要求", "Meets every requirement of this venue"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        assert_eq!(verdict(Verdict::Check, Lang::Zh), "人工核验");
        assert_eq!(reason(&Reason::NatTooOld { age_seconds: 48 * 3600 + 1, max_hours: 48 }, Lang::En), "NAT result is 48.1 h old, over 48 h");
        // Well over the limit: whole hours, as the test row's "60 h ago".
        assert_eq!(reason(&Reason::NatTooOld { age_seconds: 60 * 3600 + 100, max_hours: 48 }, Lang::En), "NAT result is 60 h old, over 48 h");
        assert_eq!(ago(60 * 3600 + 100, Lang::En), "60 h ago");
        // From a week on, days (a DCC test sample taken years ago read "48258 h ago")
        let years = 48_258 * 3600;
        assert_eq!(reason(&Reason::DccTestTooOld { age_seconds: years, max_hours: 48 }, Lang::En), "Sample taken 2010 days ago, over 48 h");
        assert_eq!(reason(&Reason::DccTestTooOld { age_seconds: years, max_hours: 48 }, Lang::Zh), "采样已 2010 天，超过 48 小时");
        assert_eq!(ago(years, Lang::En), "2010 days ago");
        assert_eq!(ago(7 * 24 * 3600 - 1, Lang::Zh), "167 小时前");
        assert_eq!(ago(7 * 24 * 3600, Lang::Zh), "7 天前");
        // near a week-long limit the hours stay
        assert_eq!(reason(&Reason::NatTooOld { age_seconds: 170 * 3600, max_hours: 168 }, Lang::En), "NAT result is 170 h old, over 168 h");
        assert_eq!(reason(&Reason::NatTooOld { age_seconds: 200 * 3600, max_hours: 168 }, Lang::En), "NAT result is 8 days old, over 168 h");
        assert_eq!(ago(20 * 3600 + 5, Lang::Zh), "20 小时前");
        assert_eq!(ago(125, Lang::En), "2 min ago");
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        let at = "2022-06-01T00:00:00Z".parse().unwrap();
        assert_eq!(reason(&Reason::DccExpired { at }, Lang::En), "Certificate expired on 2022-06-01 00:00 UTC");
        assert_eq!(reason(&Reason::DccExpired { at }, Lang::Zh), "证书已于 2022-06-01 00:00 UTC 过期");
    }
}
