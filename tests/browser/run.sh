#!/bin/sh
# The browser test suite: release build with trunk, fresh demo samples, Playwright suites
# against 127.0.0.1, sizes. Exits non-zero on any failure; last line "N passed, N failed".
set -eu
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p tests/artifacts

command -v trunk >/dev/null || { echo "trunk not found (cargo install trunk --version 0.21.14 --locked)"; echo "0 passed, 1 failed"; exit 1; }
[ -d node_modules/playwright-core ] && [ -d node_modules/puppeteer-core ] && [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/terser ] && [ -d node_modules/html-minifier-terser ] || npm ci --no-audit --no-fund

echo "# build"
cargo build -q -p yima-issuer
# Its own build folder (and trunk staging folder inside it), so the run command's dist/ and a
# running `scripts/run.sh` are never touched.
export YIMA_DIST="${YIMA_DIST:-target/browser-dist}"
trunk build --release --offline --dist "$YIMA_DIST" >tests/artifacts/trunk.log 2>&1 || { tail -40 tests/artifacts/trunk.log; echo "0 passed, 1 failed"; exit 1; }

echo "# sizes (gzip as served: the build's .gz copies; brotli beside)"
node tests/browser/sizes.mjs "$YIMA_DIST" | tee tests/artifacts/sizes.txt

set +e
echo "# wasm-bindgen-test (browser glue in headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test -p yima --target wasm32-unknown-unknown >tests/artifacts/wasm-test.log 2>&1
wstatus=$?
grep -E "^test |test result" tests/artifacts/wasm-test.log
# Folded into the final count by run.mjs.
WASM_PASSED=$(sed -n 's/.*test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' tests/artifacts/wasm-test.log | tail -1)
WASM_FAILED=$(sed -n 's/.*test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' tests/artifacts/wasm-test.log | tail -1)
if [ "$wstatus" -ne 0 ] && [ "${WASM_FAILED:-0}" -eq 0 ]; then tail -30 tests/artifacts/wasm-test.log; WASM_FAILED=1; fi
export WASM_PASSED="${WASM_PASSED:-0}" WASM_FAILED="${WASM_FAILED:-0}"

node tests/browser/run.mjs "$@"
status=$?
exit $status
