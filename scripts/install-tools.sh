#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already present at the right
# version: the wasm32 target, wasm-bindgen's CLI (the version Cargo.lock pins), wasm-pack, the
# npm tooling (binaryen's wasm-opt, playwright-core), NumPy for python3 and, for tests, Chromium +
# chromedriver.
#
# usage: scripts/install-tools.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[tools] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly.
wanted=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  say "installing wasm-bindgen-cli $wanted (have: ${have:-none}; takes a few minutes)"
  # Without --locked: its lockfile names a crate version the registry mirror may lack.
  cargo install wasm-bindgen-cli --version "$wanted"
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (takes a few minutes)"
  cargo install wasm-pack --version 0.15.1 --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { say "npm is missing: install Node.js 20 or newer"; exit 1; }
  say "installing npm tooling (npm ci)"
  npm ci --no-audit --no-fund
fi

# The PyTorch export's test (crate/tests/export_pytorch.rs) runs the exported file's NumPy check.
if ! python3 -c 'import numpy' 2>/dev/null; then
  say "installing NumPy for python3 (the PyTorch export's test runs the exported file)"
  python3 -m pip install --user numpy
fi

if [ "${1:-}" = "--browser" ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium and chromedriver from apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    say "the browser tests need Chromium and chromedriver: on Debian or Ubuntu run"
    say "  sudo apt-get install chromium chromium-driver"
    exit 1
  fi
fi
