//! Architecture invariants of the core, checked on its source (ARCHITECTURE.md lists them):
//! no import circle between its modules, no clock read, no signing, every module private.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under src/.
fn files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files
}

/// Every `.rs` file under src/ with its module path (`trust::dcc`, `claims`, …).
fn modules() -> BTreeMap<String, String> {
    files()
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src()).unwrap().with_extension("");
            let mut name = rel.to_string_lossy().replace('/', "::");
            if let Some(parent) = name.strip_suffix("::mod") {
                name = parent.to_string();
            }
            (name, code_of(&std::fs::read_to_string(&f).unwrap()))
        })
        .collect()
}

/// The code without comments, string literals and its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    let code = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    // Every other `"`-delimited piece is a literal (escaped quotes do not occur in these sources' code).
    code.split('"').step_by(2).collect::<Vec<_>>().join("\"\"")
}

/// The modules a module names: `crate::a::b` and `super::x` paths, and paths into its own child
/// modules. A parent that only re-exports a child (`pub use child::x;`, a facade) and the `mod`
/// line that declares it do not count: the child owns those items.
fn uses(name: &str, code: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let longest = |path: &str| {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| all.contains_key(m))
    };
    let words = |s: &str| s.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map(str::to_string).collect::<Vec<_>>();
    let parent = name.rsplit_once("::").map_or("", |(p, _)| p);
    for w in words(code) {
        let target = if let Some(rest) = w.strip_prefix("crate::") {
            longest(rest)
        } else if let Some(rest) = w.strip_prefix("super::") {
            longest(&if parent.is_empty() { rest.to_string() } else { format!("{parent}::{rest}") })
        } else {
            None
        };
        out.extend(target.filter(|t| t != name && t != "lib"));
    }
    let child = |c: &str| if name == "lib" { c.to_string() } else { format!("{name}::{c}") };
    let facade = |l: &str| l.trim_start().starts_with("pub use ") || l.trim_start().starts_with("mod ");
    for w in code.lines().filter(|l| !facade(l)).flat_map(words) {
        if let Some((head, _)) = w.split_once("::") {
            out.extend(Some(child(head)).filter(|c| all.contains_key(c)));
        }
    }
    out
}

#[test]
fn modules_import_each_other_without_a_circle() {
    let all = modules();
    let graph: BTreeMap<String, BTreeSet<String>> = all.iter().map(|(n, c)| (n.clone(), uses(n, c, &all))).collect();
    assert!(graph["session"].contains("verify") && graph["verify"].contains("cose"), "the graph reader finds imports: {graph:?}");
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit(n: &str, g: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>) {
        if let Some(at) = path.iter().position(|p| p == n) {
            panic!("import circle: {}", path[at..].join(" → ") + " → " + n);
        }
        if done.contains(n) {
            return;
        }
        path.push(n.to_string());
        for m in &g[n] {
            visit(m, g, path, done);
        }
        path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_core_never_reads_a_clock_nor_signs() {
    let forbidden = ["Utc::now", "Local::now", "SystemTime", "Instant", "SigningKey", "Signer", "sign", "seal", "try_sign"];
    for (name, code) in modules() {
        let names = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'));
        for n in names.flat_map(|w| [w, w.rsplit("::").next().unwrap_or(w)]) {
            assert!(!forbidden.contains(&n), "{name} names `{n}`");
        }
    }
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dev-dependencies]").next().unwrap();
    assert!(!deps.contains("yima-issue") && !deps.contains("rand"), "the core depends on an issuing crate or randomness");
}

/// Issue 21 A: verifiers compare holder bindings, only issuers compute them. The core names no
/// MAC nor binding key, writes no binding label (not even in a string), builds a `Binding` only
/// from what a credential carries, and depends on no MAC crate.
#[test]
fn the_core_holds_no_binding_key_and_computes_no_binding() {
    let forbidden = ["Hmac", "hmac", "Mac", "KeyInit", "BindingKey", "bind", "unkeyed_hash", "holder_hash", "BINDING_LABEL"];
    for (name, code) in modules() {
        for n in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).flat_map(|w| w.rsplit("::").next()) {
            assert!(!forbidden.contains(&n), "{name} names `{n}`");
        }
        let makes = code.contains("Binding { key_id") || code.contains("Binding { mac");
        assert!(!makes || name.starts_with("claims"), "{name} makes a binding");
    }
    for f in files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let code: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect();
        assert!(!code.contains("yima-holder"), "{}: a binding label in the core", f.display());
    }
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(!manifest.split("[dev-dependencies]").next().unwrap().contains("hmac"), "the core depends on a MAC crate");
}

#[test]
fn every_module_is_private_and_the_api_is_re_exported() {
    let lib = &modules()["lib"];
    let mods: Vec<&str> = lib.lines().filter(|l| l.contains("mod ")).collect();
    assert!(mods.len() > 10, "{mods:?}");
    assert!(mods.iter().all(|l| l.starts_with("mod ")), "a public module: {mods:?}");
}

#[test]
fn no_verifier_crate_depends_on_the_issuing_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // The app, the DCC reader and its module, the decoder: what ships to the phone.
    for manifest in [
        "Cargo.toml",
        "crates/dcc/Cargo.toml",
        "crates/dcc-module/Cargo.toml",
        "crates/decode/Cargo.toml",
        "crates/decode-worker/Cargo.toml",
        "crates/signed-js/Cargo.toml",
    ] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let deps = text.split("[dependencies]").nth(1).unwrap_or("").split("\n[").next().unwrap_or("");
        assert!(
            deps.contains("wasm-bindgen") || deps.contains("rxing") || deps.contains("yima-core"),
            "{manifest}: dependencies not found"
        );
        assert!(!deps.contains("yima-issue"), "{manifest} depends on yima-issue");
    }
}
