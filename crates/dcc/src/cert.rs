//! Document signer certificates (X.509 DER, parsed with `x509-cert`): public key, validity,
//! and the certificate types the extended key usage allows.
//!
//! Nothing here checks the certificate's own signature: Yima trusts a signer because the
//! operator put it in the root-signed trust list, not because of a CA chain.

use sha2::{Digest, Sha256};
use x509_cert::der::{oid::ObjectIdentifier, Decode, Encode};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::Certificate;

use crate::signature::PublicKey;
use crate::Time;

/// Length of a DCC key id: the first 8 bytes of SHA-256 over the certificate's DER.
pub const KID_LEN: usize = 8;

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");

/// The kinds of certificate a DCC can be (its one `t`, `v` or `r` entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertType {
    Test,
    Vaccination,
    Recovery,
}

impl CertType {
    pub const ALL: [CertType; 3] = [CertType::Test, CertType::Vaccination, CertType::Recovery];

    /// Last arc of the extended key usage OID (`…1847.2021.1.x`).
    fn arc(self) -> u32 {
        match self {
            CertType::Test => 1,
            CertType::Vaccination => 2,
            CertType::Recovery => 3,
        }
    }

    /// The two spellings issuers used: 1.3.6.1.4.1.1847.2021.1.x (specified) and
    /// 1.3.6.1.4.1.0.1847.2021.1.x (seen in the wild).
    fn oids(self) -> [String; 2] {
        let x = self.arc();
        [format!("1.3.6.1.4.1.1847.2021.1.{x}"), format!("1.3.6.1.4.1.0.1847.2021.1.{x}")]
    }
}

/// Which certificate types a signer may sign: from the EKU OIDs; none of them listed = all.
pub fn allowed_types(eku: &[ObjectIdentifier]) -> Vec<CertType> {
    let listed: Vec<String> = eku.iter().map(|o| o.to_string()).collect();
    let named: Vec<CertType> =
        CertType::ALL.into_iter().filter(|t| t.oids().iter().any(|o| listed.contains(o))).collect();
    if named.is_empty() {
        CertType::ALL.to_vec()
    } else {
        named
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
        let spki = &tbs.subject_public_key_info;
        let key = if spki.algorithm.oid == EC_PUBLIC_KEY {
            let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if curve != Some(P256) {
                return Err(CertError::KeyAlgorithm);
            }
            PublicKey::p256_from_sec1(spki.subject_public_key.raw_bytes()).ok_or(CertError::Key)?
        } else if spki.algorithm.oid == RSA {
            PublicKey::rsa_from_spki_der(&spki.to_der().map_err(|_| CertError::Key)?).ok_or(CertError::Key)?
        } else {
            return Err(CertError::KeyAlgorithm);
        };
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

    /// Whether this signer may sign a certificate of `t`.
    pub fn allows(&self, t: CertType) -> bool {
        self.types.contains(&t)
    }
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
        assert_eq!(
            allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.1"), oid("1.3.6.1.4.1.0.1847.2021.1.3")]),
            vec![Test, Recovery]
        );
        // a neighbouring arc is not a DCC usage
        assert_eq!(allowed_types(&[oid("1.3.6.1.4.1.1847.2021.1.4")]), vec![Test, Vaccination, Recovery]);
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert_eq!(Signer::from_der(b""), Err(CertError::Der));
        assert_eq!(Signer::from_der(&[0x30, 0x03, 0x02, 0x01, 0x01]), Err(CertError::Der));
    }
}
