#!/usr/bin/env bash
# Builds the app (release) with a freshly signed bundled demo endpoint and serves it on
# http://127.0.0.1:8080/ . Open it on a phone-sized window; the Demo screen shows codes to scan.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
cargo build -q -p yima-issuer
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}" --no-autoreload
