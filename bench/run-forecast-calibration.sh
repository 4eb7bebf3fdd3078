#!/usr/bin/env bash
# The course forecast on held-out twins (issue 19): refit from the training twins' stored cycles, then coverage,
# reliability and joint exceedance on the held-out twins; the table replaces the marked block in docs/dosimetry.md.
#   bench/run-forecast-calibration.sh [TRAINING_TWINS] [HELD_OUT_TWINS]     (default 120 and 400)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
echo "load before: $(uptime)" >&2
cd "$ROOT"
java -Xmx2g -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" \
    org.netra.bench.ForecastCalibrationDriver "${1:-120}" "${2:-400}" docs/dosimetry.md
echo "load after: $(uptime)" >&2
