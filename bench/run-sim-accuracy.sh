#!/usr/bin/env bash
# Accuracy of `netra dosimetry` on digital twins against their ground truth, in one command:
#   bench/run-sim-accuracy.sh [--seeds 20] [--first-seed 1] [--misalign-mm 5] [--defaults]
# --defaults runs `netra dosimetry` with no option but the scans, their CTs and the RTSTRUCT (not moved and
# moved), the table docs/benchmarks.md shows first.
# prints the table of docs/benchmarks.md; per-VOI errors in netra-bench/target/sim-accuracy/errors.csv.
# Needs a JDK >= 21 and Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
cd "$ROOT"
exec java -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" \
    org.netra.bench.accuracy.SimAccuracyBenchmark --out "$ROOT/netra-bench/target/sim-accuracy" "$@"
