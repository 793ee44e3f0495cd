//! The revocation data a verifier holds (a full list and at most one delta on top of it) and
//! the lookup of one credential.

use std::sync::Arc;

use super::entry::{entry, kid_from_hex, Uid};
use super::file::{DeltaList, FullList};
use super::filter::Certainty;
use super::RevocationError;
use crate::signed::check_sequence;
use crate::Time;
use ed25519_dalek::VerifyingKey;

/// The highest sequence ever accepted per file kind. Kept apart from the stored files, so a
/// rollback is refused even after the held copy was dropped (corrupted, cleared).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HighWater {
    pub full: u64,
    pub delta: u64,
}

/// What the revocation data says about one credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not revoked, or not revocable one by one (no identifier: issued before identifiers).
    Clear,
    /// Listed exactly (delta or small list), or hit in a filter whose false hits are below
    /// 1 in 10⁹: deny.
    Revoked,
    /// Hit in a 16-bit filter only: about 1 in 65,536 honest credentials do too, so a person
    /// checks (never a silent deny).
    Suspected,
}

/// Cheap to clone (shared, immutable lists): the app builds a verifier per scan.
#[derive(Debug, Clone)]
pub struct Revocations {
    full: Arc<FullList>,
    delta: Option<Arc<DeltaList>>,
}

/// The same held copy: the same full list (shared) and an equal delta.
impl PartialEq for Revocations {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.full, &other.full) && self.delta == other.delta
    }
}

impl Revocations {
    pub fn new(full: FullList) -> Revocations {
        Revocations { full: Arc::new(full), delta: None }
    }

    pub fn full(&self) -> &FullList {
        &self.full
    }

    pub fn delta(&self) -> Option<&DeltaList> {
        self.delta.as_deref()
    }

    /// Replaces the full list if the sequence rule allows ([`check_sequence`]: not below the
    /// held list nor `floor`, equal only with the same content, not too far ahead of `now`). A held
    /// delta is kept only if it was made for the new list.
    pub fn with_full(current: Option<&Revocations>, full: FullList, floor: u64, now: Time) -> Result<Revocations, RevocationError> {
        let held = current.map(|c| &*c.full);
        let have = held.map_or(0, |f| f.header.sequence).max(floor);
        let same = held.filter(|f| f.header.sequence == full.header.sequence).map(|f| f.same_content(&full));
        check_sequence(have, full.header.sequence, same, now)?;
        let delta = current.and_then(|c| c.delta.clone()).filter(|d| d.base == full.header.sequence);
        Ok(Revocations { full: Arc::new(full), delta })
    }

    /// Puts a delta on top of the full list: it must be made for this list, and pass the sequence
    /// rule against the delta held and `floor` ([`check_sequence`]).
    pub fn apply_delta(&mut self, delta: DeltaList, floor: u64, now: Time) -> Result<(), RevocationError> {
        let held = self.delta.as_deref();
        let have = held.map_or(0, |d| d.header.sequence).max(floor);
        let same = held.filter(|d| d.header.sequence == delta.header.sequence).map(|d| *d == delta);
        check_sequence(have, delta.header.sequence, same, now)?;
        if delta.base != self.full.header.sequence {
            return Err(RevocationError::DeltaBase { base: delta.base, full: self.full.header.sequence });
        }
        self.delta = Some(Arc::new(delta));
        Ok(())
    }

    /// Looks one entry up: the delta's exact entries first, then the full list.
    pub fn status_of(&self, e: u64) -> Status {
        if self.delta.as_ref().is_some_and(|d| d.contains(e)) {
            return Status::Revoked;
        }
        match self.full.set.lookup(e) {
            None => Status::Clear,
            Some(Certainty::Certain) => Status::Revoked,
            Some(Certainty::Probable) => Status::Suspected,
        }
    }

    /// Looks a credential up by its issuer's kid (hex, as in the trust list) and identifier.
    pub fn status(&self, kid_hex: &str, uid: Option<&Uid>) -> Status {
        match (kid_from_hex(kid_hex), uid) {
            (Some(kid), Some(uid)) => self.status_of(entry(&kid, uid)),
            _ => Status::Clear,
        }
    }

    /// The newest signing time held (the delta's if later): with the trust list's and the
    /// policies', a floor for the device clock ([`crate::Verifier::effective_now`]).
    pub fn issued_at(&self) -> Time {
        self.delta.as_ref().map_or(self.full.header.issued_at, |d| d.header.issued_at.max(self.full.header.issued_at))
    }

    /// Stale when the newest file held is older than its own signed maximum age.
    pub fn is_stale(&self, now: Time) -> bool {
        match &self.delta {
            Some(d) => d.header.is_stale(now),
            None => self.full.header.is_stale(now),
        }
    }

    /// Revoked entries represented (full list + delta).
    pub fn entry_count(&self) -> u64 {
        u64::from(self.full.count) + self.delta.as_ref().map_or(0, |d| d.entries.len() as u64)
    }

    /// Verifies fetched files against the pinned roots and applies them on top of what is held
    /// (`held`): the full list first, then the delta. A file that fails (signature, size, parse,
    /// replay, wrong base) changes nothing; the first failure is returned.
    pub fn update(
        held: &mut Option<Revocations>,
        full: Option<&[u8]>,
        delta: Option<&[u8]>,
        roots: &[VerifyingKey],
        now: Time,
    ) -> Result<(), RevocationError> {
        Self::update_above(held, full, delta, roots, &mut HighWater::default(), now)
    }

    /// [`Revocations::update`], also refusing files below `floor` (the highest sequences ever
    /// accepted, kept apart from the files), which it raises for each file accepted.
    pub fn update_above(
        held: &mut Option<Revocations>,
        full: Option<&[u8]>,
        delta: Option<&[u8]>,
        roots: &[VerifyingKey],
        floor: &mut HighWater,
        now: Time,
    ) -> Result<(), RevocationError> {
        Self::update_opened(held, full.map(|f| FullList::open(f, roots)), delta.map(|d| DeltaList::open(d, roots)), floor, now)
    }

    /// [`Revocations::update_above`] with the files already opened (verified and parsed; the full
    /// list e.g. from a JS string by the app's `signed_js`), or the reason each could not be.
    pub fn update_opened(
        held: &mut Option<Revocations>,
        full: Option<Result<FullList, RevocationError>>,
        delta: Option<Result<DeltaList, RevocationError>>,
        floor: &mut HighWater,
        now: Time,
    ) -> Result<(), RevocationError> {
        let mut first_error = None;
        if let Some(opened) = full {
            match opened.and_then(|f| Revocations::with_full(held.as_ref(), f, floor.full, now)) {
                Ok(r) => {
                    floor.full = floor.full.max(r.full.header.sequence);
                    *held = Some(r);
                }
                Err(e) => first_error = Some(e),
            }
        }
        if let Some(opened) = delta {
            let applied = opened.and_then(|d| {
                let sequence = d.header.sequence;
                match held.as_mut() {
                    Some(r) => r.apply_delta(d, floor.delta, now).map(|()| floor.delta = floor.delta.max(sequence)),
                    None => Err(RevocationError::DeltaBase { base: d.base, full: 0 }),
                }
            });
            if let Err(e) = applied {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}
