//! Per-credential revocation: every case of issue 12's "Done when" for the core.

use crate::common;

use chrono::Duration;
use common::{now, sample, verifier};
use yima_core::kid;
use yima_core::{revocation_entry, Claims, HighWater, Uid, FULL_KIND, MAX_DELTA_LEN, MAX_FULL_LEN};
use yima_core::{Colour, Reason, Session, Time, Verdict};
use yima_core::{
    DeltaList, FullList, RevocationError, RevocationHeader as Header, RevocationSet as Set, RevocationStatus as Status, Revocations,
};
use yima_core::{EnvelopeError, Rollback, SignedContent};
use yima_issue::demo;
use yima_issue::issue;
use yima_issue::seal;
use yima_issue::Seal;

fn header(sequence: u64, at: Time) -> Header {
    Header { sequence, issued_at: at, max_age_hours: 48, demo: true }
}

fn entry_of(label: &str, uid: &Uid) -> u64 {
    revocation_entry(&kid(&demo::key(label).verifying_key()), uid)
}

/// Made-up entries of other credentials.
fn others(n: u64) -> Vec<u64> {
    (0..n).map(|i| revocation_entry(&[9; 8], &(i as u128).to_be_bytes())).collect()
}

fn code_with_uid(uid: Uid, at: Time) -> String {
    let mut h = demo::health_code(at, Colour::Green, None);
    h.nat = Some(yima_core::TestResult {
        kind: yima_core::TestKind::Nat,
        outcome: yima_core::TestOutcome::Negative,
        sampled_at: at - Duration::hours(26),
        reported_at: at - Duration::hours(20),
        institution: "上海金域医学检验所".into(),
        institution_region: 310000,
        provenance: Default::default(),
    });
    h.uid = Some(uid);
    issue(&Claims::HealthCode(h), &demo::key("hc-310000"))
}

fn report_with_uid(uid: Uid, at: Time) -> String {
    let mut r = demo::paper_report(at, 10);
    r.uid = Some(uid);
    issue(&Claims::TestReport(r), &demo::key("lab-340000"))
}

fn with(revocations: Revocations, venue: &str) -> yima_core::Verifier {
    yima_core::Verifier { revocation: Some(revocations), ..verifier(venue, now()) }
}

fn scan(v: &yima_core::Verifier, qr: &str) -> yima_core::Card {
    v.scan(&mut Session::default(), qr, now()).card
}

#[test]
fn revoked_health_code_and_paper_report_are_denied_with_the_reason() {
    let (code_uid, report_uid) = ([1u8; 16], [2u8; 16]);
    // the paper report in the full list (with other entries: a 32-bit filter), the code in the delta
    let mut full_entries = others(5_000);
    full_entries.push(entry_of("lab-340000", &report_uid));
    let full = FullList::build(header(10, now()), &full_entries).unwrap();
    assert!(matches!(full.set, Set::Fuse32(_)));
    let mut r = Revocations::new(full);
    r.apply_delta(DeltaList::build(header(11, now()), 10, &[entry_of("hc-310000", &code_uid)]), 0, now()).unwrap();
    for venue in ["metro", "mall", "leave_city"] {
        let v = with(r.clone(), venue);
        for qr in [code_with_uid(code_uid, now()), report_with_uid(report_uid, now())] {
            let card = scan(&v, &qr);
            assert_eq!(card.verdict, Verdict::Deny, "{venue}");
            assert_eq!(card.reasons[0], Reason::CredentialRevoked);
            assert!(card.holder.is_none(), "nothing of a revoked credential is shown as fact");
        }
    }
    assert_eq!(yima_core::reason_text(&Reason::CredentialRevoked, yima_core::Lang::Zh), "此凭证已被签发方撤销");
}

#[test]
fn not_revoked_credentials_verify_as_before() {
    let r = demo_plus(&[]);
    let v = with(r, "metro");
    // with an identifier that is not listed, and without one (issued before identifiers)
    assert_eq!(scan(&v, &code_with_uid([3; 16], now())).verdict, Verdict::Pass);
    assert_eq!(scan(&v, &sample("green_nat_20h", now())).verdict, Verdict::Pass);
    // the same identifier under another issuer is another entry
    let other_issuer = revocation_entry(&kid(&demo::key("hc-340000").verifying_key()), &[3; 16]);
    let v = with(demo_plus(&[other_issuer]), "metro");
    assert_eq!(scan(&v, &code_with_uid([3; 16], now())).verdict, Verdict::Pass);
    // the demo sample revoked by the demo delta is denied; the others are as expected
    let v = verifier("metro", now());
    assert_eq!(scan(&v, &sample("revoked_credential", now())).reasons[0], Reason::CredentialRevoked);
}

fn demo_plus(extra: &[u64]) -> Revocations {
    let mut entries = others(100);
    entries.extend_from_slice(extra);
    Revocations::new(FullList::build(header(1, now()), &entries).unwrap())
}

#[test]
fn a_hit_in_the_16_bit_filter_asks_for_a_check_and_is_not_merged() {
    let uid = [4u8; 16];
    let mut entries = others(3_000);
    entries.push(entry_of("hc-310000", &uid));
    let set = Set::build_as(entries.clone(), Some(16)).unwrap();
    let full = FullList { header: header(5, now()), count: entries.len() as u32, set };
    let v = with(Revocations::new(full), "metro");
    let mut session = Session::default();
    let card = v.scan(&mut session, &code_with_uid(uid, now()), now()).card;
    assert_eq!(card.verdict, Verdict::Check);
    assert!(card.reasons.contains(&Reason::RevocationSuspected));
    assert!(card.holder.is_some(), "the staff see whom to check");
    // Its facts never join the holder's merged card; its doubt stays on it (docs/format.md, "Session").
    let next = v.scan(&mut session, &sample("paper_report_anhui", now()), now()).card;
    assert_eq!(next.sources.len(), 1, "a suspect credential does not join the merged card");
    assert!(next.reasons.contains(&Reason::EarlierRefused { reason: Box::new(Reason::RevocationSuspected) }), "{:?}", next.reasons);
    // a red suspect code is still denied
    let mut red = demo::health_code(now(), Colour::Red, None);
    red.uid = Some(uid);
    let card = scan(&v, &issue(&Claims::HealthCode(red), &demo::key("hc-310000")));
    assert_eq!(card.verdict, Verdict::Deny);
}

#[test]
fn replayed_older_revocation_data_is_refused() {
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let newer = FullList::build(header(20, now()), &others(10)).unwrap();
    let older = FullList::build(header(19, now()), &others(5)).unwrap();
    let mut held = None;
    Revocations::update(&mut held, Some(newer.seal(&root).as_bytes()), None, &roots, now()).unwrap();
    let got = Revocations::update(&mut held, Some(older.seal(&root).as_bytes()), None, &roots, now());
    assert_eq!(got, Err(RevocationError::Rollback(Rollback::Older { have: 20, got: 19 })));
    assert_eq!(held.as_ref().unwrap().full().header.sequence, 20);
    // deltas: an older delta for the same list is refused, and so is one for an older list
    let d2 = DeltaList::build(header(22, now()), 20, &[1, 2]);
    let d1 = DeltaList::build(header(21, now()), 20, &[1]);
    Revocations::update(&mut held, None, Some(d2.seal(&root).as_bytes()), &roots, now()).unwrap();
    let got = Revocations::update(&mut held, None, Some(d1.seal(&root).as_bytes()), &roots, now());
    assert_eq!(got, Err(RevocationError::Rollback(Rollback::Older { have: 22, got: 21 })));
    let for_old_list = DeltaList::build(header(23, now()), 19, &[7]);
    let got = Revocations::update(&mut held, None, Some(for_old_list.seal(&root).as_bytes()), &roots, now());
    assert_eq!(got, Err(RevocationError::DeltaBase { base: 19, full: 20 }));
    assert_eq!(held.as_ref().unwrap().delta(), Some(&d2));
    // a delta file passed off as a full list (or the other way round) fails the signature
    let got = Revocations::update(&mut held, Some(d2.seal(&root).as_bytes()), None, &roots, now());
    let wrong_kind = EnvelopeError::WrongKind { expected: "revocation-full".into(), found: "revocation-delta".into() };
    assert_eq!(got, Err(RevocationError::Envelope(wrong_kind)));
}

#[test]
fn a_rollback_is_refused_by_the_high_water_mark_after_the_held_copy_is_dropped() {
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let (full20, full19) =
        (FullList::build(header(20, now()), &others(4)).unwrap(), FullList::build(header(19, now()), &others(2)).unwrap());
    let (delta22, delta21) = (DeltaList::build(header(22, now()), 20, &[1]), DeltaList::build(header(21, now()), 19, &[]));
    let mut floor = HighWater::default();
    let mut held = None;
    Revocations::update_above(
        &mut held,
        Some(full20.seal(&root).as_bytes()),
        Some(delta22.seal(&root).as_bytes()),
        &roots,
        &mut floor,
        now(),
    )
    .unwrap();
    assert_eq!(floor, HighWater { full: 20, delta: 22 });
    // the stored copy is gone (corrupted, cleared): the older files are still refused, nothing held
    let mut held = None;
    let got = Revocations::update_above(
        &mut held,
        Some(full19.seal(&root).as_bytes()),
        Some(delta21.seal(&root).as_bytes()),
        &roots,
        &mut floor,
        now(),
    );
    assert_eq!(got, Err(RevocationError::Rollback(Rollback::Older { have: 20, got: 19 })));
    assert!(held.is_none());
    let got = Revocations::update_above(
        &mut held,
        Some(full20.seal(&root).as_bytes()),
        Some(delta21.seal(&root).as_bytes()),
        &roots,
        &mut floor,
        now(),
    );
    assert_eq!(got, Err(RevocationError::Rollback(Rollback::Older { have: 22, got: 21 })));
    // the same files again are accepted; without the mark the old list would have been taken
    assert_eq!(held.as_ref().map(|h| h.full().header.sequence), Some(20));
    Revocations::update_above(&mut held, None, Some(delta22.seal(&root).as_bytes()), &roots, &mut floor, now()).unwrap();
    let mut unguarded = None;
    Revocations::update(&mut unguarded, Some(full19.seal(&root).as_bytes()), None, &roots, now()).unwrap();
}

#[test]
fn stale_revocation_data_turns_pass_into_check() {
    let signed = now() - Duration::hours(48) - Duration::seconds(1);
    let stale = Revocations::new(FullList::build(header(1, signed), &others(10)).unwrap());
    let card = scan(&with(stale.clone(), "metro"), &sample("green_nat_20h", now()));
    assert_eq!((card.verdict, card.reasons), (Verdict::Check, vec![Reason::RevocationDataStale]));
    // a fresh delta on top of an old full list keeps the data fresh
    let mut fresh = stale;
    fresh.apply_delta(DeltaList::build(header(2, now() - Duration::hours(1)), 1, &[]), 0, now()).unwrap();
    assert_eq!(scan(&with(fresh, "metro"), &sample("green_nat_20h", now())).verdict, Verdict::Pass);
}

#[test]
fn corrupted_or_truncated_files_are_refused_and_the_held_copy_kept() {
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let good = FullList::build(header(30, now()), &others(3_000)).unwrap();
    let mut held = None;
    Revocations::update(&mut held, Some(good.seal(&root).as_bytes()), None, &roots, now()).unwrap();
    let newer = FullList::build(header(31, now()), &others(2_000)).unwrap();
    let file = newer.seal(&root);
    // truncated file, and one byte of the payload changed
    let truncated = &file.as_bytes()[..file.len() / 2];
    assert_eq!(
        Revocations::update(&mut held, Some(truncated), None, &roots, now()),
        Err(RevocationError::Envelope(EnvelopeError::NotEnvelope))
    );
    let payload = newer.payload();
    let mut altered = payload.clone();
    altered[100] ^= 1;
    let forged = file.replace(&b64(&payload), &b64(&altered));
    assert_ne!(forged, file);
    assert_eq!(
        Revocations::update(&mut held, Some(forged.as_bytes()), None, &roots, now()),
        Err(RevocationError::Envelope(EnvelopeError::BadSignature))
    );
    assert_eq!(held.as_ref().unwrap().full().header.sequence, 30, "the held copy stays");
    // correctly signed but truncated or inconsistent payloads are refused by the parser
    for cut in 0..payload.len() {
        assert!(FullList::parse(&payload[..cut]).is_err(), "prefix of {cut} bytes");
    }
    let mut inconsistent = payload.clone();
    inconsistent[40] ^= 0x40; // a bit of the segment length (after header 26, count 4, tag 1, seed 8)
    let signed = seal(FULL_KIND, &inconsistent, &root);
    assert!(Revocations::update(&mut held, Some(signed.as_bytes()), None, &roots, now()).is_err());
    let mut longer = payload.clone();
    longer.push(0);
    assert_eq!(FullList::parse(&longer).err(), Some(RevocationError::TrailingBytes));
    let unsorted = DeltaList { header: header(1, now()), base: 30, entries: vec![5, 3] };
    assert_eq!(DeltaList::parse(&unsorted.payload()), Err(RevocationError::Unsorted));
    assert_eq!(held.as_ref().unwrap().full().header.sequence, 30);
    // size caps come before parsing
    let big = vec![b' '; MAX_DELTA_LEN + 1];
    assert_eq!(DeltaList::open(&big, &roots), Err(RevocationError::Envelope(EnvelopeError::too_large("revocation-delta", 262_144))));
    let big = vec![b' '; MAX_FULL_LEN + 1];
    assert_eq!(FullList::open(&big, &roots).err(), Some(RevocationError::Envelope(EnvelopeError::too_large("revocation-full", 4_194_304))));
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn a_delta_on_top_of_the_full_list_answers_as_the_rebuilt_full_list() {
    let all = others(6_000);
    let (old, new) = all.split_at(5_000);
    let mut layered = Revocations::new(FullList::build(header(40, now()), old).unwrap());
    layered.apply_delta(DeltaList::build(header(41, now()), 40, new), 0, now()).unwrap();
    let rebuilt = Revocations::new(FullList::build(header(41, now()), &all).unwrap());
    for e in &all {
        assert_eq!((layered.status_of(*e), rebuilt.status_of(*e)), (Status::Revoked, Status::Revoked));
    }
    for i in 0..50_000u64 {
        let e = revocation_entry(&[8; 8], &(u128::from(i)).to_be_bytes());
        assert_eq!(layered.status_of(e), rebuilt.status_of(e), "entry {i}");
    }
    assert_eq!(layered.entry_count(), rebuilt.entry_count());
    // and through the signed files
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let mut held = None;
    let full = FullList::build(header(40, now()), old).unwrap().seal(&root);
    let delta = DeltaList::build(header(41, now()), 40, new).seal(&root);
    Revocations::update(&mut held, Some(full.as_bytes()), Some(delta.as_bytes()), &roots, now()).unwrap();
    assert!(all.iter().all(|e| held.as_ref().unwrap().status_of(*e) == Status::Revoked));
}

#[test]
fn round_trip_of_each_representation() {
    for (n, width) in [(0u64, None), (10, None), (3_000, None), (3_000, Some(16))] {
        let entries = others(n);
        let set = Set::build_as(entries.clone(), width).unwrap();
        let full = FullList { header: header(1, now()), count: n as u32, set };
        let back = FullList::parse(&full.payload()).unwrap();
        assert_eq!(back.payload(), full.payload());
        assert!(entries.iter().all(|e| back.set.lookup(*e).is_some()));
    }
}

// Every credential kind is looked up: an itinerary card listed in the revocation data is
// denied like a health code (issues 21 G and 22 row 3); its `u` must be 16 bytes.
#[test]
fn a_revoked_itinerary_card_is_denied_and_its_uid_is_type_checked() {
    let uid = [3u8; 16];
    let mut it = demo::itinerary(now(), false);
    it.uid = Some(uid);
    let qr = issue(&Claims::Itinerary(it.clone()), &demo::key("it-national"));
    let full = FullList::build(header(10, now()), &[entry_of("it-national", &uid)]).unwrap();
    let v = with(Revocations::new(full), "metro");
    let card = scan(&v, &qr);
    assert_eq!((card.verdict, card.reasons[0].clone()), (Verdict::Deny, Reason::CredentialRevoked));
    // not listed: no revocation reason
    let other = issue(&Claims::Itinerary(yima_core::Itinerary { uid: Some([4; 16]), ..it }), &demo::key("it-national"));
    assert!(!scan(&v, &other).reasons.contains(&Reason::CredentialRevoked));
}

// ---- sequences (issue 21 F and I) ----

/// Equal sequence: the same content is a no-op, other content is refused (full list, delta,
/// trust list and policies alike), and the held copy stays.
#[test]
fn an_equal_sequence_with_other_content_is_refused() {
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let full = FullList::build(header(50, now()), &others(2_000)).unwrap();
    let changed = FullList::build(header(50, now()), &others(2_001)).unwrap();
    let mut held = None;
    Revocations::update(&mut held, Some(full.seal(&root).as_bytes()), None, &roots, now()).unwrap();
    Revocations::update(&mut held, Some(full.seal(&root).as_bytes()), None, &roots, now()).unwrap();
    let got = Revocations::update(&mut held, Some(changed.seal(&root).as_bytes()), None, &roots, now());
    assert_eq!(got, Err(RevocationError::Rollback(Rollback::SameSequence { sequence: 50 })));
    assert_eq!(held.as_ref().unwrap().full().count, 2_000, "the held copy stays");
    let delta = DeltaList::build(header(51, now()), 50, &[1]);
    Revocations::update(&mut held, None, Some(delta.seal(&root).as_bytes()), &roots, now()).unwrap();
    Revocations::update(&mut held, None, Some(delta.seal(&root).as_bytes()), &roots, now()).unwrap();
    let other = DeltaList::build(header(51, now()), 50, &[1, 2]);
    let got = Revocations::update(&mut held, None, Some(other.seal(&root).as_bytes()), &roots, now());
    assert_eq!(got, Err(RevocationError::Rollback(Rollback::SameSequence { sequence: 51 })));
    assert_eq!(held.as_ref().unwrap().delta(), Some(&delta));
    // the trust list and the policies through the same rule
    let t = demo::trust_list(now());
    let mut t2 = t.clone();
    t2.keys.pop();
    assert!(t.check_replaces(Some(&t), 0, now()).is_ok());
    assert_eq!(
        t2.check_replaces(Some(&t), 0, now()),
        Err(yima_core::SignedError::Rollback(Rollback::SameSequence { sequence: t.sequence }))
    );
    let p = demo::policies(now());
    let mut p2 = p.clone();
    p2.policies.pop();
    assert!(p2.check_replaces(Some(&p), 0, now()).is_err());
}

/// A sequence may run at most MAX_SEQUENCE_AHEAD above both the held one and the clock: a file
/// signed with the public demo root at 2⁶⁴ − 1 cannot lock out every later file.
#[test]
fn a_sequence_far_ahead_is_refused_for_every_kind() {
    use yima_core::{check_sequence, MAX_SEQUENCE_AHEAD};
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let clock = now().timestamp() as u64;
    let limit = clock + MAX_SEQUENCE_AHEAD;
    assert_eq!(check_sequence(5, limit, None, now()), Ok(()));
    assert_eq!(check_sequence(5, limit + 1, None, now()), Err(Rollback::TooFarAhead { got: limit + 1, limit }));
    assert_eq!(check_sequence(limit, limit + MAX_SEQUENCE_AHEAD, None, now()), Ok(()), "counted from the held one when higher");
    let mut held = None;
    let honest = FullList::build(header(clock, now()), &others(10)).unwrap();
    Revocations::update(&mut held, Some(honest.seal(&root).as_bytes()), None, &roots, now()).unwrap();
    let poison = FullList::build(header(u64::MAX, now()), &others(3)).unwrap();
    let got = Revocations::update(&mut held, Some(poison.seal(&root).as_bytes()), None, &roots, now());
    assert!(matches!(got, Err(RevocationError::Rollback(Rollback::TooFarAhead { got: u64::MAX, .. }))));
    let delta = DeltaList::build(header(u64::MAX, now()), clock, &[]);
    let got = Revocations::update(&mut held, None, Some(delta.seal(&root).as_bytes()), &roots, now());
    assert!(matches!(got, Err(RevocationError::Rollback(Rollback::TooFarAhead { .. }))));
    // a later honest file is still taken
    let later = FullList::build(header(clock + 3_600, now()), &others(11)).unwrap();
    Revocations::update(&mut held, Some(later.seal(&root).as_bytes()), None, &roots, now()).unwrap();
    let mut t = demo::trust_list(now());
    t.sequence = u64::MAX;
    assert!(matches!(t.check_replaces(None, 0, now()), Err(yima_core::SignedError::Rollback(Rollback::TooFarAhead { .. }))));
    let mut p = demo::policies(now());
    p.sequence = limit + 1;
    assert!(p.check_replaces(None, 0, now()).is_err());
}

/// The revocation files' signing times are part of the clock floor (issue 21 I).
#[test]
fn the_revocation_signing_time_is_a_floor_for_the_clock() {
    let v = verifier("metro", now());
    let signed = now() + Duration::hours(3);
    let r = Revocations::new(FullList::build(header(1, signed), &others(3)).unwrap());
    assert_eq!(r.issued_at(), signed);
    let with_list = yima_core::Verifier { revocation: Some(r), ..v.clone() };
    assert_eq!(with_list.effective_now(now()), (signed, true));
    assert!(!v.effective_now(now()).1, "without it the clock is not behind");
}

/// The writer: the same entries rebuild the same files; an entry added late (revoked before the
/// cut-off) takes the full list to a higher sequence, and the delta follows it; whatever is not
/// in the full list is in the delta.
#[test]
fn the_writer_bumps_the_sequence_on_any_change_and_the_delta_carries_the_rest() {
    use yima_issue::revocation::{publish, Plan, Revoked};
    let since = now() - Duration::days(2);
    let plan = Plan { since, now: now(), full_max_age_hours: 192, delta_max_age_hours: 48, demo: true };
    let at = |d: i64| now() - Duration::days(d);
    let mut list: Vec<Revoked> = others(2_000).into_iter().map(|entry| Revoked { entry, at: at(5) }).collect();
    list.extend(others(2_010)[2_000..].iter().map(|&entry| Revoked { entry, at: at(1) }));
    let (full, delta) = publish(&list, &plan, None, None).unwrap();
    assert_eq!(full.header.sequence, since.timestamp() as u64);
    assert_eq!((full.count, delta.base, delta.entries.len()), (2_000, full.header.sequence, 10));
    // re-run, same entries: byte for byte the same full list; the delta moves on only if needed
    let (again, delta2) = publish(&list, &plan, Some(&full), Some(&delta)).unwrap();
    assert_eq!(again.payload(), full.payload());
    assert_eq!(delta2, delta);
    // an entry revoked before the cut-off but listed late: the full list changes, so its sequence goes up
    let late = revocation_entry(&[7; 8], &[7; 16]);
    list.push(Revoked { entry: late, at: at(3) });
    let (full3, delta3) = publish(&list, &plan, Some(&full), Some(&delta)).unwrap();
    assert_eq!(full3.header.sequence, full.header.sequence + 1);
    assert_eq!(delta3.base, full3.header.sequence);
    assert!(delta3.header.sequence > delta.header.sequence || delta3 == delta, "a changed delta never reuses a sequence");
    // a phone holding the old files takes the new ones: the delta's base says the full list changed
    let root = demo::root_key();
    let roots = [root.verifying_key()];
    let mut held = None;
    Revocations::update(&mut held, Some(full.seal(&root).as_bytes()), Some(delta.seal(&root).as_bytes()), &roots, now()).unwrap();
    let got = Revocations::update(&mut held, None, Some(delta3.seal(&root).as_bytes()), &roots, now());
    assert!(matches!(got, Err(RevocationError::DeltaBase { .. })), "the app then fetches the full list");
    Revocations::update(&mut held, Some(full3.seal(&root).as_bytes()), Some(delta3.seal(&root).as_bytes()), &roots, now()).unwrap();
    let held = held.unwrap();
    assert!(list.iter().all(|r| held.status_of(r.entry) == Status::Revoked), "every listed entry is revoked");
    // a late entry revoked after the cut-off goes to the delta, exactly
    list.push(Revoked { entry: 42, at: at(0) });
    let (full4, delta4) = publish(&list, &plan, Some(&full3), Some(&delta3)).unwrap();
    assert_eq!(full4.payload(), full3.payload());
    assert!(delta4.contains(42) && delta4.header.sequence > delta3.header.sequence);
}
