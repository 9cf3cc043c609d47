"""US postal towns in the gazetteer: ZIP-code towns that GeoNames' cities lack."""

from __future__ import annotations

from newsfuse.extract.gazetteer import (
    MATCH_PRIMARY,
    POSTAL_PREFIX,
    GazEntry,
    _postal_towns,
    is_postal,
    load_gazetteer,
)


def _region(name: str, code: str) -> GazEntry:
    return GazEntry(f"iso3166-2:US-{code}", name, 35.0, -80.0, "US", name, None, "region", 1_000_000, "America/New_York")


def _zip(code: str, city: str, state: str, lat: float, lon: float, county: str, kind: str = "STANDARD",
         acceptable: tuple[str, ...] = ()) -> dict:
    return {"zip_code": code, "zip_code_type": kind, "city": city, "acceptable_cities": list(acceptable),
            "state": state, "county": county, "timezone": "America/New_York", "lat": str(lat), "long": str(lon)}


def test_postal_towns_are_built_from_zip_rows_and_deduped_against_geonames() -> None:
    regions = {("US", "NC"): _region("North Carolina", "NC")}
    dunn = GazEntry("geonames:1", "Dunn", 35.306, -78.608, "US", "North Carolina", "Harnett County", "city", 9000, None)
    rows = [
        _zip("28334", "Dunn", "NC", 35.31, -78.61, "Harnett County"),  # GeoNames' Dunn: left out
        _zip("27884", "Stokes", "NC", 35.70, -77.27, "Pitt County", acceptable=("Grimesland Station",)),
        _zip("27885", "Stokes", "NC", 35.72, -77.25, "Pitt County", kind="PO BOX"),  # the post office's point wins
        _zip("09001", "Apo", "AE", 0.0, 0.0, "", kind="MILITARY"),  # no state of ours
    ]
    postal_cities: set[str] = set()
    entries, names = _postal_towns(rows, [dunn], [("Dunn", "geonames:1", MATCH_PRIMARY)], regions, postal_cities)
    by_id = {e.gazetteer_id: e for e in entries}
    assert set(by_id) == {"zip:NC:stokes", "zip:NC:grimesland-station"}
    stokes = by_id["zip:NC:stokes"]
    assert (stokes.lat, stokes.lon, stokes.admin1, stokes.admin2) == (35.72, -77.25, "North Carolina", "Pitt County")
    assert stokes.kind == "city" and stokes.precision == "city" and stokes.population == 0 and is_postal(stokes)
    assert ("Stokes", "zip:NC:stokes", MATCH_PRIMARY) in names
    # the towns addresses are written with: a ZIP's own town, GeoNames' or postal; not a town only 'acceptable' for one
    assert postal_cities == {"geonames:1", "zip:NC:stokes"}


def test_the_built_index_has_postal_towns_but_not_geonames_doubles() -> None:
    gaz = load_gazetteer()
    cub_run = [e for e, m in gaz.candidates("Cub Run") if m == MATCH_PRIMARY and e.admin1 == "Kentucky"]
    assert [e.gazetteer_id for e in cub_run] == ["zip:KY:cub-run"] and cub_run[0].admin2 == "Hart County"
    # Indianapolis is GeoNames': no postal double of it
    assert not any(e.gazetteer_id.startswith(POSTAL_PREFIX) for e, _ in gaz.candidates("Indianapolis"))


def test_a_new_index_drops_the_indexes_of_other_versions(tmp_path) -> None:
    from newsfuse.extract import gazetteer

    old = tmp_path / "gazetteer-3.sqlite"
    old.write_text("old", encoding="utf-8")
    current = tmp_path / f"gazetteer-{gazetteer.GAZETTEER_VERSION}.sqlite"
    current.write_text("current", encoding="utf-8")
    gazetteer._drop_old_indexes(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == [current.name]
