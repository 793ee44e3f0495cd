//! Stage 7: a judged DCC → the [`ForeignView`] the app shows: the name masked the way ours
//! are (first letter of each part), the year of birth only, the entry's facts worded in zh and
//! en, and the reasons (worded by the app, like ours).

use yima_core::date_time_text as date_time;
use yima_core::mask_name;
use yima_core::{CardRow, Reason, Verdict};
use yima_core::{ForeignView, Line, Row};

use crate::evaluate::{sampled_at, DETECTED, NAAT, NOT_DETECTED, RAPID_ANTIGEN};
use crate::payload::{Dcc, Entry, Name};
use crate::Read;

fn line(code: &str, zh: String, en: String) -> Line {
    Line { code: code.into(), zh, en }
}

/// `M********** E****`: each part of the family then given name, first letter kept. The
/// name as written (`fn`, `gn`) when present, else its ICAO transliteration.
pub fn masked_name(n: &Name) -> String {
    let family = n.family.as_deref().or(n.family_std.as_deref()).unwrap_or("");
    let given = n.given.as_deref().or(n.given_std.as_deref()).unwrap_or("");
    let parts: Vec<String> = format!("{family} {given}").split([' ', '<', '-']).filter(|p| !p.is_empty()).map(mask_name).collect();
    parts.join(" ")
}

/// The year of birth (`1964` of `1964-08-12`; the DCC allows `1964` or an empty date).
pub fn birth_year(dob: &str) -> Option<&str> {
    dob.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
}

/// The issuing country as the card shows it: the CWT issuer only when it has the shape of an
/// ISO 3166-1 alpha-2 code (two letters A–Z). Anything else (a name, an alpha-3 code, markup)
/// is not shown: the claim is optional, so a card without it is a card without the row.
pub fn country_code(iss: &str) -> Option<String> {
    (iss.len() == 2 && iss.bytes().all(|b| b.is_ascii_uppercase())).then(|| iss.to_owned())
}

fn row(id: &str, label: (&str, &str), value: (String, String), alarm: bool) -> Row {
    Row { label: line(id, label.0.into(), label.1.into()), value: line(id, value.0, value.1), alarm }
}

/// What the certificate is, in words: type, dose or result, the date that counts.
fn entry_row(e: &Entry, alarm: bool) -> Row {
    let (zh, en) = match e {
        Entry::Vaccination(v) => {
            (format!("疫苗接种 · 第 {}/{} 剂 · {}", v.dn, v.sd, v.dt), format!("Vaccination · dose {}/{} · {}", v.dn, v.sd, v.dt))
        }
        Entry::Test(t) => {
            let (kind_zh, kind_en) = match t.tt.as_str() {
                NAAT => ("核酸检测", "NAAT (PCR)"),
                RAPID_ANTIGEN => ("快速抗原检测", "Rapid antigen test"),
                _ => ("未知检测", "Unknown test type"),
            };
            let (res_zh, res_en) = match t.tr.as_str() {
                NOT_DETECTED => ("阴性", "negative"),
                DETECTED => ("阳性", "POSITIVE"),
                _ => ("结果不明", "result unknown"),
            };
            let at = sampled_at(t).map_or_else(|| t.sc.clone(), |at| date_time(&at));
            (format!("{kind_zh} · {res_zh} · 采样 {at}"), format!("{kind_en} · {res_en} · sampled {at}"))
        }
        Entry::Recovery(r) => (format!("康复证明 · 有效期 {} 至 {}", r.df, r.du), format!("Recovery · valid {} to {}", r.df, r.du)),
    };
    row("dcc-entry", ("证书类型", "Certificate"), (zh, en), alarm)
}

/// The card of a DCC judged as `verdict` for `reasons` (worst first). `read` is `None` when
/// the text could not be read: then only the verdict and reasons are shown.
pub fn view(read: Option<&Read>, verdict: Verdict, reasons: &[Reason]) -> ForeignView {
    let Some(Read { cwt, dcc, .. }) = read else {
        return ForeignView { verdict, reasons: reasons.to_vec(), holder: String::new(), country: String::new(), rows: Vec::new() };
    };
    let alarms = |row| reasons.iter().any(|r| r.row() == Some(row));
    let Dcc { nam, dob, entry, .. } = dcc;
    let holder = match birth_year(dob) {
        Some(y) => format!("{} · {y}", masked_name(nam)),
        None => masked_name(nam),
    };
    let country = cwt.issuer.as_deref().and_then(country_code).unwrap_or_default();
    let mut rows = vec![entry_row(entry, alarms(CardRow::DccEntry))];
    if let Some(exp) = cwt.expires {
        rows.push(row("dcc-expires", ("证书有效至", "Valid until"), (date_time(&exp), date_time(&exp)), alarms(CardRow::DccExpiry)));
    }
    if !country.is_empty() {
        rows.push(row("dcc-country", ("签发国家", "Issuing country"), (country.clone(), country.clone()), false));
    }
    ForeignView { verdict, reasons: reasons.to_vec(), holder, country, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_part_by_part_and_birth_is_a_year() {
        let n = Name {
            family: Some("Musterfrau-Gößinger".into()),
            family_std: Some("MUSTERFRAU<GOESSINGER".into()),
            given: Some("Gabriele".into()),
            given_std: None,
        };
        assert_eq!(masked_name(&n), "M********* G******* G*******");
        let ascii = Name { family: None, family_std: Some("DOE".into()), given: None, given_std: Some("JOHN<PAUL".into()) };
        assert_eq!(masked_name(&ascii), "D** J*** P***");
        assert_eq!(birth_year("1964-08-12"), Some("1964"));
        assert_eq!(birth_year("1964"), Some("1964"));
        assert_eq!(birth_year(""), None);
        assert_eq!(birth_year("XX"), None);
    }

    #[test]
    fn only_a_two_letter_code_is_a_country() {
        assert_eq!(country_code("DE").as_deref(), Some("DE"));
        for bad in ["", "D", "de", "De", "DEU", "Germany <script>", "D1", "ÄT", "Ｄ", "D ", " D"] {
            assert_eq!(country_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn unreadable_text_shows_reasons_only() {
        let v = view(None, Verdict::Deny, &[Reason::DccMalformed]);
        assert_eq!(v.reasons, [Reason::DccMalformed]);
        assert!(v.rows.is_empty() && v.holder.is_empty());
    }
}
