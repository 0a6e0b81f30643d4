#!/usr/bin/env bash
# Fail when the TypeScript bindings in ui/src/bindings differ from what the
# Rust types generate now (run `make bindings` to refresh them).
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
TS_RS_EXPORT_DIR="$fresh" cargo test -q -p frontdesk-core export_bindings >/dev/null
if ! diff -r "$fresh" ui/src/bindings; then
  echo "bindings: ui/src/bindings is stale; run 'make bindings' and commit the result" >&2
  exit 1
fi
echo "bindings: up to date ($(ls "$fresh" | wc -l) types)"
