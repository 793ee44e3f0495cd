//! `sign-trust-list` and `sign-policies`: root-sign JSON content into an envelope file.

use std::path::PathBuf;

use anyhow::Context;
use yima_core::SignedContent;
use yima_issue::Seal;

use crate::keyfile;

#[derive(clap::Args)]
pub struct Args {
    /// The root key file.
    #[arg(long)]
    pub root: PathBuf,
    /// The content as JSON (see docs/format.md).
    #[arg(long = "in")]
    pub input: PathBuf,
    /// The signed file to write.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run<T: SignedContent + Seal>(a: Args) -> anyhow::Result<()> {
    let root = keyfile::read(&a.root)?;
    let raw = std::fs::read(&a.input).with_context(|| format!("reading {}", a.input.display()))?;
    let content: T = serde_json::from_slice(&raw).with_context(|| format!("{} is not valid {} content", a.input.display(), T::KIND))?;
    let signed = content.seal(&root);
    // Check what we wrote opens with the root's public key.
    T::open(signed.as_bytes(), &[root.verifying_key()])?;
    std::fs::write(&a.out, signed).with_context(|| format!("writing {}", a.out.display()))?;
    Ok(())
}
