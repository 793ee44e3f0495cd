//! Stage 3: CWT claims (RFC 8392) of a DCC: issuer country (1), expiry (4), issued at (6) and
//! the hcert claim (−260) whose key 1 holds the DCC payload.

use ciborium::Value;

use crate::Time;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CwtError {
    #[error("CWT claims are not a CBOR map")]
    NotMap,
    #[error("claim {0} has the wrong type")]
    Claim(i64),
    #[error("no hcert claim (−260 → 1)")]
    NoHcert,
}

/// The claims a verifier uses. Times are absent when the issuer left them out.
#[derive(Debug, Clone, PartialEq)]
pub struct Cwt {
    pub issuer: Option<String>,
    pub issued_at: Option<Time>,
    pub expires: Option<Time>,
    /// The DCC payload, still CBOR.
    pub hcert: Value,
}

fn int_key(k: &Value) -> Option<i64> {
    k.as_integer().and_then(|i| i64::try_from(i).ok())
}

/// A NumericDate (RFC 8392 §2): integer seconds, or a float, fraction kept (ES and HU
/// issuers wrote floats such as 1620471868.5).
fn time(v: &Value, claim: i64) -> Result<Time, CwtError> {
    let t = match v {
        Value::Integer(i) => i64::try_from(*i).ok().and_then(|s| Time::from_timestamp(s, 0)),
        Value::Float(f) if f.is_finite() && f.abs() < 1e15 => {
            let secs = f.floor();
            Time::from_timestamp(secs as i64, ((f - secs) * 1e9) as u32)
        }
        _ => None,
    };
    t.ok_or(CwtError::Claim(claim))
}

/// Parses the COSE payload. Unknown claims are ignored. Never panics.
pub fn parse(payload: &[u8]) -> Result<Cwt, CwtError> {
    let value: Value = ciborium::from_reader(payload).map_err(|_| CwtError::NotMap)?;
    let Value::Map(claims) = value else { return Err(CwtError::NotMap) };
    let (mut issuer, mut issued_at, mut expires, mut hcert) = (None, None, None, None);
    for (k, v) in claims {
        match int_key(&k) {
            Some(1) => issuer = Some(v.into_text().map_err(|_| CwtError::Claim(1))?),
            Some(4) => expires = Some(time(&v, 4)?),
            Some(6) => issued_at = Some(time(&v, 6)?),
            Some(-260) => {
                let Value::Map(inner) = v else { return Err(CwtError::Claim(-260)) };
                hcert = inner.into_iter().find(|(k, _)| int_key(k) == Some(1)).map(|(_, v)| v);
            }
            _ => {}
        }
    }
    Ok(Cwt { issuer, issued_at, expires, hcert: hcert.ok_or(CwtError::NoHcert)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(iat: Value) -> Vec<u8> {
        let m = Value::Map(vec![
            (Value::Integer(6.into()), iat),
            (Value::Integer((-260).into()), Value::Map(vec![(Value::Integer(1.into()), Value::Map(vec![]))])),
        ]);
        let mut out = Vec::new();
        ciborium::into_writer(&m, &mut out).unwrap();
        out
    }

    #[test]
    fn numeric_dates_integer_or_float() {
        let at = |v| parse(&claims(v)).map(|c| c.issued_at.map(|t| t.timestamp_millis()));
        assert_eq!(at(Value::Integer(1_620_000_000.into())), Ok(Some(1_620_000_000_000)));
        assert_eq!(at(Value::Float(1_620_000_000.5)), Ok(Some(1_620_000_000_500)));
        assert_eq!(at(Value::Float(f64::NAN)), Err(CwtError::Claim(6)));
        assert_eq!(at(Value::Text("2021".into())), Err(CwtError::Claim(6)));
        assert_eq!(parse(&[0x80]), Err(CwtError::NotMap));
        assert_eq!(parse(&[0xa0]), Err(CwtError::NoHcert));
    }
}
