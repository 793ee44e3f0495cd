//! The payload reader: one entry exactly, CBOR without a JSON form refused, and the hand
//! reader (`fields`) held to serde's derived reader over the payload's JSON form, on every
//! field of every kind of entry and every kind of CBOR value.

use serde_json::{json, Value as J};

use super::*;

fn vacc() -> serde_json::Value {
    json!({"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
           "dn": 2, "sd": 2, "dt": "2021-05-29", "co": "AT", "is": "BMSGPK", "ci": "URN:UVCI:01:AT:X"})
}

/// The CBOR an issuer writes for a JSON value.
fn cbor(j: &J) -> Value {
    match j {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => n.as_i64().map(Value::from).or(n.as_u64().map(Value::from)).unwrap_or_else(|| Value::Float(n.as_f64().unwrap())),
        J::String(s) => Value::Text(s.clone()),
        J::Array(a) => Value::Array(a.iter().map(cbor).collect()),
        J::Object(o) => Value::Map(o.iter().map(|(k, v)| (Value::Text(k.clone()), cbor(v))).collect()),
    }
}

fn parse(j: &J) -> Result<Dcc, PayloadError> {
    read(&cbor(j))
}

#[test]
fn one_entry_exactly() {
    let base = json!({"ver": "1.3.0", "nam": {"fnt": "MUSTER"}, "dob": "1990-01-01"});
    let with = |k: &str, n: usize| {
        let mut p = base.clone();
        p[k] = serde_json::Value::Array(vec![vacc(); n]);
        p
    };
    let d = parse(&with("v", 1)).unwrap();
    assert_eq!(d.entry.cert_type(), CertType::Vaccination);
    assert_eq!(parse(&with("v", 2)), Err(PayloadError::Entries));
    assert_eq!(parse(&base), Err(PayloadError::Entries));
    let mut nulls = with("v", 1);
    nulls["t"] = serde_json::Value::Null;
    assert!(parse(&nulls).is_ok(), "a null list is an empty one");
    assert!(matches!(parse(&json!({"ver": 1})), Err(PayloadError::Shape(_))));
}

#[test]
fn cbor_without_json_form_is_refused() {
    assert_eq!(to_json(&Value::Bytes(vec![1])), Err(PayloadError::NotJson));
    assert_eq!(to_json(&Value::Map(vec![(Value::Integer(1.into()), Value::Null)])), Err(PayloadError::NotJson));
    assert_eq!(to_json(&Value::Tag(1, Box::new(Value::Integer(0.into())))), Err(PayloadError::NotJson));
    assert_eq!(to_json(&Value::Tag(0, Box::new(Value::Integer(0.into())))), Err(PayloadError::NotJson));
    assert_eq!(to_json(&Value::Tag(0, Box::new(Value::Text("2021-06-04T08:13:51Z".into())))), Ok(json!("2021-06-04T08:13:51Z")));
    assert_eq!(to_json(&Value::Integer(7.into())), Ok(json!(7)));
    let mut bytes = cbor(&seeds()[0]);
    bytes.as_map_mut().unwrap().push((Value::Text("x".into()), Value::Bytes(vec![1])));
    assert_eq!(read(&bytes), Err(PayloadError::NotJson));
}

/// The reference: serde's derived reader over the same types, as the payload was read before
/// the hand reader.
#[derive(Deserialize)]
struct Raw {
    ver: String,
    nam: Name,
    dob: String,
    #[serde(default)]
    v: Option<Vec<Vaccination>>,
    #[serde(default)]
    t: Option<Vec<Test>>,
    #[serde(default)]
    r: Option<Vec<Recovery>>,
}

/// What serde reads from the payload's JSON form.
fn by_serde(payload: &Value) -> Option<Dcc> {
    let Raw { ver, nam, dob, v, t, r } = serde_json::from_value(to_json(payload).ok()?).ok()?;
    let (v, t, r) = (v.unwrap_or_default(), t.unwrap_or_default(), r.unwrap_or_default());
    let entry = match (v.len(), t.len(), r.len()) {
        (1, 0, 0) => v.into_iter().next().map(Entry::Vaccination),
        (0, 1, 0) => t.into_iter().next().map(Entry::Test),
        (0, 0, 1) => r.into_iter().next().map(Entry::Recovery),
        _ => None,
    };
    Some(Dcc { ver, nam, dob, entry: entry? })
}

fn seeds() -> Vec<J> {
    let nam = json!({"fn": "Musterfrau-Gößinger", "fnt": "MUSTERFRAU<GOESSINGER", "gn": "Gabriele", "gnt": "GABRIELE"});
    let base = |k: &str, e: J| json!({"ver": "1.3.0", "nam": nam, "dob": "1998-02-26", k: [e]});
    vec![
        base("v", vacc()),
        base(
            "t",
            json!({"tg": "840539006", "tt": "LP6464-4", "nm": "Roche LightCycler qPCR", "ma": "1232", "sc": "2021-08-20T10:03:12Z",
                         "tr": "260415000", "tc": "Testing centre", "co": "AT", "is": "BMSGPK", "ci": "URN:UVCI:01:AT:T"}),
        ),
        base(
            "t",
            json!({"tg": "840539006", "tt": "LP217198-3", "sc": "2021-08-20T10:03:12+02:00", "tr": "260373001", "co": "AT", "is": "BMSGPK", "ci": "U"}),
        ),
        base(
            "r",
            json!({"tg": "840539006", "fr": "2021-02-20", "co": "AT", "is": "BMSGPK", "df": "2021-04-04", "du": "2021-10-04", "ci": "URN:UVCI:01:AT:R"}),
        ),
        json!({"ver": "1.0.0", "nam": {"fnt": "X"}, "dob": "", "v": null, "t": [], "r": [{"tg": "1", "fr": "a", "co": "b", "is": "c", "df": "d", "du": "e", "ci": "f"}], "extra": 1}),
    ]
}

/// Values of every JSON kind, to put where a field was.
fn kinds() -> Vec<J> {
    vec![
        J::Null,
        json!(true),
        json!(2),
        json!(-1),
        json!(4294967296u64),
        json!(2.0),
        json!("2"),
        json!(""),
        json!({}),
        json!([]),
        json!(["x"]),
        json!([{}]),
    ]
}

/// Every payload one change away from `seed`: each key of the payload, its name and its entry
/// dropped or given a value of each kind, and a key added to each.
fn mutants(seed: &J) -> Vec<J> {
    let mut out = vec![seed.clone()];
    let mut paths = vec!["".to_string(), "/nam".to_string()];
    paths.extend(["v", "t", "r"].iter().filter(|k| seed.pointer(&format!("/{k}/0")).is_some()).map(|k| format!("/{k}/0")));
    for path in paths {
        let Some(obj) = seed.pointer(&path).and_then(J::as_object) else { continue };
        let keys: Vec<String> = obj.keys().cloned().chain(["zz", "ver", "dn", "sc"].map(String::from)).collect();
        for k in keys {
            let mut dropped = seed.clone();
            dropped.pointer_mut(&path).and_then(J::as_object_mut).map(|o| o.remove(&k));
            out.push(dropped);
            for v in kinds() {
                let mut m = seed.clone();
                m.pointer_mut(&path).and_then(J::as_object_mut).map(|o| o.insert(k.clone(), v));
                out.push(m);
            }
        }
    }
    // The entry lists themselves: two entries, a second kind, a list of a non-object.
    for k in ["v", "t", "r"] {
        let mut two = seed.clone();
        if let Some(a) = two[k].as_array_mut().filter(|a| !a.is_empty()) {
            a.push(a[0].clone());
        }
        out.push(two);
    }
    out
}

/// Values only CBOR has, or has other spellings of: bytes, tags (dates as JSON sees them, and
/// others), integers beyond 64 bits, floats JSON has no form for.
fn cbor_kinds() -> Vec<Value> {
    let tag = |t: u64, v: Value| Value::Tag(t, Box::new(v));
    vec![
        Value::Bytes(vec![1, 2]),
        tag(0, Value::Text("2021-05-29T00:00:00Z".into())),
        tag(1004, Value::Text("2021-05-29".into())),
        tag(1, Value::Integer(1.into())),
        tag(0, Value::Integer(1.into())),
        Value::Integer(u64::MAX.into()),
        Value::Integer(ciborium::value::Integer::try_from(-(1i128 << 64)).unwrap()),
        Value::Float(f64::NAN),
        Value::Float(2.5),
    ]
}

/// The map at `path` (keys, or list indices) inside `v`.
fn map_at<'v>(v: &'v mut Value, path: &[&str]) -> Option<&'v mut Vec<(Value, Value)>> {
    let mut cur = v;
    for s in path {
        cur = match (cur, s.parse::<usize>()) {
            (Value::Array(a), Ok(i)) => a.get_mut(i)?,
            (Value::Map(m), _) => &mut m.iter_mut().find(|(k, _)| k.as_text() == Some(s))?.1,
            _ => return None,
        };
    }
    cur.as_map_mut()
}

/// Every CBOR payload one change away from `seed`: its JSON mutants, each map given each CBOR
/// kind under a key it has, a repeated key (the last one counts, as in the JSON form), and a
/// non-text key.
fn cbor_mutants(seed: &J) -> Vec<Value> {
    let mut out: Vec<Value> = mutants(seed).iter().map(cbor).collect();
    let base = cbor(seed);
    let mut paths = vec![vec![], vec!["nam"]];
    paths.extend(["v", "t", "r"].into_iter().filter(|k| seed.pointer(&format!("/{k}/0")).is_some()).map(|k| vec![k, "0"]));
    for path in paths {
        let keys: Vec<Value> = map_at(&mut base.clone(), &path).map(|m| m.iter().map(|(k, _)| k.clone()).collect()).unwrap_or_default();
        for k in keys {
            for v in cbor_kinds() {
                let mut m = base.clone();
                map_at(&mut m, &path).unwrap().iter_mut().filter(|(key, _)| *key == k).for_each(|(_, val)| *val = v.clone());
                out.push(m);
            }
            for v in [Value::Null, Value::Text("again".into()), Value::Integer(3.into())] {
                let mut m = base.clone();
                map_at(&mut m, &path).unwrap().push((k.clone(), v));
                out.push(m);
            }
        }
        let mut m = base.clone();
        map_at(&mut m, &path).unwrap().push((Value::Integer(1.into()), Value::Null));
        out.push(m);
    }
    out
}

/// Where a struct is written as a list, serde reads it by position; the DCC schema says object
/// and the hand reader refuses it. Everywhere else the two agree.
fn struct_as_list(j: &Value) -> bool {
    let get =
        |v: &Value, k: &str| v.as_map().and_then(|m| m.iter().rev().find(|(key, _)| key.as_text() == Some(k)).map(|(_, v)| v.clone()));
    let lists = |v: Option<Value>| v.and_then(|l| l.as_array().cloned()).is_some_and(|a| a.iter().any(Value::is_array));
    j.is_array() || get(j, "nam").is_some_and(|n| n.is_array()) || ["v", "t", "r"].iter().any(|k| lists(get(j, k)))
}

#[test]
fn hand_reader_reads_what_serde_reads() {
    let (mut agreed, mut refused_lists) = (0, 0);
    for seed in seeds() {
        assert!(parse(&seed).is_ok(), "seed {seed}");
        for m in cbor_mutants(&seed) {
            let ours = read(&m).ok();
            if struct_as_list(&m) && has_json_form(&m) {
                assert_eq!(ours, None, "{m:?}");
                refused_lists += 1;
                continue;
            }
            assert_eq!(ours, by_serde(&m), "{m:?}");
            agreed += 1;
        }
    }
    assert!(agreed > 2000 && refused_lists > 10, "{agreed} agreed, {refused_lists} refused lists");
}
