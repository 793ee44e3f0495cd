//! The signed claims inside a credential (CBOR, short keys; see docs/format.md).

use serde::{Deserialize, Serialize};

mod cbor;

pub use cbor::from_cbor;

use crate::binding::{Binding, UNKEYED};
use crate::Time;

/// Health-code colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    Green,
    Yellow,
    Red,
}

/// Kind of test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    /// Nucleic-acid (PCR) test.
    Nat,
    /// Rapid antigen test.
    Antigen,
}

/// Result of a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestOutcome {
    Negative,
    Positive,
}

/// Who the credential belongs to. Only masked values and a keyed binding travel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "HolderWire", from = "HolderWire")]
pub struct Holder {
    /// Masked name, e.g. `陈**`.
    pub masked_name: String,
    /// Masked ID number as the issuer wrote it, e.g. `**************1234`.
    pub masked_id: String,
    /// MAC of the full ID number under a national binding key (docs/format.md); used only to
    /// match credentials of the same person.
    pub binding: Binding,
}

/// [`Holder`] as it travels: `h` the binding's MAC, `k` its key id (absent: unkeyed).
#[derive(Serialize, Deserialize)]
struct HolderWire {
    n: String,
    i: String,
    #[serde(with = "serde_bytes_16")]
    h: [u8; 16],
    #[serde(default, skip_serializing_if = "unkeyed")]
    k: u32,
}

fn unkeyed(k: &u32) -> bool {
    *k == UNKEYED
}

impl From<Holder> for HolderWire {
    fn from(h: Holder) -> Self {
        HolderWire { n: h.masked_name, i: h.masked_id, h: h.binding.mac, k: h.binding.key_id }
    }
}

impl From<HolderWire> for Holder {
    fn from(w: HolderWire) -> Self {
        Holder { masked_name: w.n, masked_id: w.i, binding: Binding { key_id: w.k, mac: w.h } }
    }
}

/// How a result reached the issuer: tested by an institution, or a self-test the holder
/// uploaded (e.g. through a mini-program), whose authenticity is the holder's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    #[default]
    Institution,
    SelfTest,
}

impl Provenance {
    fn is_institution(&self) -> bool {
        *self == Provenance::Institution
    }
}

/// One test result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestResult {
    #[serde(rename = "k")]
    pub kind: TestKind,
    #[serde(rename = "r")]
    pub outcome: TestOutcome,
    /// Sample taken.
    #[serde(rename = "s", with = "chrono::serde::ts_seconds")]
    pub sampled_at: Time,
    /// Report issued (the default basis for validity).
    #[serde(rename = "t", with = "chrono::serde::ts_seconds")]
    pub reported_at: Time,
    /// Testing institution.
    #[serde(rename = "o")]
    pub institution: String,
    /// GB/T 2260 code of the institution's region.
    #[serde(rename = "g")]
    pub institution_region: u32,
    /// Absent (institution) on every credential issued before self-tests were carried.
    #[serde(rename = "m", default, skip_serializing_if = "Provenance::is_institution")]
    pub provenance: Provenance,
}

/// The 14-day itinerary (通信行程卡): cities visited and the star flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trip {
    /// GB/T 2260 codes of the cities visited in the last 14 days.
    #[serde(rename = "c")]
    pub cities: Vec<u32>,
    /// Set when a visited city had medium- or high-risk areas (the "star").
    #[serde(rename = "s")]
    pub star: bool,
}

/// Vaccination summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vaccination {
    #[serde(rename = "d")]
    pub doses: u8,
    #[serde(rename = "l", with = "iso_date")]
    pub last_dose: chrono::NaiveDate,
}

/// A dynamic health code, signed by the issuing province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthCode {
    /// GB/T 2260 six-digit code of the issuing region, e.g. 310000.
    #[serde(rename = "g")]
    pub region: u32,
    #[serde(rename = "a", with = "chrono::serde::ts_seconds")]
    pub issued_at: Time,
    #[serde(rename = "x", with = "chrono::serde::ts_seconds")]
    pub expires_at: Time,
    #[serde(rename = "c")]
    pub colour: Colour,
    #[serde(rename = "p")]
    pub holder: Holder,
    /// Latest NAT result known to the issuer.
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub nat: Option<TestResult>,
    /// Latest antigen result known to the issuer.
    #[serde(rename = "q", default, skip_serializing_if = "Option::is_none")]
    pub antigen: Option<TestResult>,
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub vaccination: Option<Vaccination>,
    /// Credential identifier for revocation (see [`crate::revocation`]); absent on credentials
    /// issued before identifiers, which cannot be revoked one by one.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none", with = "opt_bytes_16")]
    pub uid: Option<[u8; 16]>,
    /// The itinerary carried inline (as 随申码 did), signed with the code.
    #[serde(rename = "j", default, skip_serializing_if = "Option::is_none")]
    pub itinerary: Option<Trip>,
}

/// A paper test report's QR, signed by a testing institution's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestReport {
    /// GB/T 2260 code of the signing institution's province.
    #[serde(rename = "g")]
    pub region: u32,
    #[serde(rename = "a", with = "chrono::serde::ts_seconds")]
    pub issued_at: Time,
    #[serde(rename = "x", with = "chrono::serde::ts_seconds")]
    pub expires_at: Time,
    #[serde(rename = "p")]
    pub holder: Holder,
    #[serde(rename = "r")]
    pub result: TestResult,
    /// Credential identifier for revocation, as on [`HealthCode::uid`].
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none", with = "opt_bytes_16")]
    pub uid: Option<[u8; 16]>,
}

/// A dynamic itinerary credential (行程卡), signed by a key with role `itinerary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Itinerary {
    /// GB/T 2260 code of the region the issuer signs for (checked against the key's scope).
    #[serde(rename = "g")]
    pub region: u32,
    #[serde(rename = "a", with = "chrono::serde::ts_seconds")]
    pub issued_at: Time,
    #[serde(rename = "x", with = "chrono::serde::ts_seconds")]
    pub expires_at: Time,
    #[serde(rename = "p")]
    pub holder: Holder,
    #[serde(rename = "t")]
    pub trip: Trip,
    /// Credential identifier for revocation, as on the other kinds.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none", with = "opt_bytes_16")]
    pub uid: Option<[u8; 16]>,
}

/// The claims of a credential: externally tagged by kind (`hc`, `tr` or `it`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Claims {
    #[serde(rename = "hc")]
    HealthCode(HealthCode),
    #[serde(rename = "tr")]
    TestReport(TestReport),
    #[serde(rename = "it")]
    Itinerary(Itinerary),
}

impl Claims {
    pub fn region(&self) -> u32 {
        match self {
            Claims::HealthCode(h) => h.region,
            Claims::TestReport(r) => r.region,
            Claims::Itinerary(i) => i.region,
        }
    }
    pub fn holder(&self) -> &Holder {
        match self {
            Claims::HealthCode(h) => &h.holder,
            Claims::TestReport(r) => &r.holder,
            Claims::Itinerary(i) => &i.holder,
        }
    }
    pub fn issued_at(&self) -> Time {
        match self {
            Claims::HealthCode(h) => h.issued_at,
            Claims::TestReport(r) => r.issued_at,
            Claims::Itinerary(i) => i.issued_at,
        }
    }
    /// The credential identifier, if it carries one.
    pub fn uid(&self) -> Option<&[u8; 16]> {
        match self {
            Claims::HealthCode(h) => h.uid.as_ref(),
            Claims::TestReport(r) => r.uid.as_ref(),
            Claims::Itinerary(i) => i.uid.as_ref(),
        }
    }
    pub fn expires_at(&self) -> Time {
        match self {
            Claims::HealthCode(h) => h.expires_at,
            Claims::TestReport(r) => r.expires_at,
            Claims::Itinerary(i) => i.expires_at,
        }
    }
}

/// CBOR byte string of exactly 16 bytes.
mod serde_bytes_16 {
    use serde::{de::Error, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8; 16], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 16], D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = [u8; 16];
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("16 bytes")
            }
            fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<[u8; 16], E> {
                v.try_into().map_err(|_| E::invalid_length(v.len(), &self))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// An optional CBOR byte string of exactly 16 bytes.
mod opt_bytes_16 {
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<[u8; 16]>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => super::serde_bytes_16::serialize(b, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<[u8; 16]>, D::Error> {
        super::serde_bytes_16::deserialize(d).map(Some)
    }
}

/// A calendar date as `YYYY-MM-DD` text (as chrono writes it), read strictly: exactly that shape,
/// and a date that exists. Smaller in the browser than chrono's general date parser.
mod iso_date {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
    }

    pub fn parse(text: &str) -> Option<NaiveDate> {
        let b = text.as_bytes();
        let shape_ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
        let digits_ok = b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !(shape_ok && digits_ok) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|t| t.parse::<u32>().ok());
        NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| D::Error::custom("date is not YYYY-MM-DD"))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn reads_what_chrono_writes_and_nothing_else() {
            for d in [NaiveDate::from_ymd_opt(2022, 3, 1), NaiveDate::from_ymd_opt(1999, 12, 31), NaiveDate::from_ymd_opt(2024, 2, 29)] {
                let d = d.unwrap();
                assert_eq!(parse(&d.to_string()), Some(d));
            }
            for bad in [
                "2022-3-01",
                "2022-02-30",
                "2023-02-29",
                "2022-13-01",
                "22022-03-01",
                "2022/03/01",
                "+022-03-01",
                "2022-03-0a",
                "",
                "2022-03-01T",
            ] {
                assert_eq!(parse(bad), None, "{bad}");
            }
        }
    }
}
