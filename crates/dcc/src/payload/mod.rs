//! Stage 4: the DCC payload (hcert claim) → the facts a card shows: name, date of birth and
//! the one vaccination, test or recovery entry; and its JSON form (for schema validation).

use ciborium::Value;
use serde::{Deserialize, Serialize};

mod fields;
pub use fields::{has_json_form, read};

use crate::cert::CertType;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("payload holds CBOR that has no JSON form (bytes, tags, non-text keys)")]
    NotJson,
    #[error("payload does not have the DCC shape: {0}")]
    Shape(String),
    #[error("a DCC holds exactly one vaccination, test or recovery entry")]
    Entries,
}

/// The JSON form of a CBOR value, as the DCC schema sees it. Never panics.
pub fn to_json(v: &Value) -> Result<serde_json::Value, PayloadError> {
    use serde_json::Value as J;
    Ok(match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Text(s) => J::String(s.clone()),
        Value::Integer(i) => {
            let n = i128::from(*i);
            match (i64::try_from(n), u64::try_from(n)) {
                (Ok(s), _) => J::from(s),
                (_, Ok(u)) => J::from(u),
                _ => return Err(PayloadError::NotJson),
            }
        }
        Value::Float(f) => serde_json::Number::from_f64(*f).map(J::Number).ok_or(PayloadError::NotJson)?,
        Value::Array(a) => J::Array(a.iter().map(to_json).collect::<Result<_, _>>()?),
        Value::Map(m) => {
            let mut o = serde_json::Map::new();
            for (k, v) in m {
                let Value::Text(k) = k else { return Err(PayloadError::NotJson) };
                o.insert(k.clone(), to_json(v)?);
            }
            J::Object(o)
        }
        // RFC 8949 tag 0 (date/time string) and RFC 8943 tag 1004 (full-date string): the
        // string is the JSON form (HU wrote `sc` this way).
        Value::Tag(0 | 1004, inner) if inner.is_text() => to_json(inner)?,
        _ => return Err(PayloadError::NotJson),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    #[serde(rename = "fn", default)]
    pub family: Option<String>,
    #[serde(rename = "fnt", default)]
    pub family_std: Option<String>,
    #[serde(rename = "gn", default)]
    pub given: Option<String>,
    #[serde(rename = "gnt", default)]
    pub given_std: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vaccination {
    pub tg: String,
    pub vp: String,
    pub mp: String,
    pub ma: String,
    /// Dose number.
    pub dn: u32,
    /// Doses in the series.
    pub sd: u32,
    /// Date of vaccination (YYYY-MM-DD).
    pub dt: String,
    pub co: String,
    pub is: String,
    pub ci: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Test {
    pub tg: String,
    /// Test type (LOINC: LP6464-4 NAAT, LP217198-3 rapid antigen).
    pub tt: String,
    #[serde(default)]
    pub nm: Option<String>,
    #[serde(default)]
    pub ma: Option<String>,
    /// Sample collection time (RFC 3339).
    pub sc: String,
    /// Result (SNOMED: 260415000 not detected, 260373001 detected).
    pub tr: String,
    #[serde(default)]
    pub tc: Option<String>,
    pub co: String,
    pub is: String,
    pub ci: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    pub tg: String,
    /// First positive test (YYYY-MM-DD).
    pub fr: String,
    pub co: String,
    pub is: String,
    /// Valid from / until (YYYY-MM-DD).
    pub df: String,
    pub du: String,
    pub ci: String,
}

/// The one entry of a DCC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    Vaccination(Vaccination),
    Test(Test),
    Recovery(Recovery),
}

impl Entry {
    pub fn cert_type(&self) -> CertType {
        match self {
            Entry::Vaccination(_) => CertType::Vaccination,
            Entry::Test(_) => CertType::Test,
            Entry::Recovery(_) => CertType::Recovery,
        }
    }
}

/// The facts of one DCC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dcc {
    pub ver: String,
    pub nam: Name,
    pub dob: String,
    pub entry: Entry,
}

#[cfg(test)]
mod tests;
