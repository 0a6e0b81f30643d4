#!/usr/bin/env bash
# Install whatever this machine is missing to build, run and test Frontdesk on
# Debian 12: system packages, the UI's npm packages, cargo tools. Idempotent:
# a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # building the Tauri v2 app
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # running and testing it headless
  xvfb xauth webkit2gtk-driver imagemagick poppler-utils
  # CJK glyphs for the UI (and later for PDFs)
  fonts-noto-cjk
  # a real printer for the print tests: CUPS and its PDF backend
  # (scripts/test-printer.sh creates the queue)
  cups cups-client cups-bsd printer-driver-cups-pdf
)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "setup: cargo (Rust) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ and npm are required" >&2; exit 1; }

# UI packages, exactly as the committed lockfile pins them: `npm ci` never
# rewrites package-lock.json (a test run must leave the work tree as it found
# it). It runs again only when the lockfile changed since the last install.
lock_sum="$(sha256sum ui/package-lock.json | cut -d' ' -f1)"
if [ ! -f ui/node_modules/.frontdesk-lock ] || [ "$(cat ui/node_modules/.frontdesk-lock)" != "$lock_sum" ]; then
  echo "setup: installing UI packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund)
  echo "$lock_sum" > ui/node_modules/.frontdesk-lock
fi

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v tauri-driver >/dev/null && [ ! -x "$CARGO_BIN/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "setup: installing cargo-nextest"
  cargo install cargo-nextest --locked
fi
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add rustfmt clippy
fi
echo "setup: ok"
