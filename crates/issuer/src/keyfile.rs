//! Key files: signing keys `{"secret_key": "<base64>", "public_key": "<base64>", "kid": "<hex>"}`,
//! holder-binding keys `{"binding_key_id": 1, "secret": "<base64 of 32 bytes>"}` (docs/format.md).

use std::path::Path;

use anyhow::Context;
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use yima_core::{hex, kid};
use yima_issue::BindingKey;

#[derive(Serialize, Deserialize)]
struct KeyFile {
    secret_key: String,
    public_key: String,
    kid: String,
}

pub fn write(path: &Path, key: &SigningKey) -> anyhow::Result<()> {
    let f = KeyFile {
        secret_key: B64.encode(key.to_bytes()),
        public_key: B64.encode(key.verifying_key().as_bytes()),
        kid: hex(&kid(&key.verifying_key())),
    };
    std::fs::write(path, serde_json::to_string_pretty(&f)?).with_context(|| format!("writing {}", path.display()))
}

pub fn read(path: &Path) -> anyhow::Result<SigningKey> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let f: KeyFile = serde_json::from_slice(&raw).context("not a key file")?;
    let secret: [u8; 32] = B64.decode(&f.secret_key)?.try_into().map_err(|_| anyhow::anyhow!("secret key is not 32 bytes"))?;
    let key = SigningKey::from_bytes(&secret);
    anyhow::ensure!(B64.encode(key.verifying_key().as_bytes()) == f.public_key, "public key does not match the secret key");
    Ok(key)
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BindingKeyFile {
    binding_key_id: std::num::NonZeroU32,
    secret: String,
}

pub fn write_binding(path: &Path, key: &BindingKey) -> anyhow::Result<()> {
    let f = BindingKeyFile { binding_key_id: key.id(), secret: B64.encode(key.secret()) };
    std::fs::write(path, serde_json::to_string_pretty(&f)?).with_context(|| format!("writing {}", path.display()))
}

/// A holder-binding key file, or `demo`: the public demo binding key (demo codes only).
pub fn read_binding(path: &Path) -> anyhow::Result<BindingKey> {
    if path.as_os_str() == "demo" {
        eprintln!("holder binding under the PUBLIC demo binding key: for demo codes only");
        return Ok(yima_issue::demo::binding_key());
    }
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let f: BindingKeyFile = serde_json::from_slice(&raw).context("not a holder-binding key file (binding_key_id ≥ 1, secret)")?;
    let secret: [u8; 32] = B64.decode(&f.secret)?.try_into().map_err(|_| anyhow::anyhow!("binding secret is not 32 bytes"))?;
    Ok(BindingKey::new(f.binding_key_id, secret))
}
