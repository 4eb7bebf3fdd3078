#!/usr/bin/env bash
# A whole real-size cycle with the defaults, in-process (issue 22): the peer table's twin (netra simulate --seed 101
# --misalign-mm 5, a CT per session) resampled x2 to 256x256x200 by bench/resize_series.py (made once, shared with
# bench/run-peer-table.sh), `netra dosimetry --rtstruct … --timepoint S --timepoint-ct C (x4) --json` run by
# org.netra.bench.CliRepeatDriver (a warm-up run, then RUNS timed; medians of wall and process CPU seconds).
#   bench/run-realsize-cycle.sh [RUNS] [OTHER_BUILD…]   (default 2; each OTHER_BUILD a folder holding classes/ and
#                                                       lib/ copied from netra-bench/target: run interleaved with
#                                                       this build, ROUNDS times (default 1), to compare CPU seconds
#                                                       under the same load)
#   JFR=file.jfr                                        (environment: also record a profile of this build's run)
# Needs a JDK >= 21, Maven, Debian python3-numpy and python3-pydicom.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-2}"
shift || true
PY=/usr/bin/python3
WORK="$ROOT/netra-bench/target/peer-table"
export NETRA_TESTDATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
base="$WORK/twin-4tp" dir="$WORK/twin-4tp-x2"
if [[ ! -f "$dir/rtstruct.dcm" ]]; then
  mkdir -p "$WORK"
  [[ -f "$base/rtstruct.dcm" ]] ||
    "$ROOT/netra" simulate --out "$base" --seed 101 --misalign-mm 5 --timepoints 4,24,96,168 >/dev/null
  for s in "$base"/cycle-1/*/; do
    "$PY" "$ROOT/bench/resize_series.py" 2 "$s" "$dir/cycle-1/$(basename "$s")"
  done
  cp "$base/rtstruct.dcm" "$dir/rtstruct.dcm"
fi
args=(dosimetry --rtstruct "$dir/rtstruct.dcm" --json)
for s in "$dir"/cycle-1/spect-*; do
  args+=(--timepoint "$s" --timepoint-ct "$dir/cycle-1/ct-${s##*/spect-}")
done
cat "$dir"/cycle-1/*/* >/dev/null # a warm page cache
run() { # label classpath [java options…]
  local label="$1" cp="$2" l0 out
  shift 2
  l0="$(cut -d' ' -f1 /proc/loadavg)"
  out="$("$JAVA_HOME/bin/java" -Xmx3g "$@" -cp "$cp" org.netra.bench.CliRepeatDriver "$RUNS" "${args[@]}" |
    awk '/^in-process/ {print "wall " $2 " s, CPU " $3 " s (medians of " $4 ")"}')"
  echo "$(date -u +%H:%M:%S) $label: $out; load $l0 -> $(cut -d' ' -f1 /proc/loadavg)"
}
here="$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*"
for _ in $(seq "${ROUNDS:-1}"); do
  if [[ -n "${JFR:-}" ]]; then
    run "this build" "$here" "-XX:StartFlightRecording=filename=$JFR,settings=profile"
  else
    run "this build" "$here"
  fi
  for other in "$@"; do
    run "$other" "$other/classes:$other/lib/*"
  done
done
