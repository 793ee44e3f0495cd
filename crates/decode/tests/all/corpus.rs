//! Public photo corpus (`shared/corpus` beside the repo, or `$YIMA_CORPUS`): exact-text reads
//! through the production pipeline.

use std::path::{Path, PathBuf};

/// Reads measured with the production pipeline (docs/decoding.md); the floor must not drop.
const FLOOR: usize = 54;

/// `$YIMA_CORPUS` (the folder holding `zxing-qrcode/`), else the first `shared/corpus` found
/// beside the repo or beside one of its parent folders.
fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("YIMA_CORPUS") {
        return Some(PathBuf::from(dir).join("zxing-qrcode"));
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    repo.ancestors().map(|a| a.join("shared/corpus/zxing-qrcode")).find(|d| d.is_dir())
}

fn images(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("corpus folder {} missing: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("png" | "jpg" | "gif")))
        .collect();
    v.sort();
    v
}

#[test]
fn public_photos_read_exactly() {
    // The photos are not in the repo: without them this check cannot run, and says so loudly.
    let Some(root) = corpus_dir() else {
        eprintln!("SKIPPED public_photos_read_exactly: no shared/corpus beside the repo (set YIMA_CORPUS)");
        return;
    };
    assert!(root.is_dir(), "YIMA_CORPUS has no zxing-qrcode folder: {}", root.display());
    let (mut total, mut exact) = (0, 0);
    for set in ["qrcode-1", "qrcode-2"] {
        for path in images(&root.join(set)) {
            let want = std::fs::read(path.with_extension("txt")).expect("every image has its .txt");
            let rgba = image::open(&path).expect("corpus image loads").to_rgba8();
            let got = yima_decode::decode_rgba(rgba.width(), rgba.height(), rgba.as_raw());
            total += 1;
            exact += got.is_some_and(|d| d.text.as_bytes() == want.as_slice()) as usize;
        }
    }
    assert_eq!(total, 55, "the public corpus has 55 photos");
    assert!(exact >= FLOOR, "read {exact}/{total} exactly, floor is {FLOOR}");
}
