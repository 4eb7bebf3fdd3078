# Sourced by the real-size benchmarks (run-realsize-cycle.sh, run-cli-collector.sh): makes, once, the peer table's
# twin (`netra simulate --seed 101 --misalign-mm 5`, 4 time points, a CT per session) resampled x2 to 256x256x200 by
# bench/resize_series.py, in the folder run-peer-table.sh also uses, and sets REALSIZE_TWIN and REALSIZE_ARGS (the
# `netra dosimetry` arguments of a default cycle on it). Needs ROOT and PY.
REALSIZE_TWIN="$ROOT/netra-bench/target/peer-table/twin-4tp-x2"
if [[ ! -f "$REALSIZE_TWIN/rtstruct.dcm" ]]; then
    realsize_base="$ROOT/netra-bench/target/peer-table/twin-4tp"
    [[ -f "$realsize_base/rtstruct.dcm" ]] ||
        "$ROOT/netra" simulate --out "$realsize_base" --seed 101 --misalign-mm 5 --timepoints 4,24,96,168 >/dev/null
    for s in "$realsize_base"/cycle-1/*/; do
        "$PY" "$ROOT/bench/resize_series.py" 2 "$s" "$REALSIZE_TWIN/cycle-1/$(basename "$s")"
    done
    cp "$realsize_base/rtstruct.dcm" "$REALSIZE_TWIN/rtstruct.dcm"
fi
REALSIZE_ARGS=(dosimetry --rtstruct "$REALSIZE_TWIN/rtstruct.dcm" --json)
for h in 004h 024h 096h 168h; do
    REALSIZE_ARGS+=(--timepoint "$REALSIZE_TWIN/cycle-1/spect-$h" --timepoint-ct "$REALSIZE_TWIN/cycle-1/ct-$h")
done
