#!/usr/bin/env bash
# Installs Debian's chromium for the report's rendering test when it is missing; safe to run again.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium present: $(command -v chromium)"
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
retry $sudo apt-get update -q
retry $sudo apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
command -v chromium
