//! Revocation figures at national scale (issue 12): sizes gzipped, native lookup time,
//! false hits measured on 10,000,000 non-revoked identifiers, memory held, open + verify time.
//!
//! `cargo run --release -p yima-core --example revocation_bench [-- 1000000 10000000]`
//! `… -- write DIR 1000000 …`: only writes DIR/full-N.json, the signed full lists that
//! bench/revocation (wasm in Chromium) opens.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use flate2::{write::GzEncoder, Compression};
use yima_core::open_payload;
use yima_core::{
    revocation_entry as entry, DeltaList, FullList, RevocationHeader as Header, RevocationSet as Set, RevocationStatus as Status,
    Revocations, FULL_KIND,
};
use yima_issue::Seal;

const PROBES: u64 = 10_000_000;

fn gz(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map(|v| v.len()).unwrap_or(0)
}

/// Entries of revoked credentials (issuer `kid`, identifiers i = 0..n).
fn entries(kid: u8, range: std::ops::Range<u64>) -> Vec<u64> {
    range.map(|i| entry(&[kid; 8], &u128::from(i).to_be_bytes())).collect()
}

fn mb(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn measure(n: u64, width: Option<u8>) {
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).single().unwrap_or_default();
    let header = Header { sequence: 1, issued_at: at, max_age_hours: 192, demo: false };
    let revoked = entries(1, 0..n);
    let t = Instant::now();
    let set = Set::build_as(revoked.clone(), width).expect("filter builds");
    let build = t.elapsed();
    let label = match &set {
        Set::Exact(_) => "exact".to_string(),
        Set::Fuse16(_) => "fuse16".into(),
        Set::Fuse32(_) => "fuse32".into(),
    };
    let full = FullList { header: header.clone(), count: n as u32, set };
    let root = yima_issue::demo::root_key();
    let file = full.seal(&root);
    let roots = [root.verifying_key()];
    let t = Instant::now();
    let opened = open_payload(FULL_KIND, file.as_bytes(), &roots, usize::MAX).expect("opens");
    let parsed = FullList::parse_in_place(opened).expect("parses");
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let r = Revocations::new(parsed);
    assert!(revoked.iter().all(|e| r.status_of(*e) != Status::Clear), "no false negatives");
    // honest identifiers: another issuer's, never revoked
    let probes = entries(2, 0..PROBES);
    let t = Instant::now();
    let hits = probes.iter().filter(|e| black_box(r.status_of(**e)) != Status::Clear).count();
    let ns = t.elapsed().as_secs_f64() * 1e9 / PROBES as f64;
    println!(
        "{n:>10} entries {label:>6}: file {} (payload {}), gzipped {}, {:.2} bytes/entry gz; memory held {}; build {:.1} s; open+verify {open_ms:.0} ms native{}; lookup {ns:.0} ns; false hits {hits} of {PROBES} ({})",
        mb(file.len()),
        mb(full.payload().len()),
        mb(gz(file.as_bytes())),
        gz(file.as_bytes()) as f64 / n as f64,
        mb(r.full().set.heap_bytes()),
        build.as_secs_f64(),
        if file.len() > yima_core::MAX_FULL_LEN { " (over the app's 4 MiB cap)" } else { "" },
        if hits == 0 { "none".to_string() } else { format!("1 in {:.0}", PROBES as f64 / hits as f64) },
    );
}

fn delta(n: u64) {
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).single().unwrap_or_default();
    let d = DeltaList::build(Header { sequence: 2, issued_at: at, max_age_hours: 48, demo: false }, 1, &entries(3, 0..n));
    let file = d.seal(&yima_issue::demo::root_key());
    println!("{n:>10} delta entries (exact 8-byte): file {}, gzipped {}", mb(file.len()), mb(gz(file.as_bytes())));
}

fn write(dir: &str, sizes: &[u64]) {
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).single().unwrap_or_default();
    for &n in sizes {
        let full = FullList::build(Header { sequence: 1, issued_at: at, max_age_hours: 192, demo: true }, &entries(1, 0..n))
            .expect("filter builds");
        std::fs::write(format!("{dir}/full-{n}.json"), full.seal(&yima_issue::demo::root_key())).expect("writes");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if let [mode, dir, ..] = args.as_slice() {
        if mode == "write" {
            return write(dir, &sizes);
        }
    }
    let sizes = if sizes.is_empty() { vec![1_000_000, 10_000_000] } else { sizes };
    delta(10_000);
    for n in sizes {
        measure(n, None);
        measure(n, Some(32));
    }
}
