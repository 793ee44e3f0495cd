//! Signing: credentials as COSE_Sign1 → QR text, and root-signed files in their envelope.
//! The formats are read by `yima-core` (codec, cose, envelope); this is their writing side.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ciborium::Value;
use coset::{iana, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use ed25519_dalek::{Signer, SigningKey};
use serde::Serialize;
use sha2::{Digest, Sha256};
use yima_core::{
    encode_text, hex, kid, signed_message, Claims, DeltaList, FullList, PolicySet, SignedContent, TrustList, DELTA_KIND, FULL_KIND,
    SIGNED_FORMAT,
};

/// A secret derived from a label and a seed: SHA-256(seed ‖ 0x00 ‖ label).
/// Used for demo keys (public, fixed seed) and reproducible test keys only.
pub fn derived_secret(seed: &[u8], label: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(seed);
    h.update([0u8]);
    h.update(label.as_bytes());
    h.finalize().into()
}

/// A signing key whose secret is [`derived_secret`] (demo and test keys only).
pub fn derived_key(seed: &[u8], label: &str) -> SigningKey {
    SigningKey::from_bytes(&derived_secret(seed, label))
}

/// CBOR bytes of the claims, deterministically encoded (RFC 8949 §4.2.1, docs/format.md §1):
/// ciborium writes preferred heads and definite lengths; map keys are put in the order of
/// their encoded bytes here (serde writes fields in declaration order).
pub fn claims_cbor(claims: &Claims) -> Vec<u8> {
    let mut out = Vec::new();
    // Serialising plain data into a Value or a Vec cannot fail.
    if let Ok(value) = Value::serialized(claims) {
        let _ = ciborium::into_writer(&deterministic(value), &mut out);
    }
    out
}

fn encoded(v: &Value) -> Vec<u8> {
    let mut b = Vec::new();
    let _ = ciborium::into_writer(v, &mut b);
    b
}

/// `v` with every map's keys in the order of their encoded bytes.
fn deterministic(v: Value) -> Value {
    match v {
        Value::Map(m) => {
            let mut m: Vec<(Value, Value)> = m.into_iter().map(|(k, v)| (deterministic(k), deterministic(v))).collect();
            m.sort_by_cached_key(|(k, _)| encoded(k));
            Value::Map(m)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(deterministic).collect()),
        other => other,
    }
}

/// Signs `payload` as a tagged COSE_Sign1 with the key's kid in the protected header.
pub fn sign_cose(payload: Vec<u8>, key: &SigningKey) -> Vec<u8> {
    let protected = HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(kid(&key.verifying_key()).to_vec()).build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(payload)
        .create_signature(b"", |tbs| key.sign(tbs).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .unwrap_or_default()
}

/// Signs the claims and returns the COSE_Sign1 bytes.
pub fn sign_claims(claims: &Claims, key: &SigningKey) -> Vec<u8> {
    sign_cose(claims_cbor(claims), key)
}

/// Signs the claims and returns the QR text (`YM1:…`).
pub fn issue(claims: &Claims, key: &SigningKey) -> String {
    encode_text(&sign_claims(claims, key))
}

#[derive(Serialize)]
struct Envelope<'a> {
    yima: &'a str,
    kid: String,
    payload: String,
    signature: String,
}

/// Signs `payload` (already serialised) as a root-signed file of `kind`.
pub fn seal(kind: &str, payload: &[u8], root: &SigningKey) -> String {
    let env = Envelope {
        yima: SIGNED_FORMAT,
        kid: hex(&kid(&root.verifying_key())),
        payload: B64.encode(payload),
        signature: B64.encode(root.sign(&signed_message(kind, payload)).to_bytes()),
    };
    serde_json::to_string_pretty(&env).unwrap_or_default()
}

/// A file the root signs: serialises itself and seals.
pub trait Seal {
    fn seal(&self, root: &SigningKey) -> String;
}

fn seal_json<T: SignedContent + Serialize>(content: &T, root: &SigningKey) -> String {
    seal(T::KIND, &serde_json::to_vec(content).unwrap_or_default(), root)
}

impl Seal for TrustList {
    fn seal(&self, root: &SigningKey) -> String {
        seal_json(self, root)
    }
}

impl Seal for PolicySet {
    fn seal(&self, root: &SigningKey) -> String {
        seal_json(self, root)
    }
}

impl Seal for FullList {
    fn seal(&self, root: &SigningKey) -> String {
        seal(FULL_KIND, &self.payload(), root)
    }
}

impl Seal for DeltaList {
    fn seal(&self, root: &SigningKey) -> String {
        seal(DELTA_KIND, &self.payload(), root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_are_stable_and_distinct() {
        let a = derived_key(b"seed", "a");
        assert_eq!(a.to_bytes(), derived_key(b"seed", "a").to_bytes());
        assert_ne!(a.to_bytes(), derived_key(b"seed", "b").to_bytes());
        assert_ne!(kid(&a.verifying_key()), kid(&derived_key(b"seed", "b").verifying_key()));
    }

    #[test]
    fn claims_are_written_with_keys_in_encoded_order() {
        let now: yima_core::Time = "2026-11-24T09:00:00Z".parse().unwrap();
        let mut hc = crate::demo::health_code(now, yima_core::Colour::Green, None);
        hc.uid = Some([7; 16]);
        hc.itinerary = Some(crate::demo::trip(true));
        hc.nat = Some(crate::demo::paper_report(now, 10).result);
        let bytes = claims_cbor(&Claims::HealthCode(hc));
        fn sorted(v: &Value) -> bool {
            match v {
                Value::Map(m) => m.windows(2).all(|w| encoded(&w[0].0) < encoded(&w[1].0)) && m.iter().all(|(_, v)| sorted(v)),
                Value::Array(a) => a.iter().all(sorted),
                _ => true,
            }
        }
        let value: Value = ciborium::from_reader(bytes.as_slice()).unwrap();
        assert!(sorted(&value));
        let Value::Map(top) = &value else { panic!() };
        let Value::Map(fields) = &top[0].1 else { panic!() };
        let keys: Vec<_> = fields.iter().filter_map(|(k, _)| k.as_text()).collect();
        assert_eq!(keys, ["a", "c", "g", "j", "n", "p", "u", "v", "x"]);
        assert_eq!(bytes, claims_cbor(&yima_core::claims_from_cbor(&bytes).unwrap()));
    }

    #[test]
    fn claims_round_trip_and_trailing_bytes_are_refused() {
        let now: yima_core::Time = "2026-11-24T09:00:00Z".parse().unwrap();
        let claims = Claims::HealthCode(crate::demo::health_code(now, yima_core::Colour::Green, None));
        let mut bytes = claims_cbor(&claims);
        assert_eq!(yima_core::claims_from_cbor(&bytes), Ok(claims));
        bytes.push(0x00);
        assert!(yima_core::claims_from_cbor(&bytes).is_err());
        assert!(yima_core::claims_from_cbor(&[]).is_err());
    }
}
