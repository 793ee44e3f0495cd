#!/usr/bin/env bash
# Phone benchmark, one command: `bash bench/phone/run.sh` (about 10 minutes on 2 cores).
# Builds the release app into its own folder, mints demo samples with a fake-camera video, and
# prints a table for CPU 1×/4×/6× with slow 4G (bench/phone/bench.mjs). RATES=4 SCANS=5 BURST=0
# for a quick run. Needs the test setup (chromium, npm packages): bash scripts/setup.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
DIST=${YIMA_DIST:-target/phone-dist}
OUT=target/phone-bench
cargo build -q -p yima-issuer
[ -d bench/phone/node_modules/lighthouse ] || npm ci --prefix bench/phone --no-audit --no-fund --loglevel=error
[ -n "${SKIP_BUILD:-}" ] || trunk build --release --offline --dist "$DIST" >/dev/null 2>&1 || trunk build --release --offline --dist "$DIST"
rm -rf "$OUT" && mkdir -p "$OUT"
target/debug/yima-issuer demo --out "$OUT" --now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --y4m >/dev/null
node bench/phone/bench.mjs "$DIST" "$OUT"
