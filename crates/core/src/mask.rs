//! Masking a name or ID for display: what an issuer writes into a code and what the DCC card shows.

/// Masks an ID number: keeps the first 4 and last 4 characters.
pub fn mask_id(id_number: &str) -> String {
    let chars: Vec<char> = id_number.trim().chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let n = chars.len();
    chars[..4].iter().chain(std::iter::repeat_n(&'*', n - 8)).chain(&chars[n - 4..]).collect()
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
        assert_eq!(mask_id("310101199001011234"), "3101**********1234");
        assert_eq!(mask_name("陈小明"), "陈**");
        assert_eq!(mask_name("陈"), "陈");
        assert_eq!(mask_id("1234"), "****");
    }
}
