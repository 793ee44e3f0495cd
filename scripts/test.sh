#!/usr/bin/env bash
# Every test: native tests of the core, issuer, decoder and synthetic corpus, then the
# browser suites (trunk release build, Playwright on headless Chromium). Exits non-zero on
# any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh

echo "== native tests"
# The public QR photos are not in the repo; crates/decode/tests/corpus.rs finds them beside it.
if [ -z "${YIMA_CORPUS:-}" ] && [ ! -d ../shared/corpus ] && [ ! -d ../../shared/corpus ]; then
  echo "NOTE: no shared/corpus beside the repo (or YIMA_CORPUS): the public-photo decoding test is skipped"
fi
cargo test -p yima-core -p yima-issuer -p yima-decode -p yima-synth

echo "== browser tests"
bash tests/browser/run.sh
