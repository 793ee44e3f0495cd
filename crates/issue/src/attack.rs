//! The ID-recovery attack of issue 21 A, kept to show what it finds (tests and
//! `examples/id_recovery.rs`): a code's masked ID leaves few digits unknown, so every candidate
//! ID can be tried against the code's holder binding — which works whenever the attacker can
//! compute bindings: the old unkeyed hash, or a binding key they hold (the demo's is public).

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

/// The old holder hash, computable by anyone: SHA-256("yima-holder-v1" ‖ ID)[..16]
/// (key id 0 on the wire, issued before binding keys).
pub fn unkeyed_hash(id_number: &[u8]) -> [u8; 16] {
    let d = Sha256::new().chain_update(b"yima-holder-v1").chain_update(id_number).finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

/// Every 18-character ID with the given first 4 and last 4 characters, any 2 district digits
/// and any calendar birth date in `years`: what the old masked ID `3101**********1234` left
/// unknown (100 × 365.25 candidates a year; born 1936–2026: 3.3 M).
pub fn candidates(first4: [u8; 4], last4: [u8; 4], years: RangeInclusive<i32>) -> impl Iterator<Item = [u8; 18]> {
    let (from, to) = (*years.start(), *years.end());
    let days = NaiveDate::from_ymd_opt(from, 1, 1).into_iter().flat_map(|d| d.iter_days()).take_while(move |d| d.year() <= to);
    days.flat_map(move |d| {
        let date = d.format("%Y%m%d").to_string().into_bytes();
        (0..100u8).map(move |district| {
            let mut id = [0u8; 18];
            id[..4].copy_from_slice(&first4);
            id[4] = b'0' + district / 10;
            id[5] = b'0' + district % 10;
            id[6..14].copy_from_slice(&date);
            id[14..].copy_from_slice(&last4);
            id
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_cover_every_district_and_date_once() {
        let all: Vec<[u8; 18]> = candidates(*b"3101", *b"1234", 1990..=1990).collect();
        assert_eq!(all.len(), 365 * 100);
        assert!(all.contains(b"310101199001011234") && all.contains(b"310199199012311234"));
        assert_eq!(candidates(*b"3101", *b"1234", 1936..=2026).count(), 3_323_800);
    }
}
