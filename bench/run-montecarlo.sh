#!/usr/bin/env bash
# Monte Carlo speed on a digital twin and the 177Lu kernel's energy (MonteCarloDriver):
#   bench/run-montecarlo.sh twin [seed] [threads…]   whole-body 177Lu dose map, 400 000 histories, kidneys' SD, per thread count
#   bench/run-montecarlo.sh kernel                   photon energy inside the 11³ kernel vs the published kernel sums
#   bench/run-montecarlo.sh photon-kernel FILE       the long-range photon point kernels (docs/data.md); -Dnetra.seed via MC_JAVA_OPTS
#   bench/run-montecarlo.sh tissue-kernels [N]       177Lu bone and lung point kernels against water's, N histories a run
# Needs a JDK >= 21 and Maven. Record the printed load averages with every figure (docs/benchmarks.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [[ ! -d "$ROOT/netra-bench/target/lib" || "${REBUILD:-0}" == "1" ]]; then
    echo "building netra-bench…" >&2
    (cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
# MC_JAVA_OPTS=-Dnetra.electrons=local: the photon-only run (electrons local); =analogue: electrons transported
# with every deposit tallied (no control variate), for comparison
java -Xmx3g ${MC_JAVA_OPTS:-} -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" org.netra.bench.MonteCarloDriver "$@"
