//! The whole scan path with signed hostile claims: the input, if it parses as claims CBOR, is
//! signed with a demo key (so it passes the signature gate) and scanned at every venue kind, twice
//! in a session (merging), with the input also choosing the time.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yima_core::{claims_from_cbor, Session, VenueKey, Verifier};
use yima_issue::{demo, issue};

struct Fixed {
    trust: yima_core::TrustList,
    policies: yima_core::PolicySet,
    code_key: ed25519_dalek::SigningKey,
    lab_key: ed25519_dalek::SigningKey,
    itinerary_key: ed25519_dalek::SigningKey,
}
static FIXED: std::sync::OnceLock<Fixed> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let f = FIXED.get_or_init(|| {
        let t = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
        Fixed {
            trust: demo::trust_list(t),
            policies: demo::policies(t),
            code_key: demo::key("hc-310000"),
            lab_key: demo::key("lab-340000"),
            itinerary_key: demo::key("it-national"),
        }
    });
    if data.len() < 8 {
        return;
    }
    let (t, rest) = data.split_at(8);
    let secs = i64::from_le_bytes(t.try_into().unwrap_or_default()) % 20_000_000_000;
    let now = chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    let Ok(claims) = claims_from_cbor(rest) else { return };
    let key = match claims {
        yima_core::Claims::HealthCode(_) => &f.code_key,
        yima_core::Claims::TestReport(_) => &f.lab_key,
        yima_core::Claims::Itinerary(_) => &f.itinerary_key,
    };
    let qr = issue(&claims, key);
    // The signed data as if signed at `now` (same keys), so staleness and clock floor vary too.
    let (mut trust, mut policies) = (f.trust.clone(), f.policies.clone());
    trust.issued_at = now;
    policies.issued_at = now;
    for venue in yima_issue::demo::VENUES {
        let v = Verifier {
            trust: Some(trust.clone()),
            policies: Some(policies.clone()),
            venue: VenueKey { venue: venue.into(), region: 310000 },
            revocation: None,
            clock_floor: None,
        };
        let mut s = Session::default();
        let a = v.scan(&mut s, &qr, now);
        let b = v.scan(&mut s, &qr, now);
        assert_eq!(a.card.verdict, b.card.verdict);
        let _ = serde_json::to_string(&b.card);
        for r in &b.card.reasons {
            let _ = yima_core::reason_text(r, yima_core::Lang::En);
        }
    }
});
