"""Postal towns (`gazetteer.is_postal`) in the event location."""

from __future__ import annotations

from newsfuse.fuse import where
from newsfuse.fuse.where import FLOATING, _dateline_towns, _slug_towns
from newsfuse.model import Analysis, Article, Sentence


def _analysis(text: str, url: str | None = None) -> Analysis:
    art = Article(id="a", text=text, url=url)
    return Analysis(article=art, sentences=(Sentence(0, len(text), "body"),), places=())


def test_a_dateline_that_only_a_postal_town_names_still_floats_to_the_events_region() -> None:
    # the places stage leaves "SMICKSBURG" unresolved when no state supports it: the event's region takes it then
    towns = _dateline_towns(_analysis("SMICKSBURG — A member of the Amish community died after a shooting."), set())
    assert [(t.name, t.gazetteer_id) for t in towns] == [("Smicksburg", f"{FLOATING}smicksburg")]


def test_web_address_words_are_no_postal_towns_unless_switched_on() -> None:
    assert not any(e.gazetteer_id.startswith("zip:") for e in _slug_towns("smicksburg"))
    _slug_towns.cache_clear()
    where.POSTAL_IN_SLUGS = True
    try:
        assert any(e.gazetteer_id == "zip:PA:smicksburg" for e in _slug_towns("smicksburg"))
    finally:
        where.POSTAL_IN_SLUGS = False
        _slug_towns.cache_clear()


def test_a_town_that_is_a_zip_codes_own_town_does_not_yield_to_the_big_city_next_to_it(monkeypatch) -> None:
    from tests.unit.fuse.test_where_kinds import _analysis, _place

    from newsfuse.extract.gazetteer import load_gazetteer
    from newsfuse.fuse.where import event_location

    littleton, denver = "geonames:5429032", "geonames:5419384"
    assert load_gazetteer().is_postal_city(littleton) and not load_gazetteer().is_postal_city("geonames:4168459")
    text = "A man was shot in Littleton on Sunday. Littleton deputies and Denver police said he died."
    a = _analysis("a", text, [("Littleton", littleton), ("Denver", denver)])
    a = a.with_(places=a.places + (_place("a", text, "Littleton", littleton, 1),))
    assert event_location([a])["name"] == "Littleton"
    monkeypatch.setattr(where, "POSTAL_CITY_NOT_SUBURB", False)  # the big-neighbour rule alone: Denver
    assert event_location([a])["name"] == "Denver"
