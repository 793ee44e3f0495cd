//! Reads claims from their CBOR value tree by hand, in exactly the shape the serde derives in
//! `mod.rs` write (text keys, unit enums as snake_case text, times as integer seconds, `Claims`
//! as a one-entry map `{kind: fields}`); unknown keys are ignored, as serde does. Why not serde:
//! its generic value deserialiser and the derived visitors cost the browser's wasm 13 KB more
//! (4.6 KB gzipped, docs/app.md). The test below holds this reader to serde's answers.

use ciborium::Value;

use super::*;

type R<T> = Result<T, String>;

/// Parses claims from CBOR (callers must have verified the signature over these bytes): one
/// CBOR item and nothing after it. Read as a CBOR value first, the way coset reads COSE, so the
/// browser build carries one CBOR reader, not two; then fields by hand ([`read`]).
pub fn from_cbor(bytes: &[u8]) -> Result<Claims, String> {
    let mut rest = bytes;
    let value: Value = ciborium::from_reader(&mut rest).map_err(|e| e.to_string())?;
    if !rest.is_empty() {
        return Err(format!("{} bytes after the claims", rest.len()));
    }
    read(&value)
}

/// The claims in `value`.
pub fn read(value: &Value) -> R<Claims> {
    let Value::Map(entries) = value else {
        return Err("claims: not a map".into());
    };
    let [(Value::Text(kind), fields)] = entries.as_slice() else {
        return Err("claims: not one kind".into());
    };
    let kind = match kind.as_str() {
        "hc" => Kind::HealthCode,
        "tr" => Kind::TestReport,
        "it" => Kind::Itinerary,
        other => return Err(format!("unknown claims kind `{other}`")),
    };
    let m = Map::of(fields, "claims")?;
    // The fields every kind has.
    let region = int(m.req("g")?)?;
    let (issued_at, expires_at) = (time(m.req("a")?)?, time(m.req("x")?)?);
    let holder = holder(m.req("p")?)?;
    let uid = m.opt("u")?.map(bytes16).transpose()?;
    Ok(match kind {
        Kind::HealthCode => Claims::HealthCode(HealthCode {
            region,
            issued_at,
            expires_at,
            colour: named(m.req("c")?, &[("green", Colour::Green), ("yellow", Colour::Yellow), ("red", Colour::Red)])?,
            holder,
            nat: opt(m.opt("n")?, test)?,
            antigen: opt(m.opt("q")?, test)?,
            vaccination: opt(m.opt("v")?, vaccination)?,
            uid,
            itinerary: opt(m.opt("j")?, trip)?,
        }),
        Kind::TestReport => Claims::TestReport(TestReport { region, issued_at, expires_at, holder, result: test(m.req("r")?)?, uid }),
        Kind::Itinerary => Claims::Itinerary(Itinerary { region, issued_at, expires_at, holder, trip: trip(m.req("t")?)?, uid }),
    })
}

enum Kind {
    HealthCode,
    TestReport,
    Itinerary,
}

/// A struct's fields: a map with text keys (other keys are ignored).
struct Map<'a>(&'a [(Value, Value)]);

impl<'a> Map<'a> {
    fn of(v: &'a Value, what: &str) -> R<Self> {
        match v {
            Value::Map(m) => Ok(Map(m)),
            _ => Err(format!("{what}: not a map")),
        }
    }
    fn opt(&self, key: &str) -> R<Option<&'a Value>> {
        let mut hits = self.0.iter().filter(|(k, _)| matches!(k, Value::Text(t) if t == key)).map(|(_, v)| v);
        let first = hits.next();
        match hits.next() {
            Some(_) => Err(format!("duplicate field `{key}`")),
            None => Ok(first),
        }
    }
    fn req(&self, key: &str) -> R<&'a Value> {
        self.opt(key)?.ok_or_else(|| format!("missing field `{key}`"))
    }
}

/// An optional struct: absent or null is `None`, as serde reads an `Option`.
fn opt<T>(v: Option<&Value>, read: fn(&Value) -> R<T>) -> R<Option<T>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => read(v).map(Some),
    }
}

fn int<T: TryFrom<i128>>(v: &Value) -> R<T> {
    match v {
        Value::Integer(i) => T::try_from(i128::from(*i)).map_err(|_| "integer out of range".into()),
        _ => Err("not an integer".into()),
    }
}

fn time(v: &Value) -> R<Time> {
    chrono::DateTime::from_timestamp(int(v)?, 0).ok_or_else(|| "time out of range".into())
}

fn text(v: &Value) -> R<String> {
    match v {
        Value::Text(t) => Ok(t.clone()),
        _ => Err("not text".into()),
    }
}

fn named<T: Copy>(v: &Value, names: &[(&str, T)]) -> R<T> {
    let t = text(v)?;
    names.iter().find(|(n, _)| *n == t).map(|(_, x)| *x).ok_or_else(|| format!("unknown variant `{t}`"))
}

fn bytes16(v: &Value) -> R<[u8; 16]> {
    match v {
        Value::Bytes(b) => b.as_slice().try_into().map_err(|_| "not 16 bytes".into()),
        _ => Err("not bytes".into()),
    }
}

fn holder(v: &Value) -> R<Holder> {
    let m = Map::of(v, "holder")?;
    let binding = Binding { key_id: m.opt("k")?.map(int).transpose()?.unwrap_or(UNKEYED), mac: bytes16(m.req("h")?)? };
    Ok(Holder { masked_name: text(m.req("n")?)?, masked_id: text(m.req("i")?)?, binding })
}

fn test(v: &Value) -> R<TestResult> {
    let m = Map::of(v, "test")?;
    Ok(TestResult {
        kind: named(m.req("k")?, &[("nat", TestKind::Nat), ("antigen", TestKind::Antigen)])?,
        outcome: named(m.req("r")?, &[("negative", TestOutcome::Negative), ("positive", TestOutcome::Positive)])?,
        sampled_at: time(m.req("s")?)?,
        reported_at: time(m.req("t")?)?,
        institution: text(m.req("o")?)?,
        institution_region: int(m.req("g")?)?,
        provenance: match m.opt("m")? {
            None => Provenance::Institution,
            Some(v) => named(v, &[("institution", Provenance::Institution), ("self_test", Provenance::SelfTest)])?,
        },
    })
}

fn trip(v: &Value) -> R<Trip> {
    let m = Map::of(v, "trip")?;
    let Value::Array(cities) = m.req("c")? else {
        return Err("cities: not an array".into());
    };
    let Value::Bool(star) = m.req("s")? else {
        return Err("star: not a bool".into());
    };
    Ok(Trip { cities: cities.iter().map(int).collect::<R<_>>()?, star: *star })
}

fn vaccination(v: &Value) -> R<Vaccination> {
    let m = Map::of(v, "vaccination")?;
    let last = text(m.req("l")?)?;
    Ok(Vaccination { doses: int(m.req("d")?)?, last_dose: iso_date::parse(&last).ok_or("date is not YYYY-MM-DD")? })
}
