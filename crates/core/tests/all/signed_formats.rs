//! The signed formats read by the core (COSE_Sign1 credentials, root-signed envelopes), made by
//! the issuing crate: what is signed opens, anything else is refused with its reason.

use coset::{iana, CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use ed25519_dalek::Signer;
use yima_core::{hex, kid, open_cose, open_fields, open_payload, open_signed, CoseError, EnvelopeError, Fields, MAX_FILE_LEN};
use yima_issue::{derived_key, seal, sign_cose};

#[test]
fn sign_open_verify() {
    let k = derived_key(b"t", "issuer");
    let bytes = sign_cose(b"claims".to_vec(), &k);
    assert_eq!(bytes[0], 0xd2, "tag 18");
    let o = open_cose(&bytes).unwrap();
    assert_eq!(o.kid, kid(&k.verifying_key()));
    assert_eq!(o.payload, b"claims");
    assert!(o.signature_valid(&k.verifying_key()));
    assert!(!o.signature_valid(&derived_key(b"t", "other").verifying_key()));
    // the tag is required (one shape; docs/format.md §1)
    assert_eq!(open_cose(&bytes[1..]).unwrap_err(), CoseError::NotCose);
}

#[test]
fn a_header_label_beyond_alg_and_the_protected_kid_is_refused() {
    let k = derived_key(b"t", "issuer");
    let own = kid(&k.verifying_key()).to_vec();
    let sign = |protected: coset::Header, unprotected: coset::Header| {
        CoseSign1Builder::new()
            .protected(protected)
            .unprotected(unprotected)
            .payload(b"claims".to_vec())
            .create_signature(b"", |tbs| k.sign(tbs).to_bytes().to_vec())
            .build()
            .to_tagged_vec()
            .unwrap()
    };
    let base = || HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(own.clone());
    let none = || HeaderBuilder::new().build();
    assert!(open_cose(&sign(base().build(), none())).unwrap().signature_valid(&k.verifying_key()));
    let protected_extra = [
        base().content_type("application/cbor".into()).build(),
        base().add_critical(iana::HeaderParameter::Alg).build(),
        base().value(99, coset::cbor::value::Value::Integer(1.into())).build(),
        base().iv(vec![0; 12]).build(),
    ];
    for h in protected_extra {
        // signed, so the signature holds: the header itself is refused
        assert_eq!(open_cose(&sign(h.clone(), none())).unwrap_err(), CoseError::Header, "{h:?}");
    }
    let unprotected_extra = [
        HeaderBuilder::new().content_type("text/plain".into()).build(),
        HeaderBuilder::new().value(99, coset::cbor::value::Value::Integer(1.into())).build(),
        HeaderBuilder::new().iv(vec![0; 12]).build(),
        HeaderBuilder::new().algorithm(iana::Algorithm::ES256).build(),
    ];
    for h in unprotected_extra {
        assert_eq!(open_cose(&sign(base().build(), h.clone())).unwrap_err(), CoseError::Header, "{h:?}");
    }
    // The protected header in another encoding of the same map (kid first): refused too.
    let good = sign(base().build(), none());
    let at = good.windows(6).position(|w| w == [0x4d, 0xa2, 0x01, 0x27, 0x04, 0x48]).unwrap();
    let mut swapped = good.clone();
    swapped[at + 2..at + 14].copy_from_slice(&[&[0x04, 0x48][..], &own, &[0x01, 0x27]].concat());
    assert_eq!(open_cose(&swapped).unwrap_err(), CoseError::Header);
}

#[test]
fn cose_bytes_must_be_strict_cbor() {
    let k = derived_key(b"t", "issuer");
    let good = sign_cose(b"claims".to_vec(), &k);
    assert!(open_cose(&good).is_ok());
    // d2 84 4d …: the array of 4 with a long head, then as an indefinite array
    let long = [&[0xd2, 0x98, 0x04][..], &good[2..]].concat();
    let indefinite = [&[0xd2, 0x9f][..], &good[2..], &[0xff]].concat();
    let trailing = [&good[..], &[0x00]].concat();
    for (what, bytes) in [("long head", long), ("indefinite", indefinite), ("trailing", trailing)] {
        assert_eq!(open_cose(&bytes).unwrap_err(), CoseError::NotCose, "{what}");
    }
}

#[test]
fn rejects_non_cose_and_wrong_alg() {
    assert_eq!(open_cose(b"").unwrap_err(), CoseError::NotCose);
    assert_eq!(open_cose(&[0xa0]).unwrap_err(), CoseError::NotCose);
    let k = derived_key(b"t", "issuer");
    let es256 = CoseSign1Builder::new()
        .protected(HeaderBuilder::new().algorithm(iana::Algorithm::ES256).key_id(vec![0; 8]).build())
        .payload(vec![1])
        .create_signature(b"", |tbs| k.sign(tbs).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .unwrap();
    assert_eq!(open_cose(&es256).unwrap_err(), CoseError::Algorithm);
    let unprotected_kid = CoseSign1Builder::new()
        .protected(HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).build())
        .unprotected(HeaderBuilder::new().key_id(vec![0; 8]).build())
        .payload(vec![1])
        .build()
        .to_tagged_vec()
        .unwrap();
    assert_eq!(open_cose(&unprotected_kid).unwrap_err(), CoseError::Kid);
}

#[test]
fn a_kid_in_the_unprotected_header_is_refused_beside_a_protected_one() {
    let k = derived_key(b"t", "issuer");
    let good = sign_cose(b"claims".to_vec(), &k);
    let mut sign1 = CoseSign1::from_tagged_slice(&good).unwrap();
    let own = kid(&k.verifying_key()).to_vec();
    for extra in [own.clone(), vec![9; 8]] {
        sign1.unprotected = HeaderBuilder::new().key_id(extra).build();
        // the signature does not cover the unprotected header: it still verifies
        let bytes = sign1.clone().to_tagged_vec().unwrap();
        assert_eq!(open_cose(&bytes).unwrap_err(), CoseError::Kid);
    }
    assert_eq!(open_cose(&good).unwrap().kid.to_vec(), own);
}

#[test]
fn seal_and_open() {
    let root = derived_key(b"t", "root");
    let f = seal("trust-list", b"{\"a\":1}", &root);
    let roots = [root.verifying_key()];
    assert_eq!(open_signed("trust-list", f.as_bytes(), &roots).unwrap(), b"{\"a\":1}");
    // a trust list given where policies are expected: the error names both kinds (issue 22)
    let wrong = EnvelopeError::WrongKind { expected: "policies".into(), found: "trust-list".into() };
    assert_eq!(open_signed("policies", f.as_bytes(), &roots), Err(wrong.clone()));
    assert_eq!(wrong.to_string(), "this is a trust-list file, not a policies file");
    for kind in [yima_core::TRUST_KIND, yima_core::POLICIES_KIND, yima_core::FULL_KIND, yima_core::DELTA_KIND] {
        assert!(yima_core::SIGNED_KINDS.contains(&kind), "{kind} is a kind a wrong file is tried as");
    }
    let other = derived_key(b"t", "issuer");
    assert_eq!(open_signed("trust-list", f.as_bytes(), &[other.verifying_key()]), Err(EnvelopeError::UnknownSigner));
    assert_eq!(open_signed("trust-list", b"not json", &roots), Err(EnvelopeError::NotEnvelope));
    let too_large = open_signed("trust-list", &vec![b' '; MAX_FILE_LEN + 1], &roots).unwrap_err();
    assert_eq!(too_large.to_string(), "trust-list file larger than its size cap (1048576 bytes)");
    // an issuer key that signs a file, claiming the root's kid, fails
    let forged = seal("trust-list", b"{}", &other).replace(&hex(&kid(&other.verifying_key())), &hex(&kid(&roots[0])));
    assert_eq!(open_signed("trust-list", forged.as_bytes(), &roots), Err(EnvelopeError::BadSignature));
}

#[test]
fn fields_with_payload_in_chunks_open_as_the_whole_file() {
    let root = derived_key(b"t", "root");
    let roots = [root.verifying_key()];
    let payload: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
    let f = seal("k", &payload, &root);
    let env: serde_json::Value = serde_json::from_str(&f).unwrap();
    let field = |k: &str| env[k].as_str().unwrap().to_string();
    let (yima, kid, signature, payload_b64) = (field("yima"), field("kid"), field("signature"), field("payload"));
    let fields = Fields { yima: &yima, kid: &kid, signature: &signature, payload_len: payload_b64.len() };
    let b64 = payload_b64.as_bytes();
    for size in [4, 8, 400, 1336, 4096] {
        let got = open_fields("k", &fields, b64.chunks(size), &roots, usize::MAX).unwrap();
        assert_eq!(got.bytes(), &payload[..], "chunks of {size}");
        assert_eq!(got.all().as_ptr().align_offset(4), 0);
    }
    assert_eq!(open_payload("k", f.as_bytes(), &roots, MAX_FILE_LEN).unwrap().bytes(), &payload[..]);
    // a chunk that is not whole base64 (but the last), another kind, a changed byte, too long
    assert_eq!(open_fields("k", &fields, b64.chunks(6), &roots, usize::MAX).err(), Some(EnvelopeError::NotEnvelope));
    assert_eq!(open_fields("other", &fields, [b64], &roots, usize::MAX).err(), Some(EnvelopeError::BadSignature));
    let mut changed = b64.to_vec();
    changed[10] = if changed[10] == b'A' { b'B' } else { b'A' };
    assert_eq!(open_fields("k", &fields, [&changed[..]], &roots, usize::MAX).err(), Some(EnvelopeError::BadSignature));
    assert_eq!(open_fields("k", &fields, [b64], &roots, b64.len() - 1).err(), Some(EnvelopeError::too_large("k", b64.len() - 1)));
    // a payload longer than stated cannot overrun the buffer
    let short = Fields { payload_len: 8, ..fields };
    assert_eq!(open_fields("k", &short, [b64], &roots, usize::MAX).err(), Some(EnvelopeError::NotEnvelope));
}

/// The embedding hosts a venue allows (issue 21 I) travel inside the signed policies: a file
/// written before the field reads as none, and the list comes back as signed.
#[test]
fn embed_origins_are_signed_policy_content_and_default_to_none() {
    use yima_core::{PolicySet, SignedContent};
    use yima_issue::{demo, Seal};
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let set = demo::policies(crate::common::now());
    assert_eq!(set.embed_origins, demo::EMBED_ORIGINS);
    assert_eq!(PolicySet::open(set.seal(&root).as_bytes(), &roots).unwrap().embed_origins, demo::EMBED_ORIGINS);
    let older = PolicySet { embed_origins: vec![], ..set };
    let json = serde_json::to_string(&older).unwrap();
    assert!(!json.contains("embed_origins"), "an empty list is not written: {json}");
    assert!(PolicySet::open(older.seal(&root).as_bytes(), &roots).unwrap().embed_origins.is_empty());
}
