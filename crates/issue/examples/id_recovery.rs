//! Issue 21 A, timed: how long recovering the holder's ID from one code takes, before (the
//! unkeyed hash beside the old mask) and after (a keyed binding: without the key, and with it,
//! as after a leak). Run in release, on one core:
//! `cargo run --release -p yima-issue --example id_recovery`.

use std::num::NonZeroU32;
use std::time::{Instant, SystemTime};

use yima_issue::{attack, demo, derived_secret, BindingKey};

const ID: &str = "310101199001011234";

/// Times `f` and prints a line.
fn timed<T: std::fmt::Debug>(what: &str, f: impl FnOnce() -> T) -> f64 {
    let t = Instant::now();
    let out = f();
    let s = t.elapsed().as_secs_f64();
    println!("{what}: {out:?} in {s:.2} s");
    s
}

fn main() {
    let all = || attack::candidates(*b"3101", *b"1234", 1936..=2026);
    let n = all().count();
    println!("candidates (old mask 3101**********1234: 2 district digits × birth dates 1936–2026): {n}");

    // Before: the old formula, which anyone can compute.
    let old = attack::unkeyed_hash(ID.as_bytes());
    timed("before: first match, enumerating in order", || {
        all().enumerate().find(|(_, c)| attack::unkeyed_hash(c) == old).map(|(i, c)| (String::from_utf8_lossy(&c).into_owned(), i + 1))
    });
    let sweep = timed("before: every candidate (worst case)", || all().filter(|c| attack::unkeyed_hash(c) == old).count());

    // After: a binding under a secret key; an attacker has only public material.
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    let secret = BindingKey::new(NonZeroU32::MIN, derived_secret(&nanos.to_le_bytes(), "example binding key"));
    let target = secret.bind(ID);
    let demo_keys: Vec<BindingKey> = (1..=3).filter_map(NonZeroU32::new).map(demo::binding_key_with_id).collect();
    timed("after, public material only (old formula and demo keys): matches", || {
        all()
            .filter(|c| {
                let text = std::str::from_utf8(c).unwrap_or("");
                attack::unkeyed_hash(c) == target.mac || demo_keys.iter().any(|k| k.bind(text) == target)
            })
            .count()
    });

    // After, with the key (a leak): the same enumeration, and what the new mask leaves.
    let with_key = timed("after, holding the key, old mask: matches", || {
        all().filter(|c| secret.bind(std::str::from_utf8(c).unwrap_or("")) == target).count()
    });
    let rate = n as f64 / with_key;
    println!("rates: unkeyed hash {:.1} M/s, HMAC {:.1} M/s", n as f64 / sweep / 1e6, rate / 1e6);
    // The new mask shows the last 4 only: 6 district digits and the birth date are unknown.
    let days = n as f64 / 100.0;
    for (what, districts) in [("≈3,500 county codes ever used", 3_500.0), ("every code of the 34 provinces (34 × 10^4)", 340_000.0)] {
        let c = districts * days;
        println!(
            "with the key, new mask, {what}: {c:.2e} candidates = {:.0} s; keeping only IDs whose check character matches (1 in 11): {:.0} s",
            c / rate,
            c / 11.0 / rate
        );
    }
}
