#!/usr/bin/env bash
# The real-size default cycle from the CLI, counted in memory (issue 22; docs/benchmarks.md, "The real-size cycle's
# memory from the CLI"): each run a fresh JVM as the launcher starts it for large dosimetry (its class path order,
# its JVM settings for inputs above 64 MB, an AOT cache), under /usr/bin/time: wall, user and sys CPU-s, minor page
# faults and maximum RSS; medians over RUNS, the builds and settings interleaved (one of each in turn, so the load
# falls on all alike), the 1-min load before and after. Checks that every run prints the JSON of the first, byte
# for byte.
#   bench/run-cli-memory.sh [RUNS]                         (default 5) this build, the launcher's settings
#   BEFORE=DIR bench/run-cli-memory.sh 5                   and an older build, interleaved: DIR holds a copy of
#                                                          its netra-app/target/netra-app.jar and target/lib
#   VARIANTS='-Xmn64m|-XX:GCTimeRatio=4' bench/run-cli-memory.sh 3   and this build with each extra set of flags
# The series: the peer table's twin at ×2 (4 × 256×256×200 SPECT + CT, bench/realsize-twin.sh). Needs ./netra built
# (it builds on first use). Each build's AOT cache is trained here once (≈ 10 CPU-s), under WORK.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
PY=/usr/bin/python3
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
WORK="$ROOT/netra-bench/target/cli-memory"
mkdir -p "$WORK"
# the launcher's settings for a dosimetry run on more than 64 MB of series (LARGE_ONE_SHOT in ./netra)
LARGE="$(sed -n 's/^LARGE_ONE_SHOT="\(.*\)"$/\1/p' "$ROOT/netra")"
AOT_SETTINGS="$(sed -n 's/^AOT_SETTINGS="\([^"]*\)".*/\1/p' "$ROOT/netra")"

"$ROOT/netra" --version >/dev/null # builds netra when needed
source "$ROOT/bench/realsize-twin.sh"
args=("${REALSIZE_ARGS[@]}")

# The class path of a build (DIR with netra-app.jar and lib/), in the launcher's order.
class_path_of() {
    local dir="$1" jars jar
    jars=("$dir/netra-app.jar" "$dir"/lib/picocli-*.jar "$dir"/lib/netra-*.jar)
    for jar in "$dir"/lib/*.jar; do
        case "${jar##*/}" in picocli-* | netra-*) ;; *) jars+=("$jar") ;; esac
    done
    (IFS=:; echo "${jars[*]}")
}

# A build's AOT cache, trained as the launcher trains its own (same settings, same training run), once.
aot_cache_of() {
    local cp="$1" key cache
    key="$(tr ':' '\n' <<<"$cp" | xargs -d '\n' stat -c '%n %s %Y' | sha256sum | cut -c 1-16)"
    cache="$WORK/aot-$key.aot"
    if [[ ! -f "$cache" ]]; then
        echo "training the AOT cache for $(dirname "${cp%%:*}")…" >&2
        # shellcheck disable=SC2086 # the settings are words
        "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$cache" $AOT_SETTINGS -cp "$cp" org.netra.app.cli.StartupTraining \
            >"$WORK/aot-training.log" 2>&1
    fi
    echo "$cache"
}

# this build as the launcher runs it: a copy, so a rebuild during the runs cannot change it
AFTER="$WORK/after"
rm -rf "$AFTER" && mkdir -p "$AFTER"
cp "$ROOT/netra-app/target/netra-app.jar" "$AFTER/" && cp -r "$ROOT/netra-app/target/lib" "$AFTER/"

labels=() paths=() flags=()
if [[ -n "${BEFORE:-}" ]]; then
    labels+=("before ($BEFORE)") paths+=("$(class_path_of "$BEFORE")") flags+=("$LARGE")
fi
labels+=("this build") paths+=("$(class_path_of "$AFTER")") flags+=("$LARGE")
IFS='|' read -r -a extra <<<"${VARIANTS:-}"
for v in "${extra[@]}"; do
    [[ -n "$v" ]] && labels+=("this build, $v") paths+=("$(class_path_of "$AFTER")") flags+=("$LARGE $v")
done
caches=()
for i in "${!labels[@]}"; do caches+=("$(aot_cache_of "${paths[$i]}")"); done

cat "$REALSIZE_TWIN"/cycle-1/*/* >/dev/null # a warm page cache
echo "load before: $(uptime)"
for i in "${!labels[@]}"; do : >"$WORK/times-$i"; done
rm -f "$WORK"/out-*.json
for run in $(seq "$RUNS"); do
    for i in "${!labels[@]}"; do
        # shellcheck disable=SC2086 # the flags are words
        /usr/bin/time -o "$WORK/t" -f "%e %U %S %R %M" "$JAVA_HOME/bin/java" -XX:AOTCache="${caches[$i]}" \
            -Xlog:aot*=off -Xlog:cds*=off ${flags[$i]} -cp "${paths[$i]}" org.netra.app.cli.Main "${args[@]}" \
            >"$WORK/out-$i-$run.json" 2>"$WORK/err-$i.txt"
        echo "$(tail -n 1 "$WORK/t") $(cut -d ' ' -f 1 /proc/loadavg)" >>"$WORK/times-$i"
    done
done
echo "load after: $(uptime)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
column_median() { awk -v c="$2" '{print $c}' "$1" | median; }
echo "| build, JVM settings | runs | wall s | user CPU-s | sys CPU-s | minor faults | max RSS MB | 1-min load |"
echo "|---|---|---|---|---|---|---|---|"
for i in "${!labels[@]}"; do
    f="$WORK/times-$i"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s–%s |\n' "${labels[$i]}" "$RUNS" "$(column_median "$f" 1)" \
        "$(column_median "$f" 2)" "$(column_median "$f" 3)" "$(column_median "$f" 4)" \
        "$(($(column_median "$f" 5) / 1024))" "$(awk '{print $6}' "$f" | sort -n | head -n 1)" \
        "$(awk '{print $6}' "$f" | sort -n | tail -n 1)"
done
if [[ "$(md5sum "$WORK"/out-*.json | cut -d ' ' -f 1 | sort -u | wc -l)" -ne 1 ]]; then
    echo "the runs' JSON differ: $WORK/out-*.json" >&2
    exit 1
fi
echo "every run printed the same JSON ($(md5sum <"$WORK/out-0-1.json" | cut -c 1-12))"
