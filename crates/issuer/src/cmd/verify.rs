//! `verify`: exactly what the app decides for QR text(s) at a venue. Several texts are one gate
//! session, merged as in the app: the same core call (`Verifier::scan`), not a re-implementation.
//! Exit code 0 whatever the verdict; non-zero only for unusable arguments or trust files. A
//! refused revocation delta is a warning (stderr, and `warnings` in the JSON): as in the app, the
//! full list held stays in use.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{bail, Context};
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use serde_json::json;
use yima_core::{plain_text, reason_text, Lang};
use yima_core::{Card, PolicySet, Session, Time, TrustList, VenueKey};
use yima_core::{DeltaList, FullList, Revocations};
use yima_core::{SignedContent, Verifier};
use yima_issue::{demo, Seal};

#[derive(clap::Args)]
pub struct Args {
    /// QR texts (none and no --file: one text per line from stdin).
    pub texts: Vec<String>,
    /// Files holding QR texts, one per line (repeatable).
    #[arg(long = "file")]
    pub files: Vec<PathBuf>,
    /// Venue type id, e.g. metro, mall, leave_city, school (see the policies).
    #[arg(long, default_value = "metro")]
    pub venue: String,
    /// GB/T 2260 code of the venue's region.
    #[arg(long, default_value_t = 310000)]
    pub region: u32,
    /// Time of the scan (default: now).
    #[arg(long)]
    pub at: Option<Time>,
    /// Root-signed keys.json (default: the demo endpoint, signed at --at).
    #[arg(long, requires = "policies")]
    pub keys: Option<PathBuf>,
    /// Root-signed policies.json (default: the demo endpoint, signed at --at).
    #[arg(long, requires = "keys")]
    pub policies: Option<PathBuf>,
    /// Root-signed full revocation list (default with the demo endpoint: the demo's).
    #[arg(long)]
    pub revocation_full: Option<PathBuf>,
    /// Root-signed revocation delta, applied on top of --revocation-full.
    #[arg(long, requires = "revocation_full")]
    pub revocation_delta: Option<PathBuf>,
    /// Pinned root public key, base64 of the raw 32 bytes (default: the public demo root).
    #[arg(long)]
    pub root: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let at = super::now_or_clock(a.at);
    let texts = texts(&a)?;
    if texts.is_empty() {
        bail!("no QR text given (arguments, --file or stdin)");
    }
    let roots = [a.root_key()?];
    let (trust, policies, raw) = a.trust(at, &roots)?;
    let venue = VenueKey { venue: a.venue.clone(), region: a.region };
    let (revocation, warnings) = a.revocations(at, &roots)?;
    warnings.iter().for_each(|w| eprintln!("warning: {w}"));
    let verifier = Verifier { trust: Some(trust), policies: Some(policies), venue: venue.clone(), revocation, clock_floor: None };
    let demo_list = verifier.trust.as_ref().is_some_and(|t| t.demo);
    let mut session = Session::default();
    // An HC1 text is judged by the same call as the app's DCC module, on its own card.
    let scans: Vec<(Card, bool)> = texts
        .iter()
        .map(|t| match t.starts_with("HC1:") {
            true => {
                let view = yima_dcc::scan::scan(t, Some(&raw.0), Some(&raw.1), &roots, &venue, at);
                // A demo list's DCC signers are test certificates: flagged like demo keys.
                (Card { demo: demo_list, ..Card::foreign(view, venue.clone(), at) }, false)
            }
            false => {
                let s = verifier.scan(&mut session, t, at);
                (s.card, s.merged)
            }
        })
        .collect();
    let Some((card, merged)) = scans.last() else { bail!("no QR text given") };
    if a.json {
        // The app's words (yima_core's words.rs); made plain with the rest below.
        let text = |r, lang| reason_text(r, lang);
        let reasons: Vec<_> =
            card.shown_reasons().iter().map(|r| json!({ "code": r.code(), "zh": text(r, Lang::Zh), "en": text(r, Lang::En) })).collect();
        let mut out = json!({
            "verdict": card.verdict,
            "reasons": reasons,
            "merged": merged,
            "scans": scans.iter().map(|(c, m)| json!({ "verdict": c.verdict, "merged": m })).collect::<Vec<_>>(),
            "card": card,
            "warnings": warnings,
        });
        plain_strings(&mut out);
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", crate::cmd::verify_text::render(card, *merged));
    }
    Ok(())
}

/// Every string in `v` made plain ([`plain_text`]): the reasons, and a foreign card's rows.
fn plain_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = plain_text(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(plain_strings),
        serde_json::Value::Object(o) => o.values_mut().for_each(plain_strings),
        _ => {}
    }
}

fn texts(a: &Args) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = a.texts.clone();
    let mut add_lines = |raw: &str| out.extend(raw.lines().map(str::trim_end).filter(|l| !l.is_empty()).map(String::from));
    for f in &a.files {
        add_lines(&std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?);
    }
    if a.texts.is_empty() && a.files.is_empty() {
        let mut raw = String::new();
        std::io::stdin().read_to_string(&mut raw).context("reading stdin")?;
        add_lines(&raw);
    }
    Ok(out)
}

impl Args {
    /// The trust list and policies: read and verified against the root like the app does, or
    /// the demo endpoint signed at `at`; with the files' text (what the DCC module is given).
    fn trust(&self, at: Time, roots: &[VerifyingKey]) -> anyhow::Result<(TrustList, PolicySet, (String, String))> {
        let (keys, policies) = match (&self.keys, &self.policies) {
            (Some(k), Some(p)) => (
                std::fs::read(k).with_context(|| format!("reading {}", k.display()))?,
                std::fs::read(p).with_context(|| format!("reading {}", p.display()))?,
            ),
            _ => {
                let root = demo::root_key();
                (demo::trust_list(at).seal(&root).into_bytes(), demo::policies(at).seal(&root).into_bytes())
            }
        };
        let trust = TrustList::open(&keys, roots).context("keys.json does not verify against the root")?;
        let parsed = PolicySet::open(&policies, roots).context("policies.json does not verify against the root")?;
        let text = |b: Vec<u8>| String::from_utf8(b).context("not UTF-8");
        Ok((trust, parsed, (text(keys)?, text(policies)?)))
    }

    /// Revocation data read and verified like the app does; the demo's with the demo endpoint.
    /// A delta that is refused (signature, format, made for another full list) leaves the full
    /// list alone in use, with a warning, as in the app.
    fn revocations(&self, at: Time, roots: &[VerifyingKey]) -> anyhow::Result<(Option<Revocations>, Vec<String>)> {
        let Some(full) = &self.revocation_full else {
            return Ok((self.keys.is_none().then(|| yima_issue::demo::revocations(at)), Vec::new()));
        };
        let read = |p: &PathBuf| std::fs::read(p).with_context(|| format!("reading {}", p.display()));
        let full = FullList::open(&read(full)?, roots).map_err(|e| anyhow::anyhow!("revocation list refused: {e}"))?;
        let mut r = Revocations::new(full);
        let mut warnings = Vec::new();
        if let Some(delta) = &self.revocation_delta {
            let applied = DeltaList::open(&read(delta)?, roots).and_then(|d| r.apply_delta(d, 0, at));
            if let Err(e) = applied {
                warnings.push(format!("revocation delta refused, the full list alone is used: {e}"));
            }
        }
        Ok((Some(r), warnings))
    }

    fn root_key(&self) -> anyhow::Result<VerifyingKey> {
        let Some(b64) = &self.root else { return Ok(demo::root_key().verifying_key()) };
        let raw: [u8; 32] =
            B64.decode(b64.trim()).context("--root is not base64")?.try_into().map_err(|_| anyhow::anyhow!("--root must be 32 bytes"))?;
        Ok(VerifyingKey::from_bytes(&raw)?)
    }
}
