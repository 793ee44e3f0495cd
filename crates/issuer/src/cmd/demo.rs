//! `demo --out DIR [--now T] [--y4m]`: the demo endpoint (keys.json, policies.json, the revocation
//! files signed by the demo root; the delta revokes the sample `revoked_credential`) and sample
//! credentials (samples.json, PNGs, optional .y4m videos), plus merge_cases.json: pairs of
//! samples that scanned together make one merged card (with --y4m, also
//! `pair-<first>-<second>.y4m`: both codes in turn, for the camera merge tests).
//! `--dcc-testdata DIR` adds the document signer of every EU dgc-testdata file under DIR to the
//! trust list's `dcc_signers`, so the demo app reads those conformance codes (issue 11).

use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;
use yima_issue::demo;
use yima_issue::Seal;

use crate::render;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    pub out: PathBuf,
    /// Signing time of the endpoint and the samples (default: now).
    #[arg(long)]
    pub now: Option<yima_core::Time>,
    /// Also write <id>.y4m videos for Chromium's fake camera.
    #[arg(long)]
    pub y4m: bool,
    /// Trust the DCC signer certificates (TESTCTX.CERTIFICATE) of the dgc-testdata files under DIR.
    #[arg(long, value_name = "DIR")]
    pub dcc_testdata: Option<PathBuf>,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    description: &'a str,
    qr: &'a str,
    png: String,
    expect: demo::Expect,
}

/// Two samples scanned one after the other (either order) and the merged card's verdicts.
#[derive(Serialize)]
struct MergeCase {
    first: &'static str,
    second: &'static str,
    expect: demo::Expect,
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let now = super::now_or_clock(a.now);
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let root = demo::root_key();
    let mut list = demo::trust_list(now);
    if let Some(dir) = &a.dcc_testdata {
        list.dcc_signers = dcc_signers(dir)?;
        eprintln!("trusting {} DCC signers from {}", list.dcc_signers.len(), dir.display());
    }
    std::fs::write(a.out.join("keys.json"), list.seal(&root))?;
    std::fs::write(a.out.join("policies.json"), demo::policies(now).seal(&root))?;
    std::fs::write(a.out.join("revocation-full.json"), yima_issue::demo::full_list(now).seal(&root))?;
    std::fs::write(a.out.join("revocation-delta.json"), yima_issue::demo::delta_list(now).seal(&root))?;
    let samples = demo::samples(now);
    let mut entries = Vec::new();
    for s in &samples {
        let png = format!("{}.png", s.id);
        render::write_png(&s.qr, &a.out.join(&png), 6)?;
        if a.y4m {
            render::write_y4m(&s.qr, &a.out.join(format!("{}.y4m", s.id)), 0, 3)?;
        }
        entries.push(Entry { id: &s.id, description: &s.description, qr: &s.qr, png, expect: s.expect() });
    }
    std::fs::write(a.out.join("samples.json"), serde_json::to_string_pretty(&entries)?)?;
    let merges: Vec<MergeCase> =
        demo::merge_cases().into_iter().map(|(first, second, expect)| MergeCase { first, second, expect }).collect();
    if a.y4m {
        // Each merge pair as one video per order: the camera sees one code, then the other.
        let qr = |id: &str| samples.iter().find(|s| s.id == id).map(|s| s.qr.as_str()).with_context(|| format!("no sample {id}"));
        for m in &merges {
            for (x, y) in [(m.first, m.second), (m.second, m.first)] {
                render::write_y4m_sequence(&[qr(x)?, qr(y)?], &a.out.join(format!("pair-{x}-{y}.y4m")), 3)?;
            }
        }
    }
    std::fs::write(a.out.join("merge_cases.json"), serde_json::to_string_pretty(&merges)?)?;
    std::fs::write(
        a.out.join("DEMO-KEYS.txt"),
        "This endpoint is signed with Yima's PUBLIC DEMO KEYS (derived from a published seed).\nAnyone can sign with them. Never trust them outside demos and tests.\n",
    )?;
    eprintln!("demo endpoint at {} ({} samples, signed {now})", a.out.display(), samples.len());
    Ok(())
}

/// One trust entry per distinct signer certificate in the dgc-testdata JSON files under `dir`
/// (sorted by kid; a certificate the reader refuses is left out and named on stderr).
fn dcc_signers(dir: &std::path::Path) -> anyhow::Result<Vec<yima_core::DccSigner>> {
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    let mut files = Vec::new();
    json_files(dir, &mut files).with_context(|| format!("reading {}", dir.display()))?;
    let mut out = std::collections::BTreeMap::new();
    for f in files {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&std::fs::read(&f)?) else { continue };
        let Some(cert) = v.pointer("/TESTCTX/CERTIFICATE").and_then(|c| c.as_str()) else { continue };
        let Ok(der) = B64.decode(cert.trim()) else { continue };
        match yima_dcc::cert::trust_entry(&der) {
            Ok(e) => {
                out.entry(e.kid.clone()).or_insert(e);
            }
            Err(e) => eprintln!("{}: signer left out: {e}", f.display()),
        }
    }
    Ok(out.into_values().collect())
}

fn json_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            json_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}
