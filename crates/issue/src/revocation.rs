//! The revocation files an endpoint publishes (`yima-issuer revoke`), built so that the core's
//! sequence rule holds (docs/revocation.md "Sequences"): any change of a file's signed content
//! carries a higher sequence, and an unchanged file is rebuilt byte for byte.

use yima_core::{DeltaList, FullList, RevocationError, RevocationHeader as Header, Time};

/// One revoked credential: its entry and when it was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revoked {
    pub entry: u64,
    pub at: Time,
}

/// What the two files are built from.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Cut-off: entries revoked before it go into the full list, the rest into the delta.
    pub since: Time,
    /// Signing time of the delta.
    pub now: Time,
    pub full_max_age_hours: u32,
    pub delta_max_age_hours: u32,
    pub demo: bool,
}

fn secs(t: Time) -> u64 {
    u64::try_from(t.timestamp()).unwrap_or(0)
}

/// `candidate` (built at sequence `fresh`) unless the file published before (`prev`) already
/// says the same; a changed content always gets a sequence above the published one.
fn next<T>(prev: Option<&T>, fresh: u64, seq: impl Fn(&T) -> u64, build: impl Fn(u64) -> T, same: impl Fn(&T, &T) -> bool) -> T {
    match prev {
        Some(p) if seq(p) >= fresh => {
            let again = build(seq(p));
            if same(p, &again) {
                again
            } else {
                build(seq(p).saturating_add(1))
            }
        }
        _ => build(fresh),
    }
}

/// Builds the full list and the delta from every revoked credential and the files published
/// before (`prev_full`, `prev_delta`, already verified), so that:
/// - the full list holds the entries revoked before `since`; its sequence is `since` in Unix
///   seconds and its signing time `since`, so re-running with the same entries rebuilds the same
///   bytes (phones keep their copy), while any change (an entry added late with an earlier
///   revocation time) takes a sequence above the published one;
/// - the delta holds every other entry exactly (whatever is not in the full list is in the
///   delta), is made for that full list (`base`), and its sequence is `now` in Unix seconds or,
///   if that is not above the published delta's, the next one.
pub fn publish(
    revoked: &[Revoked],
    plan: &Plan,
    prev_full: Option<&FullList>,
    prev_delta: Option<&DeltaList>,
) -> Result<(FullList, DeltaList), RevocationError> {
    let (old, new): (Vec<Revoked>, Vec<Revoked>) = revoked.iter().copied().partition(|r| r.at < plan.since);
    let old: Vec<u64> = old.iter().map(|r| r.entry).collect();
    let mut sorted = old.clone();
    sorted.sort_unstable();
    let new: Vec<u64> = new.iter().map(|r| r.entry).filter(|e| sorted.binary_search(e).is_err()).collect();
    let full_header = |sequence| Header { sequence, issued_at: plan.since, max_age_hours: plan.full_max_age_hours, demo: plan.demo };
    // Building cannot fail for distinct 64-bit entries; a failure is reported once, below.
    let build_full = |sequence| FullList::build(full_header(sequence), &old);
    let full = match prev_full {
        Some(p) if p.header.sequence >= secs(plan.since) => {
            let again = build_full(p.header.sequence)?;
            if p.same_content(&again) {
                again
            } else {
                build_full(p.header.sequence.saturating_add(1))?
            }
        }
        _ => build_full(secs(plan.since))?,
    };
    let base = full.header.sequence;
    let delta_header = |sequence| Header { sequence, issued_at: plan.now, max_age_hours: plan.delta_max_age_hours, demo: plan.demo };
    let delta = next(prev_delta, secs(plan.now), |d| d.header.sequence, |s| DeltaList::build(delta_header(s), base, &new), |a, b| a == b);
    Ok((full, delta))
}
