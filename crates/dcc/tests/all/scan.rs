//! The DCC module's one call end to end: HC1 text + root-signed endpoint files + venue + time
//! → the card (verdict, reasons, masked facts in zh/en).
use crate::common;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use common::*;
use yima_core::ForeignView;
use yima_core::KeyStatus;
use yima_core::Lang;
use yima_core::VenueKey;
use yima_core::Verdict;
use yima_core::{plain_text as plain, reason_text};
use yima_core::{DccSigner, DccType};
use yima_dcc::scan::scan;
use yima_issue::{demo, Seal};

const NOW: &str = "2021-09-01T12:00:00Z";

/// SubjectPublicKeyInfo (DER) of the test P-256 key: the fixed header for id-ecPublicKey on
/// prime256v1, then the uncompressed point.
fn ec_spki() -> Vec<u8> {
    let mut der = hex::decode("3059301306072a8648ce3d020106082a8648ce3d030107034200").unwrap();
    der.extend_from_slice(ec_key().verifying_key().to_encoded_point(false).as_bytes());
    der
}

fn endpoint(with_signer: bool) -> (String, String) {
    let now = t(NOW);
    let mut list = demo::trust_list(now);
    if with_signer {
        list.dcc_signers.push(DccSigner {
            kid: hex::encode(KID),
            country: "AT".into(),
            public_key: B64.encode(ec_spki()),
            not_before: t("2021-01-01T00:00:00Z"),
            not_after: t("2023-01-01T00:00:00Z"),
            types: DccType::ALL.to_vec(),
            status: KeyStatus::Active,
        });
    }
    let root = demo::root_key();
    (list.seal(&root), demo::policies(now).seal(&root))
}

fn at(text: &str, venue: &str, now: &str, files: &(String, String)) -> ForeignView {
    let roots = [demo::root_key().verifying_key()];
    scan(text, Some(&files.0), Some(&files.1), &roots, &VenueKey { venue: venue.into(), region: 310000 }, t(now))
}

fn codes(v: &ForeignView) -> Vec<&str> {
    v.reasons.iter().map(|r| r.code()).collect()
}

fn text() -> String {
    hc1(&Cose::default().build(cwt(vaccination()), es256))
}

#[test]
fn a_signed_vaccination_passes_where_the_venue_accepts_it() {
    let files = endpoint(true);
    let v = at(&text(), "metro", NOW, &files);
    assert_eq!((v.verdict, codes(&v)), (Verdict::Pass, vec!["all_checks_passed"]));
    assert_eq!(v.holder, "M***** G*** · 1998");
    assert_eq!(v.country, "AT");
    let entry = v.rows.iter().find(|r| r.value.code == "dcc-entry").unwrap();
    assert_eq!(entry.value.en, "Vaccination · dose 2/2 · 2021-05-29");
    assert_eq!(entry.value.zh, "疫苗接种 · 第 2/2 剂 · 2021-05-29");
    assert!(!entry.alarm);
    // Elder care accepts tests only (demo rule).
    let v = at(&text(), "elder_care", NOW, &files);
    assert_eq!((v.verdict, codes(&v)), (Verdict::Deny, vec!["dcc_type_not_accepted"]));
    assert_eq!(reason_text(&v.reasons[0], Lang::En), "This venue does not accept vaccination certificates");
    assert!(v.rows.iter().find(|r| r.value.code == "dcc-entry").unwrap().alarm);
}

#[test]
fn expired_shows_the_date() {
    let v = at(&text(), "metro", "2022-07-01T00:00:00Z", &endpoint(true));
    assert_eq!(v.verdict, Verdict::Deny);
    assert_eq!(plain(&reason_text(&v.reasons[0], Lang::En)), "Certificate expired on 2022-06-01 00:00 UTC");
    assert_eq!(plain(&reason_text(&v.reasons[0], Lang::Zh)), "证书已于 2022-06-01 00:00 UTC 过期");
    assert!(v.rows.iter().find(|r| r.value.code == "dcc-expires").unwrap().alarm);
}

#[test]
fn unknown_signer_flipped_byte_and_no_trust_data() {
    let v = at(&text(), "metro", NOW, &endpoint(false));
    assert_eq!((v.verdict, codes(&v)), (Verdict::Deny, vec!["dcc_unknown_signer"]));
    // A flipped character in the base45 body: never a pass.
    let good = text();
    let files = endpoint(true);
    for i in [10, good.len() / 2, good.len() - 3] {
        let mut b = good.clone().into_bytes();
        b[i] = if b[i] == b'A' { b'B' } else { b'A' };
        let v = at(std::str::from_utf8(&b).unwrap(), "metro", NOW, &files);
        assert_eq!(v.verdict, Verdict::Deny, "flip at {i}: {:?}", codes(&v));
    }
    // Files that do not verify under the pinned root are no trust data: check by hand.
    let roots = [yima_issue::derived_key(b"other", "root").verifying_key()];
    let v = scan(&good, Some(&files.0), Some(&files.1), &roots, &VenueKey { venue: "metro".into(), region: 310000 }, t(NOW));
    assert_eq!((v.verdict, codes(&v)), (Verdict::Check, vec!["no_trust_data"]));
    assert!(v.rows.is_empty());
    let v = scan(
        "HC1:NOT BASE45",
        Some(&files.0),
        Some(&files.1),
        &[demo::root_key().verifying_key()],
        &VenueKey { venue: "metro".into(), region: 310000 },
        t(NOW),
    );
    assert_eq!((v.verdict, codes(&v)), (Verdict::Deny, vec!["dcc_malformed"]));
}

/// What the app hands the DCC module (`ForeignParts` as bytes: the context it worked out from
/// the files it verified, and the signer for the code's kid) judges every case as the files
/// themselves do, and the card crosses back whole.
#[test]
fn the_modules_parts_judge_as_the_signed_files_do() {
    use yima_core::ForeignParts;
    use yima_core::SignedContent;
    use yima_core::Verifier;
    use yima_core::{PolicySet, TrustList};
    use yima_dcc::scan::{judge_bytes, kid};

    let roots = [demo::root_key().verifying_key()];
    let good = text();
    let forged = hc1(&Cose::default().build(cwt(vaccination()), |tbs| {
        let mut sig = es256(tbs);
        sig[5] ^= 1;
        sig
    }));
    let mut seen = std::collections::BTreeSet::new();
    for files in [endpoint(true), endpoint(false)] {
        for venue in ["metro", "elder_care", "mall"] {
            for now in [NOW, "2022-07-01T00:00:00Z", "2020-12-01T00:00:00Z", "2021-09-01T11:00:00Z"] {
                for text in [good.as_str(), forged.as_str(), "HC1:NOT BASE45"] {
                    let venue = VenueKey { venue: venue.into(), region: 310000 };
                    let v = Verifier {
                        trust: TrustList::open(files.0.as_bytes(), &roots).ok(),
                        policies: PolicySet::open(files.1.as_bytes(), &roots).ok(),
                        venue: venue.clone(),
                        revocation: None,
                        clock_floor: None,
                    };
                    let signer = v.trust.as_ref().and_then(|t| t.dcc_signer(&kid(text).unwrap_or_default()));
                    let via_parts = judge_bytes(text, &ForeignParts::new(v.foreign_context(t(now)), signer).to_bytes());
                    let from_files = scan(text, Some(&files.0), Some(&files.1), &roots, &venue, t(now));
                    assert_eq!(via_parts, from_files, "{venue:?} {now} {text:.20}");
                    // …and comes back to the app as it was made.
                    assert_eq!(ForeignView::from_bytes(&via_parts.to_bytes()).as_ref(), Some(&via_parts));
                    seen.insert(codes(&from_files).join(","));
                }
            }
        }
    }
    // The cases reach passes, expiry, a clock behind the data, bad and unknown signers.
    for want in ["all_checks_passed", "dcc_expired", "clock_behind_trust_list", "dcc_bad_signature", "dcc_unknown_signer", "dcc_malformed"]
    {
        assert!(seen.iter().any(|c| c.contains(want)), "{want} not reached: {seen:?}");
    }
}

/// Bytes that are not `ForeignParts` (a module and app out of step, or garbage) judge nothing:
/// a good code is denied as unreadable, with no rows, and nothing panics.
#[test]
fn parts_that_do_not_decode_give_the_malformed_card() {
    use yima_core::ForeignParts;
    use yima_dcc::scan::judge_bytes;

    let good = text();
    let parts = ForeignParts::new(yima_core::ForeignContext { now: t(NOW), status: vec![], trusted: true, policy: None }, None).to_bytes();
    assert_eq!(codes(&judge_bytes(&good, &parts)), vec!["dcc_unknown_signer", "policy_missing"]);
    let longer = [&parts[..], &[0]].concat();
    for bad in [&b""[..], b"\x01", b"\xff\xff\xff", &parts[..parts.len() / 2], &longer, good.as_bytes()] {
        let v = judge_bytes(&good, bad);
        assert_eq!((v.verdict, codes(&v)), (Verdict::Deny, vec!["dcc_malformed"]), "{bad:02x?}");
        assert!(v.rows.is_empty() && v.holder.is_empty());
    }
}

/// Every text a card shows: holder, country and each row's label and value in both languages.
fn shown(v: &ForeignView) -> String {
    let rows = v.rows.iter().map(|r| format!("{} {} {} {}", r.label.zh, r.label.en, r.value.zh, r.value.en));
    std::iter::once(format!("{} {}", v.holder, v.country)).chain(rows).collect::<Vec<_>>().join("\n")
}

/// Issue 21 H: a certificate whose signature does not verify, or whose signer the trust list
/// does not hold, shows the reason alone: no name, doses, dates or country from its payload,
/// and no reason drawn from them (its expiry, its dose count against the rule).
#[test]
fn an_unverified_certificate_shows_no_facts() {
    let mut first_dose = vaccination();
    set_entry(&mut first_dose, "dn", ciborium::Value::Integer(1.into()));
    let forged = hc1(&Cose::default().build(cwt(first_dose.clone()), |tbs| {
        let mut sig = es256(tbs);
        sig[5] ^= 1;
        sig
    }));
    let signed = hc1(&Cose::default().build(cwt(first_dose), es256));
    // Signed, the same payload is judged and shown: dose 1/2 is incomplete.
    let v = at(&signed, "metro", NOW, &endpoint(true));
    assert_eq!(codes(&v), vec!["dcc_vaccination_incomplete"]);
    assert!(
        shown(&v).contains("dose 1/2") && v.rows.iter().any(|r| r.value.code == "dcc-expires") && v.country == "AT" && !v.holder.is_empty(),
        "{}",
        shown(&v)
    );
    for (text, files, why) in [(&forged, endpoint(true), "dcc_bad_signature"), (&signed, endpoint(false), "dcc_unknown_signer")] {
        let v = at(text, "metro", NOW, &files);
        assert_eq!((v.verdict, codes(&v)), (Verdict::Deny, vec![why]));
        assert!(v.rows.is_empty() && v.holder.is_empty() && v.country.is_empty(), "{v:?}");
    }
}

/// Issue 21 H: the issuing country is shown only as a two-letter code; an issuer claim that is
/// a name, markup or an alpha-3 code is left out (row and field), and the entry's own `co` is
/// never shown.
#[test]
fn only_a_two_letter_issuer_is_shown_as_the_country() {
    let files = endpoint(true);
    for bad in ["Germany <script>", "DEU", "de", ""] {
        let mut payload = vaccination();
        set_entry(&mut payload, "co", ciborium::Value::Text(bad.into()));
        let v = at(&hc1(&Cose::default().build(cwt_from(bad, payload), es256)), "metro", NOW, &files);
        assert_eq!(codes(&v), vec!["all_checks_passed"], "{bad:?}");
        assert!(v.country.is_empty() && !v.rows.iter().any(|r| r.value.code == "dcc-country"), "{bad:?}: {v:?}");
        assert!(bad.is_empty() || !shown(&v).contains(bad), "{bad:?}: {}", shown(&v));
    }
    let v = at(&text(), "metro", NOW, &files);
    assert_eq!(v.rows.iter().find(|r| r.value.code == "dcc-country").map(|r| r.value.en.as_str()), Some("AT"));
}

/// Sets `key` of the payload's one vaccination entry.
fn set_entry(payload: &mut ciborium::Value, key: &str, value: ciborium::Value) {
    use ciborium::Value;
    let Value::Map(top) = payload else { unreachable!() };
    let Some((_, Value::Array(v))) = top.iter_mut().find(|(k, _)| k.as_text() == Some("v")) else { unreachable!() };
    let Value::Map(entry) = &mut v[0] else { unreachable!() };
    entry.iter_mut().find(|(k, _)| k.as_text() == Some(key)).unwrap().1 = value;
}
