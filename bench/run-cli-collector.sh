#!/usr/bin/env bash
# The real-size default cycle from the CLI under each JIT/GC setting the launcher could choose (issue 22, fourth pass;
# docs/benchmarks.md, "From the CLI: the collector of a real-size cycle"): a fresh JVM per run with the launcher's
# class path and AOT cache, runs of the variants interleaved (one of each in turn, so the load falls on all alike),
# median wall and CPU (user + sys, /usr/bin/time) and the collector's own pause accounting (-Xlog:gc+cpu, user + sys
# of every pause summed per run). Checks that every variant prints the same JSON.
#   bench/run-cli-collector.sh [RUNS]        (default 5)
# The series: the peer table's twin at ×2 (4 × 256×256×200 SPECT + CT), netra-bench/target/peer-table/twin-4tp-x2,
# made here the way bench/run-peer-table.sh makes it when absent. Needs ./netra built (it builds on first use).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
PY=/usr/bin/python3
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
WORK="$ROOT/netra-bench/target/cli-collector"
mkdir -p "$WORK"

"$ROOT/netra" --version >/dev/null # builds netra when needed and starts its AOT cache
while [[ -d "$ROOT/.netra-build/aot/lock" ]]; do sleep 2; done
cache="$(ls "$ROOT"/.netra-build/aot/netra-*.aot | head -n 1)"

source "$ROOT/bench/realsize-twin.sh"
TWIN="$REALSIZE_TWIN"
args=("${REALSIZE_ARGS[@]}")

labels=("C1, serial GC (small inputs)" "C1, G1 (the launcher's choice above 64 MB)" "C2 tiered, G1 (JVM defaults)")
settings=("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "-XX:TieredStopAtLevel=1 -XX:+UseG1GC" "-XX:+UseG1GC")
cat "$TWIN"/cycle-1/*/* >/dev/null
echo "load before: $(uptime)"
for i in "${!labels[@]}"; do : >"$WORK/times-$i"; done
for run in $(seq "$RUNS"); do
    for i in "${!labels[@]}"; do
        gc="$WORK/gc-$i-$run.log"
        # shellcheck disable=SC2086 # the settings are words
        /usr/bin/time -o "$WORK/t" -f "%e %U %S" "$JAVA_HOME/bin/java" -XX:AOTCache="$cache" -Xlog:aot*=off \
            -Xlog:cds*=off ${settings[$i]} -Xlog:gc+cpu:file="$gc" -cp "$class_path" org.netra.app.cli.Main \
            "${args[@]}" >"$WORK/out-$i.json" 2>"$WORK/err-$i.txt"
        pause="$(awk '{for (f = 1; f <= NF; f++) if ($f ~ /^(User|Sys)=/) {split($f, v, "="); t += v[2] + 0}}
            END {printf "%.2f", t}' "$gc")"
        echo "$(tail -n 1 "$WORK/t") $pause" >>"$WORK/times-$i"
    done
done
echo "load after: $(uptime)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| JVM settings (AOT cache) | runs | wall s, median | CPU s, median (range) | GC pause CPU s, median |"
echo "|---|---|---|---|---|"
for i in "${!labels[@]}"; do
    cpu="$(awk '{printf "%.2f\n", $2 + $3}' "$WORK/times-$i" | sort -n)"
    printf '| %s | %s | %s | %s (%s–%s) | %s |\n' "${labels[$i]}" "$RUNS" \
        "$(awk '{print $1}' "$WORK/times-$i" | median)" "$(echo "$cpu" | median)" "$(echo "$cpu" | head -n 1)" \
        "$(echo "$cpu" | tail -n 1)" "$(awk '{print $4}' "$WORK/times-$i" | median)"
done
if [[ "$(md5sum "$WORK"/out-*.json | cut -d ' ' -f 1 | sort -u | wc -l)" -ne 1 ]]; then
    echo "the variants' JSON differ: $WORK/out-*.json" >&2
    exit 1
fi
