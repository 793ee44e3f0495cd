//! Reads claims from their CBOR value tree by hand, in exactly the shape the serde derives in
//! `mod.rs` write (text keys, unit enums as snake_case text, times as integer seconds, `Claims`
//! as a one-entry map `{kind: fields}`), and more strictly than serde reads it: the rules of
//! docs/format.md §1 "Claims" (strict uints, no unknown or null fields, the test in each slot of
//! its kind, …). Why not serde: its generic value deserialiser and the derived visitors cost the
//! browser's wasm 13 KB more (4.6 KB gzipped, docs/app.md). The test in
//! tests/all/claims_reader.rs holds this reader to serde's answers where the rules add nothing.

use std::cell::Cell;

use chrono::Duration;
use ciborium::Value;

use super::*;

type R<T> = Result<T, String>;

/// Parses claims from CBOR (callers must have verified the signature over these bytes): one
/// strict CBOR item ([`crate::strict_cbor`]) and nothing after it. Read as a CBOR value first,
/// the way coset reads COSE, so the browser build carries one CBOR reader, not two; then
/// fields by hand ([`read`]).
pub fn from_cbor(bytes: &[u8]) -> Result<Claims, String> {
    crate::strict_cbor::check(bytes, None).map_err(|e| format!("claims CBOR: {e}"))?;
    let value: Value = ciborium::from_reader(bytes).map_err(|e| e.to_string())?;
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
    let region = region(m.req("g")?)?;
    let (issued_at, expires_at) = (time(m.req("a")?)?, time(m.req("x")?)?);
    if expires_at < issued_at {
        return Err("expires (`x`) before it is issued (`a`)".into());
    }
    let holder = holder(m.req("p")?)?;
    let uid = m.opt("u")?.map(bytes16).transpose()?;
    let claims = match kind {
        Kind::HealthCode => Claims::HealthCode(HealthCode {
            region,
            issued_at,
            expires_at,
            colour: named(m.req("c")?, &[("green", Colour::Green), ("yellow", Colour::Yellow), ("red", Colour::Red)])?,
            holder,
            nat: m.opt("n")?.map(|v| test(v, Some(TestKind::Nat))).transpose()?,
            antigen: m.opt("q")?.map(|v| test(v, Some(TestKind::Antigen))).transpose()?,
            vaccination: m.opt("v")?.map(|v| vaccination(v, issued_at)).transpose()?,
            uid,
            itinerary: m.opt("j")?.map(trip).transpose()?,
        }),
        Kind::TestReport => Claims::TestReport(TestReport { region, issued_at, expires_at, holder, result: test(m.req("r")?, None)?, uid }),
        Kind::Itinerary => Claims::Itinerary(Itinerary { region, issued_at, expires_at, holder, trip: trip(m.req("t")?)?, uid }),
    };
    m.finish()?;
    Ok(claims)
}

enum Kind {
    HealthCode,
    TestReport,
    Itinerary,
}

/// A struct's fields: a map with text keys, each read at most once; [`Map::finish`] refuses
/// the keys nobody read (unknown fields).
struct Map<'a> {
    entries: &'a [(Value, Value)],
    what: &'static str,
    /// Bit i: entry i was read.
    read: Cell<u64>,
}

impl<'a> Map<'a> {
    fn of(v: &'a Value, what: &'static str) -> R<Self> {
        match v {
            Value::Map(m) if m.len() <= 64 => Ok(Map { entries: m, what, read: Cell::new(0) }),
            _ => Err(format!("{what}: not a map of known fields")),
        }
    }
    fn opt(&self, key: &str) -> R<Option<&'a Value>> {
        let mut hits = self.entries.iter().enumerate().filter(|(_, (k, _))| matches!(k, Value::Text(t) if t == key));
        let first = hits.next();
        if hits.next().is_some() {
            return Err(format!("{}: duplicate field `{key}`", self.what));
        }
        Ok(first.map(|(i, (_, v))| {
            self.read.set(self.read.get() | 1 << i);
            v
        }))
    }
    fn req(&self, key: &str) -> R<&'a Value> {
        self.opt(key)?.ok_or_else(|| format!("{}: missing field `{key}`", self.what))
    }
    /// Every field was read: an unknown one is refused, never skipped.
    fn finish(&self) -> R<()> {
        match self.entries.iter().enumerate().find(|(i, _)| self.read.get() & 1 << i == 0) {
            // Named as text, not `{:?}`: Debug of a CBOR value pulls float printing into the app.
            Some((_, (Value::Text(k), _))) => Err(format!("{}: unknown field \"{k}\"", self.what)),
            Some(_) => Err(format!("{}: a field whose key is not text", self.what)),
            None => Ok(()),
        }
    }
}

/// An unsigned integer (major type 0): a negative one is refused, not read as a smaller number.
fn uint<T: TryFrom<u64>>(v: &Value) -> R<T> {
    match v {
        Value::Integer(i) => u64::try_from(*i).ok().and_then(|u| T::try_from(u).ok()).ok_or_else(|| "integer out of range".into()),
        _ => Err("not an integer".into()),
    }
}

/// A GB/T 2260 code: six digits (a province, city or district), never 0 nor a shortened code.
fn region(v: &Value) -> R<u32> {
    Some(uint::<u32>(v)?).filter(|r| (100_000..=999_999).contains(r)).ok_or_else(|| "region code is not six digits".into())
}

/// Unix seconds as a uint.
fn time(v: &Value) -> R<Time> {
    chrono::DateTime::from_timestamp(uint(v)?, 0).ok_or_else(|| "time out of range".into())
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
    let key_id = match m.opt("k")? {
        // An explicit 0 would be a second encoding of "no k": refused like any non-unique form.
        Some(v) => Some(uint::<u32>(v)?).filter(|k| *k != UNKEYED).ok_or("holder: `k` 0 is written by leaving `k` out")?,
        None => UNKEYED,
    };
    let binding = Binding { key_id, mac: bytes16(m.req("h")?)? };
    let h = Holder { masked_name: text(m.req("n")?)?, masked_id: text(m.req("i")?)?, binding };
    m.finish()?;
    Ok(h)
}

/// A test result; in a health code's slot (`n`, `q`) it must be of the slot's kind.
fn test(v: &Value, slot: Option<TestKind>) -> R<TestResult> {
    let m = Map::of(v, "test")?;
    let t = TestResult {
        kind: named(m.req("k")?, &[("nat", TestKind::Nat), ("antigen", TestKind::Antigen)])?,
        outcome: named(m.req("r")?, &[("negative", TestOutcome::Negative), ("positive", TestOutcome::Positive)])?,
        sampled_at: time(m.req("s")?)?,
        reported_at: time(m.req("t")?)?,
        institution: text(m.req("o")?)?,
        institution_region: region(m.req("g")?)?,
        // Absent is an institution's result: the one way to write it.
        provenance: match m.opt("m")? {
            None => Provenance::Institution,
            Some(v) => named(v, &[("self_test", Provenance::SelfTest)])?,
        },
    };
    m.finish()?;
    if slot.is_some_and(|k| k != t.kind) {
        return Err("a test in the other kind's slot".into());
    }
    if t.sampled_at > t.reported_at {
        return Err("test reported (`t`) before it was sampled (`s`)".into());
    }
    match (t.provenance, t.kind, t.institution.is_empty()) {
        (Provenance::SelfTest, TestKind::Nat, _) => Err("a NAT cannot be a self-test".into()),
        (Provenance::SelfTest, _, false) => Err("a self-test names no institution (`o` empty)".into()),
        (Provenance::Institution, _, true) => Err("an institution's result names it (`o` not empty)".into()),
        _ => Ok(t),
    }
}

fn trip(v: &Value) -> R<Trip> {
    let m = Map::of(v, "trip")?;
    let Value::Array(cities) = m.req("c")? else {
        return Err("cities: not an array".into());
    };
    let Value::Bool(star) = m.req("s")? else {
        return Err("star: not a bool".into());
    };
    m.finish()?;
    if cities.is_empty() {
        return Err("a trip without a city".into());
    }
    Ok(Trip { cities: cities.iter().map(region).collect::<R<_>>()?, star: *star })
}

/// The vaccination of a code issued at `issued_at`: at least one dose, the last not after the
/// day of issue (Beijing time, UTC+8, the time of every GB/T 2260 region).
fn vaccination(v: &Value, issued_at: Time) -> R<Vaccination> {
    let m = Map::of(v, "vaccination")?;
    let last = text(m.req("l")?)?;
    let vac = Vaccination { doses: uint(m.req("d")?)?, last_dose: iso_date::parse(&last).ok_or("date is not YYYY-MM-DD")? };
    m.finish()?;
    let issue_day = issued_at.checked_add_signed(Duration::hours(8)).unwrap_or(issued_at).date_naive();
    if vac.doses == 0 {
        return Err("a vaccination of no dose".into());
    }
    if vac.last_dose > issue_day {
        return Err("last dose after the day of issue".into());
    }
    Ok(vac)
}
