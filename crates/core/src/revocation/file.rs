//! The two revocation files on the endpoint, each a binary payload inside the root-signed
//! `signed-v1` envelope (base64 in JSON, like `keys.json`):
//! - `revocation-full.json` (kind `revocation-full`): every revoked entry up to a cut-off, as a
//!   [`Set`] chosen by size;
//! - `revocation-delta.json` (kind `revocation-delta`): the exact entries revoked since that full
//!   list (`base` = its sequence), so a phone holding the full list fetches only the delta.
//!
//! Payload (little-endian): `"YRV1"`, kind byte (1 full, 2 delta), sequence u64, issued_at i64
//! (Unix seconds), max_age_hours u32, demo u8; then for a full list: entry count u32 and the
//! set; for a delta: base u64, count u32, entries u64 ascending. Nothing may follow.

use ed25519_dalek::VerifyingKey;

use super::filter::Set;
use super::wire::{Reader, Writer};
use super::RevocationError;
use crate::envelope::{self, Payload};
use crate::Time;

pub const FULL_KIND: &str = "revocation-full";
pub const DELTA_KIND: &str = "revocation-delta";
/// Size caps before parsing: the full list of 1,000,000 entries is ≈ 3.0 MB as base64.
pub const MAX_FULL_LEN: usize = 4 * 1024 * 1024;
/// 10,000 exact entries are ≈ 107 KB as base64.
pub const MAX_DELTA_LEN: usize = 256 * 1024;

const MAGIC: &[u8; 4] = b"YRV1";
const FULL: u8 = 1;
const DELTA: u8 = 2;

/// The signed header fields of either file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Monotonic per file kind: an older one is refused.
    pub sequence: u64,
    pub issued_at: Time,
    /// Older than this, the data is stale and every verdict becomes check by hand.
    pub max_age_hours: u32,
    pub demo: bool,
}

impl Header {
    pub fn is_stale(&self, now: Time) -> bool {
        now - self.issued_at > chrono::Duration::hours(i64::from(self.max_age_hours))
    }

    fn write(&self, w: &mut Writer, kind: u8) {
        w.bytes(MAGIC);
        w.u8(kind);
        w.u64(self.sequence);
        w.u64(self.issued_at.timestamp() as u64);
        w.u32(self.max_age_hours);
        w.u8(u8::from(self.demo));
    }

    fn read(r: &mut Reader, kind: u8) -> Result<Header, RevocationError> {
        if r.take(4)? != MAGIC {
            return Err(RevocationError::NotRevocationData);
        }
        if r.u8()? != kind {
            return Err(RevocationError::NotRevocationData);
        }
        let sequence = r.u64()?;
        let issued_at = chrono::DateTime::from_timestamp(r.i64()?, 0).ok_or(RevocationError::BadTime)?;
        let max_age_hours = r.u32()?;
        let demo = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(RevocationError::NotRevocationData),
        };
        Ok(Header { sequence, issued_at, max_age_hours, demo })
    }
}

/// Every revoked entry up to the list's cut-off.
#[derive(Debug, Clone)]
pub struct FullList {
    pub header: Header,
    /// Distinct entries the set was built from (stated by the signer, shown in Settings).
    pub count: u32,
    pub set: Set,
}

/// Entries revoked since the full list with sequence `base`, carried exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeltaList {
    pub header: Header,
    pub base: u64,
    /// Ascending, distinct.
    pub entries: Vec<u64>,
}

impl FullList {
    /// Builds the list for `entries` (any order; duplicates are merged).
    pub fn build(header: Header, entries: &[u64]) -> Result<FullList, RevocationError> {
        let set = Set::build(entries)?;
        let mut distinct = entries.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        Ok(FullList { header, count: u32::try_from(distinct.len()).unwrap_or(u32::MAX), set })
    }

    pub fn payload(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.header.write(&mut w, FULL);
        w.u32(self.count);
        self.set.write(&mut w);
        w.0
    }

    /// Reads a payload (already signature-checked by [`FullList::open`]).
    pub fn parse(payload: &[u8]) -> Result<FullList, RevocationError> {
        Self::parse_in_place(Payload::copy_of(payload))
    }

    /// Reads a verified payload; a filter is read in place, keeping the payload's buffer.
    pub fn parse_in_place(payload: Payload) -> Result<FullList, RevocationError> {
        let mut r = Reader(payload.bytes());
        let header = Header::read(&mut r, FULL)?;
        let count = r.u32()?;
        let at = payload.bytes().len() - r.0.len();
        Ok(FullList { header, count, set: Set::read(payload, at, count)? })
    }

    /// Whether `other` carries the same signed content (header, count and set, byte for byte).
    pub fn same_content(&self, other: &FullList) -> bool {
        self.header == other.header && self.count == other.count && self.set.same_as(&other.set)
    }

    /// Verifies a `revocation-full.json` against the pinned roots, then parses it.
    pub fn open(file: &[u8], roots: &[VerifyingKey]) -> Result<FullList, RevocationError> {
        Self::parse_in_place(envelope::open_payload(FULL_KIND, file, roots, MAX_FULL_LEN)?)
    }
}

impl DeltaList {
    /// Builds the delta for `entries` on top of the full list with sequence `base`.
    pub fn build(header: Header, base: u64, entries: &[u64]) -> DeltaList {
        let mut entries = entries.to_vec();
        entries.sort_unstable();
        entries.dedup();
        DeltaList { header, base, entries }
    }

    pub fn payload(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.header.write(&mut w, DELTA);
        w.u64(self.base);
        w.entries(&self.entries);
        w.0
    }

    pub fn parse(payload: &[u8]) -> Result<DeltaList, RevocationError> {
        let mut r = Reader(payload);
        let header = Header::read(&mut r, DELTA)?;
        let base = r.u64()?;
        let entries = r.entries()?;
        r.end()?;
        Ok(DeltaList { header, base, entries })
    }

    /// Verifies a `revocation-delta.json` against the pinned roots, then parses it.
    pub fn open(file: &[u8], roots: &[VerifyingKey]) -> Result<DeltaList, RevocationError> {
        Self::parse(&envelope::open_capped(DELTA_KIND, file, roots, MAX_DELTA_LEN)?)
    }

    pub fn contains(&self, entry: u64) -> bool {
        self.entries.binary_search(&entry).is_ok()
    }
}
