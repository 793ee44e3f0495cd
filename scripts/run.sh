#!/usr/bin/env bash
# Builds the app (release) with a freshly signed bundled demo endpoint into dist/ and serves it on
# http://127.0.0.1:8080/ (scripts/serve.mjs: precompressed files, cache headers, 304s).
# Open it on a phone-sized window; the Demo screen shows codes to scan. Installs only what
# building and serving needs (no browser, no test packages): see scripts/setup.sh run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh run
cargo build -q -p yima-issuer
trunk build --release --offline --dist dist
exec node scripts/serve.mjs dist --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
