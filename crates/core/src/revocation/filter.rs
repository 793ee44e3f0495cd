//! The membership structure of a full revocation list, chosen by size:
//! - [`Set::Exact`]: sorted 8-byte entries (small lists; a hit is certain);
//! - [`Set::Fuse32`]: binary fuse filter with 32-bit fingerprints (≈ 4.5 bytes/entry,
//!   false hits ≈ 2⁻³², below 1 in 10⁹ scans, so a hit denies);
//! - [`Set::Fuse16`]: 16-bit fingerprints (≈ 2.26 bytes/entry, false hits ≈ 2⁻¹⁶ ≈ 1 in 65,536:
//!   a hit alone only asks for a check by hand).
//!
//! The filters are `xorf`'s binary fuse filters (a maintained implementation of Graf & Lemire's
//! design); this module only writes and reads their descriptor and fingerprints, and checks
//! that a read descriptor cannot index outside the fingerprints.

use xorf::{BinaryFuse16, BinaryFuse32, Descriptor, Filter};

use super::wire::{Reader, Writer};
use super::RevocationError;

/// Up to this many entries a full list is carried exactly (8 bytes each).
pub const EXACT_MAX: usize = 1024;
/// Up to this many entries the filter uses 32-bit fingerprints (≈ 2.25 MB for 500,000);
/// above, 16-bit ones so that 1,000,000 entries stay within 2.5 MB.
pub const FUSE32_MAX: usize = 500_000;

/// How certain a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// Exact entry, or a filter whose false hits are below 1 in 10⁹.
    Certain,
    /// A 16-bit filter: about 1 in 65,536 non-revoked credentials also hit.
    Probable,
}

#[derive(Debug, Clone)]
pub enum Set {
    Exact(Vec<u64>),
    Fuse16(BinaryFuse16),
    Fuse32(BinaryFuse32),
}

const TAG_EXACT: u8 = 0;
const TAG_FUSE16: u8 = 16;
const TAG_FUSE32: u8 = 32;

impl Set {
    /// Builds the structure for `entries` (any order, duplicates allowed), by size.
    pub fn build(entries: &[u64]) -> Result<Set, RevocationError> {
        let mut keys = entries.to_vec();
        keys.sort_unstable();
        keys.dedup();
        Self::build_as(keys, None)
    }

    /// Builds with a forced representation (`Some(16 | 32)`), for measurements.
    pub fn build_as(mut keys: Vec<u64>, width: Option<u8>) -> Result<Set, RevocationError> {
        keys.sort_unstable();
        keys.dedup();
        let fail = |_| RevocationError::FilterBuild;
        match width {
            Some(16) => return BinaryFuse16::try_from(&keys).map(Set::Fuse16).map_err(fail),
            Some(32) => return BinaryFuse32::try_from(&keys).map(Set::Fuse32).map_err(fail),
            _ => {}
        }
        if keys.len() <= EXACT_MAX {
            Ok(Set::Exact(keys))
        } else if keys.len() <= FUSE32_MAX {
            BinaryFuse32::try_from(&keys).map(Set::Fuse32).map_err(fail)
        } else {
            BinaryFuse16::try_from(&keys).map(Set::Fuse16).map_err(fail)
        }
    }

    /// Whether `entry` may be in the set, and how certain that is.
    pub fn lookup(&self, entry: u64) -> Option<Certainty> {
        let hit = match self {
            Set::Exact(v) => v.binary_search(&entry).is_ok(),
            Set::Fuse16(f) => f.contains(&entry),
            Set::Fuse32(f) => f.contains(&entry),
        };
        hit.then_some(match self {
            Set::Fuse16(_) => Certainty::Probable,
            _ => Certainty::Certain,
        })
    }

    /// Bytes held in memory by the structure.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Set::Exact(v) => v.len() * 8,
            Set::Fuse16(f) => f.fingerprints.len() * 2,
            Set::Fuse32(f) => f.fingerprints.len() * 4,
        }
    }

    pub(super) fn write(&self, w: &mut Writer) {
        match self {
            Set::Exact(v) => {
                w.u8(TAG_EXACT);
                w.entries(v);
            }
            Set::Fuse16(f) => {
                w.u8(TAG_FUSE16);
                write_descriptor(w, &f.descriptor, f.fingerprints.len());
                f.fingerprints.iter().for_each(|x| w.bytes(&x.to_le_bytes()));
            }
            Set::Fuse32(f) => {
                w.u8(TAG_FUSE32);
                write_descriptor(w, &f.descriptor, f.fingerprints.len());
                f.fingerprints.iter().for_each(|x| w.bytes(&x.to_le_bytes()));
            }
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<Set, RevocationError> {
        match r.u8()? {
            TAG_EXACT => Ok(Set::Exact(r.entries()?)),
            TAG_FUSE16 => {
                let (descriptor, n) = read_descriptor(r)?;
                let raw = r.take(n.checked_mul(2).ok_or(RevocationError::Truncated)?)?;
                let fingerprints = raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                Ok(Set::Fuse16(BinaryFuse16 { descriptor, fingerprints }))
            }
            TAG_FUSE32 => {
                let (descriptor, n) = read_descriptor(r)?;
                let raw = r.take(n.checked_mul(4).ok_or(RevocationError::Truncated)?)?;
                let fingerprints = raw.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
                Ok(Set::Fuse32(BinaryFuse32 { descriptor, fingerprints }))
            }
            _ => Err(RevocationError::BadFilter),
        }
    }
}

fn write_descriptor(w: &mut Writer, d: &Descriptor, len: usize) {
    w.u64(d.seed);
    w.u32(d.segment_length);
    w.u32(d.segment_length_mask);
    w.u32(d.segment_count_length);
    w.u32(u32::try_from(len).unwrap_or(u32::MAX));
}

/// Reads a descriptor and the fingerprint count, refusing any combination under which a lookup
/// could index past the fingerprints (xorf indexes h0 < count_length, h1, h2 within the two
/// segments after h0's) or overflow its u32 arithmetic.
fn read_descriptor(r: &mut Reader) -> Result<(Descriptor, usize), RevocationError> {
    let d = Descriptor { seed: r.u64()?, segment_length: r.u32()?, segment_length_mask: r.u32()?, segment_count_length: r.u32()? };
    let len = r.u32()?;
    let sl = u64::from(d.segment_length);
    let scl = u64::from(d.segment_count_length);
    let ok = d.segment_length.is_power_of_two()
        && d.segment_length_mask == d.segment_length - 1
        && scl >= sl
        && scl % sl == 0
        && scl + 2 * sl == u64::from(len);
    if !ok {
        return Err(RevocationError::BadFilter);
    }
    Ok((d, len as usize))
}
