//! The HC1 path: arbitrary text, and arbitrary COSE bytes behind a valid `HC1:` + base45 +
//! zlib wrapping → read (COSE, CWT, payload) → verify against a listed signer; plus arbitrary
//! bytes as a signer certificate (X.509 parsing and trust-entry making); and the DCC module's
//! whole call (`judge_parts`: read, verify, rule, card) with that signer's parts and with the
//! input as the signer's key bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yima_core::ForeignParts;
use yima_core::KeyStatus;
use yima_core::{DccSigner, DccType};
use yima_dcc::cert::{self, Signer};

static SIGNER: std::sync::OnceLock<Option<Signer>> = std::sync::OnceLock::new();

const AT_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErdVc9a0bltR6jm1BPTA3u0cyJNYKuF1uRk8h7h04+XBRJ9kYHt+/oSDXwmWXKM6cECncmqaKz1D9UxO1FpdBdw==";

/// What the app hands the DCC module: a context with a rule, and the signer's key bytes.
fn parts(key: Option<Vec<u8>>) -> ForeignParts {
    ForeignParts {
        now_ms: 1.625e12,
        status: 0,
        trusted: true,
        key,
        key_from_ms: 1.62e12,
        key_until_ms: 1.69e12,
        key_types: 7,
        policy: true,
        skew_seconds: 300,
        accepted: true,
        test_hours: Some(48),
        rapid_antigen: true,
        vaccination_days: Some(14),
        recovery: true,
    }
}

/// The Austrian dgc-testdata signer (P-256), as a trust-list entry would name it.
fn signer() -> Option<&'static Signer> {
    SIGNER
        .get_or_init(|| {
            Signer::from_entry(&DccSigner {
                kid: "d919375fc1e7b6b2".into(),
                country: "AT".into(),
                public_key: AT_KEY.into(),
                not_before: chrono::DateTime::from_timestamp(1_620_000_000, 0).unwrap_or_default(),
                not_after: chrono::DateTime::from_timestamp(1_690_000_000, 0).unwrap_or_default(),
                types: DccType::ALL.to_vec(),
                status: KeyStatus::Active,
            })
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_625_000_000, 0).unwrap_or_default();
    let text = String::from_utf8_lossy(data);
    let wrapped = format!("HC1:{}", yima_core::encode_text(data).get(4..).unwrap_or_default());
    let at_key = signer().and_then(|_| base64_spki());
    for t in [text.as_ref(), wrapped.as_str()] {
        if let Ok(r) = yima_dcc::read(t) {
            let _ = r.verify(signer(), now);
            let _ = r.verify(None, now);
        }
        let _ = yima_dcc::scan::judge_parts(t, &parts(at_key.clone()));
    }
    let _ = yima_dcc::scan::judge_parts(&wrapped, &parts(Some(data.to_vec())));
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

/// The AT signer's SubjectPublicKeyInfo bytes (what the app decodes from the trust list).
fn base64_spki() -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(AT_KEY).ok()
}
