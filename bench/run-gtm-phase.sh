#!/usr/bin/env bash
# The GTM (partial-volume correction) of the real-size default cycle on its own clock (issue 22):
# org.netra.bench.GtmPhaseDriver runs the cycle of bench/realsize-twin.sh (four 256x256x200 SPECT time points, a CT
# each) through CyclePipeline with its default options, a warm-up then RUNS timed, and prints the median process CPU
# and wall seconds from the pipeline's partial-volume step to its end (the GTM runs alone in the process then). With
# BEFORE=DIR (a copy of an earlier build's netra-bench/target/classes and target/lib), the two builds run interleaved,
# ROUNDS times (before, after, before, after, ...), and their VOI doses are compared.
# PHASE=kinetics-dose times the kinetics and dose phase instead (org.netra.bench.KineticsDoseDriver: from the
# pipeline's dose step to its partial-volume step), and compares the TIA and dose maps' checksums too.
#   bench/run-gtm-phase.sh [RUNS]                         (default 5)
#   BEFORE=/tmp/old-build ROUNDS=3 bench/run-gtm-phase.sh 5
#   PHASE=kinetics-dose BEFORE=/tmp/old-build bench/run-gtm-phase.sh 5
# Writes netra-bench/target/gtm-phase/runs.txt (kinetics-dose/). Prints the load (1-min) around each run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
ROUNDS="${ROUNDS:-2}"
PY=/usr/bin/python3
PHASE="${PHASE:-gtm-phase}"
DRIVER="$([[ "$PHASE" == kinetics-dose ]] && echo KineticsDoseDriver || echo GtmPhaseDriver)"
WORK="$ROOT/netra-bench/target/$PHASE"
export NETRA_TESTDATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
mkdir -p "$WORK"
if [[ -z "${SKIP_BUILD:-}" ]]; then
    echo "building netra-bench…" >&2
    (cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
AFTER="$WORK/after"
rm -rf "$AFTER" && mkdir -p "$AFTER" && cp -r "$ROOT/netra-bench/target/classes" "$ROOT/netra-bench/target/lib" "$AFTER/"

source "$ROOT/bench/realsize-twin.sh"
TWIN="$REALSIZE_TWIN"
ARGS=("$TWIN/rtstruct.dcm")
for h in 004h 024h 096h 168h; do
    ARGS+=("$TWIN/cycle-1/spect-$h" "$TWIN/cycle-1/ct-$h")
done
cat "$TWIN"/cycle-1/*/* >/dev/null # a warm page cache

run() { # NAME DIR: the driver with this build's modules (the driver's own class from this checkout's build)
    local name="$1" dir="$2" load0 out
    load0="$(cut -d' ' -f1 /proc/loadavg)"
    out="$("$JAVA_HOME/bin/java" -Xmx3g --add-modules=jdk.incubator.vector \
        -cp "$AFTER/classes:$dir/lib/*" "org.netra.bench.$DRIVER" "$RUNS" "${ARGS[@]}" 2>/dev/null)"
    echo "$out" | grep -E '^(dose|checksum) ' >"$WORK/$name.doses"
    echo "$name $(echo "$out" | grep "^$PHASE") load $load0 -> $(cut -d' ' -f1 /proc/loadavg) at $(date -u +%H:%M)" |
        tee -a "$WORK/runs.txt"
}
: >"$WORK/runs.txt"
if [[ -n "${BEFORE:-}" ]]; then
    for ((r = 1; r <= ROUNDS; r++)); do
        run "before-$r" "$BEFORE"
        run "after-$r" "$AFTER"
    done
    "$PY" - "$WORK" <<'PY'
import sys, os
work = sys.argv[1]
def lines(name, kind):
    return {l.split()[1]: l.split()[2] for l in open(os.path.join(work, name + ".doses")) if l.startswith(kind)}
a, b = lines("before-1", "dose"), lines("after-1", "dose")
worst = max((abs(float(b[k]) / float(a[k]) - 1), k) for k in a)
print("largest relative change of a VOI's dose, before -> after: %.3g (%s)" % worst)
a, b = lines("before-1", "checksum"), lines("after-1", "checksum")
for k in a:
    print("%s checksum before %s after %s: %s" % (k, a[k], b[k], "the same" if a[k] == b[k] else "different"))
PY
else
    run after-1 "$AFTER"
fi
