#!/usr/bin/env bash
# Rebuilds breast_cancer.csv and digits.csv from the data files of Debian's python3-sklearn package.
# Run from anywhere; needs apt-get (download only, nothing is installed), dpkg-deb, gzip and awk.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download python3-sklearn >/dev/null)
dpkg-deb -x "$work"/python3-sklearn_*.deb "$work/x"
src=$(find "$work/x" -type d -path '*sklearn/datasets/data' | head -n 1)
[ -d "$src" ] || { echo "python3-sklearn no longer ships sklearn/datasets/data; update this script" >&2; exit 1; }

# breast_cancer.csv upstream: a "569,30,malignant,benign" line, then 30 features and the class (0 malignant, 1 benign).
header=""
for stat in mean error worst; do
  for f in radius texture perimeter area smoothness compactness concavity concave_points symmetry fractal_dimension; do
    if [ "$stat" = error ]; then name="${f}_error"; else name="${stat}_${f}"; fi
    header="$header$name,"
  done
done
{ echo "${header}benign"; tail -n +2 "$src/breast_cancer.csv" | tr -d '\r'; } > "$here/breast_cancer.csv"

# digits.csv.gz upstream: no header, 64 pixel counts (row-major 8x8) and the digit.
{ awk 'BEGIN { for (r = 0; r < 8; r++) for (c = 0; c < 8; c++) printf "pixel_%d_%d,", r, c; print "digit" }';
  gzip -dc "$src/digits.csv.gz" | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s%s", int($i), (i < NF ? "," : "\n") }'; } > "$here/digits.csv"

(cd "$here" && sha256sum breast_cancer.csv digits.csv > SHA256SUMS)
echo "wrote $(($(wc -l < "$here/breast_cancer.csv") - 1)) breast cancer rows and $(($(wc -l < "$here/digits.csv") - 1)) digits rows"
