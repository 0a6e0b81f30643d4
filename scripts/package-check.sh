#!/usr/bin/env bash
# Install the built .deb on this machine, as a shop's PC would (apt resolves
# its dependencies), and start the installed app under Xvfb to its first
# screen: a fresh data folder shows the first-run setup.
set -euo pipefail
cd "$(dirname "$0")/.."

deb="$(ls -t target/release/bundle/deb/*.deb | head -n1)"
echo "package-check: $deb ($(du -h "$deb" | cut -f1))"
sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "./$deb"
installed="$(dpkg -L frontdesk | grep -E '/bin/frontdesk$' | head -n1)"
test -x "$installed" || { echo "package-check: no frontdesk binary installed" >&2; exit 1; }
echo "package-check: installed $installed"
FRONTDESK_APP="$installed" xvfb-run -a --server-args="-screen 0 1366x768x24" \
  node --test --test-concurrency=1 ui/e2e/package/first-screen.check.mjs
