#!/usr/bin/env python3
"""The peer for `timeatlas export`: the same 4K annotated map drawn with geopandas + matplotlib.

It draws what a teacher's export has: the 10m countries (focus states filled), provinces, lakes,
the 200 points of POINTS.csv, 40 city labels (the most populous), an arrow and a title, at 3840x2160, PNG.
It reads the atlas's own bundled files, so both sides draw the same geometry.

    python3 bench/peer_export.py OUT.png --points POINTS.csv [--data DIR]

Needs: pip install geopandas matplotlib (pyogrio reads the GeoJSON).
"""

import argparse
import csv
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--points", required=True, help="CSV with latitude and longitude columns")
    parser.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "data"))
    args = parser.parse_args()

    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = Path(args.data)
    countries = gpd.read_file(data / "countries-10m.geojson")
    provinces = gpd.read_file(data / "provinces-10m.geojson")
    lakes = gpd.read_file(data / "lakes-10m.geojson")
    cities = gpd.read_file(data / "cities.geojson").nlargest(40, "population")

    # The points are the ones `bench/export_ratio.sh` gives timeatlas too (a CSV: latitude,longitude,...).
    with open(args.points, encoding="utf-8") as points:
        rows = list(csv.DictReader(points))
    xs = [float(r["longitude"]) for r in rows]
    ys = [float(r["latitude"]) for r in rows]

    dpi = 100
    fig = plt.figure(figsize=(3840 / dpi, 2160 / dpi), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 0.93))
    ax.set_facecolor("#a9c8e0")
    focus = countries["role"] == "focus"
    countries[~focus].plot(ax=ax, color="#e8e4d8", edgecolor="#8a8478", linewidth=1.5)
    countries[focus].plot(ax=ax, color="#f3d9a4", edgecolor="#5a4a30", linewidth=3)
    provinces.plot(ax=ax, facecolor="none", edgecolor="#b0a080", linewidth=0.8)
    lakes.plot(ax=ax, color="#a9c8e0", edgecolor="#6a8aa0", linewidth=0.8)
    ax.scatter(xs, ys, s=160, color="#c0392b", edgecolor="white", linewidth=1.5, zorder=5)
    ax.scatter(cities.geometry.x, cities.geometry.y, s=40, color="#222222", zorder=6)
    for name, x, y in zip(cities["name"], cities.geometry.x, cities.geometry.y):
        ax.annotate(name, (x, y), xytext=(6, 6), textcoords="offset points", fontsize=18, zorder=7)
    ax.annotate(
        "",
        xy=(51.4, 35.7),
        xytext=(44.4, 33.3),
        arrowprops={"arrowstyle": "-|>", "color": "#1f3a93", "lw": 6, "mutation_scale": 60},
        zorder=8,
    )
    ax.set_xlim(30.0, 66.0)
    ax.set_ylim(10.0, 42.0)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.suptitle("Iran, Iraq, Syria and Yemen, 3 January 2020", fontsize=40, y=0.98)
    fig.savefig(args.out, dpi=dpi, facecolor="white")
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
