//! The claims reader (by hand, for size) against serde's derived reader: the same answers on
//! every demo sample and on thousands of one-change mutants of them.

use ciborium::Value;
use yima_core::{claims_from_cbor, decode_text, open_cose, Claims, Colour, Provenance, Time, Vaccination};
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
    report.result.provenance = Provenance::SelfTest;
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
fn reads_what_serde_reads_and_refuses_what_serde_refuses() {
    let mut checked = 0;
    for sample in samples() {
        assert!(read(&sample).is_ok(), "{sample:?}");
        for v in std::iter::once(sample.clone()).chain(mutants(&sample)) {
            let ours = read(&v);
            let serde = v.deserialized::<Claims>();
            match (&ours, &serde) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{v:?}"),
                (Err(_), Err(_)) => {}
                _ => panic!("ours {ours:?}, serde {serde:?} on {v:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 5_000, "{checked}");
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
