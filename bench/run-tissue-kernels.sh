#!/usr/bin/env bash
# 177Lu dose point kernels of cortical bone and lung against water's by netra's Monte Carlo (TissueKernelDriver):
# per shell the tissue/water ratio at equal distance and at density-scaled distance, and their means to water's
# X90 and X99 — the two readings of issue 20's "bone 16.9 %, lung 7.7 %" (docs/dosimetry.md).
#   bench/run-tissue-kernels.sh [histories per run, default 1000000]
# Needs a JDK >= 21 and Maven. Record the printed load averages with every figure (docs/benchmarks.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [[ ! -d "$ROOT/netra-bench/target/lib" || "${REBUILD:-0}" == "1" ]]; then
    echo "building netra-bench…" >&2
    (cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
java -Xmx3g -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" org.netra.bench.TissueKernelDriver "$@"
