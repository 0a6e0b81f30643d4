#!/usr/bin/env bash
# Freeze a released schema version for the upgrade tests: build the core as it
# was at <commit> and let that release's own demo seeding write
# tests/fixtures/schemas/v<version>.db. Run once per schema version, when it is
# released (README, "Changing the schema"); never regenerate an old one.
#
#   scripts/freeze-schema.sh <commit> <version>
set -euo pipefail
commit=$1
version=$2
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
wt="$tmp/wt"
git -C "$root" worktree add --detach "$wt" "$commit" >/dev/null
trap 'git -C "$root" worktree remove --force "$wt"; rm -rf "$tmp"' EXIT
mkdir -p "$wt/crates/core/examples"
cat >"$wt/crates/core/examples/freeze.rs" <<'RS'
//! Written by scripts/freeze-schema.sh: a demo shop in a fresh file.
use std::sync::Arc;
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a path"));
    // 2026-11-23 10:00 in Shanghai, the same instant for every version.
    let clock = Arc::new(frontdesk_core::clock::FixedClock::at(1_795_395_600_000));
    let (mut db, _) = frontdesk_core::Db::open(&path, clock).expect("open");
    frontdesk_core::demo::seed(&mut db).expect("seed the demo shop");
    db.conn().execute_batch("VACUUM").expect("compact");
}
RS
out="$root/tests/fixtures/schemas/v$version.db"
mkdir -p "$(dirname "$out")"
rm -f "$out" "$out-wal" "$out-shm"
CARGO_TARGET_DIR="${FREEZE_TARGET:-$root/target/freeze}" \
  cargo run --quiet --manifest-path "$wt/Cargo.toml" -p frontdesk-core --example freeze -- "$out"
rm -f "$out-wal" "$out-shm"
got=$(sqlite3 "$out" 'PRAGMA user_version')
if [ "$got" != "$version" ]; then
  echo "freeze-schema: $commit writes schema $got, not $version" >&2
  rm -f "$out"
  exit 1
fi
echo "froze schema $version from $commit: $out ($(stat -c %s "$out") bytes)"
