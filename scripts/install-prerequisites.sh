#!/usr/bin/env bash
# Installs, when missing, the system packages nnlab's build and tests use beyond the JDK and Maven:
# the OpenCL loader and PoCL (Aparapi kernels), bubblewrap (the grader's sandbox), and Chromium with the DejaVu fonts
# (the feedback reports' plots and the test that renders them). Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
bash install-opencl.sh
bash install-sandbox.sh
bash install-chromium.sh
