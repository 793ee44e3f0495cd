//! The DCC JSON schema each payload is validated against (EXPECTEDSCHEMAVALIDATION): the one
//! of its own `ver`, i.e. of the newest published schema version not newer than it. Rules
//! changed between versions: 1.3.0 allows one entry only (`maxItems: 1`, earlier versions any
//! number), an empty date of birth and names of 80 characters; 1.2.x partial dates of birth.

use std::path::Path;

use anyhow::Context;
use serde_json::Value;

/// A schema version, `major.minor.patch`.
pub type Version = (u32, u32, u32);

/// The combined schemas held in `shared/dcc-schema` (its SOURCE.md: as released at the tags
/// 1.0.0, 1.2.1 and 1.3.0, and the newest, 1.3.3), each under the first version whose rules
/// it states. 1.3.3's CHANGELOG says it changed no rule of 1.3.2, and 1.3.2 made `fnt`
/// optional (one of `fnt`/`gnt` required): so the newest file states 1.3.2's rules, and
/// 1.3.1 (not held; no rule change of it is recorded there) is judged by 1.3.0's.
/// Versions between held ones (1.0.1, 1.1.x, 1.2.0) are judged by the one before them.
pub const HELD: &[(Version, &str)] = &[
    ((1, 0, 0), "DCC.combined-schema-1.0.0.json"),
    ((1, 2, 1), "DCC.combined-schema-1.2.1.json"),
    ((1, 3, 0), "DCC.combined-schema-1.3.0.json"),
    ((1, 3, 2), "DCC.combined-schema.json"),
];

/// The held schemas, compiled once, oldest first.
pub struct Schemas(Vec<(Version, jsonschema::Validator)>);

/// `1.3.0` → (1, 3, 0): three decimal numbers, nothing else.
pub fn version(s: &str) -> Option<Version> {
    let mut parts = s.split('.').map(|p| if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) { p.parse().ok() } else { None });
    let v = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(v)
}

/// Which held schema judges a payload of version `ver`: the newest not newer than it. A `ver`
/// that is not `major.minor.patch`, or older than 1.0.0, is judged by the newest schema
/// (whose own `ver` pattern then refuses the first).
pub fn schema_for(ver: Option<&str>) -> Version {
    let newest = HELD[HELD.len() - 1].0;
    ver.and_then(version).and_then(|v| HELD.iter().rev().map(|h| h.0).find(|h| *h <= v)).unwrap_or(newest)
}

impl Schemas {
    /// The file every schema folder has (the newest).
    pub const FILE: &'static str = "DCC.combined-schema.json";

    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let mut out = Vec::new();
        for (v, file) in HELD {
            let path = dir.join(file);
            let schema: Value = serde_json::from_slice(&std::fs::read(&path).with_context(|| path.display().to_string())?)?;
            let compiled = jsonschema::validator_for(&schema).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            out.push((*v, compiled));
        }
        Ok(Schemas(out))
    }

    /// Whether `payload` is valid under the schema of its own `ver`.
    pub fn validates(&self, payload: &Value) -> bool {
        let v = schema_for(payload["ver"].as_str());
        self.0.iter().find(|(h, _)| *h == v).is_some_and(|(_, s)| s.is_valid(payload))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_version_gets_the_newest_schema_not_newer_than_it() {
        let cases = [
            ("1.0.0", (1, 0, 0)),
            ("1.0.1", (1, 0, 0)),
            ("1.2.0", (1, 0, 0)),
            ("1.2.1", (1, 2, 1)),
            ("1.3.0", (1, 3, 0)),
            ("1.3.1", (1, 3, 0)),
            ("1.3.2", (1, 3, 2)),
            ("1.3.3", (1, 3, 2)),
            ("1.10.0", (1, 3, 2)),
            ("2.0.0", (1, 3, 2)),
        ];
        for (ver, want) in cases {
            assert_eq!(schema_for(Some(ver)), want, "{ver}");
        }
        for odd in ["0.9.0", "1.3", "1.3.0.1", "1.3.x", "1-3-0", " 1.3.0", "+1.3.0", "", "1..0"] {
            assert_eq!(schema_for(Some(odd)), (1, 3, 2), "{odd:?}");
        }
        assert_eq!(schema_for(None), (1, 3, 2));
    }
}
