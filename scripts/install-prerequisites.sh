#!/usr/bin/env bash
# Installs, when missing, the system packages nnlab's build and tests use beyond the JDK and Maven.
# Idempotent: each installer returns at once when its packages are already there.
set -euo pipefail
cd "$(dirname "$0")"
for installer in install-opencl.sh install-sandbox.sh; do
  if [ -f "$installer" ]; then
    bash "$installer"
  fi
done
