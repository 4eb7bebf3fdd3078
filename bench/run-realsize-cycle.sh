#!/usr/bin/env bash
# The real-size default cycle (issue 22): four 256x256x200 SPECT time points, each with its CT (the peer table's twin,
# `netra simulate --seed 101 --misalign-mm 5`, resampled x2 by bench/resize_series.py), `netra dosimetry` with its
# defaults (registration through the CTs, GTM partial-volume correction) run in one JVM by
# org.netra.bench.CliRepeatDriver (a warm-up run, then RUNS timed; medians of wall and process CPU seconds), and once
# more under a JFR profile (not timed), whose execution samples are then shared out by part (registration,
# resampling, partial-volume correction, kinetics and dose, reading). With BEFORE=DIR (a copy of an earlier build's netra-bench/target/classes
# and target/lib), the two builds run interleaved (before, after, before, after) and their JSON doses are compared.
#   bench/run-realsize-cycle.sh [RUNS]            (default 2)
#   BEFORE=/tmp/old-build bench/run-realsize-cycle.sh 2
#   GRID=small bench/run-realsize-cycle.sh 3      (the same default cycle on the 128x128x100 twin it is resized from)
# Writes netra-bench/target/realsize-cycle/. Needs a JDK >= 21, Maven, Debian python3-pydicom/numpy/scipy, and
# the Lanconelli/Schneider tables (NETRA_TESTDATA, default ../shared/data). Prints the load (1-min) around each run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-2}"
PY=/usr/bin/python3
WORK="$ROOT/netra-bench/target/realsize-cycle"
export NETRA_TESTDATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
mkdir -p "$WORK"
echo "building netra-bench…" >&2
(cd "$ROOT" && mvn -o -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
AFTER="$WORK/after"
rm -rf "$AFTER" && mkdir -p "$AFTER" && cp -r "$ROOT/netra-bench/target/classes" "$ROOT/netra-bench/target/lib" "$AFTER/"

source "$ROOT/bench/realsize-twin.sh"
TWIN="$REALSIZE_TWIN"
ARGS=("${REALSIZE_ARGS[@]}")
if [[ "${GRID:-}" == small ]]; then # the same cycle on the twin before resizing, 128x128x100
    TWIN="$ROOT/netra-bench/target/peer-table/twin-4tp"
    ARGS=("${REALSIZE_ARGS[@]//twin-4tp-x2/twin-4tp}")
fi
cat "$TWIN"/cycle-1/*/* >/dev/null # a warm page cache

run() { # NAME DIR: one timed CliRepeatDriver run (no profiler), and the cycle's JSON once from the CLI
  local name="$1" dir="$2" load0
  load0="$(cut -d' ' -f1 /proc/loadavg)"
  local line
  line="$("$JAVA_HOME/bin/java" -Xmx3g --add-modules=jdk.incubator.vector \
    -cp "$dir/classes:$dir/lib/*" org.netra.bench.CliRepeatDriver "$RUNS" "${ARGS[@]}" 2>/dev/null | grep '^in-process')"
  echo "$name $line load $load0 -> $(cut -d' ' -f1 /proc/loadavg) at $(date -u +%H:%M)" | tee -a "$WORK/runs.txt"
  [[ -f "$WORK/$name.json" ]] || "$JAVA_HOME/bin/java" -Xmx3g -cp "$dir/classes:$dir/lib/*" org.netra.app.cli.Main \
    "${ARGS[@]}" >"$WORK/$name.json" 2>/dev/null
}
# NAME DIR: the same cycle, a warm-up and two runs, under a JFR profile for the breakdown below, apart from the timed
# runs: JFR's profile settings cost the warm cycle 0.3-0.5 s of its ~1.6 (docs/benchmarks.md, issue 22, seventh pass)
profile() {
  "$JAVA_HOME/bin/java" -Xmx3g --add-modules=jdk.incubator.vector "-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile" \
    -cp "$2/classes:$2/lib/*" org.netra.bench.CliRepeatDriver 2 "${ARGS[@]}" >/dev/null 2>&1
}
: >"$WORK/runs.txt"
rm -f "$WORK"/*.json "$WORK"/*.jfr
if [[ -n "${BEFORE:-}" ]]; then
  run before-1 "$BEFORE"; run after-1 "$AFTER"; run before-2 "$BEFORE"; run after-2 "$AFTER"
else
  run after-1 "$AFTER"
fi
profile after "$AFTER"

"$PY" - "$WORK" "$JAVA_HOME/bin/jfr" <<'PY'
import collections, glob, json, os, re, subprocess, sys
work, jfr = sys.argv[1:3]
# a sample belongs to the first part whose classes appear anywhere on its stack
parts = [("registration", ["RigidRegistration", "Alignment.attenuation", "Alignment.halve", "Alignment.coarse",
                           "Alignment.referenceSamples"]),
         ("resampling onto the reference grid", ["Resampling.trilinear", "Resampling.lambda$trilinear"]),
         ("partial-volume correction", ["PartialVolumeCorrection", "GeometricTransferMatrix"]),
         ("kinetics and dose", ["VoxelKinetics", "FftConvolution", "BatchFft", "LongRangePhotons", "Kinetic",
                                "KernelDose"]),
         ("reading the series", ["SeriesAssembler", "dicom", "Dicom"])]
for path in sorted(glob.glob(os.path.join(work, "*.jfr"))):
    text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "80", path],
                          capture_output=True, text=True).stdout
    counts = collections.Counter()
    for sample in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        part = next((n for n, keys in parts if any(k in f for f in frames for k in keys)), "other (worker threads' stacks end at the pool)")
        counts[part] += 1
    total = sum(counts.values())
    print(f"{os.path.basename(path)}: {total} execution samples")
    for part, n in counts.most_common():
        print(f"  {part:48s} {n:5d}  {100 * n / total:5.1f} %")
    # kinetics and dose by piece (a sample goes to the first piece whose frame is on its stack)
    pieces = [("  voxel kinetics", ["VoxelKinetics"]),
              ("  region kinetics (curve fits)", ["kinetics.Kinetics.integrate", "BladderKinetics", "CurveFitter"]),
              ("  dose plan (kernels, their spectra)", ["KernelDose.withLongRangePhotons", "KernelDose.<init>",
                                                       "LongRangePhotons.<init>"]),
              ("  far photons (blocks, coarse FFT)", ["LongRangePhotons.far", "LongRangePhotons.blocks"]),
              ("  short-range convolution", ["KernelDose.shortRange"]),
              ("  finishing pass (clamp, density, far rows)", ["KernelDose.finish", "KernelDose.lambda$finish",
                                                               "KernelDose.add", "LongRangePhotons$CoarseFarDose"]),
              ("  the VOIs' sums and DVHs", ["DoseComputation.voi", "DoseComputation.regionCurve",
                                             "DoseVolumeHistogram"])]
    sub = collections.Counter()
    for sample in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        piece = next((n for n, keys in pieces if any(k in f for f in frames for k in keys)), None)
        if piece:
            sub[piece] += 1
    for piece, n in sub.most_common():
        print(f"  {piece:48s} {n:5d}  {100 * n / total:5.1f} %")
if os.path.exists(os.path.join(work, "before-1.json")):
    a, b = (json.load(open(os.path.join(work, f))) for f in ("before-1.json", "after-1.json"))
    worst = max(((abs(y["absorbedDoseGy"] / x["absorbedDoseGy"] - 1), x["name"], x["absorbedDoseGy"], y["absorbedDoseGy"])
                 for x, y in zip(a["rois"], b["rois"])), default=None)
    print("largest change of a VOI's absorbed dose, before -> after: %.4f %% (%s, %.4f -> %.4f Gy)"
          % (100 * worst[0], worst[1], worst[2], worst[3]))
PY
