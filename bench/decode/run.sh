#!/usr/bin/env bash
# In-browser decoder benchmark, one command: `bash bench/decode/run.sh`
# Builds the decoder wasm, generates a synthetic sample (seed 777, 6 frames per condition),
# then times yima / jsQR / zxing-wasm on the same frames in headless Chromium.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target-decode}
OUT=$CARGO_TARGET_DIR/bench-decode
mkdir -p "$OUT"
cd "$ROOT"

# npm packages: playwright-core, jsqr, zxing-wasm, binaryen (package-lock.json).
[ -d node_modules/playwright-core ] && [ -d node_modules/zxing-wasm ] && [ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund

# PROFILE=app measures the app's size-optimised profile (opt-level "z"); default: release.
PROFILE=${PROFILE:-release}
cargo build -q -p yima-decode-worker --target wasm32-unknown-unknown --profile "$PROFILE"
wasm-bindgen --target web --out-dir "$OUT/pkg" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$PROFILE/yima_decode_worker.wasm"
WASM=$OUT/pkg/yima_decode_worker_bg.wasm
echo "profile $PROFILE, wasm-bindgen output: $(wc -c <"$WASM") bytes, gzip -9: $(gzip -9 -c "$WASM" | wc -c) bytes"
# wasm-opt: binaryen from npm (node_modules/.bin, v132) when installed. Debian's binaryen 108
# accepts the module but its output fails at start-up ("WebAssembly.Table.grow(): failed to
# grow table" in wasm-bindgen's externref table init), so it is never used. WASM_OPT=0 skips.
OPT=$ROOT/node_modules/.bin/wasm-opt
if [ "${WASM_OPT:-1}" != 0 ] && [ -x "$OPT" ] && "$OPT" "${WASM_OPT_LEVEL:--O3}" --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue "$WASM" -o "$WASM.opt"; then
  mv "$WASM.opt" "$WASM"
  echo "wasm-opt ${WASM_OPT_LEVEL:--O3} ($("$OPT" --version)) applied"
fi
echo "decoder wasm: $(wc -c <"$WASM") bytes, gzip -9: $(gzip -9 -c "$WASM" | wc -c) bytes"

if [ ! -f "$OUT/frames/tilt-0005.png" ]; then
  cargo run -q --release -p yima-synth --example write -- 777 "$OUT/frames" 6
fi
node "$ROOT/bench/decode/bench.mjs" "$OUT"
