//! The issuer CLI end to end: operator workflow, demo endpoint, rendering.

use std::path::Path;
use std::process::Command;

use yima_core::Lang;
use yima_core::Revocations;
use yima_core::{plain_text as plain, reason_text};
use yima_core::{Card, PolicySet, Reason, Session, TrustList, VenueKey, Verdict};
use yima_core::{SignedContent, Verifier};
use yima_issue::demo;

fn issuer(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer")).args(args).output().expect("runs");
    assert!(out.status.success(), "yima-issuer {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn p(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn read_key_pub(path: &str) -> ed25519_dalek::VerifyingKey {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD.decode(v["public_key"].as_str().unwrap()).unwrap();
    ed25519_dalek::VerifyingKey::from_bytes(&raw.try_into().unwrap()).unwrap()
}

#[test]
fn operator_makes_keys_signs_lists_and_issues_a_code_that_verifies() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    issuer(&["keygen", "--out", &p(dir, "root.key")]);
    issuer(&["keygen", "--out", &p(dir, "sh.key")]);
    let entry = issuer(&[
        "trust-entry",
        "--key",
        &p(dir, "sh.key"),
        "--region",
        "310000",
        "--name-zh",
        "上海",
        "--name-en",
        "Shanghai",
        "--role",
        "health_code",
        "--not-before",
        "2026-01-01T00:00:00Z",
        "--not-after",
        "2027-01-01T00:00:00Z",
    ]);
    let list = format!(r#"{{"sequence":7,"issued_at":"2026-11-23T09:00:00Z","max_age_hours":48,"keys":[{entry}]}}"#);
    std::fs::write(dir.join("list.json"), list).unwrap();
    issuer(&["sign-trust-list", "--root", &p(dir, "root.key"), "--in", &p(dir, "list.json"), "--out", &p(dir, "keys.json")]);
    let policies = serde_json::to_string(&demo::policies("2026-11-23T09:00:00Z".parse().unwrap())).unwrap();
    std::fs::write(dir.join("pol.json"), policies).unwrap();
    issuer(&["sign-policies", "--root", &p(dir, "root.key"), "--in", &p(dir, "pol.json"), "--out", &p(dir, "policies.json")]);

    let desc = r#"{"kind":"health_code","region":310000,"colour":"green","name":"王五","id_number":"310101198001010011",
        "nat":{"result":"negative","reported_hours_ago":30,"institution":"上海某检测所","institution_region":310000}}"#;
    std::fs::write(dir.join("code.json"), desc).unwrap();
    let now = "2026-11-23T10:00:00Z";
    assert_eq!(issuer(&["keygen", "--out", &p(dir, "binding.key"), "--binding", "1"]).trim(), "1");
    let (key, code, binding, png) = (p(dir, "sh.key"), p(dir, "code.json"), p(dir, "binding.key"), p(dir, "code.png"));
    let qr = issuer(&["issue", "--key", &key, "--in", &code, "--now", now, "--binding-key", &binding, "--png", &png]);
    let qr = qr.trim();

    let roots = [read_key_pub(&p(dir, "root.key"))];
    let trust = TrustList::open(&std::fs::read(dir.join("keys.json")).unwrap(), &roots).unwrap();
    assert_eq!(trust.sequence, 7);
    let policies = PolicySet::open(&std::fs::read(dir.join("policies.json")).unwrap(), &roots).unwrap();
    let at = now.parse().unwrap();
    let v = |venue: &str| Verifier {
        trust: Some(trust.clone()),
        policies: Some(policies.clone()),
        venue: VenueKey { venue: venue.into(), region: 310000 },
        revocation: None,
        clock_floor: None,
    };
    let card = v("metro").scan(&mut Session::default(), qr, at).card;
    assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
    assert_eq!(card.holder.unwrap().masked_name, "王*");
    assert_eq!(v("leave_city").scan(&mut Session::default(), qr, at).card.verdict, Verdict::Deny);
    // the PNG reads back to the same text with the app's decoder
    let decoded = issuer(&["decode", "--json", &p(dir, "code.png")]);
    let v: serde_json::Value = serde_json::from_str(decoded.trim()).unwrap();
    assert_eq!(v["text"].as_str(), Some(qr));
}

/// The revocation files in `dir`, verified against `roots`.
fn revocations(dir: &Path, roots: &[ed25519_dalek::VerifyingKey]) -> Revocations {
    let (full, delta) =
        (std::fs::read(dir.join("revocation-full.json")).unwrap(), std::fs::read(dir.join("revocation-delta.json")).unwrap());
    let mut held = None;
    Revocations::update(&mut held, Some(&full), Some(&delta), roots, yima_core::Time::MAX_UTC).unwrap();
    held.unwrap()
}

#[test]
fn operator_revokes_one_credential_and_it_is_denied() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    issuer(&["keygen", "--out", &p(dir, "root.key")]);
    let lab = demo::key("lab-340000");
    std::fs::write(
        dir.join("lab.key"),
        format!(
            r#"{{"secret_key":"{}","public_key":"{}","kid":"{}"}}"#,
            b64(&lab.to_bytes()),
            b64(lab.verifying_key().as_bytes()),
            yima_core::hex(&yima_core::kid(&lab.verifying_key()))
        ),
    )
    .unwrap();
    let desc = r#"{"kind":"test_report","region":340000,"name":"李四","id_number":"340101199001010022",
        "result":{"test":"nat","result":"negative","reported_hours_ago":10,"institution":"合肥某检测所","institution_region":340100}}"#;
    std::fs::write(dir.join("r.json"), desc).unwrap();
    let now = "2026-11-26T10:00:00Z"; // a Thursday: the default cut-off is Monday 2026-11-23
    let issue = |uid: &str| {
        let (key, r) = (p(dir, "lab.key"), p(dir, "r.json"));
        issuer(&["issue", "--key", &key, "--in", &r, "--now", now, "--uid", uid, "--binding-key", "demo"]).trim().to_string()
    };
    let (forged_old, forged_new, honest) = (issue(&"a1".repeat(16)), issue(&"b2".repeat(16)), issue(&"c3".repeat(16)));
    let kid = yima_core::hex(&yima_core::kid(&lab.verifying_key()));
    let list = format!(
        "# kid uid revoked_at\n{kid} {} 2026-11-20T08:00:00Z\n\n{kid} {} 2026-11-25T08:00:00Z # today's\n",
        "a1".repeat(16),
        "b2".repeat(16)
    );
    std::fs::write(dir.join("revoked.txt"), list).unwrap();
    issuer(&["revoke", "--root", &p(dir, "root.key"), "--list", &p(dir, "revoked.txt"), "--out", &p(dir, "ep"), "--now", now]);
    let roots = [read_key_pub(&p(dir, "root.key"))];
    let r = revocations(&dir.join("ep"), &roots);
    assert_eq!(r.full().count, 1, "revoked before Monday: in the full list");
    assert_eq!(r.full().header.sequence, "2026-11-23T00:00:00Z".parse::<yima_core::Time>().unwrap().timestamp() as u64);
    assert_eq!(r.delta().map(|d| d.entries.len()), Some(1), "revoked since Monday: in the delta");
    let at = now.parse().unwrap();
    let v = Verifier {
        revocation: Some(r),
        ..Verifier {
            trust: Some(demo::trust_list(at)),
            policies: Some(demo::policies(at)),
            venue: VenueKey { venue: "metro".into(), region: 340000 },
            revocation: None,
            clock_floor: None,
        }
    };
    for qr in [&forged_old, &forged_new] {
        let card = v.scan(&mut Session::default(), qr, at).card;
        assert_eq!((card.verdict, &card.reasons[0]), (Verdict::Deny, &Reason::CredentialRevoked));
    }
    let card = v.scan(&mut Session::default(), &honest, at).card;
    assert_eq!(card.verdict, Verdict::Check, "a paper report alone: check, not revoked ({:?})", card.reasons);
    assert!(!card.reasons.contains(&Reason::CredentialRevoked));
    // a malformed list line is refused and nothing is written
    std::fs::write(dir.join("bad.txt"), format!("{kid} 1234 2026-11-20T08:00:00Z\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
        .args(["revoke", "--root", &p(dir, "root.key"), "--list", &p(dir, "bad.txt"), "--out", &p(dir, "ep2")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!dir.join("ep2").exists());
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn sign_refuses_invalid_content_and_issue_refuses_unknown_fields() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    issuer(&["keygen", "--out", &p(dir, "root.key")]);
    std::fs::write(dir.join("bad.json"), r#"{"sequence":1}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
        .args(["sign-trust-list", "--root", &p(dir, "root.key"), "--in", &p(dir, "bad.json"), "--out", &p(dir, "k.json")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!dir.join("k.json").exists());
    std::fs::write(
        dir.join("c.json"),
        r#"{"kind":"health_code","region":310000,"colour":"green","name":"x","id_number":"1","colour_typo":1}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
        .args(["issue", "--key", &p(dir, "root.key"), "--in", &p(dir, "c.json"), "--binding-key", "demo"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// Issue 21 A: `issue` binds the holder under the binding key file it is given; a Shanghai code
/// and an Anhui report bound under one key merge at the gate, under two keys (a rotation) they
/// do not and the card says so. No binding key, or key id 0, is refused.
#[test]
fn issue_binds_the_holder_under_a_binding_key_file() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let now = "2026-11-23T10:00:00Z";
    issuer(&["demo", "--out", &p(dir, "ep"), "--now", now]);
    let seed = std::str::from_utf8(demo::DEMO_SEED).unwrap();
    for (file, label) in [("sh.key", "hc-310000"), ("lab.key", "lab-340000")] {
        issuer(&["keygen", "--out", &p(dir, file), "--seed", seed, "--label", label]);
    }
    for id in ["1", "2"] {
        issuer(&["keygen", "--out", &p(dir, &format!("b{id}.key")), "--binding", id]);
    }
    std::fs::write(
        dir.join("hc.json"),
        r#"{"kind":"health_code","region":310000,"colour":"green","name":"王五","id_number":"310101198001010011"}"#,
    )
    .unwrap();
    let report = r#"{"kind":"test_report","region":340000,"name":"王五","id_number":"310101198001010011",
        "result":{"test":"nat","result":"negative","reported_hours_ago":10,"institution":"合肥某检测所","institution_region":340100}}"#;
    std::fs::write(dir.join("tr.json"), report).unwrap();
    let issue = |key: &str, desc: &str, binding: &str| {
        let (key, desc, binding) = (p(dir, key), p(dir, desc), p(dir, binding));
        issuer(&["issue", "--key", &key, "--in", &desc, "--now", now, "--binding-key", &binding]).trim().to_string()
    };
    let code = issue("sh.key", "hc.json", "b1.key");
    let one = verify_json(&dir.join("ep"), now, "mall", &[&code, &issue("lab.key", "tr.json", "b1.key")]);
    assert_eq!((&one["merged"], &one["verdict"]), (&true.into(), &"pass".into()), "{one}");
    let two = verify_json(&dir.join("ep"), now, "mall", &[&code, &issue("lab.key", "tr.json", "b2.key")]);
    assert_eq!(two["merged"], false);
    assert!(two["reasons"].as_array().unwrap().iter().any(|r| r["code"] == "holder_not_linked"), "{two}");
    let refused = |args: &[&str]| !Command::new(env!("CARGO_BIN_EXE_yima-issuer")).args(args).output().unwrap().status.success();
    let (key, desc) = (p(dir, "sh.key"), p(dir, "hc.json"));
    assert!(refused(&["issue", "--key", &key, "--in", &desc]), "no binding key");
    std::fs::write(dir.join("b0.key"), r#"{"binding_key_id":0,"secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}"#).unwrap();
    assert!(refused(&["issue", "--key", &key, "--in", &desc, "--binding-key", &p(dir, "b0.key")]), "key id 0");
}

#[test]
fn issue_refuses_claims_every_verifier_would_refuse() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    issuer(&["keygen", "--out", &p(dir, "k.key")]);
    let code = |extra: &str| {
        format!(r#"{{"kind":"health_code","region":310000,"colour":"green","name":"王五","id_number":"310101198001010011"{extra}}}"#)
    };
    let cases = [
        ("", true),
        (r#","nat":{"result":"negative","institution":"上海某检测所","institution_region":310000,"provenance":"self_test"}"#, false),
        (r#","antigen":{"result":"negative","institution":"上海某检测所","institution_region":310000,"provenance":"self_test"}"#, false),
        (r#","antigen":{"result":"negative","institution":"","institution_region":310000,"provenance":"self_test"}"#, true),
        (r#","nat":{"test":"antigen","result":"negative","institution":"x","institution_region":310000}"#, false),
        (r#","itinerary":{"cities":[]}"#, false),
        (r#","vaccination":{"doses":0,"last_dose":"2022-03-01"}"#, false),
        (r#","valid_minutes":-1"#, false),
    ];
    for (extra, ok) in cases {
        std::fs::write(dir.join("c.json"), code(extra)).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
            .args(["issue", "--key", &p(dir, "k.key"), "--binding-key", "demo", "--in", &p(dir, "c.json"), "--now", "2026-11-23T10:00:00Z"])
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "{extra}: {}", String::from_utf8_lossy(&out.stderr));
        if !ok {
            assert!(String::from_utf8_lossy(&out.stderr).contains("the verifier would refuse these claims"), "{extra}");
        }
    }
}

#[test]
fn demo_endpoint_samples_verify_decode_and_fit_version_15_m() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let now = "2026-11-23T10:00:00Z";
    issuer(&["demo", "--out", &p(dir, "ep"), "--now", now, "--y4m"]);
    let ep = dir.join("ep");
    let roots = [demo::root_key().verifying_key()];
    let trust = TrustList::open(&std::fs::read(ep.join("keys.json")).unwrap(), &roots).unwrap();
    let policies = PolicySet::open(&std::fs::read(ep.join("policies.json")).unwrap(), &roots).unwrap();
    assert!(trust.demo && policies.demo);
    let revoked = revocations(&ep, &roots);
    assert!(revoked.full().header.demo && revoked.delta().is_some());
    let provinces: std::collections::BTreeSet<u32> = trust.keys.iter().map(|k| k.region).collect();
    assert!(provinces.len() >= 6, "{provinces:?}");

    let samples: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(ep.join("samples.json")).unwrap()).unwrap();
    assert!(samples.len() >= 15);
    let at = now.parse().unwrap();
    let pngs: Vec<String> = samples.iter().map(|s| p(&ep, s["png"].as_str().unwrap())).collect();
    let mut args = vec!["decode", "--json"];
    args.extend(pngs.iter().map(String::as_str));
    let decoded: Vec<serde_json::Value> = issuer(&args).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for (s, dec) in samples.iter().zip(&decoded) {
        let qr = s["qr"].as_str().unwrap();
        assert_eq!(dec["text"].as_str(), Some(qr), "{} PNG decodes", s["id"]);
        let symbol = qrcode::QrCode::with_error_correction_level(qr, qrcode::EcLevel::M).unwrap();
        assert!(matches!(symbol.version(), qrcode::Version::Normal(v) if v <= 15), "{}: {:?}", s["id"], symbol.version());
        assert_eq!(s["expect"].as_object().unwrap().len(), demo::VENUES.len(), "{}: an expectation for every venue kind", s["id"]);
        for venue in demo::VENUES {
            let v = Verifier {
                trust: Some(trust.clone()),
                policies: Some(policies.clone()),
                venue: VenueKey { venue: venue.into(), region: 310000 },
                revocation: Some(revoked.clone()),
                clock_floor: None,
            };
            let card = v.scan(&mut Session::default(), qr, at).card;
            assert_eq!(serde_json::to_value(card.verdict).unwrap(), s["expect"][venue], "{} at {venue}", s["id"]);
            if s["id"] == "revoked_credential" {
                assert_eq!(card.reasons[0], Reason::CredentialRevoked);
            }
        }
        let y4m = std::fs::read(ep.join(format!("{}.y4m", s["id"].as_str().unwrap()))).unwrap();
        assert!(y4m.starts_with(b"YUV4MPEG2 W1280 H720 "));
        let header = y4m.iter().position(|&b| b == b'\n').unwrap() + 1;
        assert_eq!(y4m.len(), header + 3 * (6 + 1280 * 720 * 3 / 2), "three 4:2:0 frames");
    }

    // merge_cases.json: each pair, scanned in either order into one session, gives one merged
    // card with the listed verdicts.
    let merges: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(ep.join("merge_cases.json")).unwrap()).unwrap();
    assert!(!merges.is_empty());
    let qr_of = |id: &str| {
        samples.iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("{id} not in samples"))["qr"].as_str().unwrap().to_string()
    };
    for m in &merges {
        let (a, b) = (qr_of(m["first"].as_str().unwrap()), qr_of(m["second"].as_str().unwrap()));
        for venue in demo::VENUES {
            let v = Verifier {
                trust: Some(trust.clone()),
                policies: Some(policies.clone()),
                venue: VenueKey { venue: venue.into(), region: 310000 },
                revocation: Some(revoked.clone()),
                clock_floor: None,
            };
            for (x, y) in [(&a, &b), (&b, &a)] {
                let mut session = Session::default();
                v.scan(&mut session, x, at);
                let card = v.scan(&mut session, y, at + chrono::Duration::seconds(5)).card;
                assert_eq!(card.sources.len(), 2, "{m} at {venue}: merged");
                assert_eq!(serde_json::to_value(card.verdict).unwrap(), m["expect"][venue], "{m} at {venue}");
            }
        }
    }
}

/// `verify` on the demo endpoint's files (trust list, policies, revocation data): JSON of one or
/// more texts at a venue.
fn verify_json(ep: &Path, at: &str, venue: &str, texts: &[&str]) -> serde_json::Value {
    let (keys, policies) = (p(ep, "keys.json"), p(ep, "policies.json"));
    let (full, delta) = (p(ep, "revocation-full.json"), p(ep, "revocation-delta.json"));
    let mut args = vec!["verify", "--json", "--keys", &keys, "--policies", &policies, "--at", at, "--venue", venue];
    args.extend(["--revocation-full", &full, "--revocation-delta", &delta]);
    args.extend(texts);
    serde_json::from_str(&issuer(&args)).unwrap()
}

#[test]
fn verify_gives_every_sample_its_expected_verdict_at_every_venue_and_merges_like_the_app() {
    let d = tempfile::tempdir().unwrap();
    let ep = d.path().join("ep");
    let now = "2026-11-23T10:00:00Z";
    issuer(&["demo", "--out", &ep.to_string_lossy(), "--now", now]);
    let samples: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(ep.join("samples.json")).unwrap()).unwrap();
    let qr_of = |id: &str| samples.iter().find(|s| s["id"] == id).unwrap()["qr"].as_str().unwrap().to_string();
    for s in &samples {
        for venue in demo::VENUES {
            let out = verify_json(&ep, now, venue, &[s["qr"].as_str().unwrap()]);
            assert_eq!(out["verdict"], s["expect"][venue], "{} at {venue}: {}", s["id"], out["reasons"]);
            // The app's words for the card's reasons, plain.
            let card: Card = serde_json::from_value(out["card"].clone()).unwrap();
            let words = |r, lang| serde_json::Value::from(plain(&reason_text(r, lang)));
            let want: Vec<_> = card
                .reasons
                .iter()
                .map(|r| serde_json::json!({ "code": r.code(), "zh": words(r, Lang::Zh), "en": words(r, Lang::En) }))
                .collect();
            assert!(!want.is_empty() && out["reasons"] == serde_json::Value::from(want), "{}", out["reasons"]);
            // Masked as on screen: never the full ID number.
            assert!(!out.to_string().contains("310101199001011234"));
        }
    }
    let merges: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(ep.join("merge_cases.json")).unwrap()).unwrap();
    for m in &merges {
        let (a, b) = (qr_of(m["first"].as_str().unwrap()), qr_of(m["second"].as_str().unwrap()));
        for venue in demo::VENUES {
            for (x, y) in [(&a, &b), (&b, &a)] {
                let out = verify_json(&ep, now, venue, &[x, y]);
                assert_eq!(out["merged"], true, "{m}");
                assert_eq!(out["card"]["sources"].as_array().unwrap().len(), 2);
                assert_eq!(out["verdict"], m["expect"][venue], "{m} at {venue}");
            }
        }
    }
    // The revoked sample is denied for the revocation; without the revocation files it is not.
    let revoked = verify_json(&ep, now, "metro", &[&qr_of("revoked_credential")]);
    assert_eq!(revoked["reasons"][0]["code"], "credential_revoked");
    let (keys, policies) = (p(&ep, "keys.json"), p(&ep, "policies.json"));
    let without = issuer(&["verify", "--json", "--keys", &keys, "--policies", &policies, "--at", now, &qr_of("revoked_credential")]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&without).unwrap()["verdict"], "pass");
    // Another person's itinerary stays apart; the text form names the reason.
    let out = verify_json(&ep, now, "mall", &[&qr_of("green_nat_20h"), &qr_of("itinerary_other_holder")]);
    assert_eq!(out["merged"], false);
    let text = issuer(&["verify", "--at", now, "--venue", "school", &qr_of("hc_inline_star")]);
    assert!(text.contains("itinerary_star: 14 天内到过中高风险地区所在城市：上海、深圳 / Within 14 days visited"), "{text}");
    assert!(text.starts_with("verdict   deny"), "{text}");
    // The text form's rows in the card's words too (plain spaces and hyphens).
    let text = issuer(&["verify", "--at", now, "--venue", "metro", &qr_of("green_nat_80h")]);
    let lines = [
        "reason    nat_too_old: 核酸结果已 80 小时，超过 72 小时 / NAT result is 80 h old, over 72 h",
        "nat       阴性 · 80 小时前 · 报告 2026-11-20T02:00:00+00:00 · 上海金域医学检验所 / negative · 80 h ago · reported 2026-11-20T02:00:00+00:00 · 上海金域医学检验所",
        "vaccine   已接种 3 剂（末剂 2022-03-01） / 3 doses (last 2022-03-01)",
    ];
    assert!(lines.iter().all(|l| text.lines().any(|t| t == *l)), "{text}");
}

#[test]
fn verify_reads_stdin_and_files_and_fails_only_on_unusable_input() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let now: yima_core::Time = "2026-11-23T10:00:00Z".parse().unwrap();
    let qr = demo::samples(now).into_iter().find(|s| s.id == "red").unwrap().qr;
    std::fs::write(dir.join("codes.txt"), format!("{qr}\n")).unwrap();
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let at = "2026-11-23T10:00:00Z";
    // A deny is a result, not a failure.
    let from_stdin = run(&["verify", "--json", "--at", at], &format!("{qr}\n"));
    assert!(from_stdin.status.success());
    let v: serde_json::Value = serde_json::from_slice(&from_stdin.stdout).unwrap();
    assert_eq!(v["verdict"], "deny");
    assert_eq!(v["reasons"][0]["code"], "colour_not_allowed");
    let from_file = run(&["verify", "--json", "--at", at, "--file", &p(dir, "codes.txt")], "");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&from_file.stdout).unwrap()["verdict"], "deny");
    // Garbage text is a verdict too (with its reason).
    let garbage = run(&["verify", "--json", "--at", at, "hello"], "");
    assert!(garbage.status.success());
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&garbage.stdout).unwrap()["reasons"][0]["code"], "unknown_prefix");
    // Unusable arguments and trust files: non-zero with a clear message.
    for (args, says) in [
        (
            vec!["verify", "--at", at, "--keys", "/nonexistent/keys.json", "--policies", "/nonexistent/p.json", "x"],
            "reading /nonexistent/keys.json",
        ),
        (vec!["verify", "--at", at, "--root", "AAAA", "x"], "--root must be 32 bytes"),
        (vec!["verify", "--at", at, "--file", "/nonexistent/codes.txt"], "reading /nonexistent/codes.txt"),
        (vec!["verify", "--at", "yesterday", "x"], "--at"),
    ] {
        let out = run(&args, "");
        assert!(!out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(!run(&["verify", "--at", at], "").status.success(), "empty stdin: no text");
    // A trust list signed by another root is refused.
    issuer(&["demo", "--out", &p(dir, "ep"), "--now", at]);
    issuer(&["keygen", "--out", &p(dir, "other.key")]);
    let other = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(read_key_pub(&p(dir, "other.key")).as_bytes())
    };
    let out = run(
        &["verify", "--at", at, "--root", &other, "--keys", &p(dir, "ep/keys.json"), "--policies", &p(dir, "ep/policies.json"), &qr],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("keys.json does not verify against the root"));
}

#[test]
fn verify_merges_several_texts_by_the_session_rules_in_either_order() {
    // Issue 22, row 4: a positive NAT 10 h old on one health code, a negative 20 h old on another.
    let at = "2026-11-23T10:00:00Z";
    let now: yima_core::Time = at.parse().unwrap();
    let nat = |outcome, hours| yima_core::TestResult {
        kind: yima_core::TestKind::Nat,
        outcome,
        sampled_at: now - chrono::Duration::hours(hours + 6),
        reported_at: now - chrono::Duration::hours(hours),
        institution: "lab".into(),
        institution_region: 310000,
        provenance: Default::default(),
    };
    let code = |t, label| {
        let h = demo::health_code(now, yima_core::Colour::Green, Some(t));
        yima_issue::issue(&yima_core::Claims::HealthCode(h), &demo::key(label))
    };
    let positive = code(nat(yima_core::TestOutcome::Positive, 10), "hc-310000");
    let negative = code(nat(yima_core::TestOutcome::Negative, 20), "hc-national");
    for texts in [[&positive, &negative], [&negative, &positive]] {
        let out: serde_json::Value = serde_json::from_str(&issuer(&["verify", "--json", "--at", at, texts[0], texts[1]])).unwrap();
        assert_eq!((&out["verdict"], &out["reasons"][0]["code"], &out["merged"]), (&"deny".into(), &"nat_positive".into(), &true.into()));
    }
    // A refused code is not forgotten when a paper report follows.
    let samples = demo::samples(now);
    let qr = |id: &str| samples.iter().find(|s| s.id == id).unwrap().qr.clone();
    let out = issuer(&["verify", "--json", "--at", at, &qr("tampered_signature"), &qr("paper_report_anhui")]);
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((&out["verdict"], &out["reasons"][0]["code"]), (&"deny".into(), &"earlier_refused".into()), "{out}");
}

// A refused argument is one line on stderr and exit code 1, never a backtrace (issue 22).
#[test]
fn errors_are_one_line_without_a_backtrace() {
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
        .args(["verify", "--keys", "/nonexistent/keys.json", "--policies", "/nonexistent/policies.json", "--root", "AAAA", "YM1:X"])
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("yima-issuer: ") && !err.contains("backtrace") && err.trim().lines().count() == 1, "{err}");
}

/// Issue 21 B: `verify` with keys and policies but no revocation data used to pass the revoked
/// demo code. Where the venue's policy requires revocation data it is now checked by hand, with
/// the reason in words; with the data it is denied.
#[test]
fn verify_without_revocation_data_checks_by_hand_where_required() {
    let d = tempfile::tempdir().unwrap();
    let ep = d.path().join("ep");
    let now = "2026-11-23T10:00:00Z";
    issuer(&["demo", "--out", &ep.to_string_lossy(), "--now", now]);
    let samples: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(ep.join("samples.json")).unwrap()).unwrap();
    let qr = samples.iter().find(|s| s["id"] == "revoked_credential").unwrap()["qr"].as_str().unwrap().to_string();
    let verify = |venue: &str, revocation: bool| {
        let mut args = vec!["verify", "--json", "--at", now, "--venue", venue, "--keys", "", "--policies", ""];
        let (k, pol, full, delta) =
            (p(&ep, "keys.json"), p(&ep, "policies.json"), p(&ep, "revocation-full.json"), p(&ep, "revocation-delta.json"));
        (args[7], args[9]) = (k.as_str(), pol.as_str());
        if revocation {
            args.extend(["--revocation-full", full.as_str(), "--revocation-delta", delta.as_str()]);
        }
        args.push(&qr);
        let v: serde_json::Value = serde_json::from_str(&issuer(&args)).unwrap();
        (v["verdict"].as_str().unwrap().to_string(), v["reasons"][0]["code"].as_str().unwrap().to_string(), v["reasons"][0]["en"].clone())
    };
    let (verdict, code, en) = verify("government", false);
    assert_eq!((verdict.as_str(), code.as_str()), ("check", "revocation_data_missing"));
    assert_eq!(en, reason_text(&Reason::RevocationDataMissing, Lang::En));
    assert_eq!(verify("metro", false).0, "pass", "not required at the metro: judged without it");
    for venue in ["government", "metro"] {
        assert_eq!(verify(venue, true).1, "credential_revoked", "{venue}");
    }
}

/// A delta made for another full list leaves the full list in use (as docs/revocation.md says of
/// any refused file): exit 0, a warning on stderr and in the JSON; a policies file given as the
/// trust list is named as such (issue 22).
#[test]
fn verify_warns_of_a_refused_delta_and_names_a_wrong_file_kind() {
    let d = tempfile::tempdir().unwrap();
    let ep = d.path().join("ep");
    let now = "2026-11-23T10:00:00Z";
    issuer(&["demo", "--out", &ep.to_string_lossy(), "--now", now]);
    let at: yima_core::Time = now.parse().unwrap();
    let other = demo::delta_list(at - chrono::Duration::days(7));
    std::fs::write(ep.join("other-delta.json"), yima_issue::Seal::seal(&other, &demo::root_key())).unwrap();
    let qr = demo::samples(at).into_iter().find(|s| s.id == "green_nat_20h").unwrap().qr;
    let (keys, policies, full, delta) =
        (p(&ep, "keys.json"), p(&ep, "policies.json"), p(&ep, "revocation-full.json"), p(&ep, "other-delta.json"));
    let args = [
        "verify",
        "--json",
        "--keys",
        &keys,
        "--policies",
        &policies,
        "--at",
        now,
        "--revocation-full",
        &full,
        "--revocation-delta",
        &delta,
        &qr,
    ];
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer")).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.starts_with("warning: revocation delta refused, the full list alone is used: delta made for full list"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verdict"], "pass");
    assert!(json["warnings"][0].as_str().unwrap().contains("delta made for full list"), "{json}");
    // with the right delta: no warning
    let good = verify_json(&ep, now, "metro", &[&qr]);
    assert_eq!(good["warnings"], serde_json::json!([]));
    // the policies file given as --keys
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
        .args(["verify", "--keys", &policies, "--policies", &policies, "--at", now, &qr])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("this is a policies file, not a trust-list file"), "{err}");
}
