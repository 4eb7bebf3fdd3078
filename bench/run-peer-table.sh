#!/usr/bin/env bash
# netra against its NumPy/SciPy peer (bench/peer_cycle.py), side by side (issue 22): a digital twin from
# `netra simulate` (later sessions moved 5 mm, a CT per session), at several grid sizes (the twin's 128x128x100 at
# 4.42 mm resampled by bench/resize_series.py) and numbers of time points, each measured
#   - as whole processes (a fresh JVM through ./netra, a fresh python3), RUNS runs, medians of wall and CPU seconds
#     (user + sys, /usr/bin/time), and
#   - in-process (netra: org.netra.bench.CliRepeatDriver, one JVM, a warm-up run then RUNS; the peer: --runs RUNS+1,
#     the first dropped), medians of wall and process CPU seconds;
# netra twice: "same work" as the peer (--registration none --recovery none, density from the first CT) and with
# its defaults (registration through the CTs, GTM partial-volume correction). Writes Markdown to
# netra-bench/target/peer-table/table.md and, with --docs, between the peer-table markers of docs/benchmarks.md,
# with the load (uptime) before and after and the scaling exponents (log-log least squares); then the real 199-slice
# SPECT's `dicom info` against pydicom reading its headers and `quantify --series --rtstruct` against
# bench/quantify_pydicom.py, whole processes (SKIP_READS=1 leaves them out).
#   bench/run-peer-table.sh [--docs] [RUNS]       (default 3; TABLE_ONLY=1: the table from the rows measured so far;
#                                                 SKIP_BUILD=1: use the jars as built)
# The whole default table (5 cells × 3 runs) takes about 10 minutes on an idle 2-core machine (estimated from the
# single-run quiet figures: ≈ 35 s for a 128×128×100 cell, ≈ 110 s for 256×256×200, plus making the twins once).
#   CELLS="1:2 1:4 1:6 1.5:4 2:4" SEED=101        (environment; the defaults: SCALE:TIMEPOINTS pairs, the twin's
#                                                 grid at 2, 4 and 6 time points and the three grids at 4)
# Needs a JDK >= 21, Maven, Debian python3-numpy, python3-scipy, python3-pydicom, and the Lanconelli/Schneider
# tables (NETRA_TESTDATA, default ../shared/data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCS=0
[[ "${1:-}" == "--docs" ]] && { DOCS=1; shift; }
RUNS="${1:-3}"
CELLS="${CELLS:-1:2 1:4 1:6 1.5:4 2:4}"
SEED="${SEED:-101}"
PY=/usr/bin/python3
WORK="$ROOT/netra-bench/target/peer-table"
export NETRA_TESTDATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
mkdir -p "$WORK"

RESULTS="$WORK/results.tsv"
READS="$WORK/reads.tsv"
if [[ "${TABLE_ONLY:-0}" == 1 ]]; then # only the table (and docs) from the rows already in results.tsv
  LOAD_BEFORE="$(cat "$WORK/load-before")" LOAD_AFTER="$(cat "$WORK/load-after" 2>/dev/null || uptime)"
else
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building netra-bench and netra…" >&2
  (cd "$ROOT" && mvn -q -pl netra-bench -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
"$ROOT/netra" --version >/dev/null
# the launcher makes its start-up cache in the background after a build: let it finish before timing
while [[ -d "$ROOT/.netra-build/aot/lock" ]]; do sleep 2; done
"$ROOT/netra" --version >/dev/null

hours_for() { # N time points: the default four, two (4, 24 h), six (adds 48 and 240 h)
  case "$1" in
    2) echo "4,24" ;;
    3) echo "4,24,96" ;;
    4) echo "4,24,96,168" ;;
    5) echo "4,24,48,96,168" ;;
    6) echo "4,24,48,96,168,240" ;;
    *) echo "time points: 2 to 6, got $1" >&2; exit 1 ;;
  esac
}

twin() { # N SCALE: prints the twin's folder, made once
  local tp="$1" scale="$2" base="$WORK/twin-${1}tp" dir
  if [[ ! -f "$base/rtstruct.dcm" ]]; then
    "$ROOT/netra" simulate --out "$base" --seed "$SEED" --misalign-mm 5 --timepoints "$(hours_for "$tp")" >/dev/null
  fi
  [[ "$scale" == "1" ]] && { echo "$base"; return; }
  dir="$WORK/twin-${tp}tp-x$scale"
  if [[ ! -f "$dir/rtstruct.dcm" ]]; then
    for s in "$base"/cycle-1/*/; do
      "$PY" "$ROOT/bench/resize_series.py" "$scale" "$s" "$dir/cycle-1/$(basename "$s")"
    done
    cp "$base/rtstruct.dcm" "$dir/rtstruct.dcm"
  fi
  echo "$dir"
}

TIMES="$(mktemp)"
trap 'rm -f "$TIMES"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
whole() { # command...: "wall cpu" medians over RUNS fresh processes
  local runs
  runs=$(for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$TIMES" -f "%e %U %S" "$@" >/dev/null 2>&1
    tail -n 1 "$TIMES"
  done)
  echo "$(echo "$runs" | awk '{print $1}' | median) $(echo "$runs" | awk '{printf "%.2f\n", $2 + $3}' | median)"
}
in_process_peer() { # peer arguments...: "wall cpu" medians of runs 2..RUNS+1
  local out
  out="$("$PY" "$ROOT/bench/peer_cycle.py" --runs $((RUNS + 1)) "$@" | awk '/^peer/ {print $5, $6}' | tail -n +2)"
  echo "$(echo "$out" | awk '{print $1}' | median) $(echo "$out" | awk '{print $2}' | median)"
}
in_process_netra() { # netra arguments...: "wall cpu"
  "$JAVA_HOME/bin/java" -Xmx3g --add-modules=jdk.incubator.vector -cp "$ROOT/netra-bench/target/classes:$ROOT/netra-bench/target/lib/*" \
    org.netra.bench.CliRepeatDriver "$RUNS" "$@" | awk '/^in-process/ {print $2, $3}'
}

: >"$RESULTS"
LOAD_BEFORE="$(uptime)"
echo "$LOAD_BEFORE" >"$WORK/load-before"
for cell in $CELLS; do
    scale="${cell%%:*}" tp="${cell##*:}"
    dir="$(twin "$tp" "$scale")"
    c1="$dir/cycle-1"
    spects=("$c1"/spect-*)
    cts=("$c1"/ct-*)
    grid="$("$PY" -c "import pydicom,glob,sys; f=glob.glob(sys.argv[1]+'/*'); d=pydicom.dcmread(f[0]); print(f'{d.Columns}x{d.Rows}x{len(f)}')" "${spects[0]}")"
    same=(dosimetry --registration none --recovery none --ct "${cts[0]}" --rtstruct "$dir/rtstruct.dcm" --json)
    defaults=(dosimetry --rtstruct "$dir/rtstruct.dcm" --json)
    peer=(--ct "${cts[0]}")
    for i in "${!spects[@]}"; do
      same+=(--timepoint "${spects[$i]}")
      defaults+=(--timepoint "${spects[$i]}" --timepoint-ct "${cts[$i]}")
      peer+=("${spects[$i]}")
    done
    echo "grid $grid, $tp time points…" >&2
    cat "$c1"/*/* >/dev/null # a warm page cache for both
    row="$grid $tp"
    row+=" $(whole "$ROOT/netra" "${same[@]}")"
    row+=" $(whole "$ROOT/netra" "${defaults[@]}")"
    row+=" $(whole "$PY" "$ROOT/bench/peer_cycle.py" "${peer[@]}")"
    row+=" $(in_process_netra "${same[@]}")"
    row+=" $(in_process_netra "${defaults[@]}")"
    row+=" $(in_process_peer "${peer[@]}")"
    echo "$row" | tee -a "$RESULTS" >&2
done
# the real 199-slice 177Lu SPECT as it arrives: `dicom info` against pydicom reading the same headers
# (stop_before_pixels), and `quantify --series --rtstruct` against bench/quantify_pydicom.py (its real RTSTRUCT's two
# lesions: voxels, mL, MBq, mean / max / 1 mL peak, SUVbw), whole processes, medians of RUNS
: >"$READS"
if [[ "${SKIP_READS:-0}" != 1 ]]; then
    spect="$NETRA_TESTDATA/dicom/lu177-dotatate-spect/SCAN_001/image"
    rtstruct="$(ls "$NETRA_TESTDATA"/dicom/lu177-dotatate-spect/SCAN_001/mask/*.dcm | head -n 1)"
    cat "$spect"/* >/dev/null
    echo "dicom info and quantify on the real SPECT…" >&2
    echo "dicom-info $(whole "$ROOT/netra" dicom info "$spect") $(whole "$PY" "$ROOT/bench/read_pydicom.py" headers "$spect")" |
        tee -a "$READS" >&2
    echo "quantify $(whole "$ROOT/netra" quantify --series "$spect" --rtstruct "$rtstruct") $(whole "$PY" \
        "$ROOT/bench/quantify_pydicom.py" "$spect" "$rtstruct")" | tee -a "$READS" >&2
fi
LOAD_AFTER="$(uptime)"
echo "$LOAD_AFTER" >"$WORK/load-after"
fi

"$PY" - "$RESULTS" "$RUNS" "$LOAD_BEFORE" "$LOAD_AFTER" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$READS" >"$WORK/table.md" <<'PY'
import sys
import numpy as np
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
runs, before, after, when = sys.argv[2:6]
out = [f"Measured {when} (finished), {runs} run(s) per cell (the median where more than one), CPU = user + sys seconds.",
       f"Load before: `{before.strip()}`; after: `{after.strip()}`.", ""]
def f(x): return float(x)
out += ["| grid | time points | netra same work, wall / CPU s | netra defaults, wall / CPU s | peer, wall / CPU s |"
        " same ÷ peer, wall / CPU | defaults ÷ peer, wall / CPU |", "|---|---|---|---|---|---|---|"]
for r in rows:
    g, tp, sw, sc, dw, dc, pw, pc = r[:8]
    out.append(f"| {g} | {tp} | {sw} / {sc} | {dw} / {dc} | {pw} / {pc} | {f(sw)/f(pw):.2f} / {f(sc)/f(pc):.2f} |"
               f" {f(dw)/f(pw):.2f} / {f(dc)/f(pc):.2f} |")
out += ["", "In-process (netra: one JVM, after a warm-up run; the peer: one python3, after its first run):", "",
        "| grid | time points | netra same work, wall / CPU s | netra defaults, wall / CPU s | peer, wall / CPU s |"
        " same ÷ peer, wall / CPU | defaults ÷ peer, wall / CPU |", "|---|---|---|---|---|---|---|"]
for r in rows:
    g, tp = r[:2]
    sw, sc, dw, dc, pw, pc = r[8:14]
    out.append(f"| {g} | {tp} | {sw} / {sc} | {dw} / {dc} | {pw} / {pc} | {f(sw)/f(pw):.2f} / {f(sc)/f(pc):.2f} |"
               f" {f(dw)/f(pw):.2f} / {f(dc)/f(pc):.2f} |")
# scaling exponents: log(CPU s) against log(voxels) per time-point count, and against log(time points) per grid
names = {2: "netra same work, whole", 3: "netra defaults, whole", 4: "peer, whole",
         8: "netra same work, in-process", 10: "netra defaults, in-process", 12: "peer, in-process"}
def voxels(g):
    a, b, c = (int(v) for v in g.split("x")); return a * b * c
def slope(xs, ys):
    return np.polyfit(np.log(xs), np.log(ys), 1)[0] if len(set(xs)) > 1 else float("nan")
out += ["", "Scaling exponents of CPU seconds (log-log least squares; 1 = linear):", "",
        "| run | with grid size (voxels), per time-point count | with time points, per grid |", "|---|---|---|"]
for col, name in names.items():
    by_tp, by_grid = {}, {}
    for r in rows:
        by_tp.setdefault(r[1], []).append((voxels(r[0]), f(r[col + 1])))
        by_grid.setdefault(r[0], []).append((int(r[1]), f(r[col + 1])))
    # only groups of two or more cells have a slope
    a = ", ".join(f"{k} tp: {slope(*zip(*v)):.2f}" for k, v in by_tp.items() if len(v) > 1)
    b = ", ".join(f"{k}: {slope(*zip(*v)):.2f}" for k, v in by_grid.items() if len(v) > 1)
    out.append(f"| {name} | {a or '—'} | {b or '—'} |")
reads = [l.split() for l in open(sys.argv[6])] if len(sys.argv) > 6 else []
if reads:
    label = {"dicom-info": "`dicom info` (pydicom: the same headers, stop_before_pixels)",
             "quantify": "`quantify --series --rtstruct` (bench/quantify_pydicom.py)"}
    out += ["", "The real 199-slice 177Lu SPECT (256×256), whole processes:", "",
            "| command (peer) | netra, wall / CPU s | peer, wall / CPU s | netra ÷ peer, wall / CPU |", "|---|---|---|---|"]
    for name, nw, nc, pw, pc in reads:
        out.append(f"| {label[name]} | {nw} / {nc} | {pw} / {pc} | {f(nw)/f(pw):.2f} / {f(nc)/f(pc):.2f} |")
print("\n".join(out))
PY
cat "$WORK/table.md"
if [[ "$DOCS" == 1 ]]; then
  "$PY" - "$ROOT/docs/benchmarks.md" "$WORK/table.md" <<'PY'
import sys
doc, table = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = "<!-- peer-table:begin -->", "<!-- peer-table:end -->"
a, b = doc.index(begin) + len(begin), doc.index(end)
open(sys.argv[1], "w").write(doc[:a] + "\n" + table + "\n" + doc[b:])
PY
  echo "docs/benchmarks.md updated" >&2
fi
