//! `revoke --root KEY --list FILE --out DIR [--now T] [--since T]`: builds and root-signs the
//! revocation files from the list of revoked credentials:
//! - `revocation-full.json`: every entry revoked before the cut-off `--since` (default: this
//!   week's Monday 00:00 UTC), sequence and signing time = the cut-off, so re-running during the
//!   week rebuilds the same bytes and phones keep the copy they have; if its entries changed
//!   (one added late with an earlier revocation time) the sequence goes above the one published
//!   in `--out` (the core refuses other content at an equal sequence);
//! - `revocation-delta.json`: every other entry, exactly, on top of it (sequence: now, or above
//!   the published delta's). Rules: `yima_issue::revocation::publish`.
//!
//! List lines: `<issuer kid, 16 hex> <credential identifier, 32 hex> <revoked at, RFC 3339>`;
//! blank lines and `#` comments are skipped.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chrono::{Datelike, Duration};
use yima_core::Time;
use yima_core::{kid_from_hex, revocation_entry as entry, DeltaList, FullList, RevocationSet as Set, Uid, UID_LEN};
use yima_issue::revocation::{publish, Plan, Revoked};
use yima_issue::Seal;

use crate::keyfile;

/// More delta entries than this: a new cut-off keeps the delta within 100 KB.
const DELTA_ADVISED_MAX: usize = 10_000;

#[derive(clap::Args)]
pub struct Args {
    /// The root key file.
    #[arg(long)]
    pub root: PathBuf,
    /// The list of revoked credentials (see above).
    #[arg(long)]
    pub list: PathBuf,
    /// Folder to write revocation-full.json and revocation-delta.json into.
    #[arg(long)]
    pub out: PathBuf,
    /// Signing time (default: now).
    #[arg(long)]
    pub now: Option<Time>,
    /// Cut-off between the full list and the delta (default: Monday 00:00 UTC of this week).
    #[arg(long)]
    pub since: Option<Time>,
    /// Maximum age of the full list, hours.
    #[arg(long, default_value_t = 8 * 24)]
    pub full_max_age_hours: u32,
    /// Maximum age of the delta, hours (phones fetch it at every sync).
    #[arg(long, default_value_t = 48)]
    pub delta_max_age_hours: u32,
    /// Mark the files as demo data.
    #[arg(long)]
    pub demo: bool,
}

pub fn parse_uid(hex: &str) -> Option<Uid> {
    let b = hex.as_bytes();
    if b.len() != 2 * UID_LEN {
        return None;
    }
    let (a, z) = (kid_from_hex(hex.get(..16)?)?, kid_from_hex(hex.get(16..)?)?);
    let mut out = [0u8; UID_LEN];
    out[..8].copy_from_slice(&a);
    out[8..].copy_from_slice(&z);
    Some(out)
}

fn read_list(path: &Path) -> anyhow::Result<Vec<Revoked>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let [kid, uid, at] = f.as_slice() else { bail!("{}:{}: expected `kid uid revoked_at`", path.display(), n + 1) };
        let kid = kid_from_hex(&kid.to_ascii_lowercase()).with_context(|| format!("line {}: kid is not 16 hex digits", n + 1))?;
        let uid = parse_uid(&uid.to_ascii_lowercase()).with_context(|| format!("line {}: identifier is not 32 hex digits", n + 1))?;
        let at: Time = at.parse().with_context(|| format!("line {}: revoked_at is not RFC 3339", n + 1))?;
        out.push(Revoked { entry: entry(&kid, &uid), at });
    }
    Ok(out)
}

/// Monday 00:00 UTC of the week of `now`.
fn week_start(now: Time) -> Time {
    let day = now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday()));
    day.and_hms_opt(0, 0, 0).map_or(now, |d| d.and_utc())
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let now = super::now_or_clock(a.now);
    let since = a.since.unwrap_or_else(|| week_start(now));
    anyhow::ensure!(since <= now, "--since is after --now");
    let root = keyfile::read(&a.root)?;
    let list = read_list(&a.list)?;
    let roots = [root.verifying_key()];
    // The files published before (if any and if they verify): a change must go above them.
    let published = |name: &str| std::fs::read(a.out.join(name)).ok();
    let prev_full = published("revocation-full.json").and_then(|f| FullList::open(&f, &roots).ok());
    let prev_delta = published("revocation-delta.json").and_then(|f| DeltaList::open(&f, &roots).ok());
    let plan = Plan { since, now, full_max_age_hours: a.full_max_age_hours, delta_max_age_hours: a.delta_max_age_hours, demo: a.demo };
    let (full, delta) = publish(&list, &plan, prev_full.as_ref(), prev_delta.as_ref())?;
    let (full_file, delta_file) = (full.seal(&root), delta.seal(&root));
    // Check what we wrote opens with the root's public key.
    FullList::open(full_file.as_bytes(), &roots)?;
    DeltaList::open(delta_file.as_bytes(), &roots)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    std::fs::write(a.out.join("revocation-full.json"), &full_file)?;
    std::fs::write(a.out.join("revocation-delta.json"), &delta_file)?;
    let kind = match full.set {
        Set::Exact(_) => "exact 8-byte entries",
        Set::Fuse32(_) => "binary fuse filter, 32-bit fingerprints (a hit denies)",
        Set::Fuse16(_) => "binary fuse filter, 16-bit fingerprints (a hit alone asks for a check by hand)",
    };
    eprintln!("full list: {} entries before {since} ({kind}), sequence {}, {} bytes", full.count, full.header.sequence, full_file.len());
    eprintln!("delta: {} entries since then, {} bytes", delta.entries.len(), delta_file.len());
    if delta.entries.len() > DELTA_ADVISED_MAX {
        eprintln!("note: more than {DELTA_ADVISED_MAX} entries in the delta; a later --since keeps it small");
    }
    Ok(())
}
