#!/usr/bin/env bash
# timeatlas check against pandas.read_csv on the same file, run in turn (A B A B ...) by farm-bench, which
# prints each one's wall, CPU and peak memory and the ratio pair by pair.
#   bench/compare_check.sh FILE.csv [RUNS]
# Needs a release build (cargo build --release) and pandas (pip install pandas).
set -euo pipefail
file=${1:?usage: bench/compare_check.sh FILE.csv [RUNS]}
runs=${2:-5}
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/timeatlas
farm-bench -n "$runs" --timeout 900 --vs "python3 bench/peer_pandas_read.py $file" -- "$bin" check "$file"
