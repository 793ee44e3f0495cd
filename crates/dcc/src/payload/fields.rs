//! The DCC facts read from the payload's CBOR field by field. This reads exactly what serde's
//! derived reader gives for the types in `payload` from the payload's JSON form ([`to_json`](super::to_json);
//! the tests hold it to that, on every kind of entry and over a thousand mutated payloads),
//! without building that JSON or linking serde_json's typed reader: those were the largest
//! part of the DCC module once the signed files stayed in the app.

use ciborium::Value;

use super::{Dcc, Entry, Name, PayloadError, Recovery, Test, Vaccination};

fn shape(at: &str) -> PayloadError {
    PayloadError::Shape(at.into())
}

/// A string as its JSON form sees it: text, or a date string under tag 0 / 1004.
fn text(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s) => Some(s),
        Value::Tag(0 | 1004, inner) => inner.as_text(),
        _ => None,
    }
}

/// A map's fields, named for errors by where the map sits.
struct Fields<'a>(&'a [(Value, Value)], &'a str);

impl<'a> Fields<'a> {
    fn of(v: &'a Value, at: &'a str) -> Result<Self, PayloadError> {
        v.as_map().map(|m| Fields(m, at)).ok_or_else(|| shape(at))
    }

    /// The value of key `k`: the last one, as in the JSON form.
    fn get(&self, k: &str) -> Option<&'a Value> {
        self.0.iter().rev().find(|(key, _)| key.as_text() == Some(k)).map(|(_, v)| v)
    }

    fn err(&self, k: &str) -> PayloadError {
        shape(&format!("{}.{k}", self.1))
    }

    /// A required string.
    fn text(&self, k: &str) -> Result<String, PayloadError> {
        self.get(k).and_then(text).map(str::to_owned).ok_or_else(|| self.err(k))
    }

    /// An optional string: absent or `null` is none.
    fn opt(&self, k: &str) -> Result<Option<String>, PayloadError> {
        match self.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => text(v).map(|s| Some(s.to_owned())).ok_or_else(|| self.err(k)),
        }
    }

    /// A required whole number that fits a `u32`.
    fn count(&self, k: &str) -> Result<u32, PayloadError> {
        self.get(k).and_then(Value::as_integer).and_then(|n| u32::try_from(n).ok()).ok_or_else(|| self.err(k))
    }

    /// An optional list of maps, each read by `read`: absent or `null` is empty.
    fn list<T>(&self, k: &'a str, read: impl Fn(Fields) -> Result<T, PayloadError>) -> Result<Vec<T>, PayloadError> {
        match self.get(k) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => a.iter().map(|e| Fields::of(e, k).and_then(&read)).collect(),
            Some(_) => Err(shape(k)),
        }
    }
}

fn name(f: Fields) -> Result<Name, PayloadError> {
    Ok(Name { family: f.opt("fn")?, family_std: f.opt("fnt")?, given: f.opt("gn")?, given_std: f.opt("gnt")? })
}

fn vaccination(f: Fields) -> Result<Vaccination, PayloadError> {
    Ok(Vaccination {
        tg: f.text("tg")?,
        vp: f.text("vp")?,
        mp: f.text("mp")?,
        ma: f.text("ma")?,
        dn: f.count("dn")?,
        sd: f.count("sd")?,
        dt: f.text("dt")?,
        co: f.text("co")?,
        is: f.text("is")?,
        ci: f.text("ci")?,
    })
}

fn test(f: Fields) -> Result<Test, PayloadError> {
    Ok(Test {
        tg: f.text("tg")?,
        tt: f.text("tt")?,
        nm: f.opt("nm")?,
        ma: f.opt("ma")?,
        sc: f.text("sc")?,
        tr: f.text("tr")?,
        tc: f.opt("tc")?,
        co: f.text("co")?,
        is: f.text("is")?,
        ci: f.text("ci")?,
    })
}

fn recovery(f: Fields) -> Result<Recovery, PayloadError> {
    Ok(Recovery {
        tg: f.text("tg")?,
        fr: f.text("fr")?,
        co: f.text("co")?,
        is: f.text("is")?,
        df: f.text("df")?,
        du: f.text("du")?,
        ci: f.text("ci")?,
    })
}

/// Whether `v` has a JSON form (what [`to_json`](super::to_json) refuses, this refuses),
/// without building it.
pub fn has_json_form(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(_) | Value::Text(_) => true,
        Value::Integer(i) => i64::try_from(*i).is_ok() || u64::try_from(*i).is_ok(),
        Value::Float(f) => f.is_finite(),
        Value::Array(a) => a.iter().all(has_json_form),
        Value::Map(m) => m.iter().all(|(k, v)| k.is_text() && has_json_form(v)),
        Value::Tag(0 | 1004, inner) => inner.is_text(),
        _ => false,
    }
}

/// Reads the DCC facts from the payload (the hcert claim's key 1): it must have a JSON form
/// and hold exactly one vaccination, test or recovery entry; an absent or `null` entry list is
/// empty (BG wrote `"t": null`).
pub fn read(payload: &Value) -> Result<Dcc, PayloadError> {
    if !has_json_form(payload) {
        return Err(PayloadError::NotJson);
    }
    let f = Fields::of(payload, "payload")?;
    let (ver, nam, dob) = (f.text("ver")?, name(Fields::of(f.get("nam").unwrap_or(&Value::Null), "nam")?)?, f.text("dob")?);
    let (mut v, mut t, mut r) = (f.list("v", vaccination)?, f.list("t", test)?, f.list("r", recovery)?);
    let entry = match (v.len(), t.len(), r.len()) {
        (1, 0, 0) => v.pop().map(Entry::Vaccination),
        (0, 1, 0) => t.pop().map(Entry::Test),
        (0, 0, 1) => r.pop().map(Entry::Recovery),
        _ => None,
    };
    Ok(Dcc { ver, nam, dob, entry: entry.ok_or(PayloadError::Entries)? })
}
