#!/usr/bin/env bash
# Installs, when missing, the system packages nnlab's build and tests use beyond the JDK and Maven:
# the OpenCL loader and PoCL (Aparapi kernels) and bubblewrap (the grader's sandbox). Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
bash install-opencl.sh
bash install-sandbox.sh
