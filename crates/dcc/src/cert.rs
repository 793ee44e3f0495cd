//! Document signer certificates (X.509 DER, parsed with `x509-cert`): public key, validity,
//! and the certificate types the extended key usage allows.
//!
//! Nothing here checks the certificate's own signature: Yima trusts a signer because the
//! operator put it in the root-signed trust list, not because of a CA chain.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use sha2::{Digest, Sha256};
use x509_cert::der::{oid::ObjectIdentifier, Decode, Encode};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use yima_core::DccSigner;
use yima_core::KeyStatus;

use crate::signature::PublicKey;
use crate::Time;

/// Length of a DCC key id: the first 8 bytes of SHA-256 over the certificate's DER.
pub const KID_LEN: usize = 8;

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const COUNTRY: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");
const EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");

/// The certificate types are the trust list's (`yima_core::DccType`).
pub use yima_core::DccType as CertType;

/// Last arc of the extended key usage OID (`…1847.2021.1.x`).
fn arc(t: CertType) -> u32 {
    match t {
        CertType::Test => 1,
        CertType::Vaccination => 2,
        CertType::Recovery => 3,
    }
}

/// The two spellings issuers used: 1.3.6.1.4.1.1847.2021.1.x (specified) and
/// 1.3.6.1.4.1.0.1847.2021.1.x (seen in the wild).
fn oids(t: CertType) -> [String; 2] {
    let x = arc(t);
    [format!("1.3.6.1.4.1.1847.2021.1.{x}"), format!("1.3.6.1.4.1.0.1847.2021.1.{x}")]
}

/// Which certificate types a signer may sign: from the EKU OIDs; none of them listed = all.
pub fn allowed_types(eku: &[ObjectIdentifier]) -> Vec<CertType> {
    let listed: Vec<String> = eku.iter().map(|o| o.to_string()).collect();
    let named: Vec<CertType> = CertType::ALL.into_iter().filter(|t| oids(*t).iter().any(|o| listed.contains(o))).collect();
    if named.is_empty() {
        CertType::ALL.to_vec()
    } else {
        named
    }
}

/// A P-256 or RSA key from a SubjectPublicKeyInfo.
fn key_from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<PublicKey, CertError> {
    if spki.algorithm.oid == EC_PUBLIC_KEY {
        let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        if curve != Some(P256) {
            return Err(CertError::KeyAlgorithm);
        }
        PublicKey::p256_from_sec1(spki.subject_public_key.raw_bytes()).ok_or(CertError::Key)
    } else if spki.algorithm.oid == RSA {
        PublicKey::rsa_from_spki_der(&spki.to_der().map_err(|_| CertError::Key)?).ok_or(CertError::Key)
    } else {
        Err(CertError::KeyAlgorithm)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    #[error("not an X.509 certificate (DER)")]
    Der,
    #[error("public key is neither P-256 nor RSA")]
    KeyAlgorithm,
    #[error("public key does not decode")]
    Key,
    #[error("extended key usage extension does not decode")]
    KeyUsage,
}

/// What Yima keeps of a document signer certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub kid: [u8; KID_LEN],
    pub key: PublicKey,
    pub not_before: Time,
    pub not_after: Time,
    /// Allowed certificate types (never empty).
    pub types: Vec<CertType>,
}

impl Signer {
    /// Parses a DER certificate. Never panics.
    pub fn from_der(der: &[u8]) -> Result<Self, CertError> {
        let cert = Certificate::from_der(der).map_err(|_| CertError::Der)?;
        let tbs = &cert.tbs_certificate;
        let key = key_from_spki(&tbs.subject_public_key_info)?;
        let mut eku = Vec::new();
        for ext in tbs.extensions.iter().flatten().filter(|e| e.extn_id == EXT_KEY_USAGE) {
            let list = ExtendedKeyUsage::from_der(ext.extn_value.as_bytes()).map_err(|_| CertError::KeyUsage)?;
            eku.extend(list.0);
        }
        let time = |t: &x509_cert::time::Time| {
            let secs = t.to_unix_duration().as_secs();
            i64::try_from(secs).ok().and_then(|s| Time::from_timestamp(s, 0)).ok_or(CertError::Der)
        };
        Ok(Signer {
            kid: kid(der),
            key,
            not_before: time(&tbs.validity.not_before)?,
            not_after: time(&tbs.validity.not_after)?,
            types: allowed_types(&eku),
        })
    }

    /// The signer the root-signed trust list names (`None` if its key does not decode or it
    /// is revoked).
    pub fn from_entry(e: &DccSigner) -> Option<Self> {
        if e.status != KeyStatus::Active {
            return None;
        }
        let kid: [u8; KID_LEN] = (0..KID_LEN)
            .map(|i| e.kid.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect::<Option<Vec<u8>>>()?
            .try_into()
            .ok()?;
        Self::from_parts(kid, &B64.decode(&e.public_key).ok()?, e.not_before, e.not_after, e.types.clone())
    }

    /// A trust-list entry's parts as the app hands them to the DCC module: the key as
    /// SubjectPublicKeyInfo DER (`None` if it does not decode).
    pub fn from_parts(kid: [u8; KID_LEN], spki_der: &[u8], not_before: Time, not_after: Time, types: Vec<CertType>) -> Option<Self> {
        let key = key_from_spki(&SubjectPublicKeyInfoOwned::from_der(spki_der).ok()?).ok()?;
        Some(Signer { kid, key, not_before, not_after, types })
    }

    /// Whether this signer may sign a certificate of `t`.
    pub fn allows(&self, t: CertType) -> bool {
        self.types.contains(&t)
    }
}

/// The root-signed trust-list entry for a certificate (what `yima-issuer trust-entry
/// --dcc-cert` prints).
pub fn trust_entry(der: &[u8]) -> Result<DccSigner, CertError> {
    let s = Signer::from_der(der)?;
    let cert = Certificate::from_der(der).map_err(|_| CertError::Der)?;
    let tbs = &cert.tbs_certificate;
    let spki = tbs.subject_public_key_info.to_der().map_err(|_| CertError::Key)?;
    let country = tbs
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|a| a.oid == COUNTRY)
        .and_then(|a| {
            use x509_cert::der::asn1::{PrintableStringRef, Utf8StringRef};
            let v = &a.value;
            v.decode_as::<PrintableStringRef>()
                .map(|p| p.as_str().to_string())
                .or_else(|_| v.decode_as::<Utf8StringRef>().map(|u| u.as_str().to_string()))
                .ok()
        })
        .unwrap_or_default();
    Ok(DccSigner {
        kid: s.kid.iter().map(|b| format!("{b:02x}")).collect(),
        country,
        public_key: B64.encode(spki),
        not_before: s.not_before,
        not_after: s.not_after,
        types: s.types,
        status: KeyStatus::Active,
    })
}

/// The DCC key id of a certificate: SHA-256 of its DER, first 8 bytes.
pub fn kid(der: &[u8]) -> [u8; KID_LEN] {
    let h = Sha256::digest(der);
    let mut k = [0; KID_LEN];
    k.copy_from_slice(&h[..KID_LEN]);
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oid(s: &str) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(s)
    }

    #[test]
    fn eku_cases() {
        use CertType::*;
        // none listed (or only unrelated usages such as clientAuth) = everything allowed
        assert_eq!(allowed_types(&[]), vec![Test, Vaccination, Recovery]);
        assert_eq!(allowed_types(&[oid("1.3.6.1.5.5.7.3.2")]), vec![Test, Vaccination, Recovery]);
        // each type alone, in the specified spelling
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.1")]), vec![Test]);
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.2")]), vec![Vaccination]);
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.3")]), vec![Recovery]);
        // and in the variant spelling some issuers used
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.0.1847.2021.1.1")]), vec![Test]);
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.0.1847.2021.1.2")]), vec![Vaccination]);
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.0.1847.2021.1.3")]), vec![Recovery]);
        // combinations and mixed spellings
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.1"), oid("1.3.6.1.4.1.0.1847.2021.1.3")]), vec![Test, Recovery]);
        // a neighbouring arc is not a DCC usage
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.4")]), vec![Test, Vaccination, Recovery]);
    }

    #[test]
    fn trust_entries_that_do_not_name_a_usable_key_give_no_signer() {
        let good = DccSigner {
            kid: "d919375fc1e7b6b2".into(),
            country: "AT".into(),
            public_key: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErdVc9a0bltR6jm1BPTA3u0cyJNYKuF1uRk8h7h04+XBRJ9kYHt+/oSDXwmWXKM6cECncmqaKz1D9UxO1FpdBdw==".into(),
            not_before: "2021-05-05T12:41:06Z".parse().unwrap(),
            not_after: "2023-05-05T12:41:06Z".parse().unwrap(),
            types: vec![CertType::Vaccination],
            status: KeyStatus::Active,
        };
        let s = Signer::from_entry(&good).expect("AT test signer key");
        assert_eq!(s.kid, [0xd9, 0x19, 0x37, 0x5f, 0xc1, 0xe7, 0xb6, 0xb2]);
        assert!(s.allows(CertType::Vaccination) && !s.allows(CertType::Test));
        let with = |f: &dyn Fn(&mut DccSigner)| {
            let mut e = good.clone();
            f(&mut e);
            Signer::from_entry(&e)
        };
        assert!(with(&|e| e.status = KeyStatus::Revoked).is_none());
        assert!(with(&|e| e.kid = "d919375fc1e7b6".into()).is_none(), "short kid");
        assert!(with(&|e| e.kid = "zz19375fc1e7b6b2".into()).is_none(), "not hex");
        assert!(with(&|e| e.public_key = "AAAA".into()).is_none(), "not a key");
        assert!(with(&|e| e.public_key.replace_range(40..44, "AAAA")).is_none(), "point not on the curve");
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert_eq!(Signer::from_der(b""), Err(CertError::Der));
        assert_eq!(Signer::from_der(&[0x30, 0x03, 0x02, 0x01, 0x01]), Err(CertError::Der));
    }
}
