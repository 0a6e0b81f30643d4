#!/usr/bin/env bash
# A real CUPS printer for the print tests: starts cupsd when it is not running
# (containers have no systemd) and creates the queue Frontdesk-Test-PDF on the
# cups-pdf backend, enabled and accepting. cups-pdf turns each job into a PDF
# file in one known folder, printed at the end (tests/tests/print_devices.rs
# reads it). Idempotent: a second run only checks. Needs root (or sudo).
#   scripts/test-printer.sh
set -euo pipefail

QUEUE=Frontdesk-Test-PDF
# The backend instance: the device URI cups-pdf:/frontdesk makes cups-pdf read
# /etc/cups/cups-pdf-frontdesk.conf instead of the shared cups-pdf.conf, so the
# machine's own PDF printer keeps its settings.
INSTANCE=frontdesk
OUT=/var/spool/cups-pdf/frontdesk
CONF=/etc/cups/cups-pdf-$INSTANCE.conf

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

for tool in cupsd lpadmin lpinfo lpstat lp; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "test-printer: $tool is missing; run scripts/setup.sh (cups cups-client cups-bsd printer-driver-cups-pdf)" >&2
    exit 1
  }
done
export PATH="$PATH:/usr/sbin"

# Every job lands in $OUT, named job_<id>-<title>.pdf (Label 1), readable by
# the user who runs the tests (UserUMask 0000; root's and unknown users' jobs
# go to AnonDirName).
want_conf="Out $OUT
AnonDirName $OUT
Label 1
UserUMask 0000
AnonUMask 0000
Grp lp"
if [ ! -f "$CONF" ] || [ "$(cat "$CONF")" != "$want_conf" ]; then
  echo "test-printer: writing $CONF"
  printf '%s\n' "$want_conf" | sudo_if_needed tee "$CONF" >/dev/null
fi
sudo_if_needed mkdir -p "$OUT"
sudo_if_needed chmod 1777 "$OUT"

# cupsd: the service when there is one, else the daemon itself.
if ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
  echo "test-printer: starting cupsd"
  sudo_if_needed service cups start >/dev/null 2>&1 || sudo_if_needed cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "scheduler is running" && break
    sleep 0.2
  done
  lpstat -r 2>/dev/null | grep -q "scheduler is running" || {
    echo "test-printer: cupsd did not start (see /var/log/cups/error_log)" >&2
    exit 1
  }
fi

if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
  ppd="$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF/ && !found { print $1; found = 1 }')"
  [ -n "$ppd" ] || {
    echo "test-printer: no CUPS-PDF driver in 'lpinfo -m'; install printer-driver-cups-pdf" >&2
    exit 1
  }
  echo "test-printer: creating queue $QUEUE ($ppd)"
  sudo_if_needed lpadmin -p "$QUEUE" -E -v "cups-pdf:/$INSTANCE" -m "$ppd" \
    -D "Frontdesk test printer (PDF files in $OUT)"
fi
# PDF to PostScript through Cairo: the default (Ghostscript) turns the CJK
# font into Type 3 glyphs without their Unicode mapping, and the tests read
# the output back with pdftotext (Debian bug #928738).
sudo_if_needed lpadmin -p "$QUEUE" -o pdftops-renderer-default=pdftocairo
# Enabled and accepting, even if an earlier run left it paused.
sudo_if_needed cupsenable "$QUEUE"
sudo_if_needed cupsaccept "$QUEUE"

lpstat -p "$QUEUE" | head -n 1
echo "test-printer: $QUEUE writes its PDFs to $OUT"
