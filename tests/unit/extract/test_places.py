"""Place recognition and resolution on hand-written texts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.extract.places import STAGE
from newsfuse.model import Place
from newsfuse.stages import analyse_text


def places(text: str, **kw: object) -> tuple[Place, ...]:
    return analyse_text(text, stages=[STAGE], **kw).places


def by_text(text: str, name: str) -> Place:
    return next(p for p in places(text) if p.span.text == name)


def test_erbil_near_iraq() -> None:
    p = by_text("Rockets struck Erbil in northern Iraq on Tuesday.", "Erbil")
    assert p.gazetteer_id == "geonames:95446" and p.country_code == "IQ" and p.precision == "city"
    assert p.timezone == "Asia/Baghdad"


def test_arbil_is_the_same_city() -> None:
    p = by_text("Rockets struck Arbil in northern Iraq on Tuesday.", "Arbil")
    assert p.gazetteer_id == "geonames:95446"


def test_air_base_is_a_site() -> None:
    p = by_text("Iran fired missiles at Al Asad Air Base in Iraq.", "Al Asad Air Base")
    assert p.gazetteer_id == "airport:ORAA" and p.precision == "site" and p.admin1 == "Al Anbar"


def test_city_with_state_qualifier() -> None:
    p = by_text("Police in Springfield, Illinois, said two men were shot.", "Springfield")
    assert p.country_code == "US" and p.admin1 == "Illinois"


def test_dateline_with_ap_state() -> None:
    p = by_text("ROCKY MOUNT, N.C. (AP) — Four teens were shot on a basketball court.", "ROCKY MOUNT")
    assert p.name == "Rocky Mount" and p.admin1 == "North Carolina"


def test_unknown_place_keeps_null_coordinates() -> None:
    for p in places("The shooting happened in Xyzzyville, police said."):
        if "Xyzzyville" in p.span.text:
            assert p.lat is None and p.lon is None and p.gazetteer_id is None


def test_offsets_of_every_place() -> None:
    text = "In the United States, the U.S. Army said Al Asad Air Base and Anbar province were hit."
    for p in places(text):
        assert text[p.span.start:p.span.end] == p.span.text


_NAMES = st.sampled_from(["Erbil", "Iraq", "Springfield, Illinois", "Al Asad Air Base", "Anbar province",
                          "the United States", "Xyzzyville", "Marion County", "ROCKY MOUNT, N.C. —"])
_FILLER = st.text(alphabet=st.sampled_from(list("abc XYZ,.'’-\n—é")), max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_FILLER, _NAMES), min_size=1, max_size=4), _FILLER)
def test_spans_always_match_the_text(parts: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{a} {b} " for a, b in parts) + tail
    for p in places(text):
        assert text[p.span.start:p.span.end] == p.span.text
        assert p.span.text.strip()
        assert (p.lat is None) == (p.gazetteer_id is None)


def test_washington_alone_is_the_capital() -> None:
    p = by_text("Officials in Washington said the talks would resume.", "Washington")
    assert p.gazetteer_id == "geonames:4140963"


def test_two_capital_letters_alone_are_not_a_state() -> None:
    for p in places("Reggie Kumar reports live from Pasadena for Today in LA on Sunday."):
        if p.span.text == "LA":
            assert p.admin1 != "Louisiana"


def test_postal_qualifier_after_a_city_resolves_to_its_state() -> None:
    p = by_text("NAVARRO COUNTY, TX (CBSDFW.COM) – The sheriff is investigating a shooting.", "TX")
    assert p.gazetteer_id == "iso3166-2:US-TX"


def _texts(text: str) -> set[str]:
    return {p.span.text for p in places(text)}


def test_town_after_a_locative_preposition_is_a_place_whatever_its_label() -> None:
    assert "Qamishli" in _texts("A Kurdish spokesman says Turkey fired shells near Qamishli on Tuesday.")


def test_all_capital_dateline_without_a_dash() -> None:
    found = {p.span.text: p for p in places("BEIRUT (AP) A Kurdish militia spokesman says the town was hit.")}
    assert "BEIRUT" in found and found["BEIRUT"].country_code == "LB"


def test_eu_is_a_place() -> None:
    p = by_text("The group asked EU member states to act.", "EU")
    assert p.gazetteer_id == "union:EU" and p.precision == "region"


def test_a_word_of_a_person_name_alone_is_not_a_place() -> None:
    text = "Residents elected town councillor Dewly Nelson. Nelson says the project paid off."
    assert not any(p.span.text == "Nelson" and p.span.start > 40 for p in places(text))
