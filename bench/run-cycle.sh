#!/usr/bin/env bash
# Whole-cycle voxel dosimetry speed (issue 4): four 256x256x199 SPECT time points read, registered,
# fitted voxel-wise, convolved and summarised per VOI; prints per-phase medians.
#   bench/run-cycle.sh [RUNS]     (default 7, after 2 warm-up runs)
# Needs a JDK >= 21, Maven, and the real 177Lu data (NETRA_TESTDATA, default ../shared/data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export NETRA_TESTDATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
echo "load before: $(cat /proc/loadavg)" >&2
java -Xmx3g -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" org.netra.bench.CycleDriver "${1:-7}"
