#!/usr/bin/env bash
# CLI start-up (issue 22): each step of a `netra` run measured as a whole process, median of RUNS runs, wall and
# CPU (user + sys of all threads): the JVM alone (`java -version`), then `--version` (the jars and picocli's model,
# no work), `nuclide Lu-177` (a small command) and `dicom info` on the real 199-slice SPECT, next to pydicom
# reading the same series (bench/read_pydicom.py). The netra runs go through the launcher, as a user runs them,
# with and without the AOT cache (NETRA_AOT=off); prints Markdown rows and the load before and after.
#   bench/run-startup.sh [RUNS]      (default 7)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-7}"
DATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
SPECT="$DATA/dicom/lu177-dotatate-spect/SCAN_001/image"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
"$ROOT/netra" --version >/dev/null # builds netra (and its AOT cache) first when needed

TIMES="$(mktemp)"
trap 'rm -f "$TIMES"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...: one Markdown row "| label | wall s | CPU s |"
  local label="$1" runs
  shift
  runs=$(for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$TIMES" -f "%e %U %S" "$@" >/dev/null 2>&1
    tail -n 1 "$TIMES"
  done)
  printf '| %s | %s | %s |\n' "$label" "$(echo "$runs" | awk '{print $1}' | median)" \
    "$(echo "$runs" | awk '{printf "%.2f\n", $2 + $3}' | median)"
}
cat "$SPECT"/* >/dev/null # a cold page cache is not what is compared
echo "load before: $(cat /proc/loadavg)"
echo "| step | wall s | CPU s |"
echo "|---|---|---|"
measure "JVM alone (java -version)" "$JAVA_HOME/bin/java" -version
for aot in off on; do
  export NETRA_AOT=$aot
  measure "netra --version (AOT $aot)" "$ROOT/netra" --version
  measure "netra nuclide Lu-177 (AOT $aot)" "$ROOT/netra" nuclide Lu-177
  measure "netra dicom info SPECT 199 slices (AOT $aot)" "$ROOT/netra" dicom info "$SPECT"
done
unset NETRA_AOT
measure "pydicom + numpy read of the same SPECT" /usr/bin/python3 "$ROOT/bench/read_pydicom.py" 0 "$SPECT"
echo "load after: $(cat /proc/loadavg)"
