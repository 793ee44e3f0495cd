//! The claims reader (by hand, for size) against serde's derived reader: never more lenient,
//! the same claims where both read, on every demo sample and thousands of one-change mutants;
//! then each rule it adds (docs/format.md §1 "Claims"), one test per rule.

use ciborium::Value;
use yima_core::{claims_from_cbor, decode_text, open_cose, Claims, Colour, Provenance, TestKind, Time, Vaccination};
use yima_issue::{claims_cbor, demo};

/// The claims in `v`, read as the verifier reads the signed bytes.
fn read(v: &Value) -> Result<Claims, String> {
    let mut bytes = Vec::new();
    ciborium::into_writer(v, &mut bytes).unwrap();
    claims_from_cbor(&bytes)
}

/// Every demo sample's claims as CBOR values.
fn samples() -> Vec<Value> {
    let now: Time = "2026-11-24T09:00:00Z".parse().unwrap();
    let mut out: Vec<Value> = demo::samples(now)
        .iter()
        .filter_map(|s| decode_text(&s.qr).ok())
        .filter_map(|b| open_cose(&b).ok())
        .map(|o| ciborium::from_reader(o.payload.as_slice()).unwrap())
        .collect();
    // Fields the samples may not all set: a vaccination, an inline trip, a self-test.
    let mut hc = demo::health_code(now, Colour::Yellow, None);
    hc.vaccination = Some(Vaccination { doses: 3, last_dose: chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap() });
    hc.itinerary = Some(demo::trip(true));
    hc.uid = Some([7; 16]);
    let mut report = demo::paper_report(now, 30);
    report.result.kind = TestKind::Antigen;
    report.result.provenance = Provenance::SelfTest;
    report.result.institution = String::new();
    for c in [Claims::HealthCode(hc), Claims::TestReport(report), Claims::Itinerary(demo::itinerary(now, false))] {
        out.push(ciborium::from_reader(claims_cbor(&c).as_slice()).unwrap());
    }
    out
}

/// Each variant of `v` with one change somewhere in it: a key dropped, repeated or added, or
/// a value swapped for another kind of value.
fn mutants(v: &Value) -> Vec<Value> {
    let swaps = [
        Value::Null,
        Value::Bool(true),
        Value::Integer((-1).into()),
        Value::Integer(300.into()),
        Value::Integer(i64::MAX.into()),
        Value::Integer(u64::MAX.into()),
        Value::Float(1.5),
        Value::Text("x".into()),
        Value::Text("self_test".into()),
        Value::Bytes(vec![1; 16]),
        Value::Bytes(vec![1; 15]),
        Value::Array(vec![Value::Integer(310100.into())]),
        Value::Map(vec![]),
    ];
    let mut out = Vec::new();
    match v {
        Value::Map(m) => {
            for i in 0..m.len() {
                let mut dropped = m.clone();
                dropped.remove(i);
                out.push(Value::Map(dropped));
                let mut twice = m.clone();
                twice.push(m[i].clone());
                out.push(Value::Map(twice));
                for inner in mutants(&m[i].1).into_iter().chain(swaps.iter().cloned()) {
                    let mut changed = m.clone();
                    changed[i].1 = inner;
                    out.push(Value::Map(changed));
                }
            }
            let mut extra = m.clone();
            extra.push((Value::Text("zz".into()), Value::Integer(1.into())));
            out.push(Value::Map(extra));
        }
        Value::Array(a) => {
            for i in 0..a.len() {
                for inner in swaps.iter().cloned() {
                    let mut changed = a.clone();
                    changed[i] = inner;
                    out.push(Value::Array(changed));
                }
            }
        }
        _ => {}
    }
    out
}

#[test]
fn never_reads_what_serde_refuses_and_reads_the_same_claims() {
    let (mut checked, mut stricter) = (0, 0);
    for sample in samples() {
        assert!(read(&sample).is_ok(), "{sample:?}");
        for v in std::iter::once(sample.clone()).chain(mutants(&sample)) {
            let ours = read(&v);
            let serde = v.deserialized::<Claims>();
            match (&ours, &serde) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{v:?}"),
                (Err(_), Err(_)) => {}
                // Refused by a rule serde does not know (the tests below hold each rule).
                (Err(_), Ok(_)) => stricter += 1,
                (Ok(_), Err(_)) => panic!("ours {ours:?}, serde {serde:?} on {v:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 5_000, "{checked}");
    assert!(stricter > 100, "{stricter}");
}

#[test]
fn refuses_other_shapes() {
    for bad in [Value::Null, Value::Map(vec![]), Value::Array(vec![]), Value::Text("hc".into())] {
        assert!(read(&bad).is_err(), "{bad:?}");
    }
    let two = Value::Map(vec![(Value::Text("hc".into()), Value::Map(vec![])), (Value::Text("tr".into()), Value::Map(vec![]))]);
    assert!(read(&two).is_err());
    let unknown = Value::Map(vec![(Value::Text("zz".into()), Value::Map(vec![]))]);
    assert_eq!(read(&unknown), Err("unknown claims kind `zz`".into()));
}

/// A health code with every field set, as a CBOR value: `{"hc": {…}}`.
fn full_code() -> Value {
    let now: Time = "2026-11-24T09:00:00Z".parse().unwrap();
    let mut hc = demo::health_code(now, Colour::Green, None);
    hc.nat = Some(demo::paper_report(now, 20).result);
    let mut antigen = demo::paper_report(now, 6).result;
    antigen.kind = TestKind::Antigen;
    hc.antigen = Some(antigen);
    hc.itinerary = Some(demo::trip(true));
    hc.uid = Some([7; 16]);
    ciborium::from_reader(claims_cbor(&Claims::HealthCode(hc)).as_slice()).unwrap()
}

/// `v` with the field at `path` (text keys from the top) set to `new`, or removed (`None`);
/// a missing last key is added.
pub fn edit(v: &Value, path: &[&str], new: Option<Value>) -> Value {
    let Value::Map(m) = v else { panic!("{path:?}: not a map") };
    let mut m = m.clone();
    let at = m.iter().position(|(k, _)| k.as_text() == Some(path[0]));
    match (path.len(), at, new.clone()) {
        (1, Some(i), Some(n)) => m[i].1 = n,
        (1, Some(i), None) => drop(m.remove(i)),
        (1, None, Some(n)) => m.push((Value::Text(path[0].into()), n)),
        (_, Some(i), _) => m[i].1 = edit(&m[i].1, &path[1..], new),
        _ => panic!("{path:?}: no such field"),
    }
    Value::Map(m)
}

fn int(i: i128) -> Value {
    Value::Integer(i.try_into().unwrap())
}

fn refused(v: &Value, what: &str) {
    assert!(read(v).is_err(), "{what}: read {:?}", read(v));
}

#[test]
fn every_uint_refuses_negatives_bignums_and_out_of_range() {
    let code = full_code();
    assert!(read(&code).is_ok());
    let uints: [&[&str]; 11] = [
        &["hc", "g"],
        &["hc", "a"],
        &["hc", "x"],
        &["hc", "n", "s"],
        &["hc", "n", "t"],
        &["hc", "n", "g"],
        &["hc", "q", "s"],
        &["hc", "q", "t"],
        &["hc", "q", "g"],
        &["hc", "v", "d"],
        &["hc", "j", "c"],
    ];
    for path in uints {
        let cities = path.last() == Some(&"c");
        let wrap = |v: Value| if cities { Value::Array(vec![v]) } else { v };
        refused(&edit(&code, path, Some(wrap(int(-1)))), &format!("{path:?} = -1"));
        refused(&edit(&code, path, Some(wrap(int(-1_795_000_000)))), &format!("{path:?} negative"));
        let bignum = Value::Tag(2, Box::new(Value::Bytes(vec![0x6b, 0x04, 0x89, 0x8e])));
        refused(&edit(&code, path, Some(wrap(bignum))), &format!("{path:?} as a bignum"));
        refused(&edit(&code, path, Some(wrap(int(u64::MAX.into())))), &format!("{path:?} too large"));
        refused(&edit(&code, path, Some(wrap(Value::Float(1.0)))), &format!("{path:?} as a float"));
    }
    // region codes (`g` of the credential and of a test, cities) are six digits: 0 and shortened
    // codes are malformed, not a region no key covers
    for path in [&["hc", "g"][..], &["hc", "n", "g"], &["hc", "j", "c"]] {
        let cities = path.last() == Some(&"c");
        for r in [0, 31, 31_000, 1_000_000] {
            let v = if cities { Value::Array(vec![int(r)]) } else { int(r) };
            refused(&edit(&code, path, Some(v)), &format!("{path:?} = {r}"));
        }
    }
    // the same values in range read
    let issued = edit(&code, &["hc", "a"], Some(int(1_795_000_000)));
    assert_eq!(read(&issued).unwrap().issued_at().timestamp(), 1_795_000_000);
}

#[test]
fn m_is_absent_or_self_test_and_only_on_an_antigen() {
    let code = full_code();
    let selftest =
        edit(&edit(&code, &["hc", "q", "m"], Some(Value::Text("self_test".into()))), &["hc", "q", "o"], Some(Value::Text("".into())));
    assert!(read(&selftest).is_ok());
    for m in ["institution", "Self_test", "", "self-test"] {
        refused(&edit(&code, &["hc", "q", "m"], Some(Value::Text(m.into()))), m);
    }
    refused(&edit(&code, &["hc", "q", "m"], Some(int(1))), "m = 1");
    // A NAT is run in a laboratory: never a self-test, in a code or on a report.
    let nat_selftest =
        edit(&edit(&code, &["hc", "n", "m"], Some(Value::Text("self_test".into()))), &["hc", "n", "o"], Some(Value::Text("".into())));
    refused(&nat_selftest, "self-test NAT");
}

#[test]
fn o_names_the_institution_and_is_empty_on_a_self_test() {
    let code = full_code();
    refused(&edit(&code, &["hc", "n", "o"], None), "o missing");
    refused(&edit(&code, &["hc", "n", "o"], Some(Value::Text("".into()))), "institution without a name");
    refused(&edit(&code, &["hc", "q", "m"], Some(Value::Text("self_test".into()))), "self-test naming an institution");
    let no_o = edit(&edit(&code, &["hc", "q", "m"], Some(Value::Text("self_test".into()))), &["hc", "q", "o"], None);
    refused(&no_o, "self-test without o");
    for required in ["k", "r", "s", "t", "g"] {
        refused(&edit(&code, &["hc", "n", required], None), required);
    }
}

#[test]
fn u_is_a_16_byte_string_on_every_kind() {
    let now: Time = "2026-11-24T09:00:00Z".parse().unwrap();
    let mut report = demo::paper_report(now, 10);
    report.uid = Some([1; 16]);
    let mut trip = demo::itinerary(now, false);
    trip.uid = Some([1; 16]);
    let kinds = [("hc", full_code()), ("tr", cbor(&Claims::TestReport(report))), ("it", cbor(&Claims::Itinerary(trip)))];
    for (kind, v) in kinds {
        assert!(read(&v).is_ok(), "{kind}");
        assert!(read(&edit(&v, &[kind, "u"], None)).is_ok(), "{kind}: u is optional");
        for (what, bad) in [
            ("15 bytes", Value::Bytes(vec![1; 15])),
            ("17 bytes", Value::Bytes(vec![1; 17])),
            ("text", Value::Text("0123456789abcdef".into())),
            ("null", Value::Null),
            ("array", Value::Array(vec![int(1); 16])),
        ] {
            refused(&edit(&v, &[kind, "u"], Some(bad)), &format!("{kind} u {what}"));
        }
    }
}

fn cbor(c: &Claims) -> Value {
    ciborium::from_reader(claims_cbor(c).as_slice()).unwrap()
}

#[test]
fn each_slot_holds_its_own_kind_and_a_report_either() {
    let code = full_code();
    refused(&edit(&code, &["hc", "n", "k"], Some(Value::Text("antigen".into()))), "antigen in the NAT slot");
    refused(&edit(&code, &["hc", "q", "k"], Some(Value::Text("nat".into()))), "NAT in the antigen slot");
    let now: Time = "2026-11-24T09:00:00Z".parse().unwrap();
    let report = cbor(&Claims::TestReport(demo::paper_report(now, 10)));
    for kind in ["nat", "antigen"] {
        assert!(read(&edit(&report, &["tr", "r", "k"], Some(Value::Text(kind.into())))).is_ok(), "{kind}");
    }
}

#[test]
fn unknown_fields_nulls_and_duplicate_keys_are_refused() {
    let code = full_code();
    for path in [&["hc", "zz"][..], &["hc", "p", "zz"], &["hc", "n", "zz"], &["hc", "q", "zz"], &["hc", "v", "zz"], &["hc", "j", "zz"]] {
        refused(&edit(&code, path, Some(int(1))), &format!("{path:?}"));
    }
    // A field the kind does not have is unknown too: `t` (a trip) or `r` (a test) on a code.
    refused(&edit(&code, &["hc", "t"], Some(cbor_trip())), "t on a code");
    refused(&edit(&code, &["hc", "zz"], Some(Value::Null)), "unknown null");
    for optional in ["n", "q", "v", "u", "j"] {
        assert!(read(&edit(&code, &["hc", optional], None)).is_ok(), "{optional} is optional");
        refused(&edit(&code, &["hc", optional], Some(Value::Null)), &format!("{optional}: null"));
    }
    // A key twice, whatever the values.
    let Value::Map(top) = &code else { panic!() };
    let Value::Map(fields) = &top[0].1 else { panic!() };
    for i in 0..fields.len() {
        let mut twice = fields.clone();
        twice.push(fields[i].clone());
        refused(&Value::Map(vec![(top[0].0.clone(), Value::Map(twice))]), &format!("{:?} twice", fields[i].0));
    }
}

fn cbor_trip() -> Value {
    Value::Map(vec![(Value::Text("c".into()), Value::Array(vec![int(310100)])), (Value::Text("s".into()), Value::Bool(false))])
}

#[test]
fn times_trips_and_vaccinations_must_make_sense() {
    let code = full_code();
    let a = read(&code).unwrap().issued_at().timestamp();
    refused(&edit(&code, &["hc", "x"], Some(int((a - 1).into()))), "x before a");
    assert!(read(&edit(&code, &["hc", "x"], Some(int(a.into())))).is_ok(), "x = a");
    let t = match read(&code).unwrap() {
        Claims::HealthCode(h) => h.nat.unwrap().reported_at.timestamp(),
        _ => unreachable!(),
    };
    refused(&edit(&code, &["hc", "n", "s"], Some(int((t + 1).into()))), "sampled after the report");
    assert!(read(&edit(&code, &["hc", "n", "s"], Some(int(t.into())))).is_ok(), "s = t");
    refused(&edit(&code, &["hc", "j", "c"], Some(Value::Array(vec![]))), "an empty trip");
    refused(&edit(&code, &["hc", "v", "d"], Some(int(0))), "no dose");
    // Issued 2026-11-24T09:00 UTC = 17:00 in Beijing: a dose that day reads, the next day does not.
    let code = edit(&code, &["hc", "a"], Some(int(1_795_510_800)));
    assert!(read(&edit(&code, &["hc", "v", "l"], Some(Value::Text("2026-11-24".into())))).is_ok());
    refused(&edit(&code, &["hc", "v", "l"], Some(Value::Text("2026-11-25".into()))), "a dose tomorrow");
    // 2026-11-24T20:00 UTC is already the 25th in Beijing.
    let late = edit(&edit(&code, &["hc", "a"], Some(int(1_795_550_400))), &["hc", "x"], Some(int(1_795_550_580)));
    assert!(read(&edit(&late, &["hc", "v", "l"], Some(Value::Text("2026-11-25".into())))).is_ok());
}

#[test]
fn non_preferred_and_indefinite_encodings_are_refused() {
    let now: Time = "2026-11-24T09:00:00Z".parse().unwrap();
    let good = claims_cbor(&Claims::Itinerary(demo::itinerary(now, false)));
    assert!(claims_from_cbor(&good).is_ok());
    let swap = |from: &[u8], to: &[u8]| {
        let at = good.windows(from.len()).position(|w| w == from).unwrap();
        [&good[..at], to, &good[at + from.len()..]].concat()
    };
    let cases: [(&str, Vec<u8>); 6] = [
        // "g": 310000 in a 9-byte head
        ("long uint", swap(&[0x61, 0x67, 0x1a, 0x00, 0x04, 0xba, 0xf0], &[0x61, 0x67, 0x1b, 0, 0, 0, 0, 0x00, 0x04, 0xba, 0xf0])),
        ("long text length", swap(&[0x62, b'i', b't'], &[0x78, 0x02, b'i', b't'])),
        ("long map length", swap(&[0xa1, 0x62, b'i', b't'], &[0xb8, 0x01, 0x62, b'i', b't'])),
        ("indefinite map", [&[0xbf][..], &good[1..], &[0xff]].concat()),
        ("indefinite text", swap(&[0x62, b'i', b't'], &[0x7f, 0x61, b'i', 0x61, b't', 0xff])),
        ("a tag around the claims", [&[0xd8, 0x18][..], &good].concat()),
    ];
    for (what, bytes) in cases {
        assert_ne!(bytes, good, "{what}");
        assert!(claims_from_cbor(&bytes).is_err(), "{what}");
        // ciborium alone would have read it
        assert!(ciborium::from_reader::<Value, _>(bytes.as_slice()).is_ok(), "{what}");
    }
}
