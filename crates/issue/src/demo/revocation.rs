//! Demo revocation data (signed with the public demo root): a full list of 2,000 made-up
//! entries (a 32-bit filter) and a delta revoking one sample credential, `revoked_credential`.

use sha2::{Digest, Sha256};

use yima_core::{
    kid, revocation_entry as entry, DeltaList, FullList, RevocationHeader as Header, RevocationSet as Set, Revocations, Time, Uid,
};

/// The identifier of the demo sample that the demo delta revokes.
pub const REVOKED_UID: Uid = *b"yima demo revokd";
/// The demo issuer whose credential is revoked.
pub const REVOKED_ISSUER: &str = "hc-310000";
/// Made-up entries in the demo full list.
pub const FULL_ENTRIES: u32 = 2_000;

fn header(now: Time) -> Header {
    Header { sequence: now.timestamp().max(0) as u64, issued_at: now, max_age_hours: 30 * 24, demo: true }
}

/// The entry of the revoked demo sample.
pub fn revoked_entry() -> u64 {
    entry(&kid(&super::key(REVOKED_ISSUER).verifying_key()), &REVOKED_UID)
}

/// The demo full list at `now` (made-up entries of other credentials).
pub fn full_list(now: Time) -> FullList {
    let entries: Vec<u64> = (0..FULL_ENTRIES)
        .map(|i| {
            let d = Sha256::digest(format!("yima demo revoked entry {i}"));
            u64::from_be_bytes(d[..8].try_into().unwrap_or_default())
        })
        .collect();
    // 2,000 distinct 64-bit hashes: building cannot fail; an empty list stands in otherwise.
    FullList::build(header(now), &entries).unwrap_or(FullList { header: header(now), count: 0, set: Set::Exact(Vec::new()) })
}

/// The demo delta at `now`: revokes the `revoked_credential` sample.
pub fn delta_list(now: Time) -> DeltaList {
    DeltaList::build(header(now), header(now).sequence, &[revoked_entry()])
}

/// Both, as a verifier holds them.
pub fn revocations(now: Time) -> Revocations {
    let mut r = Revocations::new(full_list(now));
    // The delta is made for this full list: applying it cannot fail.
    let _ = r.apply_delta(delta_list(now), 0, now);
    r
}
