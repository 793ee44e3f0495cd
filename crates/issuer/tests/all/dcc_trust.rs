//! `trust-entry --dcc-cert`: an operator turns a DCC document signer certificate into a
//! root-signed trust-list entry, and a real certificate signed by that signer verifies with it.

use std::path::Path;
use std::process::Command;

use yima_core::SignedContent;
use yima_core::TrustList;
use yima_core::{DccSigner, DccType};
use yima_dcc::cert::Signer;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dcc").join(name).to_string_lossy().into_owned()
}

fn issuer(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yima-issuer")).args(args).output().expect("runs")
}

fn ok(args: &[&str]) -> String {
    let out = issuer(args);
    assert!(out.status.success(), "yima-issuer {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dcc_signer_entry_from_a_certificate_verifies_a_real_dcc() {
    let d = tempfile::tempdir().unwrap();
    let p = |n: &str| d.path().join(n).to_string_lossy().into_owned();
    let entry = ok(&["trust-entry", "--dcc-cert", &fixture("at-dsc.der")]);
    let signer: DccSigner = serde_json::from_str(&entry).unwrap();
    assert_eq!(signer.kid, "d919375fc1e7b6b2", "SHA-256 of the DER, first 8 bytes (the kid AT/1.json carries)");
    assert_eq!(signer.country, "AT");
    assert_eq!(signer.types, DccType::ALL.to_vec(), "no DCC key usage listed = every type");
    assert_eq!(
        (signer.not_before.to_rfc3339(), signer.not_after.to_rfc3339()),
        ("2021-05-05T12:41:06+00:00".into(), "2023-05-05T12:41:06+00:00".into())
    );

    // the same certificate as PEM gives the same entry
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    let pem =
        format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", B64.encode(std::fs::read(fixture("at-dsc.der")).unwrap()));
    std::fs::write(p("dsc.pem"), pem).unwrap();
    assert_eq!(ok(&["trust-entry", "--dcc-cert", &p("dsc.pem")]), entry);

    // root-sign a list holding it, open it as the app does, verify the AT certificate
    ok(&["keygen", "--out", &p("root.key"), "--seed", "t", "--label", "root"]);
    let list = format!(r#"{{"sequence":3,"issued_at":"2021-05-06T00:00:00Z","max_age_hours":720,"keys":[],"dcc_signers":[{entry}]}}"#);
    std::fs::write(p("list.json"), list).unwrap();
    ok(&["sign-trust-list", "--root", &p("root.key"), "--in", &p("list.json"), "--out", &p("keys.json")]);
    let root = yima_issue::derived_key(b"t", "root").verifying_key();
    let trust = TrustList::open(&std::fs::read(p("keys.json")).unwrap(), &[root]).unwrap();

    let text = std::fs::read_to_string(fixture("at-hc1.txt")).unwrap();
    let read = yima_dcc::read(&text).unwrap();
    let entry = trust.dcc_signer(&read.opened.kid).expect("the kid names the listed signer");
    let signer = Signer::from_entry(entry).expect("the listed key decodes");
    let v = read.verify(Some(&signer), "2021-05-06T18:00:00Z".parse().unwrap());
    assert!(v.is_valid(), "{v:?}");
    // the signer's validity from the certificate applies
    assert!(!read.verify(Some(&signer), "2023-06-01T00:00:00Z".parse().unwrap()).is_valid());
}

#[test]
fn dcc_cert_refuses_what_is_not_a_signer_certificate() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("junk.der");
    std::fs::write(&f, b"not a certificate").unwrap();
    let out = issuer(&["trust-entry", "--dcc-cert", &f.to_string_lossy()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an X.509 certificate"));
    // and it cannot be mixed with the issuer-key arguments
    assert!(!issuer(&["trust-entry", "--dcc-cert", &fixture("at-dsc.der"), "--region", "310000"]).status.success());
}

/// `demo --dcc-testdata DIR` trusts the signer of every dgc-testdata file under DIR, and
/// `verify` judges the HC1 text with the DCC module's own call (`yima_dcc::scan`).
#[test]
fn demo_endpoint_trusts_testdata_signers_and_verify_judges_hc1() {
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    let d = tempfile::tempdir().unwrap();
    let p = |n: &str| d.path().join(n).to_string_lossy().into_owned();
    let text = std::fs::read_to_string(fixture("at-hc1.txt")).unwrap();
    let text = text.trim();
    // a dgc-testdata file in a sub-folder, plus one whose certificate is junk (left out)
    std::fs::create_dir_all(d.path().join("data/AT")).unwrap();
    let cert = B64.encode(std::fs::read(fixture("at-dsc.der")).unwrap());
    std::fs::write(p("data/AT/1.json"), format!(r#"{{"PREFIX":"{text}","TESTCTX":{{"CERTIFICATE":"{cert}"}}}}"#)).unwrap();
    std::fs::write(p("data/junk.json"), r#"{"TESTCTX":{"CERTIFICATE":"AAAA"}}"#).unwrap();
    let out = issuer(&["demo", "--out", &p("ep"), "--now", "2021-05-06T18:00:00Z", "--dcc-testdata", &p("data")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("trusting 1 DCC signers"));
    let trust = TrustList::open(&std::fs::read(p("ep/keys.json")).unwrap(), &[yima_issue::demo::root_key().verifying_key()]).unwrap();
    assert_eq!(trust.dcc_signers.iter().map(|s| s.kid.as_str()).collect::<Vec<_>>(), ["d919375fc1e7b6b2"]);

    let verify = |t: &str, at: &str, venue: &str| -> serde_json::Value {
        let (keys, policies) = (p("ep/keys.json"), p("ep/policies.json"));
        serde_json::from_str(&ok(&["verify", "--json", "--keys", &keys, "--policies", &policies, "--at", at, "--venue", venue, t])).unwrap()
    };
    let codes = |v: &serde_json::Value| {
        v["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    // AT/1 is dose 1 of 2 (2021-02-18): signature, signer and time valid, but metro asks for a
    // completed series; elder care takes tests only
    let v = verify(text, "2021-05-06T18:00:00Z", "metro");
    assert_eq!((v["verdict"].as_str(), codes(&v)), (Some("deny"), vec!["dcc_vaccination_incomplete".to_string()]), "{v}");
    assert_eq!(v["reasons"][0]["en"].as_str(), Some("Vaccination not complete: dose 1 of 2"), "{v}");
    assert!(v["card"]["foreign"]["holder"].as_str().unwrap().ends_with(" · 1998"), "{v}");
    assert_eq!(v["card"]["demo"], true, "the demo list's test signers are flagged");
    let v = verify(text, "2021-05-06T18:00:00Z", "elder_care");
    assert_eq!((v["verdict"].as_str(), codes(&v)), (Some("deny"), vec!["dcc_type_not_accepted".to_string()]));
    // the same code without its signer in the list: unknown signer
    let v: serde_json::Value = serde_json::from_str(&ok(&["verify", "--json", "--at", "2021-05-06T18:00:00Z", text])).unwrap();
    assert_eq!((v["verdict"].as_str(), codes(&v).first().map(String::as_str)), (Some("deny"), Some("dcc_unknown_signer")));
}
