#!/usr/bin/env bash
# Revocation figures in Chromium, one command: `bash bench/revocation/run.sh`
# Builds the bench wasm (wasm/, the core's revocation code with the app's size-optimised
# profile; PROFILE=release for speed-optimised), writes signed full lists of 1,000,000 and
# 10,000,000 entries (SIZES), then measures fetch + verify + parse, lookups and memory in
# headless Chromium at normal CPU and 4× slowed (RATES). Prints a Markdown table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PROFILE=${PROFILE:-app}
SIZES=${SIZES:-1000000 10000000}
OUT=$CARGO_TARGET_DIR/bench-revocation
mkdir -p "$OUT"
cd "$ROOT"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

cargo build -q --manifest-path bench/revocation/wasm/Cargo.toml --target wasm32-unknown-unknown --profile "$PROFILE"
wasm-bindgen --target web --no-typescript --out-dir "$OUT/pkg" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$PROFILE/yima_revocation_bench.wasm"
echo "profile $PROFILE; bench wasm $(wc -c <"$OUT/pkg/yima_revocation_bench_bg.wasm") bytes"

missing=""
for n in $SIZES; do [ -f "$OUT/full-$n.json" ] || missing="$missing $n"; done
if [ -n "$missing" ]; then
  cargo run -q --release -p yima-core --example revocation_bench -- write "$OUT" $missing
fi
for n in $SIZES; do
  [ -f "$OUT/full-$n.json.gz" ] || gzip -6 -k -f "$OUT/full-$n.json"
  echo "full-$n.json: $(wc -c <"$OUT/full-$n.json") bytes, gzip -6 $(wc -c <"$OUT/full-$n.json.gz") bytes"
done
SIZES="$SIZES" node bench/revocation/bench.mjs "$OUT"
