//! Root-signed files (`keys.json`, `policies.json`).
//!
//! The signature covers the exact payload bytes, carried base64-encoded inside a small JSON
//! envelope, so no canonical-JSON rules are needed:
//! `{"yima":"signed-v1","kid":"<hex>","payload":"<base64>","signature":"<base64>"}`.
//! The message signed is `"yima-signed-v1:" ‖ kind ‖ ":" ‖ payload`, which binds the file kind
//! (a signed policy file can never be passed off as a trust list).

use std::borrow::Cow;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use serde::Deserialize;

use crate::keys::kid;

/// Largest signed file accepted, before any parsing.
pub const MAX_FILE_LEN: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("{kind} file larger than its size cap ({cap} bytes)")]
    TooLarge { kind: String, cap: usize },
    #[error("not a signed Yima file")]
    NotEnvelope,
    #[error("signed by a key that is not a pinned root key")]
    UnknownSigner,
    #[error("signature does not verify")]
    BadSignature,
    /// The root signed this payload as another kind of file (e.g. policies given as the trust list).
    #[error("this is a {found} file, not a {expected} file")]
    WrongKind { expected: String, found: String },
    #[error("signed content is not valid: {0}")]
    Content(String),
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    yima: Cow<'a, str>,
    #[serde(borrow)]
    kid: Cow<'a, str>,
    #[serde(borrow)]
    payload: Cow<'a, str>,
    #[serde(borrow)]
    signature: Cow<'a, str>,
}

impl EnvelopeError {
    /// A file of `kind` over its cap of `cap` bytes.
    pub fn too_large(kind: &str, cap: usize) -> EnvelopeError {
        EnvelopeError::TooLarge { kind: kind.to_string(), cap }
    }
}

/// Every file kind a root signs (the kind is part of the signed message); a file that fails as
/// one kind is tried as the others only to name the mistake ([`EnvelopeError::WrongKind`]).
pub const KINDS: [&str; 4] = ["trust-list", "policies", "revocation-full", "revocation-delta"];

/// The envelope's `yima` field.
pub const FORMAT: &str = "signed-v1";

/// The bytes a root signs for a file of `kind`: `"yima-signed-v1:" ‖ kind ‖ ":" ‖ payload`.
pub fn message(kind: &str, payload: &[u8]) -> Vec<u8> {
    let mut m = format!("yima-{FORMAT}:{kind}:").into_bytes();
    m.extend_from_slice(payload);
    m
}

/// Verifies a file of `kind` against the pinned root keys and returns the signed payload bytes.
pub fn open(kind: &str, file: &[u8], roots: &[VerifyingKey]) -> Result<Vec<u8>, EnvelopeError> {
    open_capped(kind, file, roots, MAX_FILE_LEN)
}

/// [`open`] with a size cap of its own, for file kinds larger than [`MAX_FILE_LEN`] (the full
/// revocation list); the cap is checked before any parsing.
pub fn open_capped(kind: &str, file: &[u8], roots: &[VerifyingKey], cap: usize) -> Result<Vec<u8>, EnvelopeError> {
    open_payload(kind, file, roots, cap).map(|p| p.bytes().to_vec())
}

/// [`open_capped`], returning the payload in place in its word-aligned buffer (no copy).
pub fn open_payload(kind: &str, file: &[u8], roots: &[VerifyingKey], cap: usize) -> Result<Payload, EnvelopeError> {
    if file.len() > cap {
        return Err(EnvelopeError::too_large(kind, cap));
    }
    // Borrowed where the JSON string has no escapes (base64 never needs any): no copy of the text.
    let env: Envelope<'_> = serde_json::from_slice(file).map_err(|_| EnvelopeError::NotEnvelope)?;
    let fields = Fields { yima: &env.yima, kid: &env.kid, signature: &env.signature, payload_len: env.payload.len() };
    open_fields(kind, &fields, [env.payload.as_bytes()], roots, cap)
}

/// The small fields of a signed file, for a caller that parsed its JSON elsewhere (the app uses
/// the browser's own parser, so the multi-megabyte revocation list never enters wasm memory as
/// text); the payload then comes as base64 chunks, each a multiple of 4 characters but the last.
pub struct Fields<'a> {
    pub yima: &'a str,
    pub kid: &'a str,
    pub signature: &'a str,
    /// Length of the payload's base64 text, to size the buffer once.
    pub payload_len: usize,
}

/// Verifies a file given as [`Fields`] and base64 payload chunks; decodes the chunks straight
/// into the buffer that is then verified and returned (one allocation of the payload's size).
pub fn open_fields<C: AsRef<[u8]>>(
    kind: &str,
    f: &Fields,
    chunks: impl IntoIterator<Item = C>,
    roots: &[VerifyingKey],
    cap: usize,
) -> Result<Payload, EnvelopeError> {
    if f.payload_len > cap {
        return Err(EnvelopeError::too_large(kind, cap));
    }
    if f.yima != FORMAT {
        return Err(EnvelopeError::NotEnvelope);
    }
    let root = roots.iter().find(|r| hex(&kid(r)) == f.kid).ok_or(EnvelopeError::UnknownSigner)?;
    let sig = B64.decode(f.signature).map_err(|_| EnvelopeError::BadSignature)?;
    let prefix = message(kind, b"");
    let mut buf = Payload::zeroed(prefix.len() + f.payload_len.div_ceil(4) * 3);
    let bytes = buf.bytes_mut_all();
    bytes[..prefix.len()].copy_from_slice(&prefix);
    let mut at = prefix.len();
    for chunk in chunks {
        at += B64.decode_slice(chunk.as_ref(), &mut bytes[at..]).map_err(|_| EnvelopeError::NotEnvelope)?;
    }
    if !crate::keys::verify(root, &bytes[..at], &sig) {
        let payload = &bytes[prefix.len()..at];
        let other = KINDS.into_iter().find(|k| *k != kind && crate::keys::verify(root, &message(k, payload), &sig));
        return Err(other.map_or(EnvelopeError::BadSignature, |k| EnvelopeError::WrongKind { expected: kind.into(), found: k.into() }));
    }
    buf.range = prefix.len()..at;
    Ok(buf)
}

/// A verified payload inside a buffer of `u32` words: its start is 4-byte aligned, so binary
/// structures in it (the revocation filter's fingerprints) can be read in place.
#[derive(Debug, Clone)]
pub struct Payload {
    words: Vec<u32>,
    range: std::ops::Range<usize>,
}

impl Payload {
    fn zeroed(len: usize) -> Payload {
        Payload { words: vec![0; len.div_ceil(4)], range: 0..len }
    }

    /// A copy of `bytes` (for payloads already at hand).
    pub fn copy_of(bytes: &[u8]) -> Payload {
        let mut p = Payload::zeroed(bytes.len());
        p.bytes_mut_all()[..bytes.len()].copy_from_slice(bytes);
        p
    }

    /// A copy of `bytes` placed `offset` bytes into the buffer (tests: every alignment).
    #[cfg(test)]
    pub(crate) fn copy_at(bytes: &[u8], offset: usize) -> Payload {
        let mut p = Payload::zeroed(offset + bytes.len());
        p.bytes_mut_all()[offset..offset + bytes.len()].copy_from_slice(bytes);
        p.range = offset..offset + bytes.len();
        p
    }

    /// The payload.
    pub fn bytes(&self) -> &[u8] {
        &self.all()[self.range.clone()]
    }

    /// Where the payload lies in [`Payload::all`].
    pub fn range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }

    /// The whole aligned buffer (the payload and what precedes it).
    pub fn all(&self) -> &[u8] {
        bytemuck::cast_slice(&self.words)
    }

    pub(crate) fn bytes_mut_all(&mut self) -> &mut [u8] {
        bytemuck::cast_slice_mut(&mut self.words)
    }

    /// Bytes allocated.
    pub fn capacity(&self) -> usize {
        self.words.capacity() * 4
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
