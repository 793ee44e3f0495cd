//! Issue 21 A: a code does not give its holder's ID away. The holder binding is a MAC under a
//! national key only issuers hold; one person's credentials from different provinces still
//! merge, and bindings under two keys (a rotation) are never merged silently.
use std::num::NonZeroU32;

use crate::common;
use chrono::Duration;
use common::*;
use yima_core::{claims_from_cbor, decode_text, open_cose, Binding, Claims, Colour, Holder, Reason, Session, Verdict};
use yima_issue::{attack, demo, derived_secret, issue, BindingKey};

const ID: &str = "310101199001011234";

/// A binding key as a real issuer holds it: not derivable from anything published.
fn secret_key(id: u32) -> BindingKey {
    BindingKey::new(NonZeroU32::new(id).unwrap(), derived_secret(b"a real issuer's binding secret, never published", "binding"))
}

/// 陈小明 as credentials issued before binding keys carry him: the old mask and unkeyed hash.
fn old_holder() -> Holder {
    let binding = Binding { key_id: yima_core::UNKEYED_BINDING, mac: attack::unkeyed_hash(ID.as_bytes()) };
    Holder { masked_name: "陈**".into(), masked_id: "3101**********1234".into(), binding }
}

/// The claims of a code, as anyone who sees it reads them (no key needed).
fn read(qr: &str) -> Claims {
    claims_from_cbor(&open_cose(&decode_text(qr).unwrap()).unwrap().payload).unwrap()
}

fn read_holder(qr: &str) -> Holder {
    read(qr).holder().clone()
}

/// The demo's green Shanghai code with a NAT 20 h old (`green_nat_20h`), for `holder`.
fn code_with(holder: Holder) -> String {
    let Claims::HealthCode(mut hc) = read(&sample("green_nat_20h", now())) else { unreachable!() };
    hc.holder = holder;
    issue(&Claims::HealthCode(hc), &demo::key("hc-310000"))
}

/// Everything an attacker can compute a binding with from public material: the old unkeyed
/// formula and the demo binding keys (derived from the published demo seed).
type Binder = Box<dyn Fn(&[u8; 18]) -> Binding>;

fn public_binders() -> Vec<Binder> {
    let mut out: Vec<Binder> =
        vec![Box::new(|id: &[u8; 18]| Binding { key_id: yima_core::UNKEYED_BINDING, mac: attack::unkeyed_hash(id) })];
    for id in 1..=3 {
        let key = demo::binding_key_with_id(NonZeroU32::new(id).unwrap());
        out.push(Box::new(move |c: &[u8; 18]| key.bind(std::str::from_utf8(c).unwrap_or(""))));
    }
    out
}

/// The ID whose binding equals the code's, among candidates with the first 4 and last 4 digits
/// fixed (the old mask's; the new mask shows only the last 4, so this grants the attacker more)
/// and a birth date in 1985–1994: 365,200 candidates, the holder's own among them.
fn recover(holder: &Holder) -> Option<String> {
    let binders = public_binders();
    attack::candidates(*b"3101", *b"1234", 1985..=1994)
        .find(|c| binders.iter().any(|b| b(c) == holder.binding))
        .map(|c| String::from_utf8_lossy(&c).into_owned())
}

#[test]
fn an_id_is_not_recovered_from_a_code_and_everything_a_verifier_holds() {
    // Before: the unkeyed hash beside the old mask gives the ID away.
    let old = old_holder();
    assert_eq!(recover(&read_holder(&code_with(old))).as_deref(), Some(ID), "the old scheme falls");
    // A demo code is bound under the public demo key: found too (the enumeration works on keyed bindings).
    assert_eq!(recover(&read_holder(&sample("green_nat_20h", now()))).as_deref(), Some(ID));
    // Now: bound under a key the verifier never holds, nothing public computes the binding.
    let code = code_with(secret_key(1).holder("陈小明", ID));
    let seen = read_holder(&code);
    assert_eq!((seen.masked_id.as_str(), seen.binding.key_id), ("**************1234", 1));
    assert_eq!(recover(&seen), None);
    // …and the code still verifies and passes like any other.
    assert_eq!(verdict("metro", &code, now()), Verdict::Pass);
}

#[test]
fn one_binding_key_merges_across_provinces_and_two_keys_never_merge_silently() {
    let at = now() + Duration::seconds(20);
    let report_under = |key: &BindingKey| {
        let mut r = demo::paper_report(now(), 10);
        r.holder = key.holder("陈小明", ID);
        issue(&Claims::TestReport(r), &demo::key("lab-340000"))
    };
    let code_under = |key: &BindingKey| {
        let mut hc = demo::health_code(now(), Colour::Green, None);
        hc.holder = key.holder("陈小明", ID);
        issue(&Claims::HealthCode(hc), &demo::key("hc-310000"))
    };
    let v = verifier("mall", now());
    for (code_key, report_key, merges) in [(secret_key(1), secret_key(1), true), (secret_key(2), secret_key(1), false)] {
        for report_first in [true, false] {
            let (first, second) = if report_first {
                (report_under(&report_key), code_under(&code_key))
            } else {
                (code_under(&code_key), report_under(&report_key))
            };
            let mut session = Session::default();
            v.scan(&mut session, &first, now());
            let s = v.scan(&mut session, &second, at);
            let alone = v.scan(&mut Session::default(), &second, at).card;
            assert_eq!(s.merged, merges, "keys {} / {}", code_key.id(), report_key.id());
            if merges {
                // Shanghai code + Anhui report, one national key: one card, the report's NAT counts.
                assert_eq!((s.card.verdict, s.card.sources.len()), (Verdict::Pass, 2));
            } else {
                // Rotation: not combined, the card says why, and judges the credential alone.
                assert!(s.card.reasons.contains(&Reason::HolderNotLinked), "{:?}", s.card.reasons);
                assert_eq!((s.card.verdict, s.card.sources.len()), (alone.verdict, 1));
                assert_ne!(s.card.verdict, Verdict::Pass, "the code alone has no NAT, the report alone is no health code");
            }
        }
    }
    // An older credential (unkeyed hash, key id 0) and a keyed one: the same note.
    let old = old_holder();
    let mut session = Session::default();
    v.scan(&mut session, &code_with(old), now());
    let s = v.scan(&mut session, &report_under(&secret_key(1)), at);
    assert!(!s.merged && s.card.reasons.contains(&Reason::HolderNotLinked));
    // Another holder under the same key is simply another person: no note.
    let mut session = Session::default();
    v.scan(&mut session, &code_under(&secret_key(1)), now());
    let mut r = demo::paper_report(now(), 10);
    r.holder = secret_key(1).holder("李四", "340101198505051111");
    let s = v.scan(&mut session, &issue(&Claims::TestReport(r), &demo::key("lab-340000")), at);
    assert!(!s.merged && !s.card.reasons.contains(&Reason::HolderNotLinked));
}

#[test]
fn a_card_shows_the_last_four_id_characters_only_even_of_an_older_code() {
    let old = old_holder();
    let card = scan_once("metro", &code_with(old), now()).card;
    let h = card.holder.unwrap();
    assert_eq!((h.masked_name.as_str(), h.masked_id.as_str()), ("陈**", "**************1234"));
}
