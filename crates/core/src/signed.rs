//! What every root-signed JSON file (trust list, policies) shares: its kind, its header fields,
//! one way to open it, one error, staleness and the rollback rule.

use ed25519_dalek::VerifyingKey;
use serde::de::DeserializeOwned;

use crate::envelope::{self, EnvelopeError};
use crate::Time;

/// Content of a root-signed file: knows its kind and its signed header fields.
pub trait SignedContent: DeserializeOwned {
    const KIND: &'static str;
    fn sequence(&self) -> u64;
    fn issued_at(&self) -> Time;
    fn max_age_hours(&self) -> u32;

    /// Verifies a file against the pinned roots, then parses the signed payload.
    fn open(file: &[u8], roots: &[VerifyingKey]) -> Result<Self, SignedError> {
        let payload = envelope::open(Self::KIND, file, roots)?;
        serde_json::from_slice(&payload).map_err(|e| SignedError::Envelope(EnvelopeError::Content(e.to_string())))
    }

    /// Whether the content is older than its signed maximum age at `now`.
    fn is_stale(&self, now: Time) -> bool {
        now - self.issued_at() > chrono::Duration::hours(i64::from(self.max_age_hours()))
    }

    /// Refuses a replayed older file: `self` may replace `current` only if not older.
    fn check_newer_than(&self, current: Option<&Self>) -> Result<(), SignedError> {
        match current {
            Some(c) if self.sequence() < c.sequence() => Err(Rollback { have: c.sequence(), got: self.sequence() }.into()),
            _ => Ok(()),
        }
    }
}

/// `impl SignedContent` for a file's content with `sequence`, `issued_at` and `max_age_hours`.
macro_rules! signed_content {
    ($content:ty, $kind:expr) => {
        impl $crate::signed::SignedContent for $content {
            const KIND: &'static str = $kind;
            fn sequence(&self) -> u64 {
                self.sequence
            }
            fn issued_at(&self) -> $crate::Time {
                self.issued_at
            }
            fn max_age_hours(&self) -> u32 {
                self.max_age_hours
            }
        }
    };
}
pub(crate) use signed_content;

/// A file older than the one already accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sequence {got} is older than the accepted {have}")]
pub struct Rollback {
    pub have: u64,
    pub got: u64,
}

/// Why a trust list or policy file was refused. A refused file never replaces the copy held.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error(transparent)]
    Rollback(#[from] Rollback),
}
