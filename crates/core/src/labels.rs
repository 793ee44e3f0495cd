//! Chinese and English names (labels) of the core's values (verdicts, colours, tests); reasons and
//! ages are worded in [`crate::words`].

use crate::claims::{Colour, Provenance, TestKind, TestOutcome};
use crate::lang::Lang;
use crate::verdict::Verdict;

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn verdict(v: Verdict, lang: Lang) -> String {
    match v {
        Verdict::Pass => pick(lang, "通过", "PASS"),
        Verdict::Deny => pick(lang, "不通过", "DENIED"),
        Verdict::Check => pick(lang, "人工核验", "CHECK BY HAND"),
    }
}

pub fn colour(c: Colour, lang: Lang) -> String {
    match c {
        Colour::Green => pick(lang, "绿码", "Green code"),
        Colour::Yellow => pick(lang, "黄码", "Yellow code"),
        Colour::Red => pick(lang, "红码", "Red code"),
    }
}

pub fn test_kind(k: TestKind, lang: Lang) -> String {
    match k {
        TestKind::Nat => pick(lang, "核酸", "NAT"),
        TestKind::Antigen => pick(lang, "抗原", "Antigen"),
    }
}

pub fn outcome(o: TestOutcome, lang: Lang) -> String {
    match o {
        TestOutcome::Negative => pick(lang, "阴性", "negative"),
        TestOutcome::Positive => pick(lang, "阳性", "POSITIVE"),
    }
}

/// Who tested: the institution's name, or "self-test upload".
pub fn provenance(p: Provenance, institution: &str, lang: Lang) -> String {
    match p {
        Provenance::Institution => institution.to_string(),
        Provenance::SelfTest => pick(lang, "自测上传", "self-test upload"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        assert_eq!(verdict(Verdict::Check, Lang::Zh), "人工核验");
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
