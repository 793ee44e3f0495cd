//! Both encodings: what crosses comes back equal, anything else is refused, nothing panics.

use proptest::prelude::*;

use super::*;
use crate::trust::DccSigner;

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

#[test]
fn bits_carry_every_status_reason_and_type_both_ways() {
    for n in 0..8u32 {
        let status = status_from_bits(n);
        assert_eq!(status.len(), n.count_ones() as usize);
        assert_eq!(status_bits(&status), n);
        let types = types_from_bits(n);
        assert_eq!(types.len(), n.count_ones() as usize);
        assert_eq!(types_bits(&types), n);
    }
    assert_eq!(status_from_bits(0b1000 | 0b10), vec![Reason::TrustDataStale]);
    assert_eq!(status_bits(&[Reason::RevocationDataStale, Reason::ClockBehindTrustList]), 0b100);
    assert_eq!(types_from_bits(0b101), vec![DccType::Test, DccType::Recovery]);
}

/// Contexts with and without each part, at whole and fractional seconds.
fn contexts() -> Vec<ForeignContext> {
    let full = ForeignRule { test_hours: Some(72), rapid_antigen: true, vaccination_days: Some(14), recovery: true };
    let recovery_only = ForeignRule { test_hours: None, rapid_antigen: false, vaccination_days: None, recovery: true };
    let policies = [
        None,
        Some((None, Duration::seconds(90))),
        Some((Some(full), Duration::seconds(60))),
        Some((Some(recovery_only), Duration::zero())),
    ];
    let mut out = vec![];
    for now in [t("2026-11-24T09:00:00Z"), t("1969-12-31T23:59:59.999Z")] {
        for status in [vec![], vec![Reason::TrustDataStale, Reason::ClockBehindTrustList], vec![Reason::NoTrustData]] {
            for policy in policies.clone() {
                out.extend([true, false].map(|trusted| ForeignContext { now, status: status.clone(), trusted, policy: policy.clone() }));
            }
        }
    }
    out
}

#[test]
fn parts_carry_the_context_and_the_signer_across_as_bytes() {
    let signer = DccSigner {
        kid: "0102030405060708".into(),
        country: "AT".into(),
        public_key: "MAMBAgM=".into(),
        not_before: t("2021-01-01T00:00:00Z"),
        not_after: t("2023-01-01T00:00:00.250Z"),
        types: vec![DccType::Vaccination, DccType::Recovery],
        status: crate::trust::KeyStatus::Active,
    };
    let key = SignerParts {
        key: vec![0x30, 0x03, 1, 2, 3],
        not_before: signer.not_before,
        not_after: signer.not_after,
        types: signer.types.clone(),
    };
    let round = |p: &ForeignParts| ForeignParts::from_bytes(&p.to_bytes());
    for ctx in contexts() {
        let parts = ForeignParts::new(ctx.clone(), Some(&signer));
        assert_eq!(parts, ForeignParts { context: ctx.clone(), signer: Some(key.clone()) });
        assert_eq!(round(&parts), Some(parts), "{ctx:?}");
        let alone = ForeignParts::new(ctx.clone(), None);
        assert_eq!(round(&alone), Some(alone));
        // A key that is not base64: no signer; an empty one crosses empty.
        let bad_key = ForeignParts::new(ctx.clone(), Some(&DccSigner { public_key: "not base64!".into(), ..signer.clone() }));
        assert_eq!(bad_key, ForeignParts { context: ctx.clone(), signer: None });
        let empty = ForeignParts::new(ctx, Some(&DccSigner { public_key: String::new(), ..signer.clone() }));
        assert_eq!(round(&empty).and_then(|p| p.signer).map(|s| s.key), Some(vec![]));
    }
}

#[test]
fn anything_else_does_not_decode() {
    let good = ForeignParts::new(contexts()[0].clone(), None).to_bytes();
    assert!(ForeignParts::from_bytes(&good).is_some());
    let changed = |at: usize, b: u8| {
        let mut g = good.clone();
        g[at] = b;
        g
    };
    let longer = [&good[..], &[0]].concat();
    // Another format, a flag that is neither 0 nor 1, a time out of range, one byte short or over.
    let bad = [changed(0, VIEW), changed(13, 2), changed(8, 0x7f), good[..good.len() - 1].to_vec(), longer];
    for bad in [&b""[..], b"\x01", b"\xff\x00garbage", &[0x9f; 4096]].into_iter().chain(bad.iter().map(|b| &b[..])) {
        assert_eq!(ForeignParts::from_bytes(bad), None, "{bad:02x?}");
    }
}

fn view() -> ForeignView {
    let line = |code: &str, zh: &str, en: &str| Line { code: code.into(), zh: zh.into(), en: en.into() };
    ForeignView {
        verdict: Verdict::Deny,
        reasons: vec![
            Reason::DccExpired { at: "2021-06-01T00:00:00Z".parse().unwrap() },
            Reason::DccTestTooOld { age_seconds: 180_000, max_hours: 48 },
            Reason::TrustDataStale,
        ],
        holder: "M***** G*** · 1998".into(),
        country: "AT".into(),
        rows: vec![Row {
            label: line("vaccination", "疫苗接种", "Vaccination"), value: line("", "第 2/2 剂", "dose 2/2"), alarm: true
        }],
    }
}

#[test]
fn the_card_comes_back_as_it_went() {
    let v = view();
    assert_eq!(ForeignView::from_bytes(&v.to_bytes()), Some(v.clone()));
    for verdict in VERDICTS {
        let bare = ForeignView { verdict, reasons: vec![], holder: String::new(), country: String::new(), rows: vec![] };
        assert_eq!(ForeignView::from_bytes(&bare.to_bytes()), Some(bare));
    }
}

#[test]
fn a_card_that_was_not_written_so_does_not_decode() {
    let good = view().to_bytes();
    let changed = |at: usize, b: u8| {
        let mut g = good.clone();
        g[at] = b;
        g
    };
    // The first text's length is at 6..10; its first byte at 10 ('d'), made invalid UTF-8.
    let bad =
        [changed(0, 0), changed(1, 3), changed(2, 0xff), changed(10, 0xff), good[..good.len() - 1].to_vec(), [&good[..], &[0]].concat()];
    for bad in [&b""[..], b"\x01", b"\x01\x00\xff\xff\xff\xff"].into_iter().chain(bad.iter().map(|b| &b[..])) {
        assert_eq!(ForeignView::from_bytes(bad), None, "{bad:02x?}");
    }
    // A card is not parts, nor parts a card.
    assert_eq!(ForeignParts::from_bytes(&good), None);
    assert_eq!(ForeignView::from_bytes(&ForeignParts::new(contexts()[0].clone(), None).to_bytes()), None);
}

fn any_parts() -> impl Strategy<Value = ForeignParts> {
    let ms = -8_000_000_000_000_000i64..8_000_000_000_000_000; // within chrono's range
    let time = ms.prop_map(|ms| Time::from_timestamp_millis(ms).unwrap());
    let rule = (any::<Option<u32>>(), any::<bool>(), any::<Option<u32>>(), any::<bool>()).prop_map(
        |(test_hours, rapid_antigen, vaccination_days, recovery)| ForeignRule { test_hours, rapid_antigen, vaccination_days, recovery },
    );
    let policy = proptest::option::of((proptest::option::of(rule), (-1i64 << 40..1i64 << 40).prop_map(Duration::seconds)));
    let signer = (proptest::collection::vec(any::<u8>(), 0..100), time.clone(), time.clone(), 0u32..8)
        .prop_map(|(key, not_before, not_after, t)| SignerParts { key, not_before, not_after, types: types_from_bits(t) });
    (time, 0u32..8, any::<bool>(), policy, proptest::option::of(signer)).prop_map(|(now, s, trusted, policy, signer)| ForeignParts {
        context: ForeignContext { now, status: status_from_bits(s), trusted, policy },
        signer,
    })
}

proptest! {
    #[test]
    fn any_parts_cross_whole(parts in any_parts()) {
        prop_assert_eq!(ForeignParts::from_bytes(&parts.to_bytes()), Some(parts));
    }

    /// Also past the format byte, where the fields are read.
    #[test]
    fn any_bytes_decode_or_not_without_panic(b in proptest::collection::vec(any::<u8>(), 0..120)) {
        for format in [PARTS, VIEW] {
            let b = [&[format][..], &b].concat();
            let _ = (ForeignParts::from_bytes(&b), ForeignView::from_bytes(&b));
        }
    }
}
