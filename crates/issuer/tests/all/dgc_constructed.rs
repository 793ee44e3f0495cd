//! `yima-issuer dgc-test` on files made here from the shared ones (issue 22): the decoded
//! payload is compared with the file's `JSON` as values (times as instants), and each payload
//! is validated against the schema of its own `ver`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn shared(dir: &str) -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    repo.ancestors().map(|a| a.join("shared").join(dir)).find(|d| d.is_dir())
}

/// What `dgc-test` observes for each file (written to a temporary folder), in order.
fn observe(files: &[Value], schemas: &Path) -> Vec<Value> {
    let d = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = d.path().join(format!("{i}.json"));
            std::fs::write(&p, f.to_string()).unwrap();
            p
        })
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_yima-issuer"))
        .arg("dgc-test")
        .arg("--schema-dir")
        .arg(schemas)
        .args(&paths)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["observed"].clone()).collect()
}

fn inputs() -> Option<(PathBuf, PathBuf)> {
    let found = shared("dgc-testdata").zip(shared("dcc-schema"));
    if found.is_none() {
        eprintln!("SKIPPED: no shared/dgc-testdata and shared/dcc-schema beside the repo");
    }
    found
}

/// DE/2 (a test certificate, `sc` 2021-05-30T10:12:22Z, `dr` 10:30:15Z) with its `JSON`
/// rewritten: the same instants in other spellings decode as equal; another instant does not.
#[test]
fn the_decoded_payload_equals_json_that_writes_the_same_times_otherwise() {
    let Some((data, schemas)) = inputs() else { return };
    let original: Value = serde_json::from_slice(&std::fs::read(data.join("DE/2.json")).unwrap()).unwrap();
    let with = |sc: &str, dr: &str| {
        let mut f = original.clone();
        f["JSON"]["t"][0]["sc"] = json!(sc);
        f["JSON"]["t"][0]["dr"] = json!(dr);
        f["EXPECTEDRESULTS"] = json!({ "EXPECTEDDECODE": true });
        f
    };
    let files = [
        with("2021-05-30T10:12:22Z", "2021-05-30T10:30:15Z"),
        with("2021-05-30T10:12:22+00:00", "2021-05-30T12:30:15+02:00"),
        with("2021-05-30T10:12:22.000Z", "2021-05-30T05:30:15-05:00"),
        with("2021-05-30T12:12:22Z", "2021-05-30T10:30:15Z"),
        with("2021-05-30T10:12:22", "2021-05-30T10:30:15Z"),
    ];
    let decoded: Vec<Value> = observe(&files, &schemas).into_iter().map(|o| o["EXPECTEDDECODE"].clone()).collect();
    assert_eq!(decoded, [true, true, true, false, false]);
}

/// A certificate with two vaccination entries (DE/1's, as doses 1 and 2): schemas before 1.3.0
/// allow it, 1.3.0 and later (`maxItems: 1`) do not. Each is judged by its own `ver`.
#[test]
fn two_vaccinations_are_valid_before_schema_1_3_0_only() {
    let Some((data, schemas)) = inputs() else { return };
    let original: Value = serde_json::from_slice(&std::fs::read(data.join("DE/1.json")).unwrap()).unwrap();
    let file = |ver: &str, doses: u32| {
        let mut payload = original["JSON"].clone();
        payload["ver"] = json!(ver);
        let dose = |n: u32| {
            let mut v = original["JSON"]["v"][0].clone();
            v["dn"] = json!(n);
            v
        };
        payload["v"] = Value::Array((1..=doses).map(dose).collect());
        let mut cbor = Vec::new();
        ciborium::into_writer(&payload, &mut cbor).unwrap();
        // Only the payload: the runner reads the file's CBOR when no earlier layer is given.
        json!({ "JSON": payload, "CBOR": hex::encode(cbor), "EXPECTEDRESULTS": { "EXPECTEDSCHEMAVALIDATION": true } })
    };
    let cases = [
        ("1.0.0", 2, true),
        ("1.0.1", 2, true),
        ("1.2.1", 2, true),
        ("1.3.0", 2, false),
        ("1.3.2", 2, false),
        ("1.3.0", 1, true),
        ("1.0.0", 1, true),
    ];
    let files: Vec<Value> = cases.iter().map(|(ver, n, _)| file(ver, *n)).collect();
    let valid: Vec<Value> = observe(&files, &schemas).into_iter().map(|o| o["EXPECTEDSCHEMAVALIDATION"].clone()).collect();
    let want: Vec<Value> = cases.iter().map(|c| json!(c.2)).collect();
    assert_eq!(valid, want, "{cases:?}");
}
