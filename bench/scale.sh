#!/usr/bin/env bash
# The #12 figures at 10k, 100k and 1M synthetic ACLED rows: `timeatlas check` time and peak memory
# (/usr/bin/time), the headless frame benchmark with the data loaded, and the pandas ratio (farm-bench,
# interleaved A B A B). Writes the files under a work folder (about 560 MB in all) and a summary on stdout.
#   bench/scale.sh [WORK_DIR] [RUNS]
# Needs a release build (cargo build --release) and, for the ratio, pandas (pip install pandas).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/timeatlas-scale}
runs=${2:-3}
bin=${CARGO_TARGET_DIR:-target}/release/timeatlas
mkdir -p "$work"
for rows in 10000 100000 1000000; do
  f="$work/acled-$rows.csv"
  [ -s "$f" ] || python3 scripts/synthetic_acled.py "$rows" "$f"
done
for rows in 10000 100000 1000000; do
  f="$work/acled-$rows.csv"
  echo "== $rows rows ($(( $(stat -L -c %s "$f") / 1048576 )) MB)"
  /usr/bin/time -f "check: %e s wall, %U s user, %M KB peak RSS" "$bin" check --stats "$f" 2>&1 | grep -v "^warning" | tail -2
  "$bin" bench --frames 60 --data "$f" | grep -E '"(load_ms/data|data_bytes/[a-z]+|frame_cpu_ms/data_[a-z0-9_]+)"'
done
if python3 -c "import pandas" 2>/dev/null; then
  echo "== timeatlas check vs pandas.read_csv, 1M rows"
  farm-bench -n "$runs" --timeout 1800 --vs "python3 bench/peer_pandas_read.py $work/acled-1000000.csv" -- "$bin" check "$work/acled-1000000.csv"
fi
