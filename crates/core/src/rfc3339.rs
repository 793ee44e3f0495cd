//! Times in the signed JSON files: RFC 3339 strings such as `2026-11-24T09:00:00Z`, written as
//! chrono writes them and read with chrono's strict RFC 3339 parser (`parse_from_rfc3339`), which
//! needs much less code in the browser than the relaxed `FromStr` behind chrono's serde support.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{de::Error, Deserialize, Deserializer, Serializer};

use crate::Time;

pub fn serialize<S: Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
    let text = String::deserialize(d)?;
    DateTime::parse_from_rfc3339(&text).map(|t| t.with_timezone(&Utc)).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct T(#[serde(with = "super")] Time);

    #[test]
    fn same_text_as_chrono_and_round_trips() {
        for text in ["2026-11-24T09:00:00Z", "2026-11-24T12:20:46.856623Z", "2020-01-01T00:00:00.500Z"] {
            let t: Time = text.parse().unwrap();
            let ours = serde_json::to_string(&T(t)).unwrap();
            assert_eq!(ours, serde_json::to_string(&t).unwrap());
            assert_eq!(serde_json::from_str::<T>(&ours).unwrap(), T(t));
        }
        // Offsets are converted to UTC.
        let t = serde_json::from_str::<T>("\"2026-11-24T17:00:00+08:00\"").unwrap();
        assert_eq!(t.0, "2026-11-24T09:00:00Z".parse::<Time>().unwrap());
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for bad in ["\"2026-11-24\"", "\"2026-11-24 09:00:00\"", "\"yesterday\"", "1764000000", "\"2026-13-01T00:00:00Z\""] {
            assert!(serde_json::from_str::<T>(bad).is_err(), "{bad}");
        }
    }
}
