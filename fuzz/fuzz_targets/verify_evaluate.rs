//! The whole scan path with signed hostile claims: the input, if it parses as claims CBOR, is
//! signed with a demo key (so it passes the signature gate) and scanned at three venues, twice
//! in a session (merging), with the input also choosing the time.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yima_core::{demo, issue, session::Verifier, Session, VenueKey};

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (t, rest) = data.split_at(8);
    let secs = i64::from_le_bytes(t.try_into().unwrap_or_default()) % 20_000_000_000;
    let now = chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    let Ok(claims) = issue::claims_from_cbor(rest) else { return };
    let key = match claims {
        yima_core::Claims::HealthCode(_) => demo::key("hc-310000"),
        yima_core::Claims::TestReport(_) => demo::key("lab-340000"),
    };
    let qr = issue::issue(&claims, &key);
    for venue in ["metro", "mall", "leave_city"] {
        let v = Verifier { trust: Some(demo::trust_list(now)), policies: Some(demo::policies(now)), venue: VenueKey { venue: venue.into(), region: 310000 } };
        let mut s = Session::default();
        let a = v.scan(&mut s, &qr, now);
        let b = v.scan(&mut s, &qr, now);
        assert_eq!(a.card.verdict, b.card.verdict);
        let _ = serde_json::to_string(&b.card);
        for r in &b.card.reasons {
            let _ = yima_core::i18n::reason(r, yima_core::i18n::Lang::En);
        }
    }
});
