#!/bin/sh
# Times a 3840x2160 annotated export, `timeatlas export` against bench/peer_export.py (geopandas +
# matplotlib), as whole processes, interleaved pair by pair, and prints each median and the ratio.
#   sh bench/export_ratio.sh [BIN] [PAIRS]      (defaults: target/release/timeatlas, 7)
# Both draw the bundled 10m map, 200 points, 40 city labels, an arrow and a title.
set -eu
BIN=${1:-target/release/timeatlas}
PAIRS=${2:-7}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK" "$HERE/../data" <<'PY'
import json, random, sys
work = sys.argv[1]
events = json.load(open(f"{sys.argv[2]}/events.geojson", encoding="utf-8"))["features"]
points = [f["geometry"]["coordinates"] for f in events if f.get("geometry")][:200]
rng = random.Random(7)
while len(points) < 200:
    points.append([rng.uniform(36.0, 60.0), rng.uniform(13.0, 38.0)])
with open(f"{work}/points.csv", "w", encoding="utf-8") as out:
    out.write("latitude,longitude,date,title\n")
    for i, (lon, lat) in enumerate(points):
        out.write(f"{lat:.4f},{lon:.4f},2020-01-03,point {i + 1}\n")
arrow = {"format": "timeatlas-annotations", "version": 1, "annotations": [
    {"id": 1, "shape": {"kind": "arrow", "from": {"lat": 33.3, "lon": 44.4}, "to": {"lat": 35.7, "lon": 51.4}}}]}
json.dump(arrow, open(f"{work}/arrow.json", "w"))
PY
python3 - "$BIN" "$WORK" "$HERE/peer_export.py" "$PAIRS" <<'PY'
import statistics, subprocess, sys, time
bin_, work, peer, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
title = "Iran, Iraq, Syria and Yemen, 3 January 2020"
ours = [bin_, "export", "--date", "2020-01-03", "--size", "3840x2160", "--data", f"{work}/points.csv",
        "--annotations", f"{work}/arrow.json", "--title", title, "--out", f"{work}/ours.png"]
theirs = [sys.executable, peer, f"{work}/peer.png", "--points", f"{work}/points.csv"]
def run(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
run(ours); run(theirs)  # warm the file cache and Python's bytecode
a, b = [], []
for _ in range(pairs):
    a.append(run(ours)); b.append(run(theirs))
ma, mb = statistics.median(a), statistics.median(b)
print(f'{{"name":"export_cli_s/3840x2160","value":{ma:.3f}}}')
print(f'{{"name":"peer_geopandas_s/3840x2160","value":{mb:.3f}}}')
print(f'{{"name":"export_ratio/3840x2160","value":{mb / ma:.2f}}}')
PY
