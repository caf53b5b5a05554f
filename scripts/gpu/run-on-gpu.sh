#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, with a bundle made by scripts/gpu/pack.sh:
#   bash scripts/gpu/run-on-gpu.sh [bundle-dir] [benchmark sizes]
# It prints the backend choice, runs the kernel tests with OpenCL required (a silent fallback fails them), runs the
# benchmark up to n = 4096 and, in the same run, PyTorch's matmul at n = 4096 when python3 has torch with CUDA.
set -uo pipefail

bundle="${1:-target/gpu-bundle}"
sizes="${2:-256,1024,2048,4096}"
[ -x "$bundle/jre/bin/java" ] || { echo "run-on-gpu.sh: no bundle at $bundle; run scripts/gpu/pack.sh first" >&2; exit 1; }
java="$bundle/jre/bin/java"
cp="$bundle/classes:$bundle/test-classes:$(ls "$bundle"/lib/*.jar | grep -v console-standalone | tr '\n' ':')"
export LD_LIBRARY_PATH="$bundle/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export POCL_CACHE_DIR="$bundle/pocl-cache"

# Containers often ship NVIDIA's OpenCL library without the ICD file that tells the loader about it.
if ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
  nvidia="$(ldconfig -p | awk '/libnvidia-opencl\.so\.1/ {print $NF; exit}')"
  if [ -n "$nvidia" ]; then
    mkdir -p "$bundle/vendors"
    echo "$nvidia" > "$bundle/vendors/nvidia.icd"
    export OCL_ICD_VENDORS="$bundle/vendors"
    echo "run-on-gpu.sh: no ICD files in /etc/OpenCL/vendors; using $nvidia"
  fi
fi

echo "== machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
lscpu | grep -m1 'Model name' || true
echo "== backend"
"$java" -cp "$cp" nnlab.backend.BackendInfo
info=$?

echo "== kernel tests (OpenCL required)"
NNLAB_REQUIRE_OPENCL=1 "$java" -jar "$bundle"/lib/junit-platform-console-standalone-*.jar execute \
    --class-path "$cp" --disable-banner --details=summary --details-theme=ascii \
    --select-class nnlab.backend.KernelTwinTests --select-class nnlab.backend.ReferenceAgreementTests \
    --select-class nnlab.backend.BackendChoiceTests
tests=$?

echo "== benchmark"
# A JVM crash leaves its report in the bundle; one crash of PoCL's compiler was seen once on the CPU and never again,
# so a crashed benchmark is reported and run once more rather than losing the GPU session's only numbers.
"$java" -XX:ErrorFile="$bundle/hs_err_%p.log" -cp "$cp" nnlab.bench.Benchmarks --sizes="$sizes" --epochs=20
bench=$?
if [ "$bench" -ge 128 ]; then
  echo "run-on-gpu.sh: the benchmark JVM crashed (status $bench, report in $bundle); running it once more"
  "$java" -XX:ErrorFile="$bundle/hs_err_%p.log" -cp "$cp" nnlab.bench.Benchmarks --sizes="$sizes" --epochs=20
  bench=$?
fi

echo "== PyTorch matmul, n = 4096"
python3 - <<'PY' || echo "PyTorch comparison not run (python3 or torch missing)"
import time
import torch
if not torch.cuda.is_available():
    raise SystemExit("torch has no CUDA device here")
n = 4096
for dtype in (torch.float32, torch.float64):
    torch.backends.cuda.matmul.allow_tf32 = False
    a = torch.rand(n, n, device="cuda", dtype=dtype)
    b = torch.rand(n, n, device="cuda", dtype=dtype)
    for _ in range(3):
        a @ b
    torch.cuda.synchronize()
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        a @ b
    torch.cuda.synchronize()
    seconds = (time.perf_counter() - start) / runs
    print(f"torch {dtype} (cuBLAS, TF32 off): {2 * n**3 / seconds / 1e9:.1f} GFLOP/s on {torch.cuda.get_device_name()}")
PY
echo "== exit statuses: backend-info $info, tests $tests, benchmark $bench"
[ "$info" -eq 0 ] && [ "$tests" -eq 0 ] && [ "$bench" -eq 0 ]
