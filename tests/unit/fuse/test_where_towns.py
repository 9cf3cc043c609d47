"""Event location: a town written with its own state keeps it, small towns read from longer names ("East Liberty",
"Central City") count as neighbourhoods, unknown towns written as datelines."""

from __future__ import annotations

from newsfuse.extract.gazetteer import load_gazetteer
from newsfuse.fuse.where import (
    FLOATING, W_NEIGHBOURHOOD, _dateline_towns, _narrowed, _neighbourhood_factor, _qualified_starts, event_location,
)
from newsfuse.model import Analysis, Article, Place, Sentence, Span

KANSAS_CITY_KS = "geonames:4273837"
LIBERTY_IL = "geonames:4242896"
CENTRAL_LA = "geonames:4319435"
NEW_ORLEANS = "geonames:4335045"
PITTSBURGH = "geonames:5206379"
BETHESDA_OH = "geonames:5147302"


def _place(aid: str, text: str, written: str, gazetteer_id: str) -> Place:
    e = load_gazetteer().get(gazetteer_id)
    assert e is not None, gazetteer_id
    start = text.index(written)
    return Place(span=Span.of(aid, text, start, start + len(written)), name=e.name, gazetteer_id=e.gazetteer_id,
                 lat=e.lat, lon=e.lon, country_code=e.country_code, admin1=e.admin1, admin2=e.admin2,
                 precision=e.precision, timezone=e.timezone)


def _analysis(aid: str, text: str, places: list[tuple[str, str]], url: str | None = None) -> Analysis:
    sentences, start = [], 0
    for part in text.split(". "):
        end = min(len(text), start + len(part) + 1)
        sentences.append(Sentence(start, end, "body"))
        start = end + 1
    return Analysis(article=Article(id=aid, text=text, url=url), sentences=tuple(sentences),
                    places=tuple(_place(aid, text, w, g) for w, g in places))


def test_a_town_written_with_its_own_state_is_pinned_and_a_bare_one_is_not() -> None:
    text = "KANSAS CITY, Kan. -- Four people were shot Friday night."
    a = _analysis("a", text, [("KANSAS CITY", KANSAS_CITY_KS)])
    items = [(p, 1.0, "text") for p in a.places]
    assert _qualified_starts(a, items) == {0}
    bare = _analysis("b", "Four people were shot in Kansas City on Friday.", [("Kansas City", KANSAS_CITY_KS)])
    assert _qualified_starts(bare, [(p, 1.0, "text") for p in bare.places]) == set()
    # another state written after it pins nothing ("Kansas City, Mo." read as the Kansas town is the reader's error)
    other = _analysis("c", "KANSAS CITY, Mo. -- Four people were shot.", [("KANSAS CITY", KANSAS_CITY_KS)])
    assert _qualified_starts(other, [(p, 1.0, "text") for p in other.places]) == set()


def test_a_pinned_town_stays_in_its_state_against_the_outlets_usual_region() -> None:
    a = _analysis("a", "KANSAS CITY, Kan. -- Four people were shot Friday night outside an apartment.",
                  [("KANSAS CITY", KANSAS_CITY_KS)], url="http://wxyz.com/story")
    loc = event_location([a], {"wxyz.com": ("US", "Missouri")})
    assert (loc["name"], loc["admin1"]) == ("Kansas City", "Kansas")


def test_a_small_town_read_from_a_longer_name_is_a_neighbourhood_a_big_city_is_not() -> None:
    text = "NEW ORLEANS -- Six people were shot Sunday in Central City. Officers also went to East Liberty."
    a = _analysis("a", text, [("NEW ORLEANS", NEW_ORLEANS), ("Central City", CENTRAL_LA), ("East Liberty", LIBERTY_IL)])
    orleans, central, liberty = a.places
    assert _narrowed(central) and _narrowed(liberty) and not _narrowed(orleans)
    assert _neighbourhood_factor(a, central) == W_NEIGHBOURHOOD
    west = _analysis("b", "Two men were shot in west Pittsburgh.", [("west Pittsburgh", PITTSBURGH)])
    assert not _narrowed(west.places[0])  # a big city's quarter is the city
    own = _analysis("c", "Two men were shot in Liberty.", [("Liberty", LIBERTY_IL)])
    assert not _narrowed(own.places[0])
    # read through another name of a small town after a compass point ("Fairmount" is one of Bethesda, Ohio's names)
    other = _analysis("d", "Four people were wounded in Northwest Fairmount.", [("Northwest Fairmount", BETHESDA_OH)])
    assert _narrowed(other.places[0])
    assert event_location([a])["name"] == "New Orleans"


def test_an_unknown_town_written_as_a_dateline_floats_and_page_furniture_does_not() -> None:
    text = "SMICKSBURG — A member of the Amish community died Thursday in an accidental shooting."
    a = _analysis("a", text, [])
    (town,) = _dateline_towns(a, set())
    assert town.name == "Smicksburg" and town.gazetteer_id == f"{FLOATING}smicksburg" and town.span.text == "SMICKSBURG"
    assert _dateline_towns(a, {0}) == []  # read already
    for furniture in ("AFTERNOON UPDATE — A man was shot.", "FILE - A man was shot.",
                      "Smicksburg — A man was shot.", "WASHINGTON — A man was shot.", "SMICKSBURG, Pa. — A man was shot."):
        assert _dateline_towns(_analysis("b", furniture, []), set()) == [], furniture


def test_a_community_of_people_or_an_estate_is_no_scene_town_a_town_is() -> None:
    from newsfuse.fuse.where import _SCENE_BEFORE, _TOWN_PREFIX

    assert _SCENE_BEFORE.search("deputies went to the gated community of ") is None
    assert _TOWN_PREFIX.match("community of Sea Colony") is None
    assert _SCENE_BEFORE.search("in the tiny town of ") and _TOWN_PREFIX.match("the village of Kokhanok")


def test_a_town_name_before_a_street_word_in_a_title_or_web_address_is_the_street() -> None:
    from newsfuse.fuse.where import _slug_places, _title_places

    text = "Four people were wounded Thursday. Police are calling it targeted."
    a = Analysis(article=Article(id="a", text=text, title="CPD investigating quadruple shooting on Baltimore Avenue",
                                 url="http://wxyz.com/news/quadruple-shooting-on-baltimore-avenue/1"),
                 sentences=(Sentence(0, len(text), "body"),))
    ohio = {("US", "Ohio")}
    assert _title_places(a, ohio, None, True) == []
    assert _slug_places(a, ohio, set()) == []
    b = Analysis(article=Article(id="b", text=text, title="Quadruple shooting in Baltimore",
                                 url="http://wxyz.com/news/quadruple-shooting-in-baltimore/1"),
                 sentences=(Sentence(0, len(text), "body"),))
    assert [p.name for p in _title_places(b, ohio, None, True)] == ["Baltimore"]
    assert [p.name for p in _slug_places(b, ohio, set())] == ["Baltimore"]


def test_page_labels_written_as_datelines_are_no_towns() -> None:
    for label in ("PHOTOS", "OPINION", "DEVELOPING", "ANALYSIS", "EDITORIAL"):
        text = f"{label} — A man was shot and killed Saturday night, police said."
        assert _dateline_towns(_analysis("p", text, []), set()) == [], label


def test_a_name_ending_in_a_street_abbreviation_is_no_town() -> None:
    for street in ("ELM AVE — A man was shot.", "PINE BLVD — A man was shot.", "OAK ST. — A man was shot."):
        assert _dateline_towns(_analysis("a", street, []), set()) == [], street
    (town,) = _dateline_towns(_analysis("b", "SMICKSBURG — A man was shot.", []), set())  # a town's own name
    assert town.name == "Smicksburg"


def test_an_untagged_scene_name_is_read_whole_with_its_inner_capital() -> None:
    from newsfuse.fuse.where import UNTAGGED, _untagged_scene_towns

    a = _analysis("a", "A man was wounded in rural McGregor on Saturday, Iowa deputies said.",
                  [("Iowa", "iso3166-2:US-IA")])
    assert [(t.span.text, t.gazetteer_id) for t in _untagged_scene_towns(a)] == [("McGregor", f"{UNTAGGED}mcgregor")]
    assert event_location([a])["name"] == "McGregor"
    # a name cut inside a word is no name
    b = _analysis("b", "A man was wounded in rural Mcgregor-ville on Saturday.", [])
    assert [t.span.text for t in _untagged_scene_towns(b)] == ["Mcgregor-ville"]
    c = _analysis("c", "A man was wounded in rural MCG3 on Saturday.", [])
    assert _untagged_scene_towns(c) == []


def test_the_scene_cues_take_linear_time_on_long_runs_of_initials() -> None:
    import time

    from newsfuse.fuse.where import _SCENE_BEFORE, _UNTAGGED_CUE

    for unit in ("A-", "A.", "A'", "1."):
        text = unit * 50_000  # 100 KB: minutes each before the street's name was bounded
        t0 = time.perf_counter()
        assert not list(_UNTAGGED_CUE.finditer(text)) and not list(_SCENE_BEFORE.finditer(text))
        assert time.perf_counter() - t0 < 5.0, unit


def test_a_community_of_people_is_no_untagged_scene_town_and_sainte_folds_like_saint() -> None:
    from newsfuse.fuse.where import _county_key, _untagged_scene_towns

    a = _analysis("a", "Deputies were called to the gated community of Sea Colony on Sunday.", [])
    assert _untagged_scene_towns(a) == []
    assert _county_key("Sainte Genevieve County") == _county_key("Ste. Genevieve County") == \
        _county_key("St. Genevieve County")
