#!/usr/bin/env bash
# Installs what the grader's sandbox uses (bubblewrap; util-linux for prlimit/setpriv; coreutils for timeout),
# each only when missing. Idempotent; safe to run while another apt-get runs (waits for the dpkg lock).
set -euo pipefail

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v timeout >/dev/null 2>&1 || missing+=(coreutils)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-sandbox: bubblewrap, prlimit, setpriv and timeout are present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

# apt-get fails at once when another process holds the dpkg lock; retry for up to ~5 minutes.
apt_retry() {
  local attempt
  for attempt in $(seq 1 60); do
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=5 "$@"; then
      return 0
    fi
    echo "install-sandbox: apt-get $1 failed (attempt $attempt, the dpkg lock may be held); retrying in 5 s" >&2
    sleep 5
  done
  return 1
}

mapfile -t unique < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "install-sandbox: installing ${unique[*]}"
apt_retry update -q
apt_retry install -y -q --no-install-recommends "${unique[@]}"
command -v bwrap >/dev/null 2>&1 && echo "install-sandbox: $(bwrap --version)"
