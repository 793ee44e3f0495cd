//! `yima-issuer dgc-test FILE...`: runs Yima's own HC1 pipeline over EU dgc-testdata files
//! and prints, per file and line, what it observed for each EXPECTED* key the file sets:
//! `{"file": "...", "observed": {"EXPECTEDVERIFY": true, ...}}`. A summary (matched/total
//! per key, compared with the file's expectations) goes to stderr.
//!
//! Each stage reads the previous stage's output; when that stage failed, it starts again
//! from the file's own field for its input (so one bad layer does not hide the others).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{json, Map, Value};

use super::dgc_observe::observe;
use super::dgc_schema::Schemas;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder with the DCC JSON schemas (DCC.combined-schema.json, the newest, and
    /// DCC.combined-schema-<version>.json as released; each payload is validated against its
    /// own `ver`'s). Default: the first `dcc-schema` folder beside a test file's folder or one
    /// of its parents.
    #[arg(long)]
    pub schema_dir: Option<PathBuf>,
    /// dgc-testdata JSON files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

fn find_schema_dir(file: &Path) -> Option<PathBuf> {
    file.ancestors().skip(1).map(|a| a.join("dcc-schema")).find(|d| d.join(Schemas::FILE).is_file())
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let dir = match &args.schema_dir {
        Some(d) => d.clone(),
        None => args
            .files
            .iter()
            .find_map(|f| find_schema_dir(&std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())))
            .context("no dcc-schema folder found beside the test files: pass --schema-dir")?,
    };
    let schemas = Schemas::load(&dir)?;
    // key → (matched, total)
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unreadable = 0;
    for file in &args.files {
        let name = file.display().to_string();
        let test: Value = match std::fs::read(file).map_err(anyhow::Error::from).and_then(|b| Ok(serde_json::from_slice(&b)?)) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{name}: cannot read test file: {e}");
                unreadable += 1;
                continue;
            }
        };
        let expected: Map<String, Value> = test["EXPECTEDRESULTS"].as_object().cloned().unwrap_or_default();
        let observed = observe(&test, &schemas);
        let mut out = Map::new();
        for (key, want) in expected.iter().filter(|(k, _)| k.starts_with("EXPECTED")) {
            let Some(got) = observed.get(key.as_str()) else { continue };
            out.insert(key.clone(), Value::Bool(*got));
            let t = tally.entry(key.clone()).or_default();
            t.1 += 1;
            t.0 += (want.as_bool() == Some(*got)) as usize;
        }
        println!("{}", json!({ "file": name, "observed": out }));
    }
    let (mut m, mut t) = (0, 0);
    for (key, (matched, total)) in &tally {
        eprintln!("{key:<26} {matched:>4}/{total}");
        m += matched;
        t += total;
    }
    eprintln!("{:<26} {m:>4}/{t} expectations matched in {} files", "ALL", args.files.len() - unreadable);
    anyhow::ensure!(unreadable == 0, "{unreadable} file(s) could not be read");
    Ok(())
}
