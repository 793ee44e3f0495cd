//! `issue`: sign a credential from a JSON description and print its QR text.

use std::path::PathBuf;

use anyhow::Context;

use crate::{describe::Description, keyfile, render};

#[derive(clap::Args)]
pub struct Args {
    /// The issuer's key file.
    #[arg(long)]
    pub key: PathBuf,
    /// The national holder-binding key file (`keygen --binding ID`), or `demo` for the public
    /// demo binding key: the holder's ID number is bound under it (docs/format.md).
    #[arg(long)]
    pub binding_key: PathBuf,
    /// JSON description of the credential (see docs/format.md).
    #[arg(long = "in")]
    pub input: PathBuf,
    /// Time of issue (default: now).
    #[arg(long)]
    pub now: Option<yima_core::Time>,
    /// Also write the QR as PNG.
    #[arg(long)]
    pub png: Option<PathBuf>,
    /// Credential identifier, 32 hex digits (default: 16 random bytes). Printed to stderr with
    /// the key's kid: the pair to list in `revoke` should this credential ever be withdrawn.
    #[arg(long)]
    pub uid: Option<String>,
    /// Also write a .y4m video of the QR.
    #[arg(long)]
    pub y4m: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let key = keyfile::read(&a.key)?;
    let binding = keyfile::read_binding(&a.binding_key)?;
    let raw = std::fs::read(&a.input).with_context(|| format!("reading {}", a.input.display()))?;
    let desc: Description = serde_json::from_slice(&raw).context("invalid credential description")?;
    let uid = match &a.uid {
        Some(h) => super::revoke::parse_uid(&h.to_ascii_lowercase()).context("--uid is not 32 hex digits")?,
        None => {
            let mut u = [0u8; 16];
            getrandom::getrandom(&mut u).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
            u
        }
    };
    let kid = yima_core::hex(&yima_core::kid(&key.verifying_key()));
    eprintln!("revocation pair (kid identifier): {kid} {}", yima_core::hex(&uid));
    let claims = desc.claims(super::now_or_clock(a.now), uid, &binding);
    // Never sign what every verifier refuses (docs/format.md §1: a self-test NAT, `x` before `a`, …).
    yima_core::claims_from_cbor(&yima_issue::claims_cbor(&claims))
        .map_err(|e| anyhow::anyhow!("the verifier would refuse these claims: {e}"))?;
    let qr = yima_issue::issue(&claims, &key);
    eprintln!("QR version {} (level M), {} characters", render::version(&render::symbol(&qr)?), qr.len());
    if let Some(p) = &a.png {
        render::write_png(&qr, p, 6)?;
    }
    if let Some(p) = &a.y4m {
        render::write_y4m(&qr, p, 0, 3)?;
    }
    println!("{qr}");
    Ok(())
}
