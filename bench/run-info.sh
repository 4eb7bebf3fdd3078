#!/usr/bin/env bash
# `netra dicom info` against pydicom as whole processes (issue 18): the real 199-slice 177Lu SPECT and a 500-slice
# 512×512 CT (bench/make_ct500.py), each command run RUNS times, interleaved (one run of each in turn, so a change
# in the machine's load falls on all alike), median wall and CPU (user + sys, all threads, /usr/bin/time):
#   - `netra dicom info` through the launcher, as a user runs it, with the AOT cache and without (NETRA_AOT=off);
#   - pydicom reading the headers only, as `dicom info` does (bench/read_pydicom.py headers: stop_before_pixels);
#   - pydicom + numpy reading the series into a volume (bench/read_pydicom.py 0), the issue's peer;
#   - with BEFORE=<another netra checkout, built, with its AOT cache>, that build's `dicom info` run as its launcher
#     ran it then (its jars in name order, one-shot flags, its cache), read-only: a before/after in the same run.
# Prints Markdown rows and the load average before and after.
#   bench/run-info.sh [RUNS]      (default 11)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-11}"
DATA="${NETRA_TESTDATA:-$ROOT/../shared/data}"
SPECT="$DATA/dicom/lu177-dotatate-spect/SCAN_001/image"
PY=/usr/bin/python3
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/netra" --version >/dev/null # builds netra first when needed
for _ in $(seq 60); do # the first run after a build makes the AOT cache in the background
    ls "$ROOT"/.netra-build/aot/netra-*.aot >/dev/null 2>&1 && [[ ! -d "$ROOT/.netra-build/aot/lock" ]] && break
    sleep 5
done
echo "making the 500-slice CT…" >&2
"$PY" "$ROOT/bench/make_ct500.py" "$DATA/dicom/fdg-pet-sts001/ct/image" "$WORK/ct500" 2>/dev/null

before=()
if [[ -n "${BEFORE:-}" ]]; then
    jars=("$BEFORE/netra-app/target/netra-app.jar" "$BEFORE"/netra-app/target/lib/*.jar)
    cache="$(ls "$BEFORE"/.netra-build/aot/netra-*.aot 2>/dev/null | head -n 1 || true)"
    before=("$JAVA_HOME/bin/java" ${cache:+-XX:AOTCache=$cache -Xlog:aot*=off -Xlog:cds*=off}
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$(IFS=:; echo "${jars[*]}")" org.netra.app.cli.Main)
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load before: $(cat /proc/loadavg)"
echo "| series | command | wall s | CPU s (min–max) |"
echo "|---|---|---|---|"
for series in "$SPECT" "$WORK/ct500"; do
    name=$([ "$series" = "$SPECT" ] && echo "SPECT 199×256×256" || echo "CT 500×512×512")
    cat "$series"/* >/dev/null # a cold page cache is not what is compared
    labels=("netra dicom info (AOT cache)" "netra dicom info (no AOT cache)"
        "pydicom headers (stop_before_pixels)" "pydicom + numpy into a volume")
    commands=("$ROOT/netra dicom info $series" "NETRA_AOT=off $ROOT/netra dicom info $series"
        "$PY $ROOT/bench/read_pydicom.py headers $series" "$PY $ROOT/bench/read_pydicom.py 0 $series")
    if [[ ${#before[@]} -gt 0 ]]; then
        labels+=("before: netra dicom info (AOT cache)")
        commands+=("${before[*]} dicom info $series")
    fi
    for i in "${!labels[@]}"; do : >"$WORK/times-$i"; done
    for _ in $(seq "$RUNS"); do
        for i in "${!labels[@]}"; do
            /usr/bin/time -o "$WORK/t" -f "%e %U %S" bash -c "${commands[$i]}" >/dev/null 2>&1
            tail -n 1 "$WORK/t" >>"$WORK/times-$i"
        done
    done
    for i in "${!labels[@]}"; do
        cpu="$(awk '{printf "%.2f\n", $2 + $3}' "$WORK/times-$i" | sort -n)"
        printf '| %s | %s | %s | %s (%s–%s) |\n' "$name" "${labels[$i]}" \
            "$(awk '{print $1}' "$WORK/times-$i" | median)" "$(echo "$cpu" | median)" \
            "$(echo "$cpu" | head -n 1)" "$(echo "$cpu" | tail -n 1)"
    done
done
echo "load after: $(cat /proc/loadavg)"
