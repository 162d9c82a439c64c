#!/usr/bin/env python3
"""Writes a synthetic ACLED-style CSV: the 31 columns of ACLED's 2023+ exports, realistic notes.

Synthetic: places are the real towns of Yemen, Syria, Iraq and Iran in the atlas's data/cities.geojson
(GeoNames), with a little jitter, weighted by population and by country, and each country's events follow a
rough profile over the years (so the map shows fronts and quiet years, as real ACLED data does); but every
row is made up. It is for tests and benchmarks, never for teaching.

    python3 scripts/synthetic_acled.py ROWS OUT.csv [--seed N] [--quirks]

--quirks mixes in the forms re-saved spreadsheets produce: '03 January 2020' and '3-Jan-20' dates,
'2.0' numbers, CRLF line ends.
"""
import csv
import json
import math
import os
import random
import sys
from datetime import date, timedelta

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

PLACES = [
    ("YEM", 887, "Yemen", "Amanat al Asimah", "Sanaa City", "Sanaa", 15.35, 44.21),
    ("YEM", 887, "Yemen", "Aden", "Al Mualla", "Aden", 12.78, 45.03),
    ("YEM", 887, "Yemen", "Taizz", "Al Qahirah", "Taizz", 13.58, 44.02),
    ("YEM", 887, "Yemen", "Al Hudaydah", "Al Hali", "Al Hudaydah", 14.80, 42.95),
    ("YEM", 887, "Yemen", "Marib", "Marib City", "Marib", 15.46, 45.33),
    ("SYR", 760, "Syria", "Aleppo", "Jebel Saman", "Aleppo", 36.20, 37.16),
    ("SYR", 760, "Syria", "Idleb", "Idleb", "Idleb", 35.93, 36.63),
    ("SYR", 760, "Syria", "Homs", "Homs", "Homs", 34.73, 36.71),
    ("SYR", 760, "Syria", "Deir-ez-Zor", "Deir-ez-Zor", "Deir ez-Zor", 35.33, 40.14),
    ("SYR", 760, "Syria", "Damascus", "Damascus", "Damascus", 33.51, 36.29),
    ("IRQ", 368, "Iraq", "Ninewa", "Mosul", "Mosul", 36.34, 43.13),
    ("IRQ", 368, "Iraq", "Baghdad", "Resafa", "Baghdad", 33.31, 44.37),
    ("IRQ", 368, "Iraq", "Al Anbar", "Ramadi", "Ramadi", 33.42, 43.30),
    ("IRQ", 368, "Iraq", "Kirkuk", "Kirkuk", "Kirkuk", 35.47, 44.39),
    ("IRN", 364, "Iran", "Tehran", "Tehran", "Tehran", 35.69, 51.42),
    ("IRN", 364, "Iran", "Sistan and Baluchestan", "Zahedan", "Zahedan", 29.50, 60.86),
]

TYPES = [
    ("Political violence", "Battles", "Armed clash", 0.30),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", 0.20),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike", 0.12),
    ("Political violence", "Violence against civilians", "Attack", 0.10),
    ("Demonstrations", "Protests", "Peaceful protest", 0.18),
    ("Demonstrations", "Riots", "Violent demonstration", 0.05),
    ("Strategic developments", "Strategic developments", "Arrests", 0.05),
]

ACTORS = {
    "YEM": ["Military Forces of Yemen (2017-)", "Houthi Movement", "STC: Southern Transitional Council", "AQAP: Al Qaeda in the Arabian Peninsula"],
    "SYR": ["Military Forces of Syria (2000-2024)", "HTS: Hayat Tahrir al Sham", "SDF: Syrian Democratic Forces", "Islamic State (Syria)"],
    "IRQ": ["Military Forces of Iraq (2014-)", "Islamic State (Iraq)", "PMF: Popular Mobilization Forces", "Kurdistan Regional Government"],
    "IRN": ["Police Forces of Iran (1989-)", "Protesters (Iran)", "Jaish al Adl", "Military Forces of Iran (1989-)"],
}
# Share of the rows per country, and how active each year 2015..2024 is (relative).
COUNTRY_WEIGHT = {"SYR": 0.36, "YEM": 0.34, "IRQ": 0.20, "IRN": 0.10}
YEAR_PROFILE = {
    "SYR": [10, 9, 8, 6, 5, 5, 4, 3, 3, 4],
    "YEM": [6, 8, 9, 10, 9, 8, 7, 4, 3, 3],
    "IRQ": [10, 9, 7, 3, 3, 2, 2, 2, 1, 1],
    "IRN": [1, 1, 2, 4, 5, 2, 2, 10, 3, 2],
}
YEARS = 10


def load_towns():
    """(country, name, lat, lon, nearest admin1 of PLACES) for every town in the atlas's cities file."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "data", "cities.geojson"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    towns = {}
    for feat in features:
        p = feat["properties"]
        if p["country"] not in COUNTRY_WEIGHT:
            continue
        lon, lat = feat["geometry"]["coordinates"][:2]
        same = [pl for pl in PLACES if pl[0] == p["country"]]
        near = min(same, key=lambda pl: (pl[6] - lat) ** 2 + (pl[7] - lon) ** 2)
        weight = math.sqrt(max(p.get("population") or 1000, 1000))
        towns.setdefault(p["country"], []).append((p["name"], lat, lon, near, weight))
    return towns


INTER = ["State forces", "Rebel group", "Political militia", "Identity militia", "Protesters", "Civilians"]
SOURCES = ["Xinhua", "Reuters", "Yemen Post", "SANA", "Rudaw", "Shafaqna", "Syrian Observatory for Human Rights"]

NOTES = {
    "Armed clash": "On {d}, {a1} and {a2} clashed near {loc} ({adm}). {f} fatalities were reported.",
    "Shelling/artillery/missile attack": "On {d}, {a1} shelled positions of {a2} around {loc}, {adm}. {f} fatalities.",
    "Air/drone strike": "On {d}, a drone strike attributed to {a1} hit a site in {loc}. {f} people were killed, according to local sources.",
    "Attack": "On {d}, {a1} attacked civilians in {loc} ({adm}). {f} fatalities.",
    "Peaceful protest": "On {d}, around {n} people demonstrated in {loc} ({adm}) against rising prices and power cuts. [size=around {n}]",
    "Violent demonstration": "On {d}, demonstrators threw stones at {a1} in {loc}; several were injured.",
    "Arrests": "On {d}, {a1} arrested several people in {loc}, accusing them of links to {a2}.",
}
# ACLED notes often go on with how the report came and what else happened.
TAILS = [
    " The report could not be independently verified; casualty figures are from local sources.",
    " Residents said the fighting lasted several hours and that shops in the area stayed closed the next day.",
    " The event was reported by several outlets; the figures given here are the most conservative.",
    " Local media reported damage to houses and a water station; no group claimed responsibility.",
]


def main() -> None:
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    rows, out = int(args[0]), args[1]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    quirks = "--quirks" in args
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    weights = [t[3] for t in TYPES]
    towns = load_towns()
    countries = list(COUNTRY_WEIGHT)
    country_weights = [COUNTRY_WEIGHT[c] for c in countries]
    town_weights = {c: [t[4] for t in towns[c]] for c in countries}
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n" if quirks else "\n")
        w.writerow(COLUMNS)
        for i in range(rows):
            iso = rng.choices(countries, country_weights)[0]
            loc, lat, lon, near, _ = rng.choices(towns[iso], town_weights[iso])[0]
            _, num, country, admin1, admin2, _, _, _ = near
            disorder, etype, sub, _ = rng.choices(TYPES, weights)[0]
            year = rng.choices(range(YEARS), YEAR_PROFILE[iso])[0]
            day = start + timedelta(days=int((year + rng.random()) * 365.25))
            a1, a2 = rng.sample(ACTORS[iso], 2)
            fat = 0 if etype in ("Protests", "Strategic developments") else int(rng.expovariate(0.5))
            d_text = day.strftime("%d %B %Y")
            note = NOTES[sub].format(d=d_text, a1=a1, a2=a2, loc=loc, adm=admin1, f=fat, n=rng.randint(20, 3000))
            note += rng.choice(TAILS)
            event_date = day.isoformat()
            if quirks and i % 3 == 1:
                event_date = d_text
            elif quirks and i % 3 == 2:
                event_date = f"{day.day}-{day.strftime('%b')}-{day.strftime('%y')}"
            num_fmt = (lambda v: f"{v}.0") if quirks and i % 2 else str
            w.writerow([
                f"{iso}{i + 1}", event_date, day.year, num_fmt(rng.choice([1, 1, 1, 2, 3])), disorder, etype, sub,
                a1, "", rng.choice(INTER), a2, "", rng.choice(INTER), "", "", num, "Middle East", country,
                admin1, admin2, "", loc, f"{lat + rng.gauss(0, 0.06):.4f}", f"{lon + rng.gauss(0, 0.06):.4f}",
                num_fmt(rng.choice([1, 1, 2, 3])), rng.choice(SOURCES), "National", note, num_fmt(fat), "",
                1700000000 + i,
            ])


if __name__ == "__main__":
    main()
