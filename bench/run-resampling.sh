#!/usr/bin/env bash
# CPU per voxel of the trilinear resampling of a later scan onto the reference grid at real size (issue 22):
# org.netra.bench.ResamplingCpuDriver (a 256x256x200 body through a 1 degree / 5 mm motion, RUNS runs of 5 calls,
# medians) under the JVM's defaults and under the one-shot CLI's C1 only (-XX:TieredStopAtLevel=1). With BEFORE=DIR
# (a copy of an earlier build's netra-bench/target/classes and target/lib) the two builds run interleaved and the
# checksums of their results' bits are printed side by side (equal = the same floats).
#   bench/run-resampling.sh [RUNS]                 (default 7)
#   BEFORE=/tmp/old-build bench/run-resampling.sh 7
# Prints the load (1-min) with each line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-7}"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
[[ "${SKIP_BUILD:-}" == 1 ]] || (cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
AFTER="$ROOT/netra-bench/target"
for round in 1 2; do
    for build in ${BEFORE:+before} after; do
        dir="$AFTER"
        [[ "$build" == before ]] && dir="$BEFORE"
        for jit in "" "-XX:TieredStopAtLevel=1"; do
            printf '%s %-24s ' "$build" "${jit:-JVM defaults}"
            # an older build may lack the driver: it comes from this build's classes, Resampling from DIR's jars
            "$JAVA_HOME/bin/java" -Xmx2g $jit -cp "$dir/classes:$AFTER/classes:$dir/lib/*" org.netra.bench.ResamplingCpuDriver "$RUNS"
        done
    done
done
