//! Realistic stand-in credential texts: `YM1:` + base45 characters.

use crate::rng::Rng;

const BASE45: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// `YM1:` followed by 380–480 random base45 characters.
pub fn stand_in(rng: &mut Rng) -> String {
    let len = 380 + rng.below(101);
    let mut s = String::with_capacity(len + 4);
    s.push_str("YM1:");
    s.extend((0..len).map(|_| BASE45[rng.below(BASE45.len())] as char));
    s
}
