#!/usr/bin/env bash
# What the long-range photon kernel costs (PhotonKernelCpuDriver): plan + dose map with the 11³ kernel alone and
# with the long-range photons, on a twin's grid and the real patient's; process CPU and wall medians.
#   bench/run-photon-kernel.sh [runs]
# Needs a JDK >= 21 and Maven. Record the printed load averages with every figure (docs/benchmarks.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [[ ! -d "$ROOT/netra-bench/target/lib" || "${REBUILD:-0}" == "1" ]]; then
    echo "building netra-bench…" >&2
    (cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
java -Xmx3g -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" org.netra.bench.PhotonKernelCpuDriver "$@"
