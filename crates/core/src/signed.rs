//! What every root-signed JSON file (trust list, policies) shares: its kind, its header fields,
//! one way to open it, one error, staleness and the sequence rule, which the revocation files
//! share too ([`check_sequence`]).

use ed25519_dalek::VerifyingKey;
use serde::de::DeserializeOwned;

use crate::envelope::{self, EnvelopeError};
use crate::Time;

/// Content of a root-signed file: knows its kind and its signed header fields.
pub trait SignedContent: DeserializeOwned + PartialEq {
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

    /// Whether `self` may replace `current` (the copy held, if any) at `now`, given `floor`, the
    /// highest sequence ever accepted for this kind (kept apart from the copy): [`check_sequence`].
    fn check_replaces(&self, current: Option<&Self>, floor: u64, now: Time) -> Result<(), SignedError> {
        let have = current.map_or(0, Self::sequence).max(floor);
        let same = current.filter(|c| c.sequence() == self.sequence()).map(|c| c == self);
        Ok(check_sequence(have, self.sequence(), same, now)?)
    }
}

/// How far a sequence may run ahead of both the highest one accepted and the verifier's clock
/// in Unix seconds: ≈ 11.6 days. A sequence is a counter or a signing time in Unix seconds, so
/// an honest file stays below; a file signed with a leaked or public (demo) root key cannot push
/// the held sequence to 2⁶⁴ − 1 and lock out every later honest file, only ≤ 11.6 days ahead.
pub const MAX_SEQUENCE_AHEAD: u64 = 1_000_000;

/// The one sequence rule of every root-signed file kind (trust list, policies, revocation full
/// list and delta). A file with sequence `got` may replace what is held when:
/// - `got` ≥ `have` (the held copy's sequence, or the highest ever accepted if higher);
/// - at `got` = the held copy's sequence, its content is the same (`same` = `Some(true)`: a
///   no-op); other content at an equal sequence is refused, so a changed file must carry a new
///   sequence (`same` is `None` when no copy with that sequence is held: nothing to compare);
/// - `got` ≤ max(`have`, `now` in Unix seconds) + [`MAX_SEQUENCE_AHEAD`].
pub fn check_sequence(have: u64, got: u64, same: Option<bool>, now: Time) -> Result<(), Rollback> {
    let limit = have.max(u64::try_from(now.timestamp()).unwrap_or(0)).saturating_add(MAX_SEQUENCE_AHEAD);
    if got < have {
        Err(Rollback::Older { have, got })
    } else if same == Some(false) {
        Err(Rollback::SameSequence { sequence: got })
    } else if got > limit {
        Err(Rollback::TooFarAhead { got, limit })
    } else {
        Ok(())
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

/// A file refused by its sequence ([`check_sequence`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rollback {
    #[error("sequence {got} is older than the accepted {have}")]
    Older { have: u64, got: u64 },
    #[error("sequence {sequence} is already accepted with other content (a changed file needs a higher sequence)")]
    SameSequence { sequence: u64 },
    #[error("sequence {got} runs too far ahead (limit {limit}: {MAX_SEQUENCE_AHEAD} above the held sequence and the clock)")]
    TooFarAhead { got: u64, limit: u64 },
}

/// Why a trust list or policy file was refused. A refused file never replaces the copy held.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error(transparent)]
    Rollback(#[from] Rollback),
}
