#!/usr/bin/env bash
# Installs the OpenCL loader and PoCL (an OpenCL implementation on the CPU) when they are missing, so the
# Aparapi kernels run as real OpenCL in CI and on a developer's machine. Idempotent: does nothing when both
# packages are installed. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(ocl-icd-libopencl1 pocl-opencl-icd clinfo)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-opencl: ${packages[*]} already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-opencl: missing ${missing[*]} and no apt-get here; install an OpenCL ICD loader and PoCL by hand," \
       "or run with NNLAB_BACKEND=java" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

# Another process (unattended upgrades, a parallel build) may hold the dpkg lock: wait for it rather than fail.
retry() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if "$@"; then
      return 0
    fi
    echo "install-opencl: '$*' failed (attempt $attempt); the dpkg lock may be held, retrying in 15 s" >&2
    sleep 15
  done
  return 1
}

echo "install-opencl: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
retry $sudo apt-get -o DPkg::Lock::Timeout=120 update -q
retry $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends "${missing[@]}"
