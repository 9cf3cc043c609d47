"""Fusion: the injured read with their own count rule, participants of recalled happenings."""

from __future__ import annotations

import pytest

from newsfuse.extract import casualties, participants, quantities
from newsfuse.fuse import what
from newsfuse.stages import analyse_text

STAGES = [quantities.STAGE, casualties.STAGE, participants.STAGE]


def _a(text: str, aid: str, published: str) -> object:
    return analyse_text(text, published=published, article_id=aid, stages=STAGES)


def test_injured_take_the_middle_count_and_the_dead_the_latest() -> None:
    arts = [
        _a("Two people were killed and three people were wounded.", "a", "2020-01-08"),
        _a("Two people were killed and four people were wounded.", "b", "2020-01-08"),
        _a("Three people were killed and one person was wounded, police said.", "c", "2020-01-09"),
    ]
    out = what.casualties(arts, {})
    assert what.INJURED_COUNT_RULE == "median" and what.COUNT_RULE == "min_latest"
    # the dead: the latest report (3); the injured: the lower middle of 1, 3, 4 (3), not the latest (1)
    assert out["fatalities"]["value"] == 3
    assert out["injured"]["value"] == 3
    # an explicit rule applies to both kinds, as eval.gva_facts compares them
    assert what.casualties(arts, {}, rule="min_latest")["injured"]["value"] == 1


def test_participants_of_recalled_happenings_left_out_given_the_event_day() -> None:
    from newsfuse.extract import pubdate, times

    text = ("John Smith, 23, was shot and killed on Wednesday, police said. "
            "In January, Mark Jones, 31, was shot and killed in the same block.")
    a = analyse_text(text, published="2021-03-04", article_id="a", stages=[pubdate.STAGE, times.STAGE, casualties.STAGE, participants.STAGE])
    everyone = {p["name"] for p in what.participants([a], {})}
    assert {"John Smith", "Mark Jones"} <= everyone  # without the event's day nothing is background
    named = {p["name"] for p in what.participants([a], {}, event_date="2021-03-03")}
    assert "John Smith" in named and "Mark Jones" not in named


def test_a_floor_of_the_wounded_yields_to_a_higher_exact_count(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [
        _a("At least four people were shot outside a party, police said.", "a", "2020-01-08"),
        _a("Five people were shot outside a party, police said.", "b", "2020-01-08"),
    ]
    assert what.FLOORS_YIELD
    assert what.casualties(arts, {})["injured"]["value"] == 5  # "at least four" is met by five: not the lower middle
    monkeypatch.setattr(what, "FLOORS_YIELD", False)
    assert what.casualties(arts, {})["injured"]["value"] == 4


def test_a_floor_is_raised_to_the_smallest_exact_count_above_it_not_dropped() -> None:
    # "at least four" beside five and three: an exact count falls below the floor, so the floor keeps its vote (the
    # middle of 3, 4, 5), not dropped so that the lower middle of 3, 5 is 3
    arts = [
        _a("At least four people were shot outside a party, police said.", "a", "2020-01-08"),
        _a("Five people were shot outside a party, police said.", "b", "2020-01-08"),
        _a("Three people were shot outside a party, police said.", "c", "2020-01-08"),
    ]
    assert what.casualties(arts, {})["injured"]["value"] == 4
    # a floor met only by higher exact counts is raised to the smallest of them (not to the largest)
    arts = [
        _a("At least two people were wounded in the shooting, police said.", "a", "2020-01-08"),
        _a("Three people were wounded in the shooting, police said.", "b", "2020-01-08"),
        _a("Seven people were wounded in the shooting, police said.", "c", "2020-01-08"),
    ]
    assert what.casualties(arts, {})["injured"]["value"] == 3
