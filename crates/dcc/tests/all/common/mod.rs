//! Builders for test certificates: a DCC payload, its CWT, COSE_Sign1 (ES256 or PS256) and
//! HC1 text, made here with the same crates an issuer would use.
#![allow(dead_code)]

use std::io::Write;

use ciborium::Value;
use coset::{iana, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use p256::ecdsa::signature::{RandomizedSigner, Signer as _};
use yima_dcc::cert::{CertType, Signer};
use yima_dcc::signature::PublicKey;
use yima_dcc::Time;

pub const KID: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

pub fn t(s: &str) -> Time {
    s.parse().unwrap()
}

pub fn ec_key() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap()
}

/// One 2048-bit RSA key per test process (key generation is slow).
pub fn rsa_key() -> &'static rsa::RsaPrivateKey {
    static KEY: std::sync::OnceLock<rsa::RsaPrivateKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).unwrap())
}

pub fn signer(key: PublicKey, types: &[CertType]) -> Signer {
    Signer { kid: KID, key, not_before: t("2021-01-01T00:00:00Z"), not_after: t("2023-01-01T00:00:00Z"), types: types.to_vec() }
}

pub fn ec_signer(types: &[CertType]) -> Signer {
    signer(PublicKey::P256(*ec_key().verifying_key()), types)
}

pub fn rsa_signer(types: &[CertType]) -> Signer {
    signer(PublicKey::Rsa(rsa_key().to_public_key()), types)
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn int(i: i64) -> Value {
    Value::Integer(i.into())
}

/// A vaccination DCC payload (dose 2/2).
pub fn vaccination() -> Value {
    let entry = Value::Map(vec![
        (text("tg"), text("840539006")),
        (text("vp"), text("1119349007")),
        (text("mp"), text("EU/1/20/1528")),
        (text("ma"), text("ORG-100030215")),
        (text("dn"), int(2)),
        (text("sd"), int(2)),
        (text("dt"), text("2021-05-29")),
        (text("co"), text("AT")),
        (text("is"), text("Ministry of Health")),
        (text("ci"), text("URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B")),
    ]);
    Value::Map(vec![
        (text("ver"), text("1.3.0")),
        (
            text("nam"),
            Value::Map(vec![
                (text("fn"), text("Muster")),
                (text("fnt"), text("MUSTER")),
                (text("gn"), text("Gabi")),
                (text("gnt"), text("GABI")),
            ]),
        ),
        (text("dob"), text("1998-02-26")),
        (text("v"), Value::Array(vec![entry])),
    ])
}

/// CWT claims: issuer AT, iat 2021-06-01, exp 2022-06-01.
pub fn cwt(hcert: Value) -> Vec<u8> {
    cwt_from("AT", hcert)
}

/// [`cwt`] with another issuer claim (1).
pub fn cwt_from(issuer: &str, hcert: Value) -> Vec<u8> {
    let claims = Value::Map(vec![
        (int(1), text(issuer)),
        (int(6), int(1_622_505_600)),
        (int(4), int(1_654_041_600)),
        (int(-260), Value::Map(vec![(int(1), hcert)])),
    ]);
    let mut out = Vec::new();
    ciborium::into_writer(&claims, &mut out).unwrap();
    out
}

/// How the COSE_Sign1 under test is built.
pub struct Cose {
    pub alg: Option<iana::Algorithm>,
    pub kid_protected: bool,
    pub kid_unprotected: bool,
    pub alg_unprotected: bool,
}

impl Default for Cose {
    fn default() -> Self {
        Cose { alg: Some(iana::Algorithm::ES256), kid_protected: true, kid_unprotected: false, alg_unprotected: false }
    }
}

impl Cose {
    pub fn build(&self, payload: Vec<u8>, sign: impl FnOnce(&[u8]) -> Vec<u8>) -> Vec<u8> {
        let mut p = HeaderBuilder::new();
        if let Some(a) = self.alg {
            p = p.algorithm(a);
        }
        if self.kid_protected {
            p = p.key_id(KID.to_vec());
        }
        let mut u = HeaderBuilder::new();
        if self.kid_unprotected {
            u = u.key_id(KID.to_vec());
        }
        if self.alg_unprotected {
            u = u.algorithm(iana::Algorithm::ES256);
        }
        CoseSign1Builder::new()
            .protected(p.build())
            .unprotected(u.build())
            .payload(payload)
            .create_signature(b"", sign)
            .build()
            .to_tagged_vec()
            .unwrap()
    }
}

pub fn es256(tbs: &[u8]) -> Vec<u8> {
    let sig: p256::ecdsa::Signature = ec_key().sign(tbs);
    sig.to_bytes().to_vec()
}

pub fn es256_der(tbs: &[u8]) -> Vec<u8> {
    let sig: p256::ecdsa::Signature = ec_key().sign(tbs);
    sig.to_der().as_bytes().to_vec()
}

pub fn ps256(tbs: &[u8]) -> Vec<u8> {
    let k = rsa::pss::BlindedSigningKey::<sha2::Sha256>::new(rsa_key().clone());
    let sig = k.sign_with_rng(&mut rand_core::OsRng, tbs);
    rsa::signature::SignatureEncoding::to_vec(&sig)
}

/// COSE bytes → HC1 text.
pub fn hc1(cose: &[u8]) -> String {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(cose).unwrap();
    format!("HC1:{}", base45::encode(z.finish().unwrap()))
}
