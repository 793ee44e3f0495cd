//! EU Digital COVID Certificates (HC1) for Yima: read, verify, judge.
//!
//! Kept out of `yima-core` so the app's first-paint wasm never carries ECDSA, RSA or X.509:
//! the app loads this as a separate module the first time an HC1 code is scanned.
//!
//! Stages and their error types (same model as the core):
//! - [`text`]: `HC1:` + base45 + zlib → COSE bytes — [`text::TextError`] (the core's codec error)
//! - [`sign1`]: COSE_Sign1, ES256/PS256, kid — [`sign1::Sign1Error`]
//! - [`cwt`]: CWT claims and the hcert claim — [`cwt::CwtError`]
//! - [`payload`]: DCC payload → facts (and its JSON form) — [`payload::PayloadError`]
//! - [`cert`]: document signer certificates — [`cert::CertError`]
//! - [`verify`]: signature, time and key usage → a [`verify::Verification`] *value*
//! - [`evaluate`]: + the venue's signed foreign-certificate rule → the core's reasons and verdict
//! - [`card`]: → the [`yima_core::ForeignView`] the app shows (zh/en, masked)
//! - [`scan`]: the module's one call: text + root-signed endpoint files + venue + time → card

pub mod card;
pub mod cert;
pub mod cwt;
pub mod evaluate;
pub mod payload;
pub mod scan;
pub mod sign1;
pub mod signature;
pub mod text;
pub mod verify;

/// A point in time. Always passed in by the caller.
pub type Time = chrono::DateTime<chrono::Utc>;

/// Any stage's error while reading HC1 text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Text(#[from] text::TextError),
    #[error(transparent)]
    Sign1(#[from] sign1::Sign1Error),
    #[error(transparent)]
    Cwt(#[from] cwt::CwtError),
    #[error(transparent)]
    Payload(#[from] payload::PayloadError),
}

/// An HC1 certificate read (not yet verified).
#[derive(Debug, Clone)]
pub struct Read {
    pub opened: sign1::Opened,
    pub cwt: cwt::Cwt,
    pub dcc: payload::Dcc,
}

/// Reads HC1 text through every stage. Never panics, whatever the input.
pub fn read(text: &str) -> Result<Read, ReadError> {
    let cose = text::decode_text(text)?;
    let opened = sign1::open(&cose)?;
    let cwt = cwt::parse(&opened.payload)?;
    let dcc = payload::read(&cwt.hcert)?;
    Ok(Read { opened, cwt, dcc })
}

impl Read {
    /// Verifies with the signer the trust list has for this kid (if any) at `now`.
    pub fn verify(&self, signer: Option<&cert::Signer>, now: Time) -> verify::Verification {
        verify::verify(&self.opened, &self.cwt, self.dcc.entry.cert_type(), signer, now)
    }
}
