//! `yima-issuer dgc-test` over all of the EU dgc-testdata (`shared/dgc-testdata` beside the
//! repo, or `$YIMA_DGC_TESTDATA`): every expectation a file sets is observed, and every
//! observation agrees with it except the disagreements listed, with reasons, in
//! dgc_disagreements.tsv (explained in docs/dcc.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Keys the runner observes (the shared README's ten plus VALIDOBJECT). Others a file may
/// set are typos or upstream extras (see docs/dcc.md) and are not reported.
const OBSERVED: &[&str] = &[
    "EXPECTEDUNPREFIX",
    "EXPECTEDB45DECODE",
    "EXPECTEDCOMPRESSION",
    "EXPECTEDDECODE",
    "EXPECTEDVERIFY",
    "EXPECTEDEXPIRATIONCHECK",
    "EXPECTEDKEYUSAGE",
    "EXPECTEDVALIDJSON",
    "EXPECTEDPICTUREDECODE",
    "EXPECTEDSCHEMAVALIDATION",
    "EXPECTEDVALIDOBJECT",
];

fn testdata_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("YIMA_DGC_TESTDATA") {
        return Some(PathBuf::from(dir));
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    repo.ancestors().map(|a| a.join("shared/dgc-testdata")).find(|d| d.is_dir())
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn known_disagreements() -> BTreeSet<(String, String)> {
    include_str!("dgc_disagreements.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let (key, file, why) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap_or(""));
            assert!(!why.is_empty(), "{l}: every disagreement needs its reason");
            (key.to_string(), file.to_string())
        })
        .collect()
}

#[test]
fn dgc_testdata_expectations() {
    let Some(root) = testdata_dir() else {
        eprintln!("SKIPPED dgc_testdata_expectations: no shared/dgc-testdata beside the repo (set YIMA_DGC_TESTDATA)");
        return;
    };
    let mut files = Vec::new();
    json_files(&root, &mut files);
    files.sort();
    assert_eq!(files.len(), 470, "the shared subset has 470 files");
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer")).arg("dgc-test").args(&files).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let lines: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(lines.len(), files.len());

    let mut disagree = BTreeSet::new();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (file, line) in files.iter().zip(&lines) {
        assert_eq!(line["file"], file.display().to_string(), "lines in argument order, path as given");
        let test: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let expected = test["EXPECTEDRESULTS"].as_object().unwrap();
        let observed = line["observed"].as_object().unwrap();
        for key in observed.keys() {
            assert!(expected.contains_key(key), "{}: {key} reported but not set by the file", file.display());
        }
        for key in OBSERVED.iter().filter(|k| expected.contains_key(**k)) {
            let got = observed.get(*key).and_then(Value::as_bool).unwrap_or_else(|| panic!("{}: {key} not observed", file.display()));
            let t = tally.entry(key).or_default();
            t.1 += 1;
            if Some(got) == expected[*key].as_bool() {
                t.0 += 1;
            } else {
                let rel = file.strip_prefix(&root).unwrap().display().to_string();
                disagree.insert((key.to_string(), rel));
            }
        }
    }
    for (key, (m, t)) in &tally {
        eprintln!("{key:<26} {m:>4}/{t}");
    }
    let known = known_disagreements();
    let new: Vec<_> = disagree.difference(&known).collect();
    let gone: Vec<_> = known.difference(&disagree).collect();
    assert!(new.is_empty() && gone.is_empty(), "new disagreements: {new:?}\nlisted but now agreeing: {gone:?}");
    // the summary on stderr carries the same figures
    let (m, t) = tally.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
    assert!(stderr.contains(&format!("{m:>4}/{t} expectations matched in 470 files")), "{stderr}");
}
