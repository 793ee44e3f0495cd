#!/bin/sh
# The browser test suite: release build with trunk, fresh demo samples, Playwright suites
# against 127.0.0.1, sizes. Exits non-zero on any failure; last line "N passed, N failed".
set -eu
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p tests/artifacts

command -v trunk >/dev/null || { echo "trunk not found (cargo install trunk --version 0.21.14 --locked)"; echo "0 passed, 1 failed"; exit 1; }
[ -d node_modules/playwright-core ] && [ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund

echo "# build"
cargo build -q -p yima-issuer
trunk build --release --offline >tests/artifacts/trunk.log 2>&1 || { tail -40 tests/artifacts/trunk.log; echo "0 passed, 1 failed"; exit 1; }

echo "# sizes (gzip -9)"
node tests/browser/sizes.mjs dist | tee tests/artifacts/sizes.txt

set +e
node tests/browser/run.mjs "$@"
status=$?
exit $status
