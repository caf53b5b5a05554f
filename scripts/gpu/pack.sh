#!/usr/bin/env bash
# Packs everything the GPU machine needs to run nnlab's kernel tests and benchmark without Maven or a JDK there:
# a jlink runtime, the jars (Aparapi's native library trimmed to linux x86_64), the compiled tests, JUnit's console
# launcher and the OpenCL ICD loader (libOpenCL.so.1 from ocl-icd). Run from the repository root:
#   bash scripts/gpu/pack.sh [bundle-dir]        (default target/gpu-bundle; needs JDK 17 with jlink, Maven, python3)
# then on the GPU machine, from the repository root:
#   bash scripts/gpu/run-on-gpu.sh [bundle-dir]
set -euo pipefail

bundle="${1:-target/gpu-bundle}"
root="$(pwd)"
[ -f "$root/reference-solution/pom.xml" ] || { echo "pack.sh: run from the repository root" >&2; exit 1; }

# java.base, java.logging: Aparapi and nnlab; jdk.unsupported: Aparapi reaches sun.misc.Unsafe by reflection, which
# jdeps cannot see. java.desktop (jdeps lists it) is only for Aparapi's Swing instruction viewer and BCEL helpers
# that are never loaded here; the kernel tests pass without it. java.management: JUnit's console launcher.
modules="java.base,java.logging,jdk.unsupported,java.management"

rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/classes" "$bundle/test-classes" "$bundle/native"

mvn -B -q package dependency:copy-dependencies -DskipTests -pl benchmarks -am \
    -DincludeScope=test -DexcludeGroupIds=nnlab -DoutputDirectory="$root/$bundle/lib"
junit_platform="$(mvn -B -q -N help:evaluate -Dexpression=junit-platform.version -DforceStdout -Dstyle.color=never \
    | sed 's/\x1b\[[0-9;]*m//g')"
mvn -B -q -N dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform" \
    -DoutputDirectory="$root/$bundle/lib"
# Directories rather than jars: the kernel discovery test lists the package's class files.
cp -r reference-solution/target/classes/. "$bundle/classes/"
cp -r benchmarks/target/classes/. "$bundle/classes/"
cp -r reference-solution/target/test-classes/. "$bundle/test-classes/"

# Aparapi's JNI jar carries native libraries for every platform (about 60 MB); keep the one this bundle runs on.
python3 - "$bundle/lib" <<'PY'
import glob, os, sys, zipfile
for path in glob.glob(os.path.join(sys.argv[1], "aparapi-jni-*.jar")):
    slim = path + ".slim"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(slim, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename.startswith(("win/", "osx/", "mac/")) or (
                    item.filename.startswith("linux/") and item.filename != "linux/libaparapi_x86_64.so"):
                continue
            dst.writestr(item, src.read(item.filename))
    os.replace(slim, path)
PY

loader="$(ldconfig -p | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')"
[ -n "$loader" ] || { echo "pack.sh: no libOpenCL.so.1 here; run scripts/install-opencl.sh first" >&2; exit 1; }
cp -L "$loader" "$bundle/native/libOpenCL.so.1"

"${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/jlink" \
    --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$bundle/jre"

du -sh "$bundle" "$bundle"/* | sed 's/^/pack.sh: /'
