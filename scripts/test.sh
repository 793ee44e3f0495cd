#!/usr/bin/env bash
# Every test: native tests of the core, issuing crate, issuer, decoder and synthetic corpus,
# then the browser suites (trunk release build, Playwright on headless Chromium). Exits
# non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh

echo "== format and lints"
# rustfmt.toml sets the width; the app and the lazily loaded modules are linted for the wasm
# target they ship as, everything else natively. Any warning fails.
cargo fmt --all --check
cargo clippy -q --workspace --all-targets -- -D warnings
cargo clippy -q -p yima -p yima-dcc-module -p yima-demo-mint -p yima-decode-worker -p yima-signed-js --target wasm32-unknown-unknown -- -D warnings

echo "== native tests"
# The public QR photos are not in the repo. Same rule as crates/decode/tests/all/corpus.rs: $YIMA_CORPUS,
# else shared/corpus in the repo folder or any folder above it.
corpus=${YIMA_CORPUS:-}
d=$PWD
while [ -z "$corpus" ]; do
  [ -d "$d/shared/corpus/zxing-qrcode" ] && corpus="$d/shared/corpus"
  [ "$d" = / ] && break
  d=$(dirname "$d")
done
# The EU dgc-testdata conformance test (crates/issuer/tests/all/dgc_testdata.rs) finds shared/dgc-testdata
# the same way, or $YIMA_DGC_TESTDATA.
[ -n "$corpus" ] || echo "NOTE: no shared/corpus beside the repo (or YIMA_CORPUS): the public-photo decoding test is skipped"
cargo test -p yima-core -p yima-issue -p yima-dcc -p yima-issuer -p yima-decode -p yima-demo-mint -p yima-synth

echo "== browser tests"
bash tests/browser/run.sh
