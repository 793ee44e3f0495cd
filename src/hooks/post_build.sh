#!/bin/sh
# Trunk post_build hook (see Trunk.toml). Runs in the project root with TRUNK_* set.
set -eu
STAGE="${TRUNK_STAGING_DIR:?run by trunk}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

# 1. The decoder worker's wasm (crates/decode-worker), loaded by public/decode-worker.js.
cargo build -q -p yima-decode-worker --release --target wasm32-unknown-unknown
wasm-bindgen --target no-modules --no-typescript --out-dir "$STAGE/decoder" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/yima_decode_worker.wasm"

# 2. Demo builds (no pinned production root): the Demo screen's minting module, loaded only when
#    that screen opens (crates/demo-mint, src/lazy/; size-optimised like the app).
if [ -z "${YIMA_ROOT_KEY:-}" ]; then
  cargo build -q -p yima-demo-mint --profile app --target wasm32-unknown-unknown
  wasm-bindgen --target web --no-typescript --out-dir "$STAGE/demo" \
    "$TARGET_DIR/wasm32-unknown-unknown/app/yima_demo_mint.wasm"
fi

# 2b. The EU DCC reader (crates/dcc-module: ECDSA, RSA, X.509), fetched the first time an HC1
#     code is scanned (src/lazy/).
cargo build -q -p yima-dcc-module --profile app --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir "$STAGE/dcc" \
  "$TARGET_DIR/wasm32-unknown-unknown/app/yima_dcc_module.wasm"

# 3. wasm-opt (binaryen >= 116 from npm; Debian's 108 corrupts the externref table).
OPT=node_modules/.bin/wasm-opt
FEATURES="--enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue"
# Size-optimised modules: -Oz, then twice the control flow flattened and rebuilt by the relooper
# and -Oz again until it stops shrinking (the app wasm: 1.7 KB smaller gzipped than -Oz alone, for
# ~20 s of build), and
# the producers / target-features sections dropped (nothing reads them at run time).
SIZE="-Oz --flatten --rereloop -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features"
if [ "${TRUNK_PROFILE:-debug}" = "release" ] && [ -x "$OPT" ]; then
  for w in "$STAGE"/yima-*_bg.wasm "$STAGE"/demo/*_bg.wasm "$STAGE"/dcc/*_bg.wasm; do
    if [ -f "$w" ]; then "$OPT" $SIZE $FEATURES -o "$w" "$w"; fi
  done
  "$OPT" -O3 $FEATURES -o "$STAGE/decoder/yima_decode_worker_bg.wasm" "$STAGE/decoder/yima_decode_worker_bg.wasm"
elif [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  echo "post_build: $OPT not installed (npm ci): wasm left unoptimised" >&2
fi

# 4. The bundled same-origin demo endpoint, signed now so it is never stale.
if [ -z "${YIMA_ENDPOINT:-}" ]; then
  tmp=$(mktemp -d)
  # The EU conformance files' signers too, when shared/dgc-testdata is beside the repo (or
  # $YIMA_DGC_TESTDATA): the demo app then reads those HC1 codes (docs/dcc.md).
  dgc=${YIMA_DGC_TESTDATA:-}
  d=$PWD
  while [ -z "$dgc" ] && [ "$d" != / ]; do
    [ -d "$d/shared/dgc-testdata" ] && dgc="$d/shared/dgc-testdata"
    d=$(dirname "$d")
  done
  cargo run -q -p yima-issuer -- demo --out "$tmp" ${dgc:+--dcc-testdata "$dgc"} 2>/dev/null
  mkdir -p "$STAGE/endpoint"
  cp "$tmp/keys.json" "$tmp/policies.json" "$tmp/revocation-full.json" "$tmp/revocation-delta.json" "$STAGE/endpoint/"
  rm -rf "$tmp"
fi

# 5. Minified JavaScript (terser from npm), before the service worker's version is computed.
if [ "${TRUNK_PROFILE:-debug}" = "release" ] && [ -d node_modules/terser ] && [ -d node_modules/html-minifier-terser ]; then
  node src/hooks/minify.mjs "$STAGE"
elif [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  echo "post_build: terser or html-minifier-terser not installed (npm ci): JavaScript and index.html left unminified" >&2
fi

# 6. Every module file named by its content hash, and the names rewritten where they are loaded
#    (index.html, the other modules): an old service worker's cache can never mix versions.
node src/hooks/hash-names.mjs "$STAGE"

# 7. The service worker's versioned precache lists.
node src/hooks/stamp-sw.mjs "$STAGE"

# 8. Precompressed copies (F.br, F.gz) for servers that send them (scripts/serve.mjs, docs/deploy.md).
node src/hooks/compress.mjs "$STAGE"
