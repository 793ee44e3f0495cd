//! The decoded payload against a dgc-testdata file's `JSON` (EXPECTEDDECODE), compared as
//! values, not as text: issuers wrote the same payload with other spellings of one value.

use chrono::DateTime;
use serde_json::{Number, Value};

/// Whether `a` and `b` say the same: objects with the same keys and values (in any order),
/// arrays element by element, numbers as numbers (`1` = `1.0`), and strings equal as text or,
/// when both are RFC 3339 date-times, as instants (`…T12:34:56Z` = `…T14:34:56+02:00` =
/// `…T12:34:56.000+00:00`). A date-time without an offset is not an instant: text only.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        (Value::Number(x), Value::Number(y)) => same_number(x, y),
        (Value::String(x), Value::String(y)) => x == y || same_instant(x, y),
        _ => a == b,
    }
}

/// Integers exactly; a float and anything else as f64.
fn same_number(x: &Number, y: &Number) -> bool {
    let int = |n: &Number| n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
    match (int(x), int(y)) {
        (Some(i), Some(j)) => i == j,
        _ => x.as_f64().zip(y.as_f64()).is_some_and(|(f, g)| f == g),
    }
}

fn same_instant(x: &str, y: &str) -> bool {
    match (DateTime::parse_from_rfc3339(x), DateTime::parse_from_rfc3339(y)) {
        (Ok(s), Ok(t)) => s == t,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::same;
    use serde_json::json;

    #[test]
    fn times_compare_as_instants_and_numbers_as_numbers() {
        let signed = json!({"ver": "1.3.0", "t": [{"sc": "2021-06-30T12:34:56Z", "dn": 1}], "dob": "1990-01-01"});
        for file in [
            json!({"dob": "1990-01-01", "t": [{"dn": 1, "sc": "2021-06-30T12:34:56+00:00"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": 1.0, "sc": "2021-06-30T14:34:56+02:00"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": 1, "sc": "2021-06-30T12:34:56.000Z"}], "ver": "1.3.0"}),
        ] {
            assert!(same(&signed, &file), "{file}");
            assert!(same(&file, &signed), "{file}");
        }
        for file in [
            // two hours off (FR/test_pcr_ok), no offset, another date, another number, a key more or less
            json!({"dob": "1990-01-01", "t": [{"dn": 1, "sc": "2021-06-30T14:34:56Z"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": 1, "sc": "2021-06-30T12:34:56"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-02", "t": [{"dn": 1, "sc": "2021-06-30T12:34:56Z"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": 1.5, "sc": "2021-06-30T12:34:56Z"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": "1", "sc": "2021-06-30T12:34:56Z"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": 1, "sc": "2021-06-30T12:34:56Z", "x": null}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"sc": "2021-06-30T12:34:56Z"}], "ver": "1.3.0"}),
            json!({"dob": "1990-01-01", "t": [{"dn": 1, "sc": "2021-06-30T12:34:56Z"}, {}], "ver": "1.3.0"}),
        ] {
            assert!(!same(&signed, &file), "{file}");
            assert!(!same(&file, &signed), "{file}");
        }
        // dates are text: a date is not the midnight of its day
        assert!(!same(&json!("2021-06-30"), &json!("2021-06-30T00:00:00Z")));
        assert!(same(&json!(u64::MAX), &json!(u64::MAX)) && !same(&json!(u64::MAX), &json!(u64::MAX - 1)));
    }
}
