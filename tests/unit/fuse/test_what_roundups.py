"""Fusion: an event only round-ups report takes the wounded of the round-up's largest single shooting."""

from __future__ import annotations

import re

import pytest

from newsfuse.extract import casualties, participants, quantities
from newsfuse.fuse import what
from newsfuse.stages import analyse_text

STAGES = [quantities.STAGE, casualties.STAGE, participants.STAGE]

ROUNDUP = (
    "At least 15 people were shot in shootings across the city between Sunday afternoon and early Monday, police said.\n\n"
    "The largest shooting occurred in West Englewood, when four men were shot in the 6700 block of South Winchester.\n\n"
    "Later, a 20-year-old man was shot in the leg, police said."
)
SINGLE = "Four men were wounded in a shooting in West Englewood on Sunday. Two others were hurt by glass, police said."


def test_an_event_only_roundups_report_takes_their_largest_shooting() -> None:
    a = analyse_text(ROUNDUP, published="2016-08-01", article_id="r", stages=STAGES)
    out = what.casualties([a], {})
    assert what.ROUNDUP_SHOOTING_COUNT
    assert out["injured"]["value"] == 4  # not the round-up's 15
    (rep,) = out["injured"]["reports"]
    assert rep["roundup"] and rep["evidence"][0]["text"] == "four men were shot"
    assert out["fatalities"]["value"] is None  # ROUNDUP_NULL_KINDS: a round-up's dead are not this event's


def test_a_single_incident_source_is_read_before_a_roundup() -> None:
    r = analyse_text(ROUNDUP, published="2016-08-01", article_id="r", stages=STAGES)
    s = analyse_text(SINGLE, published="2016-08-01", article_id="s", stages=STAGES)
    out = what.casualties([r, s], {})
    assert out["injured"]["value"] == 4
    assert [x["article"] for x in out["injured"]["reports"] if not x.get("roundup")] == ["s"]


def test_same_person_across_spellings() -> None:
    assert what.SAME_PERSON_TOLERANT
    # one typing slip in the surname, with the same first name
    assert what.same_person("Kodi Prunner", "Kodi Pruner")
    assert what.same_person("Min Haung", "Min Huang")
    assert what.same_person("Rolandreon Fisher", "Rolandreon Marquis Fischer")
    # one surname a part of the other
    assert what.same_person("Filogonio Rivera", "Filogonio Rivera-Camacho")
    # a first name among the other's given names
    assert what.same_person("Cade Booher", "William Cade Booher")
    assert what.same_person("James Roy Ralston", "Roy Ralston")
    # not: other first names, short surnames apart, or a slip with another first name
    assert not what.same_person("John Lee", "John Lea")
    assert not what.same_person("Mary Morris", "John Mooris")
    assert not what.same_person("Ronald Williams", "Deandre Smith")


def test_an_arrested_suspect_is_arrested_whatever_the_sentence_says() -> None:
    a = analyse_text(
        "Jalen Everett, 19, was arrested and charged in the killing of Tom Rice, 20, who was shot and killed on Friday.",
        published="2016-08-01", article_id="a", stages=STAGES,
    )
    people = {p["name"]: p for p in what.participants([a], {}, (1, 0))}
    assert what.SUSPECT_ARRESTED_FIRST
    assert people["Jalen Everett"]["role"] == "suspect"
    assert people["Jalen Everett"]["status"] == "arrested"
    assert people["Tom Rice"]["status"] == "killed"


def test_names_one_letter_apart_are_two_people_when_their_ages_differ_or_their_first_letters_do() -> None:
    assert what.same_person("Kodi Prunner", "Kodi Pruner")
    assert not what.same_person("Brian Parker", "Brian Barker")  # a slip does not change the first letter
    a = analyse_text("Brian Parker, 19, was shot and killed on Sunday. Kevin Moss, 45, was wounded.",
                     published="2016-08-01", article_id="a", stages=STAGES)
    b = analyse_text("Brian Barker, 24, was shot and killed on Sunday. Kevin Moss, 45, was wounded.",
                     published="2016-08-01", article_id="b", stages=STAGES)
    names = {p["name"] for p in what.participants([a, b], {}, (2, 1))}
    assert {"Brian Parker", "Brian Barker"} <= names


def test_a_roundup_telling_no_single_shooting_gives_its_own_count(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Five people have been wounded in a shootout at a Colorado Springs bar. Police said the shootings occurred "
            "Sunday morning. None of the injuries are considered life-threatening.")
    a = analyse_text(text, title="5 people wounded in Colorado Springs shootings", published="2016-08-01", article_id="r", stages=STAGES)
    assert what.ROUNDUP_LEAD_FALLBACK
    assert what.casualties([a], {})["injured"]["value"] == 5
    monkeypatch.setattr(what, "ROUNDUP_LEAD_FALLBACK", False)
    assert what.casualties([a], {})["injured"]["value"] is None


@pytest.mark.parametrize(
    "title, text",
    [
        ("Spate of shootings leaves 8 wounded", "Eight people were shot in a spate of shootings overnight. Police have made no arrests."),
        ("Nine hurt in rash of shootings", "Police said nine people were injured in a rash of gunfire overnight. No arrests were made."),
        ("Five wounded in overnight shootings", "Five people were hurt in overnight shootings on the South Side."),
        ("Police investigate 3 weekend shootings", "Six people were wounded over the weekend, police said. No arrests have been made."),
        ("Weekend violence leaves six hurt", "Six people were wounded during a violent weekend, police said. No arrests have been made."),
        ("Seven shot in string of shootings", "Seven people were shot in a string of shootings Tuesday night. No arrests."),
    ],
)
def test_a_roundup_of_several_shootings_gives_no_total_as_its_own_count(title: str, text: str) -> None:
    # the text's count is one only when the bare plural "wounded in X shootings" is the one round-up cue
    a = analyse_text(text, title=title, published="2016-08-01", article_id="r", stages=STAGES)
    assert casualties.is_roundup(a)
    assert what.casualties([a], {})["injured"]["value"] is None


def test_several_shootings_told_in_the_text_keep_a_bare_plural_roundup_countless(monkeypatch: pytest.MonkeyPatch) -> None:
    a = analyse_text("Five people were hurt in unrelated incidents on the South Side, police said.",
                     title="Five wounded in South Side shootings", published="2016-08-01", article_id="r", stages=STAGES)
    assert casualties.roundup_by_plural_only(a)
    assert what.casualties([a], {})["injured"]["value"] is None
    monkeypatch.setattr(what, "_SEVERAL_TOLD", re.compile(r"(?!x)x"))
    assert what.casualties([a], {})["injured"]["value"] == 5
