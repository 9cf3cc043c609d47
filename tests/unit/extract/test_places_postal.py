"""Postal towns (ZIP-code towns GeoNames lacks, `gazetteer.is_postal`): resolved only where the article supports them."""

from __future__ import annotations

from newsfuse.extract.gazetteer import is_postal, load_gazetteer
from newsfuse.extract.places import STAGE
from newsfuse.model import Place
from newsfuse.stages import analyse_text


def places(text: str) -> tuple[Place, ...]:
    return analyse_text(text, stages=[STAGE]).places


def named(found: tuple[Place, ...], text: str) -> list[Place]:
    return [p for p in found if p.span.text == text]


def test_a_town_written_with_its_state_is_the_postal_town() -> None:
    found = places("A baby was shot on Monday at a home in Elmo, Missouri, deputies said. Neighbours in Elmo were shocked.")
    elmo = named(found, "Elmo")
    assert len(elmo) == 2 and all(p.gazetteer_id == "zip:MO:elmo" for p in elmo)
    assert (elmo[0].admin1, elmo[0].admin2, elmo[0].precision) == ("Missouri", "Nodaway County", "city")
    assert elmo[0].lat is not None and 40.0 < elmo[0].lat < 41.0


def test_a_dateline_of_a_hamlet_with_its_state() -> None:
    p = named(places("PELZER, S.C. (AP) — A man was shot outside a store on Sunday."), "PELZER")[0]
    assert p.gazetteer_id == "zip:SC:pelzer" and p.admin1 == "South Carolina"


def test_a_bare_hamlet_needs_its_state_in_the_article_and_a_place_cue() -> None:
    # the article's other places lie in Pennsylvania, and "of Smicksburg" writes it as a place
    text = "A boy was shot near Indiana, Pennsylvania. The victim is Allen Troyer, of Smicksburg."
    p = named(places(text), "Smicksburg")
    assert p and p[0].gazetteer_id == "zip:PA:smicksburg"
    # no state of its in the article: no postal town (the name stays unresolved, if kept at all)
    q = named(places("The victim is Allen Troyer, of Smicksburg, police in Lyon, France said."), "Smicksburg")
    assert all(not (p.gazetteer_id or "").startswith("zip:") for p in q)


def test_a_postal_town_never_outranks_a_geonames_town_without_support() -> None:
    # Madison is a postal town of Tennessee (Nashville's), but alone it is the big city of Wisconsin
    p = named(places("A man was shot in Madison on Friday."), "Madison")[0]
    assert not is_postal(load_gazetteer().get(p.gazetteer_id))  # type: ignore[arg-type]


def test_a_name_only_a_postal_town_has_is_recognised_after_a_locative_where_its_state_is_named() -> None:
    text = "ANDERSON, S.C. — Deputies say two victims were found at a home off Highway 8 in Pelzer on Wednesday."
    p = named(places(text), "Pelzer")
    assert p and p[0].gazetteer_id == "zip:SC:pelzer"
    # no state of its named: not recognised at all (an unknown one-word name would be noise)
    assert not named(places("Two victims were found at a home in Pelzer on Wednesday, police in Lyon said."), "Pelzer")


def test_a_name_recognised_as_a_postal_town_means_that_town_or_nothing() -> None:
    from newsfuse.extract.gazetteer import Gazetteer
    from newsfuse.extract.places import _Name, _resolve_all

    gaz: Gazetteer = load_gazetteer()
    # "Stokes" is a postal town of North Carolina and GeoNames' towns elsewhere: recognised through the postal town, a
    # name of an article about England is none of them
    names = [_Name(0, 6, "Stokes", postal=True), _Name(10, 17, "England")]
    (stokes, _), (england, _) = _resolve_all(names, gaz, None)
    assert stokes is None and england is not None and england.country_code == "GB"


def test_a_postal_town_never_takes_the_name_of_a_foreign_city_a_country_or_a_big_city_of_another_state() -> None:
    from newsfuse.stages import analyse_text

    cases = [
        ("A Houston, Texas man was detained in Moscow on Friday, his family said.", "Moscow", "RU"),
        ("A Dallas, Texas woman was stabbed in London last week.", "London", "GB"),
        ("An Indianapolis, Indiana woman died while on holiday in Ireland.", "Ireland", "IE"),
        ("A Chicago, Illinois man was shot in Detroit on Sunday.", "Detroit", "US"),
    ]
    for text, name, cc in cases:
        a = analyse_text(text)
        (p,) = [p for p in a.places if p.span.text == name]
        assert p.country_code == cc and not (p.gazetteer_id or "").startswith("zip:"), (text, p.gazetteer_id)


def test_a_dateline_of_the_postal_towns_state_lets_it_keep_a_name_a_big_city_elsewhere_has() -> None:
    from newsfuse.stages import analyse_text

    a = analyse_text("LIVINGSTON, Texas — A man was shot in Moscow on Saturday, the Polk County Sheriff's Office said. "
                     "The victim was flown to a hospital in Houston.")
    (p,) = [p for p in a.places if p.span.text == "Moscow"]
    assert p.gazetteer_id == "zip:TX:moscow"
