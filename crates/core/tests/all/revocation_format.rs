//! The revocation payload and the binary fuse filter as docs/format.md §2b writes them, built
//! here by an independent encoder from the docs alone (issue 22 row 6 and the filter's algorithm):
//! the core must read what the docs describe, and a filter the core builds must answer the
//! documented lookup.

use crate::common::now;
use yima_core::{Certainty, DeltaList, FullList, RevocationError, RevocationSet as Set};

/// Header as the docs say: "YRV1", kind byte, sequence u64, issued_at i64, max_age_hours u32, demo u8.
fn header(kind: u8, sequence: u64) -> Vec<u8> {
    let mut b = b"YRV1".to_vec();
    b.push(kind);
    b.extend_from_slice(&sequence.to_le_bytes());
    b.extend_from_slice(&now().timestamp().to_le_bytes());
    b.extend_from_slice(&48u32.to_le_bytes());
    b.push(1);
    b
}

/// A full list with an exact set: entry count u32, set tag 0, the entries u64 ascending.
fn exact_full(entries: &[u64]) -> Vec<u8> {
    let mut b = header(1, 7);
    b.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    b.push(0);
    entries.iter().for_each(|e| b.extend_from_slice(&e.to_le_bytes()));
    b
}

#[test]
fn a_full_list_written_as_the_docs_say_is_read() {
    let entries = [3u64, 0x0102_0304_0506_0708, u64::MAX];
    let full = FullList::parse(&exact_full(&entries)).unwrap();
    assert_eq!((full.header.sequence, full.count), (7, 3));
    assert!(entries.iter().all(|e| full.set.lookup(*e) == Some(Certainty::Certain)));
    assert_eq!(full.set.lookup(4), None);
    assert_eq!(full.payload(), exact_full(&entries), "and written back the same");
    // the entry count is checked: fewer or more entries than it says are refused
    let mut short = exact_full(&entries);
    short[26..30].copy_from_slice(&4u32.to_le_bytes());
    assert_eq!(FullList::parse(&short).err(), Some(RevocationError::Truncated));
    short[26..30].copy_from_slice(&2u32.to_le_bytes());
    assert_eq!(FullList::parse(&short).err(), Some(RevocationError::TrailingBytes));
    // an unknown set tag has its own error
    let mut tag = exact_full(&entries);
    tag[30] = 8;
    let e = FullList::parse(&tag).err().unwrap();
    assert_eq!(e, RevocationError::UnknownSetTag(8));
    assert_eq!(e.to_string(), "unknown set tag 8 (0 exact entries, 16 or 32 binary fuse filter)");
    // a delta: base u64, count u32, entries ascending
    let mut d = header(2, 9);
    d.extend_from_slice(&7u64.to_le_bytes());
    d.extend_from_slice(&2u32.to_le_bytes());
    [5u64, 6].iter().for_each(|e| d.extend_from_slice(&e.to_le_bytes()));
    let delta = DeltaList::parse(&d).unwrap();
    assert_eq!((delta.base, delta.entries.clone()), (7, vec![5, 6]));
}

// ---- the binary fuse filter, from the docs ----

/// murmur3's 64-bit finaliser of key + seed (wrapping).
fn mix(key: u64, seed: u64) -> u64 {
    let mut h = key.wrapping_add(seed);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

struct Layout {
    seed: u64,
    segment_length: u32,
    segment_count_length: u32,
}

impl Layout {
    fn slots(&self, h: u64) -> [usize; 3] {
        let mask = u64::from(self.segment_length - 1);
        let h0 = ((u128::from(h) * u128::from(self.segment_count_length)) >> 64) as u64;
        let h1 = (h0 + u64::from(self.segment_length)) ^ ((h >> 18) & mask);
        let h2 = (h0 + 2 * u64::from(self.segment_length)) ^ (h & mask);
        [h0 as usize, h1 as usize, h2 as usize]
    }
    fn len(&self) -> usize {
        (self.segment_count_length + 2 * self.segment_length) as usize
    }
    /// The documented lookup: fingerprint(h) ^ F[h0] ^ F[h1] ^ F[h2] == 0.
    fn contains(&self, fps: &[u32], width: u32, key: u64) -> bool {
        let h = mix(key, self.seed);
        let f = fingerprint(h, width);
        self.slots(h).iter().fold(f, |acc, s| acc ^ fps[*s]) == 0
    }
}

fn fingerprint(h: u64, width: u32) -> u32 {
    let f = h ^ (h >> 32);
    if width == 16 {
        u32::from(f as u16)
    } else {
        f as u32
    }
}

/// Builds the fingerprints by peeling (Graf & Lemire), as docs/format.md §2b describes; `None`
/// when this seed does not peel.
fn peel(keys: &[u64], l: &Layout, width: u32) -> Option<Vec<u32>> {
    let hashes: Vec<u64> = keys.iter().map(|k| mix(*k, l.seed)).collect();
    let mut count = vec![0u32; l.len()];
    let mut xor = vec![0usize; l.len()];
    for (i, h) in hashes.iter().enumerate() {
        for s in l.slots(*h) {
            count[s] += 1;
            xor[s] ^= i;
        }
    }
    let mut queue: Vec<usize> = (0..l.len()).filter(|s| count[*s] == 1).collect();
    let mut order = Vec::new();
    while let Some(s) = queue.pop() {
        if count[s] != 1 {
            continue;
        }
        let i = xor[s];
        order.push((i, s));
        for t in l.slots(hashes[i]) {
            count[t] -= 1;
            xor[t] ^= i;
            if count[t] == 1 {
                queue.push(t);
            }
        }
    }
    if order.len() != keys.len() {
        return None;
    }
    let mut fps = vec![0u32; l.len()];
    for (i, s) in order.into_iter().rev() {
        let h = hashes[i];
        let others = l.slots(h).iter().filter(|t| **t != s).fold(0, |acc, t| acc ^ fps[*t]);
        fps[s] = fingerprint(h, width) ^ others;
    }
    Some(fps)
}

/// A full list payload with a filter: count, tag, seed, segment length, mask, segment-count
/// length, fingerprint count, fingerprints little-endian.
fn fuse_full(count: usize, l: &Layout, width: u32, fps: &[u32]) -> Vec<u8> {
    let mut b = header(1, 8);
    b.extend_from_slice(&(count as u32).to_le_bytes());
    b.push(width as u8);
    b.extend_from_slice(&l.seed.to_le_bytes());
    for v in [l.segment_length, l.segment_length - 1, l.segment_count_length, l.len() as u32] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    for f in fps {
        if width == 16 {
            b.extend_from_slice(&(*f as u16).to_le_bytes());
        } else {
            b.extend_from_slice(&f.to_le_bytes());
        }
    }
    b
}

fn keys(n: u64, salt: u64) -> Vec<u64> {
    (0..n).map(|i| mix(i, salt)).collect()
}

#[test]
fn a_filter_built_from_the_docs_is_read_by_the_core() {
    let members = keys(3_000, 1 << 40);
    let probes = keys(200_000, 2 << 40);
    for width in [16, 32] {
        // 16 segments of 256 slots and two more: 4,608 slots for 3,000 entries
        let (l, fps) = (1..100u64)
            .find_map(|seed| {
                let l = Layout { seed, segment_length: 256, segment_count_length: 16 * 256 };
                peel(&members, &l, width).map(|f| (l, f))
            })
            .expect("some seed peels");
        let full = FullList::parse(&fuse_full(members.len(), &l, width, &fps)).unwrap();
        assert!(matches!((&full.set, width), (Set::Fuse16(_), 16) | (Set::Fuse32(_), 32)));
        assert!(members.iter().all(|k| full.set.lookup(*k).is_some()), "every entry hits (width {width})");
        for p in &probes {
            assert_eq!(full.set.lookup(*p).is_some(), l.contains(&fps, width, *p), "probe {p:x}, width {width}");
        }
        // more entries than slots cannot be: refused
        let too_many = fuse_full(l.len() + 1, &l, width, &fps);
        assert_eq!(FullList::parse(&too_many).err(), Some(RevocationError::CountMismatch));
    }
}

/// A filter the core (the operator's tool) builds answers every probe as the documented lookup
/// over its own descriptor and fingerprints says.
#[test]
fn a_filter_the_core_builds_follows_the_documented_lookup() {
    let members = keys(5_000, 3 << 40);
    let probes = keys(300_000, 4 << 40);
    for width in [16u32, 32] {
        let full = FullList {
            header: FullList::parse(&exact_full(&[])).unwrap().header,
            count: 5_000,
            set: Set::build_as(members.clone(), Some(width as u8)).unwrap(),
        };
        let payload = full.payload();
        // descriptor after header 26, count 4, tag 1
        let at = 31;
        let u32_at = |i: usize| u32::from_le_bytes(payload[i..i + 4].try_into().unwrap());
        let l = Layout {
            seed: u64::from_le_bytes(payload[at..at + 8].try_into().unwrap()),
            segment_length: u32_at(at + 8),
            segment_count_length: u32_at(at + 16),
        };
        assert_eq!(u32_at(at + 12), l.segment_length - 1, "mask");
        assert_eq!(u32_at(at + 20) as usize, l.len(), "fingerprint count");
        let size = width as usize / 8;
        let fps: Vec<u32> = payload[at + 24..]
            .chunks_exact(size)
            .map(|c| if size == 2 { u32::from(u16::from_le_bytes([c[0], c[1]])) } else { u32::from_le_bytes(c.try_into().unwrap()) })
            .collect();
        assert_eq!(fps.len(), l.len());
        assert!(members.iter().all(|k| l.contains(&fps, width, *k)));
        let hits = probes.iter().filter(|p| l.contains(&fps, width, **p)).count();
        for p in &probes {
            assert_eq!(full.set.lookup(*p).is_some(), l.contains(&fps, width, *p));
        }
        if width == 32 {
            assert_eq!(hits, 0, "false hits about 2^-32");
        } else {
            assert!(hits < 20, "false hits about 2^-16: {hits} of 300,000");
        }
    }
    // a fixed vector of the hash: murmur3 fmix64 of key + seed
    assert_eq!(mix(0, 0), 0);
    assert_eq!(mix(1, 0), 0xb456_bcfc_34c2_cb2c);
}
