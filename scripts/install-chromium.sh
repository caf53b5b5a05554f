#!/usr/bin/env bash
# Installs what the feedback reports' tests need when it is missing: Debian's chromium (the rendering test) and the
# DejaVu fonts (XChart draws the plots with the JVM's fonts, and so does Chromium). Safe to run again.
set -euo pipefail
missing=()
if ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then missing+=(fonts-dejavu-core); fi
if [ "${#missing[@]}" -eq 0 ]; then
  echo "chromium present: $(command -v chromium); DejaVu fonts present"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
# Another apt or dpkg run (unattended upgrades, a parallel helper) may hold the lock: wait and retry.
retry() {
  for attempt in 1 2 3 4 5 6; do
    if "$@"; then return 0; fi
    echo "apt busy or failed (attempt $attempt); retrying in 10 s" >&2
    sleep 10
  done
  return 1
}
export DEBIAN_FRONTEND=noninteractive
echo "installing: ${missing[*]}"
retry $sudo apt-get update -q
retry $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" fonts-dejavu-core
command -v chromium
