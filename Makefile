# Frontdesk: two commands do everything on a fresh Debian 12 machine.
#   make run              set up what is missing, build, launch the app
#   make run ARGS=--demo  ... with a small demo shop seeded into an empty data file
#   make test             set up what is missing, run every check and test
SHELL := /bin/bash
.DEFAULT_GOAL := help
APP := target/debug/frontdesk
TAURI := ui/node_modules/.bin/tauri
ARGS ?=

.PHONY: help setup ui app run test check tree-save lint bindings check-bindings test-rust test-ui e2e package package-check clean bench-desk

help:
	@echo "make run [ARGS=--demo]   build and launch Frontdesk"
	@echo "make test                run every check and test (what CI runs)"
	@echo "make check               the fast loop: lint, bindings, Rust and UI unit tests (no E2E)"
	@echo "make bindings            regenerate ui/src/bindings from the Rust types"
	@echo "make package             build the installable .deb (target/release/bundle/deb/)"

setup:
	@scripts/setup.sh

ui: setup
	cd ui && npx vite build

# The desktop binary with the built UI embedded.
app: ui
	$(TAURI) build --debug --no-bundle

run: app
	$(APP) $(ARGS)

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npx tsc --noEmit
	cd ui && npx eslint . --max-warnings 0

bindings:
	rm -rf ui/src/bindings
	cargo test -q -p frontdesk-core export_bindings

check-bindings: setup
	scripts/check-bindings.sh

# The print tests need a real CUPS queue (Frontdesk-Test-PDF on cups-pdf).
test-rust: setup
	scripts/test-printer.sh
	cargo nextest run --workspace --locked --no-fail-fast

test-ui: setup
	cd ui && npx vitest run

# The real app under Xvfb, driven over WebDriver (tauri-driver + WebKitWebDriver).
# The computer's time zone differs from the shop's (Asia/Shanghai), as on a PC
# set to UTC or brought from abroad: every time on screen must still be the
# shop's. Screenshots of each run land in target/e2e-screenshots/.
e2e: app
	rm -rf target/e2e-screenshots
	TZ=America/Los_Angeles xvfb-run -a --server-args="-screen 0 1366x768x24" npm --prefix ui run e2e

# The desk in the real window (docs/BENCHMARKS.md): start-up, keystroke to
# painted results, the card and the process tree's memory of the RELEASE app
# under Xvfb, over WebDriver (tauri-driver on :4455). Generates
# target/bench-data/shop-1000000.db if missing; works on copies. Not part of
# make test. BENCH_ARGS, e.g. "--runs 3 --searches 200 --no-long-history".
bench-desk: ui
	$(TAURI) build --no-bundle
	xvfb-run -a --server-args="-screen 0 1366x768x24" node ui/e2e/bench/desk.mjs $(BENCH_ARGS)

# The installable Debian package: a release build with the UI embedded.
package: ui
	$(TAURI) build --bundles deb
	@ls -l target/release/bundle/deb/*.deb

# Install the package on this machine (apt, with its dependencies) and start
# the installed app under Xvfb to its first screen, over WebDriver.
package-check: package
	scripts/package-check.sh

# The fast local loop: everything but the end-to-end run of the real app.
check: setup lint check-bindings test-rust test-ui
	@echo "make check: all checks passed"

# What CI runs. The tree guard fails the run if it changed any file git sees.
test: tree-save setup lint check-bindings test-rust test-ui e2e package-check
	@scripts/tree-guard.sh check
	@echo "make test: all checks passed"

tree-save:
	@scripts/tree-guard.sh save

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
