//! `inspect TEXT`: every stage of a QR text, in hex, without trusting it.

use yima_core::{base45_decode, decode_text, hex, open_cose, QR_PREFIX};

#[derive(clap::Args)]
pub struct Args {
    /// The QR text (`YM1:…`).
    pub text: String,
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let text = a.text.trim_end();
    let body = text.strip_prefix(QR_PREFIX).ok_or_else(|| anyhow::anyhow!("no {} prefix", QR_PREFIX))?;
    let compressed = base45_decode(body)?;
    let cose_bytes = decode_text(text)?;
    let opened = open_cose(&cose_bytes)?;
    let claims = yima_core::claims_from_cbor(&opened.payload).map_err(|e| anyhow::anyhow!("claims: {e}"))?;
    println!("qr text ({} chars): {text}", text.len());
    println!("zlib ({} bytes): {}", compressed.len(), hex(&compressed));
    println!("COSE_Sign1 ({} bytes): {}", cose_bytes.len(), hex(&cose_bytes));
    println!("kid: {}", hex(&opened.kid));
    println!("claims CBOR ({} bytes): {}", opened.payload.len(), hex(&opened.payload));
    println!("claims (NOT verified): {}", serde_json::to_string_pretty(&claims)?);
    Ok(())
}
