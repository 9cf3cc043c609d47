"""Fused actors and quantities: one entry per identity, sources counted by copy group, partitives left out."""

from __future__ import annotations

from newsfuse.extract import actors, casualties, places, quantities, times
from newsfuse.fuse import actors as fuse_actors
from newsfuse.fuse import quantities as fuse_quantities
from newsfuse.stages import analyse_text

STAGES = [places.STAGE, times.STAGE, quantities.STAGE, casualties.STAGE, actors.STAGE]


def _a(text: str, aid: str):
    return analyse_text(text, published="2021-03-03", article_id=aid, stages=STAGES)


def test_one_target_place_under_its_names() -> None:
    a = _a("Rockets struck Ain al-Asad air base in Iraq on Wednesday.", "a")
    b = _a("Rockets struck Al Asad Airbase in Iraq on Wednesday.", "b")
    targets = [x for x in fuse_actors.actors([a, b], {"a": "a", "b": "b"}) if x["role"] == "target"]
    asad = [x for x in targets if "Asad" in x["name"]]
    assert len(asad) == 1 and asad[0]["sources"] == 2 and len(asad[0]["evidence"]) == 2, targets


def test_copies_count_once_and_mentions_do_not_count() -> None:
    text = "Kataib al-Furat denied any involvement. A spokesman said Kataib al-Furat denied any involvement."
    a, b = _a(text, "a"), _a(text, "b")
    acts = [x for x in fuse_actors.actors([a, b], {"a": "g", "b": "g"}) if x["name"] == "Kataib al-Furat"]
    assert len(acts) == 1 and acts[0]["sources"] == 1


def test_partitive_counts_are_not_quantities_of_the_event() -> None:
    a = _a("Kataib al-Furat, one of the Iran-aligned factions, denied it. At least 10 rockets hit the base.", "a")
    got = {(q["value"], q["what"]) for q in fuse_quantities.quantities([a], {"a": "a"})}
    assert (10, "rockets") in got and not any(w == "factions" for _, w in got), got
