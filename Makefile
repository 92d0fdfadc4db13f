# Neural Kitchen: `make serve` builds and serves the page, `make test` runs every test.
# Each target installs what it needs first (scripts/install-tools.sh skips what is present).

PORT ?= 8000
WASM := crate/pkg/neural_kitchen_bg.wasm
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
# The features Rust's wasm32 target uses; wasm-opt must not assume more.
WASM_OPT_FEATURES := --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: tools browser-tools build serve dist package widget bench test test-native test-wasm test-wasm-pack test-page test-integration test-timing lint

tools:
	@scripts/install-tools.sh

browser-tools:
	@scripts/install-tools.sh --browser

## build: the release wasm in crate/pkg/ with its JavaScript glue (what `wasm-pack build --target
## web crate` makes, by the two steps it runs), optimised by binaryen's wasm-opt, and the TypeScript
## of its config (crate/pkg/config-types.d.ts) from the built core's schema
build: tools
	cargo build --release --target wasm32-unknown-unknown -p neural-kitchen --lib
	wasm-bindgen --target web --out-dir crate/pkg $(TARGET_DIR)/wasm32-unknown-unknown/release/neural_kitchen.wasm
	node_modules/.bin/wasm-opt -O3 $(WASM_OPT_FEATURES) $(WASM) -o $(WASM)
	node scripts/config-types.mjs
	@printf 'wasm module: %s bytes, %s gzipped\n' "$$(wc -c < $(WASM))" "$$(gzip -9c $(WASM) | wc -c)"

## serve: build, then serve the repository root (the page is index.html)
serve: build
	@echo "Neural Kitchen: http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1

## dist: the whole page in one file, dist/neural-kitchen.html (opens from file://, offline)
dist: build
	node scripts/build-dist.mjs

## package: the npm package `neural-kitchen` (the element, mount(), the wasm and the datasets, with
## their types), packed by npm into dist/neural-kitchen-<version>.tgz (scripts/build-package.mjs)

package: build
	node scripts/build-package.mjs

## widget: the Jupyter widget's front end in one module, python/neural_kitchen/static/widget.js
## (then `pip install ./python`)
widget: build
	node scripts/build-widget.mjs

## bench: W1–W4 training throughput (native, in Chromium, and beside the peer libraries of
## ../shared/bench-peers when present), page load and frame times; table in bench-results/
bench: build browser-tools
	node tests/bench/run.mjs

## test: formatting, lints, native tests, browser tests of the wasm API, page tests (the long
## page tests and the Jupyter widget are in test-integration; CI runs both)
test: browser-tools lint test-native build test-wasm test-page

lint: tools
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

## test-native: every native test (--all-targets: the benchmarks run once each too, in criterion's
## test mode, untimed), by cargo-nextest where it is installed (it runs the test binaries side by
## side, on both cores), by cargo test otherwise
test-native: tools
	if cargo nextest --version >/dev/null 2>&1; then \
		cargo nextest run --cargo-profile tests --all-targets --status-level fail; \
	else \
		cargo test --profile tests --all-targets; \
	fi

## test-wasm: the browser test files in headless Chromium, by wasm-bindgen's test runner (the
## runner of .cargo/config.toml), in the fast-building `tests` profile
test-wasm: tools browser-tools
	CHROMEDRIVER="$$(command -v chromedriver)" WASM_BINDGEN_TEST_TIMEOUT=120 \
		cargo test --profile tests --target wasm32-unknown-unknown -p neural-kitchen \
		--test web --test web_calls --test kernels --test text_web

## test-wasm-pack: the README's plain `wasm-pack test --headless --chrome crate` (a debug build of
## every test file), as a user of a wasm crate types it
test-wasm-pack: browser-tools
	@scripts/install-tools.sh --wasm-pack
	wasm-pack test --headless --chrome crate

## test-page: the page tests, two files at a time (each its own Chromium; on two cores a third
## only slows the others)
test-page: build browser-tools
	node --test --test-concurrency=2 tests/*.test.mjs

## test-integration: the long tests, apart from `make test`: the plain `wasm-pack test`; the whole
## lesson in the page, every preset's memory and learning, the fuzz of links, the lesson's stage at
## four sizes, the npm package from another origin, the single file, the bench harness, the pace at
## real speed, several ghosts (tests/integration/*.test.mjs); and the Jupyter widget in a real
## JupyterLab (a venv in .venv-jupyter/ with JupyterLab and anywidget from PyPI)
test-integration: widget browser-tools test-wasm-pack
	node --test --test-timeout=900000 tests/integration/*.test.mjs
	scripts/install-jupyter.sh
	.venv-jupyter/bin/python -m unittest discover -s python/tests
	node --test --test-timeout=900000 tests/integration/jupyter.mjs

## test-timing: the page's smoothness by the clock (tests/timing/: no page task over 50 ms while
## spiral and digits-cnn play, or step(1000) runs). Like `make bench`, for a quiet machine: a
## shared one's load stretches tasks past 50 ms (the tests skip when they see other programs busy,
## but a burst between two looks still fails them), so neither make test nor CI runs it
test-timing: build browser-tools
	node --test tests/timing/*.test.mjs
