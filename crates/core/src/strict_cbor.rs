//! The one CBOR shape Yima's credential bytes may take (docs/format.md §1 "CBOR"): every head
//! in its preferred (shortest) form, definite lengths only, no tags (but COSE's own tag 18 on
//! the outside), no floats or simple values other than false, true and null, valid UTF-8 text,
//! no duplicate map keys, one item and nothing after it. Checked on the raw bytes before any
//! CBOR library reads them, so what the verifier accepts does not depend on how lenient that
//! library is (ciborium takes bignum tags as integers, indefinite lengths and long heads).
//! Key order is not checked (section 1 says why).

type R<T> = Result<T, String>;

/// Deeper than any valid credential (COSE: 2, claims: 4): a bound on recursion.
const MAX_DEPTH: u32 = 16;

/// Checks `bytes` is one strict CBOR item, wrapped in `tag` when given (and then only there).
pub fn check(bytes: &[u8], tag: Option<u64>) -> R<()> {
    let mut w = Walker { b: bytes, at: 0 };
    if let Some(want) = tag {
        match w.head()? {
            (6, t) if t == want => {}
            _ => return Err(format!("not tagged {want}")),
        }
    }
    w.item(0)?;
    match bytes.len() - w.at {
        0 => Ok(()),
        n => Err(format!("{n} bytes after the item")),
    }
}

struct Walker<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Walker<'a> {
    fn take(&mut self, n: u64) -> R<&'a [u8]> {
        let end = usize::try_from(n).ok().and_then(|n| self.at.checked_add(n)).filter(|&e| e <= self.b.len()).ok_or("truncated")?;
        let out = &self.b[self.at..end];
        self.at = end;
        Ok(out)
    }

    /// The next head's major type and argument, refusing what is not in preferred form.
    fn head(&mut self) -> R<(u8, u64)> {
        let first = self.take(1)?[0];
        let (major, info) = (first >> 5, first & 0x1f);
        if major == 7 {
            // false, true, null; no floats, no other simple values
            return match info {
                20..=22 => Ok((7, u64::from(info))),
                _ => Err("a float or simple value".into()),
            };
        }
        let (arg, floor) = match info {
            0..=23 => return Ok((major, u64::from(info))),
            24 => (u64::from(self.take(1)?[0]), 24),
            25 => (self.take(2)?.iter().fold(0, |v, &b| v << 8 | u64::from(b)), 0x100),
            26 => (self.take(4)?.iter().fold(0, |v, &b| v << 8 | u64::from(b)), 0x1_0000),
            27 => (self.take(8)?.iter().fold(0, |v, &b| v << 8 | u64::from(b)), 0x1_0000_0000),
            31 => return Err("an indefinite length".into()),
            _ => return Err("a reserved head".into()),
        };
        if arg < floor {
            return Err("a head longer than needed".into());
        }
        Ok((major, arg))
    }

    fn item(&mut self, depth: u32) -> R<()> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        match self.head()? {
            (0 | 1 | 7, _) => Ok(()),
            (2, n) => self.take(n).map(drop),
            (3, n) => std::str::from_utf8(self.take(n)?).map(drop).map_err(|_| "text is not UTF-8".into()),
            // Each item takes at least one byte, so a huge count ends at the end of the bytes.
            (4, n) => (0..n).try_for_each(|_| self.item(depth + 1)),
            (5, n) => {
                let mut keys = Vec::new();
                for _ in 0..n {
                    let start = self.at;
                    self.item(depth + 1)?;
                    keys.push(&self.b[start..self.at]);
                    self.item(depth + 1)?;
                }
                // Preferred form makes equal keys equal bytes.
                keys.sort_unstable();
                match keys.windows(2).any(|k| k[0] == k[1]) {
                    true => Err("a duplicate map key".into()),
                    false => Ok(()),
                }
            }
            _ => Err("a tag".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn preferred_definite_untagged_items_pass() {
        for ok in [
            "00",
            "17",
            "1818",
            "18ff",
            "190100",
            "1a00010000",
            "1b0000000100000000",
            "20",
            "3818",
            "40",
            "4401020304",
            "60",
            "6161",
            "80",
            "830102f5",
            "a0",
            "a2616101616202",
            "a1616180",
            "f4",
            "f5",
            "f6",
        ] {
            assert_eq!(check(&hex(ok), None), Ok(()), "{ok}");
        }
        assert_eq!(check(&hex("d2a0"), Some(18)), Ok(()));
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "",           // nothing
            "1805",       // 5 in two bytes
            "1900ff",     // 255 in three
            "1a0000ffff", // 65535 in five
            "1b00000000ffffffff",
            "3817",                   // −24 in two bytes
            "5801ff",                 // a 1-byte bstr with a long length
            "5f41ff",                 // indefinite bstr
            "7f6161ff",               // indefinite text
            "9f01ff",                 // indefinite array
            "bf616101ff",             // indefinite map
            "c249010000000000000000", // bignum (tag 2)
            "c11a6b04898e",           // epoch time tag
            "d818456161",             // embedded CBOR tag
            "f93c00",                 // half float 1.0
            "fa3f800000",             // float
            "fb3ff8000000000000",
            "f7",             // undefined
            "f0",             // simple value 16
            "f820",           // simple value 32
            "1c",             // reserved
            "62c328",         // invalid UTF-8
            "a2616101616102", // duplicate key
            "a201010101",     // duplicate integer key
            "0000",           // two items
            "8201",           // truncated
            "5a00010000",     // length past the end
        ] {
            assert!(check(&hex(bad), None).is_err(), "{bad}");
        }
        assert!(check(&hex("a0"), Some(18)).is_err(), "tag missing");
        assert!(check(&hex("d2a0"), None).is_err(), "tag not allowed");
        assert!(check(&hex("d1a0"), Some(18)).is_err(), "other tag");
        assert!(check(&hex("d812a0"), Some(18)).is_err(), "tag 18 in a long head");
        assert!(check(&hex("d282d2a0a0"), Some(18)).is_err(), "tag inside");
        assert!(check(&[0x81; 40], None).is_err(), "too deep");
    }
}
