"""Fused actors: descriptions of one victim merged, an unnamed perpetrator has no name, places by gazetteer id."""

from __future__ import annotations

import jsonschema

from newsfuse.extract import actors, casualties, places, times
from newsfuse.fuse import actors as fuse_actors
from newsfuse.fuse.actors import _describes_same, _words
from newsfuse.stages import analyse_text
from newsfuse.store.schema import event_schema

STAGES = [places.STAGE, times.STAGE, casualties.STAGE, actors.STAGE]


def _a(text: str, aid: str):
    return analyse_text(text, published="2021-03-03", article_id=aid, stages=STAGES)


def test_descriptions_of_one_victim_are_one_actor() -> None:
    a = _a("Rockets hit the base on Wednesday, killing a US civilian contractor.", "a")
    b = _a("Rockets hit the base on Wednesday. An American civilian contractor was killed.", "b")
    c = _a("Rockets hit the base on Wednesday. The contractor died of a heart attack.", "c")
    acts = fuse_actors.actors([a, b, c], {"a": "a", "b": "b", "c": "c"})
    victims = [x for x in acts if x["role"] == "victim"]
    assert len(victims) == 1, victims
    v = victims[0]
    assert v["sources"] == 3 and len(v["evidence"]) == 3
    assert {n.lower() for n in [v["name"], *v["aliases"]]} >= {"a us civilian contractor", "an american civilian contractor"}


def test_different_numbers_and_different_people_stay_apart() -> None:
    assert not _describes_same(_words("20 people"), _words("30 people"))
    assert not _describes_same(_words("a US soldier"), _words("a civilian contractor"))
    assert not _describes_same(_words("two civilians"), _words("a civilian"))
    assert _describes_same(_words("a civilian"), _words("a U.S. civilian contractor"))
    assert _describes_same(_words("the contractor"), _words("One civilian contractor"))
    assert _words("at least 40 people") == (40, frozenset({"people"}))


def test_unclaimed_attack_is_one_unnamed_perpetrator_beside_a_claim() -> None:
    a = _a("No group has claimed responsibility for the attack on the base.", "a")
    b = _a("No one has yet claimed the attack on the base.", "b")
    c = _a("A little-known group, Saraya Awliya al-Dam, claimed responsibility for the attack.", "c")
    acts = fuse_actors.actors([a, b, c], {"a": "a", "b": "b", "c": "c"})
    unnamed = [x for x in acts if x["role"] == "perpetrator" and x["name"] is None]
    assert len(unnamed) == 1 and unnamed[0]["status"] == "unknown" and unnamed[0]["sources"] == 2, acts
    assert any(x["status"] == "claimed" and x["name"] and "Saraya" in x["name"] for x in acts), acts
    assert fuse_actors.label(unnamed[0]) == fuse_actors.UNNAMED_LABEL
    schema = event_schema()
    jsonschema.validate(acts, {"$defs": schema.get("$defs", {}), **schema["properties"]["actors"]})


def test_bare_noun_target_joins_the_named_place_it_heads() -> None:
    a = _a("Rockets struck Ain al-Asad air base in Iraq on Wednesday.", "a")
    b = _a("Militants launched an attack on the base on Wednesday, officials said.", "b")
    targets = [x for x in fuse_actors.actors([a, b], {"a": "a", "b": "b"}) if x["role"] == "target"]
    asad = [x for x in targets if x["name"] and "Asad" in x["name"]]
    assert len(asad) == 1 and asad[0]["sources"] == 2 and not any(x["name"] == "base" for x in targets), targets


def test_perpetrators_are_merged_only_by_equal_names() -> None:
    a = _a("Iraqi officials blamed militias for the attack on the base.", "a")
    b = _a("US officials blamed Iran-backed militias for the attack.", "b")
    perps = sorted(x["name"] for x in fuse_actors.actors([a, b], {"a": "a", "b": "b"}) if x["role"] == "perpetrator")
    assert perps == ["Iran-backed militias", "militias"], perps
