//! `keygen` and `trust-entry`.

use std::num::NonZeroU32;
use std::path::PathBuf;

use yima_core::Time;
use yima_core::{IssuerKey, Role, Scope};

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
    /// Write a national holder-binding key with this key id (≥ 1) instead of a signing key:
    /// the secret every issuer binds holders' ID numbers with (docs/format.md). Prints the id.
    #[arg(long)]
    pub binding: Option<NonZeroU32>,
}

pub fn keygen(a: KeygenArgs) -> anyhow::Result<()> {
    let secret = match (&a.seed, &a.label) {
        (Some(seed), Some(label)) => yima_issue::derived_secret(seed.as_bytes(), label),
        _ => {
            let mut secret = [0u8; 32];
            getrandom::getrandom(&mut secret).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
            secret
        }
    };
    if let Some(id) = a.binding {
        keyfile::write_binding(&a.out, &yima_issue::BindingKey::new(id, secret))?;
        println!("{id}");
        return Ok(());
    }
    let key = ed25519_dalek::SigningKey::from_bytes(&secret);
    keyfile::write(&a.out, &key)?;
    println!("{}", yima_core::hex(&yima_core::kid(&key.verifying_key())));
    Ok(())
}

#[derive(clap::Args)]
pub struct EntryArgs {
    /// An EU DCC document signer certificate (X.509, DER or PEM): print a DCC signer entry
    /// (for the list's `dcc_signers`) instead of an issuer key entry.
    #[arg(long, conflicts_with_all = ["key", "region", "name_zh", "name_en", "roles", "not_before", "not_after"])]
    pub dcc_cert: Option<PathBuf>,
    /// The issuer's key file.
    #[arg(long, required_unless_present = "dcc_cert")]
    pub key: Option<PathBuf>,
    /// GB/T 2260 region code, e.g. 310000.
    #[arg(long, required_unless_present = "dcc_cert")]
    pub region: Option<u32>,
    #[arg(long, required_unless_present = "dcc_cert")]
    pub name_zh: Option<String>,
    #[arg(long, required_unless_present = "dcc_cert")]
    pub name_en: Option<String>,
    /// health_code, test_report or itinerary (repeatable).
    #[arg(long = "role", value_parser = parse_role, required_unless_present = "dcc_cert")]
    pub roles: Vec<Role>,
    /// province (signs only for its own province) or national (any region; --region 0).
    #[arg(long, value_parser = parse_scope, default_value = "province")]
    pub scope: Scope,
    #[arg(long, required_unless_present = "dcc_cert")]
    pub not_before: Option<Time>,
    #[arg(long, required_unless_present = "dcc_cert")]
    pub not_after: Option<Time>,
}

fn parse_role(s: &str) -> Result<Role, String> {
    serde_json::from_value(serde_json::Value::String(s.into()))
        .map_err(|_| format!("unknown role {s:?}: health_code, test_report or itinerary"))
}

fn parse_scope(s: &str) -> Result<Scope, String> {
    serde_json::from_value(serde_json::Value::String(s.into())).map_err(|_| format!("unknown scope {s:?}: province or national"))
}

pub fn entry(a: EntryArgs) -> anyhow::Result<()> {
    if let Some(cert) = &a.dcc_cert {
        return dcc_entry(cert);
    }
    let missing = || anyhow::anyhow!("missing argument");
    let key = keyfile::read(a.key.as_ref().ok_or_else(missing)?)?;
    let region = a.region.ok_or_else(missing)?;
    let national = a.scope == Scope::National;
    anyhow::ensure!(national || yima_core::region_known(region), "unknown region code {region}");
    let names = (a.name_zh.as_deref().ok_or_else(missing)?, a.name_en.as_deref().ok_or_else(missing)?);
    let valid = (a.not_before.ok_or_else(missing)?, a.not_after.ok_or_else(missing)?);
    let e = IssuerKey::new(&key.verifying_key(), region, names, a.roles, valid);
    let e = if national { e.national() } else { e };
    println!("{}", serde_json::to_string_pretty(&e)?);
    Ok(())
}

/// A DCC signer entry from a DER or PEM certificate: kid, key, validity and types are all
/// read from the certificate, nothing is typed in.
fn dcc_entry(path: &std::path::Path) -> anyhow::Result<()> {
    use anyhow::Context;
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
    let der = match std::str::from_utf8(&bytes) {
        Ok(text) if text.contains("-----BEGIN CERTIFICATE-----") => {
            let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
            B64.decode(body.trim()).context("PEM body is not base64")?
        }
        _ => bytes,
    };
    let e = yima_dcc::cert::trust_entry(&der).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    println!("{}", serde_json::to_string_pretty(&e)?);
    Ok(())
}
