//! What Yima's HC1 pipeline concludes for one dgc-testdata file, key by key (see dgc_test.rs).

use std::collections::HashMap;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde_json::Value;
use yima_dcc::cert::{CertType, Signer};
use yima_dcc::verify::{cwt_time, TimeStatus};
use yima_dcc::{cwt, payload, sign1, text, Time};

use super::dgc_json::same;
use super::dgc_schema::Schemas;

fn hex_field(test: &Value, key: &str) -> Option<Vec<u8>> {
    hex::decode(test[key].as_str()?.trim()).ok()
}

/// VALIDATIONCLOCK as written by the issuers: RFC 3339, offsets without a colon, or no zone
/// at all (read as UTC).
pub fn clock(s: &str) -> Option<Time> {
    use chrono::{DateTime, NaiveDateTime, Utc};
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").ok().map(|n| n.and_utc()))
}

/// The certificate type a payload is, from whichever of v/t/r it holds.
fn cert_type(json: &Value) -> Option<CertType> {
    [("v", CertType::Vaccination), ("t", CertType::Test), ("r", CertType::Recovery)]
        .into_iter()
        .find(|(k, _)| json[*k].as_array().is_some_and(|a| !a.is_empty()))
        .map(|(_, t)| t)
}

fn picture_text(b64: &str) -> Option<String> {
    let png = B64.decode(b64.trim()).ok()?;
    let rgba = image::load_from_memory(&png).ok()?.to_rgba8();
    yima_decode::decode_rgba(rgba.width(), rgba.height(), rgba.as_raw()).map(|d| d.text)
}

/// Every key Yima can observe for this file (the caller keeps those the file sets).
pub fn observe(test: &Value, schemas: &Schemas) -> HashMap<&'static str, bool> {
    let mut o = HashMap::new();
    let prefix = test["PREFIX"].as_str();

    // text stages, each falling back to the file's own field when the previous one failed
    let unprefixed = prefix.and_then(|p| text::unprefix(p).ok());
    o.insert("EXPECTEDUNPREFIX", unprefixed.is_some());
    let b45_input = unprefixed.or(test["BASE45"].as_str());
    let compressed = b45_input.and_then(|b| text::base45_decode(b).ok());
    o.insert("EXPECTEDB45DECODE", compressed.is_some());
    let compressed = compressed.or_else(|| hex_field(test, "COMPRESSED"));
    let cose = compressed.and_then(|c| text::inflate(&c).ok());
    o.insert("EXPECTEDCOMPRESSION", cose.is_some());
    let cose = cose.or_else(|| hex_field(test, "COSE"));

    // COSE and CWT
    let opened = cose.and_then(|c| sign1::open(&c).ok());
    let claims = opened.as_ref().and_then(|s| cwt::parse(&s.payload).ok());
    let hcert_json = claims.as_ref().and_then(|c| payload::to_json(&c.hcert).ok());
    let file_json = test.get("JSON").filter(|j| j.is_object());
    o.insert("EXPECTEDDECODE", hcert_json.as_ref().is_some_and(|j| file_json.is_none_or(|f| same(f, j))));

    // the payload: ours when the chain got there, else the file's CBOR field
    let (cbor, json) = match (&claims, hcert_json) {
        (Some(c), Some(j)) => (Some(c.hcert.clone()), Some(j)),
        _ => {
            let file = hex_field(test, "CBOR").and_then(|b| ciborium::from_reader::<ciborium::Value, _>(b.as_slice()).ok());
            let json = file.as_ref().and_then(|v| payload::to_json(v).ok());
            (file, json)
        }
    };
    o.insert("EXPECTEDVALIDJSON", json.as_ref().is_some_and(Value::is_object));
    o.insert("EXPECTEDVALIDOBJECT", cbor.as_ref().is_some_and(|v| payload::read(v).is_ok()));
    o.insert("EXPECTEDSCHEMAVALIDATION", json.as_ref().is_some_and(|j| schemas.validates(j)));

    // signer, signature, time, usage
    let signer = test["TESTCTX"]["CERTIFICATE"].as_str().and_then(|c| B64.decode(c.trim()).ok()).and_then(|d| Signer::from_der(&d).ok());
    // as the app does it: the certificate is the signer only if the kid names it
    o.insert("EXPECTEDVERIFY", matches!((&opened, &signer), (Some(s), Some(k)) if s.kid == k.kid && s.verify(&k.key).is_ok()));
    let now = test["TESTCTX"]["VALIDATIONCLOCK"].as_str().and_then(clock);
    let in_time = match (&claims, now) {
        (Some(c), Some(now)) => {
            cwt_time(c, now) == TimeStatus::Valid && signer.as_ref().is_none_or(|s| s.not_before <= now && now <= s.not_after)
        }
        _ => false,
    };
    o.insert("EXPECTEDEXPIRATIONCHECK", in_time);
    let kind = json.as_ref().and_then(cert_type);
    o.insert("EXPECTEDKEYUSAGE", matches!((&signer, kind), (Some(s), Some(t)) if s.allows(t)));

    // the picture, read with Yima's own QR decoder
    let picture = test["2DCODE"].as_str().and_then(picture_text);
    o.insert("EXPECTEDPICTUREDECODE", picture.is_some_and(|t| prefix.is_none_or(|p| p == t)));
    o
}
