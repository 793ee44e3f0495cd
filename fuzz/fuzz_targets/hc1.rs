//! The HC1 path: arbitrary text, and arbitrary COSE bytes behind a valid `HC1:` + base45 +
//! zlib wrapping → read (COSE, CWT, payload) → verify against a listed signer; plus arbitrary
//! bytes as a signer certificate (X.509 parsing and trust-entry making); and the DCC module's
//! whole call (`judge_bytes`: decode the parts, read, verify, rule, card) with that signer, with
//! the input as the signer's key bytes, and with the input as the parts' bytes.
#![no_main]
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use libfuzzer_sys::fuzz_target;
use yima_core::ForeignRule;
use yima_core::KeyStatus;
use yima_core::{DccSigner, DccType};
use yima_core::{ForeignContext, ForeignParts};
use yima_dcc::cert::{self, Signer};

static SIGNER: std::sync::OnceLock<Option<Signer>> = std::sync::OnceLock::new();

const AT_KEY: &str =
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErdVc9a0bltR6jm1BPTA3u0cyJNYKuF1uRk8h7h04+XBRJ9kYHt+/oSDXwmWXKM6cECncmqaKz1D9UxO1FpdBdw==";

/// What the app hands the DCC module, as bytes: a context with a rule, and the AT signer's
/// entry with `key` as its key when given.
fn parts(key: Option<&[u8]>) -> Vec<u8> {
    let rule = ForeignRule { test_hours: Some(48), rapid_antigen: true, vaccination_days: Some(14), recovery: true };
    let ctx = ForeignContext { now: now(), status: vec![], trusted: true, policy: Some((Some(rule), chrono::Duration::seconds(300))) };
    let entry = DccSigner { public_key: key.map_or_else(|| AT_KEY.into(), |k| B64.encode(k)), ..entry() };
    ForeignParts::new(ctx, Some(&entry)).to_bytes()
}

fn now() -> yima_core::Time {
    chrono::DateTime::from_timestamp(1_625_000_000, 0).unwrap_or_default()
}

/// The AT signer's trust-list entry.
fn entry() -> DccSigner {
    DccSigner {
        kid: "d919375fc1e7b6b2".into(),
        country: "AT".into(),
        public_key: AT_KEY.into(),
        not_before: chrono::DateTime::from_timestamp(1_620_000_000, 0).unwrap_or_default(),
        not_after: chrono::DateTime::from_timestamp(1_690_000_000, 0).unwrap_or_default(),
        types: DccType::ALL.to_vec(),
        status: KeyStatus::Active,
    }
}

/// The Austrian dgc-testdata signer (P-256), as a trust-list entry would name it.
fn signer() -> Option<&'static Signer> {
    SIGNER.get_or_init(|| Signer::from_entry(&entry())).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let now = now();
    let text = String::from_utf8_lossy(data);
    let wrapped = format!("HC1:{}", yima_core::encode_text(data).get(4..).unwrap_or_default());
    let at = parts(None);
    for t in [text.as_ref(), wrapped.as_str()] {
        if let Ok(r) = yima_dcc::read(t) {
            let _ = r.verify(signer(), now);
            let _ = r.verify(None, now);
        }
        let _ = yima_dcc::scan::judge_bytes(t, &at);
    }
    let _ = yima_dcc::scan::judge_bytes(&wrapped, &parts(Some(data)));
    let _ = yima_dcc::scan::judge_bytes(&wrapped, data);
    // the COSE stage alone, keeping whatever parses this far
    if let Ok(o) = yima_dcc::sign1::open(data) {
        if let Some(s) = signer() {
            let _ = o.verify(&s.key);
        }
        let _ = yima_dcc::cwt::parse(&o.payload);
    }
    let _ = Signer::from_der(data);
    let _ = cert::trust_entry(data);
});
