#!/bin/sh
# Trunk post_build hook (see Trunk.toml). Runs in the project root with TRUNK_* set.
set -eu
STAGE="${TRUNK_STAGING_DIR:?run by trunk}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

# 1. The decoder worker's wasm (crates/decode-worker), loaded by public/decode-worker.js.
cargo build -q -p yima-decode-worker --release --target wasm32-unknown-unknown
wasm-bindgen --target no-modules --no-typescript --out-dir "$STAGE/decoder" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/yima_decode_worker.wasm"
if [ "${TRUNK_PROFILE:-debug}" = "release" ] && command -v wasm-opt >/dev/null; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    -o "$STAGE/decoder/yima_decode_worker_bg.wasm" "$STAGE/decoder/yima_decode_worker_bg.wasm"
fi

# 2. The bundled same-origin demo endpoint, signed now so it is never stale.
if [ -z "${YIMA_ENDPOINT:-}" ]; then
  tmp=$(mktemp -d)
  cargo run -q -p yima-issuer -- demo --out "$tmp" >/dev/null
  mkdir -p "$STAGE/endpoint"
  cp "$tmp/keys.json" "$tmp/policies.json" "$STAGE/endpoint/"
  rm -rf "$tmp"
fi

# 3. The service worker's versioned precache list.
node src/hooks/stamp-sw.mjs "$STAGE"
