#!/usr/bin/env bash
# The GTM (partial-volume correction) of the real-size default cycle on its own clock (issue 22):
# org.netra.bench.GtmPhaseDriver runs the cycle of bench/realsize-twin.sh (four 256x256x200 SPECT time points, a CT
# each) through CyclePipeline with its default options, a warm-up then RUNS timed, and prints the median process CPU
# and wall seconds from the pipeline's partial-volume step to its end (the GTM runs alone in the process then). With
# BEFORE=DIR (a copy of an earlier build's netra-bench/target/classes and target/lib), the two builds run interleaved,
# ROUNDS times (before, after, before, after, ...), and their VOI doses are compared.
#   bench/run-gtm-phase.sh [RUNS]                         (default 5)
#   BEFORE=/tmp/old-build ROUNDS=3 bench/run-gtm-phase.sh 5
# Writes netra-bench/target/gtm-phase/runs.txt. Prints the load (1-min) around each run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
ROUNDS="${ROUNDS:-2}"
PY=/usr/bin/python3
WORK="$ROOT/netra-bench/target/gtm-phase"
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
        -cp "$AFTER/classes:$dir/lib/*" org.netra.bench.GtmPhaseDriver "$RUNS" "${ARGS[@]}" 2>/dev/null)"
    echo "$out" | grep '^dose' >"$WORK/$name.doses"
    echo "$name $(echo "$out" | grep '^gtm-phase') load $load0 -> $(cut -d' ' -f1 /proc/loadavg) at $(date -u +%H:%M)" |
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
def doses(name):
    return {l.split()[1]: float(l.split()[2]) for l in open(os.path.join(work, name + ".doses"))}
a, b = doses("before-1"), doses("after-1")
worst = max((abs(b[k] / a[k] - 1), k) for k in a)
print("largest relative change of a VOI's dose, before -> after: %.3g (%s)" % worst)
PY
else
    run after-1 "$AFTER"
fi
