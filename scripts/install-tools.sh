#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already present at the right
# version: the wasm32 target, wasm-bindgen's CLI (the version Cargo.lock pins: the build's
# wasm-bindgen and the browser tests' runner), the npm tooling (binaryen's wasm-opt,
# playwright-core, esbuild), NumPy for python3 and, with --browser, Chromium + chromedriver; with
# --wasm-pack, wasm-pack (for the README's plain `wasm-pack test`, run by make test-integration).
# The downloads (Chromium from apt, the npm tooling) run beside the compile of wasm-bindgen's CLI.
#
# usage: scripts/install-tools.sh [--browser] [--wasm-pack]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[tools] %s\n' "$*"; }

browser=false
wasm_pack=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --wasm-pack) wasm_pack=true ;;
    *) say "unknown option '$arg' (allowed: --browser, --wasm-pack)"; exit 2 ;;
  esac
done

apt_job=
if $browser && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium and chromedriver from apt (in the background)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } &
    apt_job=$!
  else
    say "the browser tests need Chromium and chromedriver: on Debian or Ubuntu run"
    say "  sudo apt-get install chromium chromium-driver"
    exit 1
  fi
fi

npm_job=
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { say "npm is missing: install Node.js 20 or newer"; exit 1; }
  say "installing npm tooling (npm ci, in the background)"
  npm ci --no-audit --no-fund --loglevel=error &
  npm_job=$!
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly.
wanted=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  say "installing wasm-bindgen-cli $wanted (have: ${have:-none}; takes a few minutes)"
  # Without --locked: its lockfile names a crate version the registry mirror may lack. Without
  # its default features: they only download a chromedriver over TLS, and the tests pass theirs.
  # A debug build without debug info: it compiles in 1 minute instead of 2.5 here, and still
  # turns a module into its glue in about a second.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install wasm-bindgen-cli --version "$wanted" --no-default-features --debug
fi

if $wasm_pack && ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (takes a few minutes)"
  cargo install wasm-pack --version 0.15.1 --locked
fi

# The PyTorch export's test (crate/tests/export_pytorch.rs) runs the exported file's NumPy check.
if ! python3 -c 'import numpy' 2>/dev/null; then
  say "installing NumPy for python3 (the PyTorch export's test runs the exported file)"
  python3 -m pip install --user numpy
fi

if [ -n "$npm_job" ]; then
  wait "$npm_job" || { say "npm ci failed"; exit 1; }
fi
if [ -n "$apt_job" ]; then
  wait "$apt_job" || { say "apt-get could not install chromium and chromium-driver"; exit 1; }
  say "Chromium and chromedriver installed"
fi
