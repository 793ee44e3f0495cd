//! Masking a name or ID for display: what an issuer writes into a code and what the DCC card shows.

/// Masks an ID number: keeps only the last 4 characters (3 sequence digits and the check
/// character), so a code tells neither the holder's home district nor birth date (docs/format.md).
/// Re-masking an already masked ID gives the same form, so a card shows no more of an older code.
pub fn mask_id(id_number: &str) -> String {
    let chars: Vec<char> = id_number.trim().chars().collect();
    let n = chars.len();
    if n <= 8 {
        return "*".repeat(n);
    }
    std::iter::repeat_n('*', n - 4).chain(chars[n - 4..].iter().copied()).collect()
}

/// Masks a name: keeps the first character.
pub fn mask_name(name: &str) -> String {
    let mut c = name.trim().chars();
    match c.next() {
        Some(first) => std::iter::once(first).chain(c.map(|_| '*')).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_id("310101199001011234"), "**************1234");
        assert_eq!(mask_id("3101**********1234"), "**************1234", "an older code's mask");
        assert_eq!(mask_id(" 31010119900101123x "), "**************123x");
        assert_eq!(mask_name("陈小明"), "陈**");
        assert_eq!(mask_name("陈"), "陈");
        assert_eq!(mask_id("1234"), "****");
    }
}
