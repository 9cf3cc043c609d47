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
    unnamed = [x for x in acts if x.get("unnamed")]
    assert len(unnamed) == 1 and unnamed[0]["status"] == "unknown" and unnamed[0]["sources"] == 2, acts
    assert unnamed[0]["name"] == fuse_actors.UNNAMED_NAME and unnamed[0]["role"] == "perpetrator"
    assert any(x["status"] == "claimed" and "Saraya" in x["name"] for x in acts), acts
    schema = event_schema()
    jsonschema.validate(acts, {"$defs": schema.get("$defs", {}), **schema["properties"]["actors"]})


def test_bare_noun_target_joins_the_named_place_it_heads() -> None:
    a = _a("Rockets struck Ain al-Asad air base in Iraq on Wednesday.", "a")
    b = _a("Militants launched an attack on the base on Wednesday, officials said.", "b")
    targets = [x for x in fuse_actors.actors([a, b], {"a": "a", "b": "b"}) if x["role"] == "target"]
    asad = [x for x in targets if "Asad" in x["name"]]
    assert len(asad) == 1 and asad[0]["sources"] == 2 and not any(x["name"] == "base" for x in targets), targets


def test_perpetrators_are_merged_only_by_equal_names() -> None:
    a = _a("Iraqi officials blamed militias for the attack on the base.", "a")
    b = _a("US officials blamed Iran-backed militias for the attack.", "b")
    perps = sorted(x["name"] for x in fuse_actors.actors([a, b], {"a": "a", "b": "b"}) if x["role"] == "perpetrator")
    assert perps == ["Iran-backed militias", "militias"], perps


def test_descriptions_that_cannot_be_one_person() -> None:
    assert not _describes_same(_words("1,000 protesters"), _words("2,000 protesters"))
    assert _words("a 25-year-old man") == (1, frozenset({"man"}))
    assert _describes_same(_words("a 25-year-old man"), _words("A man"))
    assert not _describes_same(_words("The boy's father"), _words("A boy"))
    assert not _describes_same(_words("a man and a woman"), _words("a man"))
    assert _describes_same(_words("a United States contractor"), _words("an American contractor"))
    assert _describes_same(_words("Dozens of protesters"), _words("37 protesters"))


def test_a_bare_noun_joins_no_place_when_two_are_so_named() -> None:
    a = _a("Rockets struck Ain al-Asad air base in Iraq on Wednesday.", "a")
    b = _a("Rockets struck Balad air base in Iraq on Wednesday.", "b")
    c = _a("Militants launched an attack on the base on Wednesday, officials said.", "c")
    targets = [x for x in fuse_actors.actors([a, b, c], {"a": "a", "b": "b", "c": "c"}) if x["role"] == "target"]
    assert any(x["name"] == "base" for x in targets), targets


def test_the_name_is_the_fullest_description_whatever_the_order() -> None:
    a = _a("Militants launched an attack on the base on Wednesday, officials said.", "a")
    b = _a("Militants launched another attack on the base on Wednesday.", "b")
    c = _a("Rockets struck Ain al-Asad air base in Iraq on Wednesday.", "c")
    groups = {"a": "a", "b": "b", "c": "c"}

    def summary(acts: list[dict]) -> list[tuple]:
        return sorted((x["name"], x["role"], x["status"], x["sources"], tuple(x["aliases"])) for x in acts)

    first = fuse_actors.actors([a, b, c], groups)
    assert summary(first) == summary(fuse_actors.actors([c, b, a], groups)) == summary(fuse_actors.actors([b, c, a], groups))
    asad = next(x for x in first if x["role"] == "target" and "Asad" in x["name"])
    assert asad["name"] == "Ain al-Asad air base" and asad["sources"] == 3 and "base" in asad["aliases"], first


def test_a_bare_count_of_people_is_no_actor() -> None:
    a = _a("A contractor was killed and nine people were wounded when rockets hit the airport on Monday.", "a")
    b = _a("Rockets hit the airport on Monday, killing a contractor and wounding five other people.", "b")
    acts = fuse_actors.actors([a, b], {"a": "a", "b": "b"})
    names = [x["name"].lower() for x in acts]
    assert not any(n.endswith("people") for n in names), names
    assert any("contractor" in n for n in names), names


def test_people_detained_at_a_protest_are_its_targets_not_suspects() -> None:
    text = "Police detained dozens of protesters in the square on Wednesday and fired tear gas."
    a = _a(text, "a")
    at_protest = fuse_actors.actors([a], {"a": "a"}, event_type="Protests")
    assert any(x["role"] == "target" and x["status"] == "confirmed" and "protesters" in x["name"] for x in at_protest)
    assert not any(x["role"] == "suspect" for x in at_protest)
    # the same arrests after a shooting are of suspects
    elsewhere = fuse_actors.actors([a], {"a": "a"}, event_type="Violence against civilians")
    assert any(x["role"] == "suspect" and "protesters" in x["name"] for x in elsewhere)


def test_a_man_arrested_at_a_protest_for_an_attack_stays_a_suspect() -> None:
    a = _a("Police arrested a man who stabbed a protester at the march on Wednesday.", "a")
    acts = fuse_actors.actors([a], {"a": "a"}, event_type="Protests")
    assert not any(x["role"] == "target" and "man" in x["name"].split() for x in acts), acts


def test_a_day_is_no_actor() -> None:
    a = _a("Police detained dozens of protesters in the square on Wednesday and fired tear gas.", "a")
    assert not any(x.name == "Wednesday" for x in a.actors)


def test_residents_and_lawyers_detained_at_a_protest_are_its_targets() -> None:
    from newsfuse.fuse.actors import _GATHERED

    for name in ("residents", "dozens of lawyers", "several people", "pensioners", "rights defenders"):
        assert _GATHERED.search(name), name
    assert not _GATHERED.search("a man")
