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


def test_web_address_words_are_no_postal_towns() -> None:
    assert not any(e.gazetteer_id.startswith("zip:") for e in _slug_towns("smicksburg"))


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


MONROE_LA, MONROE_CT = "geonames:4333669", "zip:CT:monroe"
HOUSTON_TX, HOUSTON_AR = "geonames:4699066", "zip:AR:houston"


def test_a_town_written_as_the_scene_moves_to_a_postal_town_of_its_name_in_the_events_region() -> None:
    from tests.unit.fuse.test_where_kinds import _place

    from newsfuse.fuse.where import _rehome

    text = "A boy was shot in Monroe on Sunday. Monroe is a quiet town."
    cued, bare = _place("a", text, "Monroe", MONROE_LA), _place("a", text, "Monroe", MONROE_LA, 1)
    assert _rehome(cued, ("US", "Connecticut"), cued=True).gazetteer_id == MONROE_CT
    assert _rehome(bare, ("US", "Connecticut")).gazetteer_id == MONROE_LA  # uncued: no postal town


def test_a_big_city_written_as_the_scene_keeps_its_sense_over_a_postal_town_of_the_events_region() -> None:
    from tests.unit.fuse.test_where_kinds import _place

    from newsfuse.fuse.where import _rehome

    text = "HOUSTON - A man who opened fire inside a restaurant was arrested."
    houston = _place("a", text, "HOUSTON", HOUSTON_TX)
    assert _rehome(houston, ("US", "Arkansas"), cued=True).gazetteer_id == HOUSTON_TX


def _where(text: str) -> dict:
    from newsfuse.extract.places import STAGE
    from newsfuse.fuse.where import event_location
    from newsfuse.stages import analyse_text

    return event_location([analyse_text(text, article_id="r", stages=[STAGE])])


def test_a_smaller_town_written_as_no_scene_leaves_the_dateline_where_the_shooting_was() -> None:
    # a workplace, an arrest, an earlier party, a school: "in <town>" in a sentence with a shooting word is no scene
    for text, town in (
            ("CANTON, Ohio - A woman was shot Sunday at her home on Market Avenue. The woman, who works in North "
             "Canton, was wounded in the arm.", "Canton"),
            ("CANTON, Ohio - A woman was shot Sunday at her home on Market Avenue. The suspect, who was arrested in "
             "North Canton, fired four shots.", "Canton"),
            ("LIMA, Ohio - A teenager was shot Saturday night on North Street. The teen had been at a party in Elida "
             "before the shooting.", "Lima"),
            ("NEWPORT, Tenn. (WATE) - A man was shot outside a store on Cosby Highway on Sunday. The man shot was a "
             "teacher at a school in Parrottsville.", "Newport")):
        assert _where(text)["name"] == town, text


def test_a_big_citys_neighbourhood_does_not_move_to_a_postal_town_of_its_name() -> None:
    # "Burnside" of Chicago is no postal town 300 km off, "Brookline" of Pittsburgh no ZIP code's own town
    for text, city in (
            ("CHICAGO (WLS) - A man was shot in the 9100 block of South Cottage Grove Avenue in Burnside on Sunday "
             "night, police said.", "Chicago"),
            ("PITTSBURGH (KDKA) - A man was shot on Pioneer Avenue in Brookline on Sunday night, police said.",
             "Pittsburgh")):
        assert _where(text)["name"] == city, text


def test_near_a_named_big_city_a_scene_moves_only_to_a_zip_codes_own_town_within_its_sections() -> None:
    from tests.unit.fuse.test_where_kinds import _place

    from newsfuse.fuse.where import _postal_move_allowed

    text = "Nashville Pittsburgh Chicago Madison Brookline Burnside"
    nashville, pittsburgh, chicago = (_place("a", text, "Nashville", "geonames:4644585"),
                                      _place("a", text, "Pittsburgh", "geonames:5206379"),
                                      _place("a", text, "Chicago", "geonames:4887398"))
    madison = _place("a", text, "Madison", "zip:TN:madison")
    assert _postal_move_allowed(madison, [nashville]) and _postal_move_allowed(madison, [])
    assert not _postal_move_allowed(_place("a", text, "Brookline", "zip:PA:brookline"), [pittsburgh])
    assert not _postal_move_allowed(_place("a", text, "Burnside", "zip:IL:burnside"), [chicago])


def test_a_town_read_abroad_moves_to_a_postal_town_of_its_name_in_the_events_region_cued_or_not() -> None:
    from tests.unit.fuse.test_where_kinds import _place

    from newsfuse.fuse.where import _rehome

    text = "Berlin police are investigating the death of a teen. Berlin residents are mourning."
    bare = _place("a", text, "Berlin", "geonames:2950159")  # Berlin, Germany: millions of people, no scene cue
    assert _rehome(bare, ("US", "Connecticut")).gazetteer_id == "zip:CT:berlin"
    # a big town of the same country stays where it was read ("HOUSTON -" of an Arkansas station)
    assert _rehome(_place("a", "HOUSTON - A man was shot.", "HOUSTON", HOUSTON_TX), ("US", "Arkansas"),
                   cued=True).gazetteer_id == HOUSTON_TX


def test_a_town_read_abroad_stays_abroad_when_the_text_names_its_country() -> None:
    from tests.unit.fuse.test_where_kinds import _analysis

    from newsfuse.fuse.where import event_location

    text = ("HARTFORD, Conn. (AP) — A Connecticut man was shot and killed in Berlin, Germany, on Saturday, German "
            "police said. The man, 34, of New Britain, was visiting friends.")
    a = _analysis("a", text, [("HARTFORD", "geonames:4835797"), ("Connecticut", "iso3166-2:US-CT"),
                              ("Berlin", "geonames:2950159"), ("Germany", "iso3166:DE"),
                              ("New Britain", "geonames:4839292")])
    assert event_location([a])["gazetteer_id"] != "zip:CT:berlin"
