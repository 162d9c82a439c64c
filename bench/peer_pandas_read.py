#!/usr/bin/env python3
"""The peer for `timeatlas check FILE`: pandas reading the same CSV (what a researcher would run first).

    python3 bench/peer_pandas_read.py FILE.csv

Prints the rows read, so the work cannot be skipped. Run both with bench/compare_check.sh.
"""
import sys

import pandas

frame = pandas.read_csv(sys.argv[1])
print(f"{len(frame)} rows, {len(frame.columns)} columns")
