#!/usr/bin/env python3
"""Writes a synthetic ACLED-style CSV: the 31 columns of ACLED's 2023+ exports, realistic notes.

Synthetic: places are real towns of Yemen, Syria, Iraq and Iran with a little jitter, but every row is
made up. It is for tests and benchmarks, never for teaching.

    python3 scripts/synthetic_acled.py ROWS OUT.csv [--seed N] [--quirks]

--quirks mixes in the forms re-saved spreadsheets produce: '03 January 2020' and '3-Jan-20' dates,
'2.0' numbers, CRLF line ends.
"""
import csv
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


def main() -> None:
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    rows, out = int(args[0]), args[1]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    quirks = "--quirks" in args
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    span_days = (date(2024, 12, 31) - start).days
    weights = [t[3] for t in TYPES]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n" if quirks else "\n")
        w.writerow(COLUMNS)
        for i in range(rows):
            iso, num, country, admin1, admin2, loc, lat, lon = rng.choice(PLACES)
            disorder, etype, sub, _ = rng.choices(TYPES, weights)[0]
            day = start + timedelta(days=int(rng.random() ** 0.8 * span_days))
            a1, a2 = rng.sample(ACTORS[iso], 2)
            fat = 0 if etype in ("Protests", "Strategic developments") else int(rng.expovariate(0.5))
            d_text = day.strftime("%d %B %Y")
            note = NOTES[sub].format(d=d_text, a1=a1, a2=a2, loc=loc, adm=admin1, f=fat, n=rng.randint(20, 3000))
            event_date = day.isoformat()
            if quirks and i % 3 == 1:
                event_date = d_text
            elif quirks and i % 3 == 2:
                event_date = f"{day.day}-{day.strftime('%b')}-{day.strftime('%y')}"
            num_fmt = (lambda v: f"{v}.0") if quirks and i % 2 else str
            w.writerow([
                f"{iso}{i + 1}", event_date, day.year, num_fmt(rng.choice([1, 1, 1, 2, 3])), disorder, etype, sub,
                a1, "", rng.choice(INTER), a2, "", rng.choice(INTER), "", "", num, "Middle East", country,
                admin1, admin2, "", loc, f"{lat + rng.uniform(-0.08, 0.08):.4f}", f"{lon + rng.uniform(-0.08, 0.08):.4f}",
                num_fmt(rng.choice([1, 1, 2, 3])), rng.choice(SOURCES), "National", note, num_fmt(fat), "",
                1700000000 + i,
            ])


if __name__ == "__main__":
    main()
