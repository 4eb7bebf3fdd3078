#!/usr/bin/env bash
# Reading speed (issue 18): the real 199-slice 177Lu SPECT and a 500-slice 512x512 CT (made here from the real
# CT by bench/make_ct500.py) read into a volume by netra (SeriesAssembler: in-process after warm-up, and a whole
# JVM per read) and by pydicom + numpy (bench/read_pydicom.py: in-process, and a whole python3 per read), in one
# run on the same machine; prints medians in ms (whole process: wall and CPU time, user + sys of all threads)
# and the load average before and after.
#   bench/run-read.sh [RUNS]     (default 7 timed reads in-process, 5 whole-process runs)
# Needs a JDK >= 21, Maven (offline is fine), Debian's python3 with pydicom + numpy, and the real data
# (NETRA_TESTDATA, default ../shared/data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-7}"
WHOLE=5
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
DATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
SPECT="$DATA/dicom/lu177-dotatate-spect/SCAN_001/image"
PY=/usr/bin/python3
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
echo "making the 500-slice CT…" >&2
"$PY" "$ROOT/bench/make_ct500.py" "$DATA/dicom/fdg-pet-sts001/ct/image" "$WORK/ct500" 2>/dev/null
CP="$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*"
echo "load before: $(cat /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
whole() { # one whole process: "wall-ms cpu-ms" (start-up included; CPU = user + sys, all threads)
  local out
  out=$( { /usr/bin/time -f "%e %U %S" "$@" >/dev/null; } 2>&1 | tail -n 1)
  echo "$out" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}
for series in "$SPECT" "$WORK/ct500"; do
  name=$( [ "$series" = "$SPECT" ] && echo "SPECT 199×256×256" || echo "CT 500×512×512")
  # cold page cache is not what is compared: read the files once first
  cat "$series"/* >/dev/null
  netra_in=$(java -Xmx3g -cp "$CP" org.netra.bench.SeriesReadDriver "$RUNS" "$series" | awk '{print $3" (min "$4", max "$5")"}')
  py_in=$("$PY" "$ROOT/bench/read_pydicom.py" "$RUNS" "$series" | awk '{print $3" (min "$4", max "$5")"}')
  netra_runs=$(for i in $(seq $WHOLE); do whole java -Xmx3g -cp "$CP" org.netra.bench.SeriesReadDriver 0 "$series"; done)
  py_runs=$(for i in $(seq $WHOLE); do whole "$PY" "$ROOT/bench/read_pydicom.py" 0 "$series"; done)
  netra_whole="$(echo "$netra_runs" | awk '{print $1}' | median) (CPU $(echo "$netra_runs" | awk '{print $2}' | median))"
  py_whole="$(echo "$py_runs" | awk '{print $1}' | median) (CPU $(echo "$py_runs" | awk '{print $2}' | median))"
  echo "| $name | in-process | $netra_in | $py_in |"
  echo "| $name | whole process | $netra_whole | $py_whole |"
done
echo "load after: $(cat /proc/loadavg)"
