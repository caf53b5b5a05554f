#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu, as root). Installs a JDK 17 and bubblewrap
# (the grader's strongest sandbox layer; setpriv and prlimit come with util-linux) and is safe to run again.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=()
if ! { command -v java >/dev/null && java -version 2>&1 | grep -q 'version "17'; }; then
  packages+=(openjdk-17-jdk-headless)
fi
command -v bwrap >/dev/null || packages+=(bubblewrap)
command -v setpriv >/dev/null || packages+=(util-linux)
if [ "${#packages[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
# A zip carries no execute bits; Gradescope copies run_autograder next to source/.
here="$(cd "$(dirname "$0")" && pwd)"
chmod +x "$here/run_autograder"
[ -e "$here/../run_autograder" ] && chmod +x "$here/../run_autograder" || true
java -version
