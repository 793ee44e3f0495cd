#!/bin/sh
# Trunk post_build hook (see Trunk.toml). Runs in the project root with TRUNK_* set.
set -eu
STAGE="${TRUNK_STAGING_DIR:?run by trunk}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

# 1. The decoder worker's wasm (crates/decode-worker), loaded by public/decode-worker.js.
cargo build -q -p yima-decode-worker --release --target wasm32-unknown-unknown
wasm-bindgen --target no-modules --no-typescript --out-dir "$STAGE/decoder" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/yima_decode_worker.wasm"

# 2. wasm-opt (binaryen >= 116 from npm; Debian's 108 corrupts the externref table).
OPT=node_modules/.bin/wasm-opt
FEATURES="--enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue"
if [ "${TRUNK_PROFILE:-debug}" = "release" ] && [ -x "$OPT" ]; then
  for w in "$STAGE"/yima-*_bg.wasm; do "$OPT" -Oz $FEATURES -o "$w" "$w"; done
  "$OPT" -O3 $FEATURES -o "$STAGE/decoder/yima_decode_worker_bg.wasm" "$STAGE/decoder/yima_decode_worker_bg.wasm"
elif [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  echo "post_build: $OPT not installed (npm ci): wasm left unoptimised" >&2
fi

# 3. The bundled same-origin demo endpoint, signed now so it is never stale.
if [ -z "${YIMA_ENDPOINT:-}" ]; then
  tmp=$(mktemp -d)
  cargo run -q -p yima-issuer -- demo --out "$tmp" 2>/dev/null
  mkdir -p "$STAGE/endpoint"
  cp "$tmp/keys.json" "$tmp/policies.json" "$STAGE/endpoint/"
  rm -rf "$tmp"
fi

# 4. The service worker's versioned precache list.
node src/hooks/stamp-sw.mjs "$STAGE"
