//! The DCC facts read from the payload's JSON form field by field. This reads exactly what
//! serde's derived reader would from the types in `payload` (the tests hold it to that, on
//! every kind of entry and hundreds of mutated payloads) without linking serde_json's typed
//! reader, the largest part of the DCC module once the signed files stay in the app.

use serde_json::{Map, Value};

use super::{Dcc, Entry, Name, PayloadError, Recovery, Test, Vaccination};

fn shape(at: &str) -> PayloadError {
    PayloadError::Shape(at.into())
}

/// An object's fields, named for errors by where the object sits.
struct Fields<'a>(&'a Map<String, Value>, &'a str);

impl<'a> Fields<'a> {
    fn of(v: &'a Value, at: &'a str) -> Result<Self, PayloadError> {
        v.as_object().map(|o| Fields(o, at)).ok_or_else(|| shape(at))
    }

    /// A required string.
    fn text(&self, k: &str) -> Result<String, PayloadError> {
        self.0.get(k).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| shape(&format!("{}.{k}", self.1)))
    }

    /// An optional string: absent or `null` is none.
    fn opt(&self, k: &str) -> Result<Option<String>, PayloadError> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(shape(&format!("{}.{k}", self.1))),
        }
    }

    /// A required whole number that fits a `u32`.
    fn count(&self, k: &str) -> Result<u32, PayloadError> {
        self.0.get(k).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).ok_or_else(|| shape(&format!("{}.{k}", self.1)))
    }

    /// An optional list of objects, each read by `read`: absent or `null` is empty.
    fn list<T>(&self, k: &'a str, read: impl Fn(Fields) -> Result<T, PayloadError>) -> Result<Vec<T>, PayloadError> {
        match self.0.get(k) {
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

/// Reads the DCC facts from the payload's JSON form: exactly one vaccination, test or
/// recovery entry; an absent or `null` entry list is empty (BG wrote `"t": null`).
pub fn parse(json: &Value) -> Result<Dcc, PayloadError> {
    let f = Fields::of(json, "payload")?;
    let (ver, nam, dob) = (f.text("ver")?, name(Fields::of(f.0.get("nam").unwrap_or(&Value::Null), "nam")?)?, f.text("dob")?);
    let (mut v, mut t, mut r) = (f.list("v", vaccination)?, f.list("t", test)?, f.list("r", recovery)?);
    let entry = match (v.len(), t.len(), r.len()) {
        (1, 0, 0) => v.pop().map(Entry::Vaccination),
        (0, 1, 0) => t.pop().map(Entry::Test),
        (0, 0, 1) => r.pop().map(Entry::Recovery),
        _ => None,
    };
    Ok(Dcc { ver, nam, dob, entry: entry.ok_or(PayloadError::Entries)? })
}
