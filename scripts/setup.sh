#!/usr/bin/env bash
# Installs what building (and, for tests, testing) Yima needs, skipping what is already there
# (idempotent).
#   bash scripts/setup.sh run    what building and serving needs: the wasm32 target, trunk
#                                0.21.14, wasm-bindgen-cli matching Cargo.lock, and the npm
#                                "dependencies" (binaryen's wasm-opt, terser, html-minifier-terser and Zopfli for the build) — no
#                                browser.
#   bash scripts/setup.sh        all of the above plus what the tests need: Debian chromium,
#                                chromium-driver, binaryen, CJK fonts, firefox-esr,
#                                webkit2gtk-driver and xvfb, all npm packages.
set -euo pipefail
mode=${1:-test}
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { echo "[setup] $*"; }

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown
# The test command checks formatting and lints (both ship in rustup's default profile).
rustup component add rustfmt clippy >/dev/null 2>&1 || rustup component add rustfmt clippy

if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
  say "installing trunk 0.21.14 (takes 12-25 minutes)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock (pinned with = in Cargo.toml).
wbg=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
  say "installing wasm-bindgen-cli $wbg"
  # Not --locked: one of its locked dependencies is missing from the registry.
  cargo install wasm-bindgen-cli --version "$wbg"
fi

if [ "$mode" = run ]; then
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/terser ] || [ ! -d node_modules/@gfx/zopfli ] || [ ! -d node_modules/html-minifier-terser ]; then
    say "installing the npm packages the build needs"
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
  fi
  say "ready (run)"
  exit 0
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v wasm-opt >/dev/null || missing+=(binaryen)
# CJK glyphs for the zh screenshots (phones have them; a bare server does not).
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
# The other engines staff carry (tests/browser/suite-engines.mjs): Firefox ESR (driven over
# WebDriver BiDi), WebKitGTK's MiniBrowser (through WebKitWebDriver) and an X display for it.
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready"
