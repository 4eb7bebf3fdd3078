#!/usr/bin/env bash
# Population model refit speed (issue 19): CYCLES stored multi-time-point cycles refitted from a fresh H2 store.
#   bench/run-population.sh [CYCLES] [RUNS]     (default 500 cycles, 3 runs after 1 warm-up)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
echo "load before: $(uptime)" >&2
java -Xmx2g -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" org.netra.bench.PopulationFitDriver "${1:-500}" "${2:-3}"
echo "load after: $(uptime)" >&2
