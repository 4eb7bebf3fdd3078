#!/usr/bin/env bash
# Voxel-dosimetry convolution speed, netra (JMH) and the SciPy peer side by side in one run:
#   bench/run-dvk.sh          prints both medians (seconds) and their ratio
#   bench/run-dvk.sh --cpu    CPU seconds of each instead (meaningful when other jobs share the cores), and the
#                             direct spatial convolution with the even kernel's symmetry (DvkSpatialDriver)
# Needs a JDK >= 21, Maven, and Debian's python3-numpy + python3-scipy (/usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="${NETRA_PEER_DVK:-$ROOT/../shared/bench/peer_dvk.py}"
PEER_RUNS="${PEER_RUNS:-7}"
# a JDK >= 21: JAVA_HOME if set, else the newest Temurin under /usr/lib/jvm
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
OUT="$ROOT/netra-bench/target/dvk"
mkdir -p "$OUT"

echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2

if [[ "${1:-}" == "--cpu" ]]; then
    echo "load: $(cat /proc/loadavg)"
    # the peer's work (same data, same call), timed in process CPU seconds, median of 7
    /usr/bin/python3 - <<'PY'
import time, statistics, numpy as np
from scipy.signal import fftconvolve
rng = np.random.default_rng(1)
tia = rng.random((199, 256, 256), dtype=np.float32)
k = rng.random((11, 11, 11)).astype(np.float32)
fftconvolve(tia[:8], k, mode="same")
cpu, wall = [], []
for _ in range(7):
    c, t = time.process_time(), time.perf_counter(); fftconvolve(tia, k, mode="same")
    cpu.append(time.process_time() - c); wall.append(time.perf_counter() - t)
print(f"peer  SciPy fftconvolve 256x256x199 * 11^3: median CPU {statistics.median(cpu):.3f} s, wall {statistics.median(wall):.3f} s over 7 runs")
PY
    # the SIMD passes (Vector API: the module, and C2) and, for comparison, the scalar ones in the same run
    # (the JVM's "Using incubator modules" warning on stderr is dropped)
    java -Xmx2g --add-modules jdk.incubator.vector -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" \
        org.netra.bench.DvkCpuDriver 15 2> >(grep -v '^WARNING: Using incubator modules' >&2)
    java -Xmx2g -Dnetra.fft.simd=false -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" \
        org.netra.bench.DvkCpuDriver 15
    # issue 22: the direct (spatial) sum with the even kernel's octant symmetry, against the FFT, same map and kernel
    java -Xmx2g --add-modules jdk.incubator.vector -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" \
        org.netra.bench.DvkSpatialDriver 5 2> >(grep -v '^WARNING: Using incubator modules' >&2)
    echo "load: $(cat /proc/loadavg)"
    exit 0
fi

echo "SciPy peer ($PEER_RUNS runs; each prints its best of 3)…" >&2
: >"$OUT/peer.txt"
for _ in $(seq "$PEER_RUNS"); do /usr/bin/python3 "$PEER" >>"$OUT/peer.txt"; done

echo "netra JMH (DvkConvolutionBenchmark.convolve)…" >&2
java -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" org.openjdk.jmh.Main \
    'DvkConvolutionBenchmark.convolve$' -rf json -rff "$OUT/jmh.json" >"$OUT/jmh.log"

/usr/bin/python3 - "$OUT/peer.txt" "$OUT/jmh.json" <<'PY'
import json, statistics, sys
peer = [float(x) for x in open(sys.argv[1]).read().split()]
runs = json.load(open(sys.argv[2]))
raw = [v for fork in runs[0]["primaryMetric"]["rawData"] for v in fork]
netra = statistics.median(raw) / 1000  # ms -> s
p = statistics.median(peer)
print(f"peer  SciPy fftconvolve 256x256x199 * 11^3: median {p:.3f} s over {len(peer)} runs (each best of 3)")
print(f"netra FftConvolution     256x256x199 * 11^3: median {netra:.3f} s over {len(raw)} JMH single shots")
print(f"netra / peer = {netra / p:.2f} (target <= 0.50)")
PY
