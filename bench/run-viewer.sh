#!/usr/bin/env bash
# Time to the viewer's first image (issue 21), in-process (org.netra.bench.ViewerFirstImageDriver): the scene of a
# study not yet opened plus its axial middle slice as PNG, in a warm JVM (real SPECT ×2, PET/CT), as the first study
# of a fresh JVM with and without ViewerWarmUp (what `netra serve`/`netra demo` run at start), and a twin's scene from
# its kept scans (TWIN_SCANS=folder KEY=cycle key, e.g. from a demo's data folder twin-scans/). Prints wall and process
# CPU (all threads, JIT included) with the load before and after: on a shared machine wall time mostly measures load.
# Last, TWINS_UNSIMULATED (default 5) demo twin studies that nobody has simulated, on a fresh demo-like server.
#   bench/run-viewer.sh            (needs a JDK >= 21, Maven offline and the real data: NETRA_TESTDATA or ../shared/data)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
DICOM="${NETRA_TESTDATA:-$ROOT/../shared/data}/dicom"
(cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
CP="$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*"
run() { java -Xmx3g -cp "$CP" org.netra.bench.ViewerFirstImageDriver "$@" | tr '\n' ' '; echo; }
echo "load before: $(cat /proc/loadavg)"
run warm "$DICOM" lu177-dotatate-spect-scan_001 lu177-dotatate-spect-scan_002 fdg-pet-sts001-pet-bqml
for study in lu177-dotatate-spect-scan_001 fdg-pet-sts001-pet-bqml; do
  for i in 1 2 3; do run cold "$DICOM" "$study"; run cold-warmed "$DICOM" "$study"; done
done
if [ -n "${TWIN_SCANS:-}" ] && [ -n "${KEY:-}" ]; then
  for i in 1 2 3; do run twin-kept "$TWIN_SCANS" "$KEY"; run twin-kept-warmed "$TWIN_SCANS" "$KEY"; done
fi
# N demo twin studies nobody has simulated, on a fresh in-process demo-like server: first image (the CT alone while
# the SPECT is simulated) and the whole study (TWINS_UNSIMULATED=N, default 5; 0 skips)
if [ "${TWINS_UNSIMULATED:-5}" -gt 0 ]; then
  java -Xmx3g -cp "$CP" org.netra.bench.ViewerFirstImageDriver twin-unsimulated "${TWINS_UNSIMULATED:-5}"
fi
echo "load after: $(cat /proc/loadavg)"
