#!/usr/bin/env bash
# A test run must leave the work tree as it found it (no rewritten lockfile,
# no regenerated file, no stray output outside ignored folders).
#   tree-guard.sh save     remember the state of the work tree
#   tree-guard.sh check    fail if it changed since `save`
set -euo pipefail
cd "$(dirname "$0")/.."
state() { { git status --porcelain=v1 -uall; git diff; } | sha256sum | cut -d' ' -f1; }
mkdir -p target
case "${1:-}" in
  save) state > target/.tree-before ;;
  check)
    if [ "$(state)" != "$(cat target/.tree-before)" ]; then
      echo "tree-guard: the test run changed the work tree:" >&2
      git status --short >&2
      exit 1
    fi
    echo "tree-guard: work tree unchanged" ;;
  *) echo "usage: $0 save|check" >&2; exit 2 ;;
esac
