//! Per-credential revocation: a credential's identifier (`"u"`), the revocation entry derived
//! from it, the root-signed full list and delta files, and the lookup every scan goes through
//! (see docs/format.md "Revocation" for the format and the false-hit reasoning).

mod entry;
mod file;
mod filter;
mod lookup;
mod wire;

pub use entry::{entry, kid_from_hex, Uid, UID_LEN};
pub use file::{DeltaList, FullList, Header, DELTA_KIND, FULL_KIND, MAX_DELTA_LEN, MAX_FULL_LEN};
pub use filter::{Certainty, Set, EXACT_MAX, FUSE32_MAX};
pub use lookup::{HighWater, Revocations, Status};

use crate::envelope::EnvelopeError;
use crate::signed::Rollback;

/// Why revocation data was refused. A refused file never replaces the copy held.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevocationError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error(transparent)]
    Rollback(#[from] Rollback),
    #[error("not Yima revocation data of this kind")]
    NotRevocationData,
    #[error("revocation data is truncated")]
    Truncated,
    #[error("bytes after the revocation data")]
    TrailingBytes,
    #[error("revocation entries are not in ascending order")]
    Unsorted,
    #[error("revocation data carries an impossible time")]
    BadTime,
    #[error("the filter's layout is inconsistent")]
    BadFilter,
    #[error("unknown set tag {0} (0 exact entries, 16 or 32 binary fuse filter)")]
    UnknownSetTag(u8),
    #[error("the entry count does not fit the set (more entries than the filter has slots)")]
    CountMismatch,
    #[error("the filter could not be built (duplicate entries?)")]
    FilterBuild,
    #[error("delta made for full list {base}, but full list {full} is held")]
    DeltaBase { base: u64, full: u64 },
}
