#!/usr/bin/env bash
# The small twin's whole process (issue 22): `./netra dosimetry` doing the NumPy peer's work (--registration none
# --recovery none, density from the first CT; the command of bench/run-peer-table.sh's 128×128×100 cells) against
# `python3 bench/peer_cycle.py` on the same series, as fresh processes, one run of each side in turn so that the
# machine's load falls on both alike; medians of wall and CPU (user + sys of all threads, /usr/bin/time). Checks
# that every netra run prints the same JSON, and with BEFORE the same JSON as the older build. Then one run with
# NETRA_TIMELINE=1 (where the wall goes, phase by phase: org.netra.app.cli.PhaseTimeline).
#   bench/run-small-cli.sh [RUNS]                 (default 7)
#   TPS="2 4 6"                                   time points (the peer table's twins, made as it makes them)
#   BEFORE=DIR                                    an older checkout, built (its own ./netra and AOT cache), run too
#   VARIANTS="name=JVM options;name=…"            extra netra runs with NETRA_JAVA_OPTS set (the launcher's AOT
#                                                 cache still used), e.g. VARIANTS="xmn=-XX:TieredStopAtLevel=1
#                                                 -XX:+UseSerialGC -Xmn300m"
# Writes netra-bench/target/small-cli/table.md. Needs ./netra built (it builds on first use; the AOT cache is waited
# for), Debian python3-numpy, python3-scipy, python3-pydicom.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-7}"
TPS="${TPS:-2 4 6}"
PY=/usr/bin/python3
WORK="$ROOT/netra-bench/target/small-cli"
PEER_WORK="$ROOT/netra-bench/target/peer-table"
JAVA_HOME="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-* 2>/dev/null || true) | sort -V | tail -n 1)}"
export JAVA_HOME
mkdir -p "$WORK"

for dir in "$ROOT" ${BEFORE:+"$BEFORE"}; do
    "$dir/netra" --version >/dev/null # builds when needed and starts making the AOT cache in the background
    sleep 1
    while [[ -d "$dir/.netra-build/aot/lock" ]]; do sleep 2; done
done

sides=(after)
declare -A command_of
[[ -n "${BEFORE:-}" ]] && sides+=(before)
IFS=';' read -r -a variants <<<"${VARIANTS:-}"
for v in "${variants[@]}"; do sides+=("${v%%=*}"); done
sides+=(peer)

options_of() { # the JVM options of variant $1
    local v
    for v in "${variants[@]}"; do
        if [[ "${v%%=*}" == "$1" ]]; then echo "${v#*=}"; fi
    done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
LOAD_BEFORE="$(uptime)"
: >"$WORK/rows"
for tp in $TPS; do
    twin="$PEER_WORK/twin-${tp}tp"
    if [[ ! -f "$twin/rtstruct.dcm" ]]; then # as bench/run-peer-table.sh makes it
        case "$tp" in 2) hours=4,24 ;; 4) hours=4,24,96,168 ;; 6) hours=4,24,48,96,168,240 ;; *) echo "TPS: 2, 4 or 6" >&2; exit 1 ;; esac
        "$ROOT/netra" simulate --out "$twin" --seed "${SEED:-101}" --misalign-mm 5 --timepoints "$hours" >/dev/null
    fi
    c1="$twin/cycle-1"
    cts=("$c1"/ct-*)
    args=(dosimetry --registration none --recovery none --ct "${cts[0]}" --rtstruct "$twin/rtstruct.dcm" --json)
    peer=(--ct "${cts[0]}")
    for s in "$c1"/spect-*; do
        args+=(--timepoint "$s")
        peer+=("$s")
    done
    cat "$c1"/*/* >/dev/null # a warm page cache for both
    for side in "${sides[@]}"; do : >"$WORK/times-$tp-$side"; done
    for _ in $(seq "$RUNS"); do
        for side in "${sides[@]}"; do
            out="$WORK/out-$tp-$side.json"
            case "$side" in
                after) cmd=("$ROOT/netra" "${args[@]}") ;;
                before) cmd=("$BEFORE/netra" "${args[@]}") ;;
                peer) cmd=("$PY" "$ROOT/bench/peer_cycle.py" "${peer[@]}") ;;
                *) cmd=(env "NETRA_JAVA_OPTS=$(options_of "$side")" "$ROOT/netra" "${args[@]}") ;;
            esac
            /usr/bin/time -o "$WORK/t" -f "%e %U %S" "${cmd[@]}" >"$out" 2>"$WORK/err-$tp-$side.txt"
            tail -n 1 "$WORK/t" >>"$WORK/times-$tp-$side"
            if [[ "$side" != peer ]] && ! cmp -s "$out" "$WORK/out-$tp-after.json"; then
                echo "netra's JSON differs: $side, $tp time points ($out)" >&2
                exit 1
            fi
        done
    done
    for side in "${sides[@]}"; do
        f="$WORK/times-$tp-$side"
        echo "$tp $side $(awk '{print $1}' "$f" | median) $(awk '{printf "%.2f\n", $2 + $3}' "$f" | median)" \
            "$(awk '{printf "%s ", $1}' "$f")" >>"$WORK/rows"
    done
    echo "$tp time points: phases of one run (NETRA_TIMELINE=1)" >"$WORK/timeline-$tp.txt"
    NETRA_TIMELINE=1 "$ROOT/netra" "${args[@]}" 2>>"$WORK/timeline-$tp.txt" >/dev/null
done
LOAD_AFTER="$(uptime)"

{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC'), $RUNS runs of each, interleaved; medians; CPU = user + sys s."
    echo "Load before: \`$LOAD_BEFORE\`; after: \`$LOAD_AFTER\`."
    echo
    echo "| time points | run | wall s | CPU s | ÷ peer, wall | ÷ peer, CPU | every wall s |"
    echo "|---|---|---|---|---|---|---|"
    awk '{ w[$1" "$2] = $3; c[$1" "$2] = $4; all[$1" "$2] = ""; for (i = 5; i <= NF; i++) all[$1" "$2] = all[$1" "$2] $i " "
           order[++n] = $1" "$2 }
         END { for (i = 1; i <= n; i++) { k = order[i]; split(k, p, " ")
                 printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %s|\n", p[1], p[2], w[k], c[k], w[k] / w[p[1]" peer"],
                     c[k] / c[p[1]" peer"], all[k] } }' "$WORK/rows"
    for tp in $TPS; do
        echo
        echo '```'
        cat "$WORK/timeline-$tp.txt"
        echo '```'
    done
} | tee "$WORK/table.md"
