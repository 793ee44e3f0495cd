//! The membership structure of a full revocation list, chosen by size:
//! - [`Set::Exact`]: sorted 8-byte entries (small lists; a hit is certain);
//! - [`Set::Fuse32`]: binary fuse filter with 32-bit fingerprints (≈ 4.5 bytes/entry,
//!   false hits ≈ 2⁻³², below 1 in 10⁹ scans, so a hit denies);
//! - [`Set::Fuse16`]: 16-bit fingerprints (≈ 2.26 bytes/entry, false hits ≈ 2⁻¹⁶ ≈ 1 in 65,536:
//!   a hit alone only asks for a check by hand).
//!
//! The filters are `xorf`'s binary fuse filters (a maintained implementation of Graf & Lemire's
//! design): the operator's tool builds them with `BinaryFuse16`/`BinaryFuse32`; a verifier reads
//! them in place with xorf's zero-copy `BinaryFuse16Ref`/`BinaryFuse32Ref` over the signed payload
//! it decoded (opening a list allocates nothing beyond that payload). This module writes and
//! reads the descriptor (xorf's own 20-byte layout) and fingerprints, and checks that a read
//! descriptor cannot index outside the fingerprints.

use std::ops::Range;

use xorf::{BinaryFuse16, BinaryFuse16Ref, BinaryFuse32, BinaryFuse32Ref, Descriptor, DmaSerializable, Filter, FilterRef};

use super::wire::{Reader, Writer};
use super::RevocationError;
use crate::envelope::Payload;

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
    Fuse16(Fuse),
    Fuse32(Fuse),
}

/// A binary fuse filter held as bytes in the verified payload's buffer: the descriptor and the
/// fingerprints, moved (within the buffer) to an offset aligned for their width.
#[derive(Debug, Clone)]
pub struct Fuse {
    buf: Payload,
    descriptor: Range<usize>,
    fingerprints: Range<usize>,
}

const TAG_EXACT: u8 = 0;
const TAG_FUSE16: u8 = 16;
const TAG_FUSE32: u8 = 32;

impl Fuse {
    fn descriptor(&self) -> &[u8] {
        &self.buf.all()[self.descriptor.clone()]
    }
    fn fingerprints(&self) -> &[u8] {
        &self.buf.all()[self.fingerprints.clone()]
    }
    /// Serialises an operator-built filter the way it travels, then holds it as a verifier does.
    fn of(f: &impl DmaSerializable, width: u8) -> Result<Set, RevocationError> {
        let mut w = Writer::default();
        let mut d = vec![0; Descriptor::DMA_LEN];
        f.dma_copy_descriptor_to(&mut d);
        w.bytes(&d);
        w.u32(u32::try_from(f.dma_fingerprints().len() / usize::from(width / 8)).map_err(|_| RevocationError::FilterBuild)?);
        w.bytes(f.dma_fingerprints());
        Set::read_fuse(Payload::copy_of(&w.0), 0, width)
    }
}

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
        let width = match width {
            Some(w) => w,
            None if keys.len() <= EXACT_MAX => return Ok(Set::Exact(keys)),
            None if keys.len() <= FUSE32_MAX => 32,
            None => 16,
        };
        match width {
            16 => Fuse::of(&BinaryFuse16::try_from(&keys).map_err(fail)?, 16),
            _ => Fuse::of(&BinaryFuse32::try_from(&keys).map_err(fail)?, 32),
        }
    }

    /// Whether `entry` may be in the set, and how certain that is.
    pub fn lookup(&self, entry: u64) -> Option<Certainty> {
        // The fingerprints' alignment and length were checked when the set was read, so
        // `from_dma` (which asserts both) cannot fail.
        let hit = match self {
            Set::Exact(v) => v.binary_search(&entry).is_ok(),
            Set::Fuse16(f) => BinaryFuse16Ref::from_dma(f.descriptor(), f.fingerprints()).contains(&entry),
            Set::Fuse32(f) => BinaryFuse32Ref::from_dma(f.descriptor(), f.fingerprints()).contains(&entry),
        };
        hit.then_some(match self {
            Set::Fuse16(_) => Certainty::Probable,
            _ => Certainty::Certain,
        })
    }

    /// The same representation with the same bytes.
    pub fn same_as(&self, other: &Set) -> bool {
        match (self, other) {
            (Set::Exact(a), Set::Exact(b)) => a == b,
            (Set::Fuse16(a), Set::Fuse16(b)) | (Set::Fuse32(a), Set::Fuse32(b)) => {
                a.descriptor() == b.descriptor() && a.fingerprints() == b.fingerprints()
            }
            _ => false,
        }
    }

    /// Bytes held in memory by the structure (for a filter: the whole payload buffer it sits in).
    pub fn heap_bytes(&self) -> usize {
        match self {
            Set::Exact(v) => v.len() * 8,
            Set::Fuse16(f) | Set::Fuse32(f) => f.buf.capacity(),
        }
    }

    pub(super) fn write(&self, w: &mut Writer) {
        match self {
            Set::Exact(v) => {
                w.u8(TAG_EXACT);
                w.raw_entries(v);
            }
            Set::Fuse16(f) | Set::Fuse32(f) => {
                let (tag, size) = if matches!(self, Set::Fuse16(_)) { (TAG_FUSE16, 2) } else { (TAG_FUSE32, 4) };
                w.u8(tag);
                w.bytes(f.descriptor());
                w.u32(u32::try_from(f.fingerprints.len() / size).unwrap_or(u32::MAX));
                w.bytes(f.fingerprints());
            }
        }
    }

    /// Reads the set of `count` entries that starts at byte `at` of `buf`'s payload and ends it;
    /// a filter stays in `buf`, read in place. An exact set holds exactly `count` entries; a
    /// filter cannot hold more entries than it has fingerprint slots.
    pub(super) fn read(buf: Payload, at: usize, count: u32) -> Result<Set, RevocationError> {
        let mut r = Reader(buf.bytes().get(at..).ok_or(RevocationError::Truncated)?);
        let set = match r.u8()? {
            TAG_EXACT => {
                let v = r.raw_entries(count as usize)?;
                r.end()?;
                return Ok(Set::Exact(v));
            }
            TAG_FUSE16 => Set::read_fuse(buf, at + 1, 16)?,
            TAG_FUSE32 => Set::read_fuse(buf, at + 1, 32)?,
            tag => return Err(RevocationError::UnknownSetTag(tag)),
        };
        let slots = match &set {
            Set::Fuse16(f) => f.fingerprints.len() / 2,
            Set::Fuse32(f) => f.fingerprints.len() / 4,
            Set::Exact(v) => v.len(),
        };
        if count as usize > slots {
            return Err(RevocationError::CountMismatch);
        }
        Ok(set)
    }

    /// The descriptor at payload byte `at`, then the fingerprint count and the fingerprints.
    fn read_fuse(mut buf: Payload, at: usize, width: u8) -> Result<Set, RevocationError> {
        let size = usize::from(width / 8);
        let mut r = Reader(buf.bytes().get(at..).ok_or(RevocationError::Truncated)?);
        let n = read_descriptor(&mut r)?;
        r.take(n.checked_mul(size).ok_or(RevocationError::Truncated)?)?;
        r.end()?;
        let start = buf.range().start;
        let descriptor = start + at..start + at + Descriptor::DMA_LEN;
        // The fingerprints follow the descriptor and the 4-byte count; the buffer starts 4-byte
        // aligned, so moving them back by less than `size` (over the count, already read) aligns them.
        let from = descriptor.end + 4;
        let to = from - from % size;
        buf.bytes_mut_all().copy_within(from..from + n * size, to);
        let f = Fuse { buf, descriptor, fingerprints: to..to + n * size };
        Ok(if width == 16 { Set::Fuse16(f) } else { Set::Fuse32(f) })
    }
}

/// Reads a descriptor and the fingerprint count, refusing any combination under which a lookup
/// could index past the fingerprints (xorf indexes h0 < count_length, h1, h2 within the two
/// segments after h0's) or overflow its u32 arithmetic.
fn read_descriptor(r: &mut Reader) -> Result<usize, RevocationError> {
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
    Ok(len as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A filter read in place answers the same wherever its payload lies in the buffer (the
    /// fingerprints are moved to an aligned offset), and holds no more than the payload.
    #[test]
    fn filters_read_in_place_at_every_alignment() {
        let keys: Vec<u64> = (0..3_000u64).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15)).collect();
        let probes: Vec<u64> = (0..20_000u64).map(|i| i.wrapping_mul(0xc2b2_ae3d_27d4_eb4f) ^ 1).collect();
        for width in [16, 32] {
            let built = Set::build_as(keys.clone(), Some(width)).unwrap();
            let mut w = Writer::default();
            built.write(&mut w);
            let expected: Vec<_> = probes.iter().map(|p| built.lookup(*p)).collect();
            assert!(keys.iter().all(|k| built.lookup(*k).is_some()));
            for offset in 0..8 {
                let read = Set::read(Payload::copy_at(&w.0, offset), 0, keys.len() as u32).unwrap();
                assert!(keys.iter().all(|k| read.lookup(*k).is_some()), "width {width} offset {offset}");
                assert!(probes.iter().zip(&expected).all(|(p, e)| read.lookup(*p) == *e));
                let mut again = Writer::default();
                read.write(&mut again);
                assert_eq!(again.0, w.0, "written back unchanged");
                assert!(read.heap_bytes() <= w.0.len() + offset + 4);
            }
        }
    }
}
