//! Mints the Demo screen's sample codes, signed with the public demo keys, as SVG QR codes.
//!
//! Built as its own wasm module (`demo/` in the build, size-optimised) that the app loads only
//! when the Demo screen opens: signing, CBOR encoding, deflate and QR rendering are then not
//! part of what the scan page needs for its first paint. Time is passed in by the caller.

use qrcode::render::svg;
use qrcode::QrCode;
use wasm_bindgen::prelude::*;
use yima_core::Time;
use yima_issue::demo;

/// One demo code as the Demo screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoCode {
    pub id: String,
    pub description: String,
    /// The QR text (`YM1:…`).
    pub qr: String,
    /// The QR code as an SVG document (empty if the text does not fit a QR code).
    pub svg: String,
}

/// Renders QR text as an SVG at least 240 px wide, with its quiet zone.
pub fn qr_svg(text: &str) -> String {
    QrCode::new(text.as_bytes()).map(|c| c.render::<svg::Color>().min_dimensions(240, 240).quiet_zone(true).build()).unwrap_or_default()
}

/// Every demo sample minted at `now`, with its QR code.
pub fn codes(now: Time) -> Vec<DemoCode> {
    demo::samples(now).into_iter().map(|s| DemoCode { svg: qr_svg(&s.qr), id: s.id, description: s.description, qr: s.qr }).collect()
}

/// JS: `mint(nowMs)` → `[{id, description, qr, svg}, …]`, minted at `nowMs` (Unix ms).
#[wasm_bindgen]
pub fn mint(now_ms: f64) -> js_sys::Array {
    let now = chrono::DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    codes(now)
        .into_iter()
        .map(|c| {
            let o = js_sys::Object::new();
            for (k, v) in [("id", c.id), ("description", c.description), ("qr", c.qr), ("svg", c.svg)] {
                let _ = js_sys::Reflect::set(&o, &k.into(), &v.into());
            }
            JsValue::from(o)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yima_core::VenueKey;
    use yima_core::Verifier;

    #[test]
    fn every_sample_is_minted_with_a_qr_code_that_verifies_as_expected() {
        let now: Time = "2026-11-24T09:00:00Z".parse().unwrap();
        let codes = codes(now);
        let samples = demo::samples(now);
        assert_eq!(codes.len(), samples.len());
        let v = Verifier {
            trust: Some(demo::trust_list(now)),
            policies: Some(demo::policies(now)),
            venue: VenueKey { venue: "metro".into(), region: 310000 },
            revocation: Some(yima_issue::demo::revocations(now)),
            clock_floor: None,
        };
        for (c, s) in codes.iter().zip(&samples) {
            assert_eq!((&c.id, &c.qr), (&s.id, &s.qr));
            assert!(c.svg.starts_with("<?xml") && c.svg.contains("<svg") && c.svg.ends_with("</svg>"), "{}", c.id);
            let scan = v.scan(&mut Default::default(), &c.qr, now + chrono::Duration::seconds(3));
            assert_eq!(Some(&scan.card.verdict), s.expect().get("metro"), "{}", c.id);
        }
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_no_svg() {
        assert_eq!(qr_svg(&"A".repeat(8000)), "");
        assert!(qr_svg("YM1:ABC").contains("<svg"));
    }
}
