//! `keygen` and `trust-entry`.

use std::path::PathBuf;

use yima_core::trust::{IssuerKey, Role};
use yima_core::Time;

use crate::keyfile;

#[derive(clap::Args)]
pub struct KeygenArgs {
    /// Where to write the key file (keep it secret).
    #[arg(long)]
    pub out: PathBuf,
    /// Derive the key from this seed and --label instead of the OS random generator (tests only).
    #[arg(long, requires = "label")]
    pub seed: Option<String>,
    #[arg(long)]
    pub label: Option<String>,
}

pub fn keygen(a: KeygenArgs) -> anyhow::Result<()> {
    let key = match (&a.seed, &a.label) {
        (Some(seed), Some(label)) => yima_core::keys::derived_key(seed.as_bytes(), label),
        _ => {
            let mut secret = [0u8; 32];
            getrandom::getrandom(&mut secret).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
            ed25519_dalek::SigningKey::from_bytes(&secret)
        }
    };
    keyfile::write(&a.out, &key)?;
    println!("{}", yima_core::envelope::hex(&yima_core::keys::kid(&key.verifying_key())));
    Ok(())
}

#[derive(clap::Args)]
pub struct EntryArgs {
    /// The issuer's key file.
    #[arg(long)]
    pub key: PathBuf,
    /// GB/T 2260 region code, e.g. 310000.
    #[arg(long)]
    pub region: u32,
    #[arg(long)]
    pub name_zh: String,
    #[arg(long)]
    pub name_en: String,
    /// health_code or test_report (repeatable).
    #[arg(long = "role", value_parser = parse_role, required = true)]
    pub roles: Vec<Role>,
    #[arg(long)]
    pub not_before: Time,
    #[arg(long)]
    pub not_after: Time,
}

fn parse_role(s: &str) -> Result<Role, String> {
    serde_json::from_value(serde_json::Value::String(s.into())).map_err(|_| format!("unknown role {s:?}: health_code or test_report"))
}

pub fn entry(a: EntryArgs) -> anyhow::Result<()> {
    let key = keyfile::read(&a.key)?;
    anyhow::ensure!(yima_core::region::is_known(a.region), "unknown region code {}", a.region);
    let e = IssuerKey::new(&key.verifying_key(), a.region, (&a.name_zh, &a.name_en), a.roles, (a.not_before, a.not_after));
    println!("{}", serde_json::to_string_pretty(&e)?);
    Ok(())
}
