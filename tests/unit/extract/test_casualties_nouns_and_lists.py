"""Casualties: one noun table, compound person nouns, others shot beside the dead, fatal wounds, lists that
died, dates of birth and statistics sentences."""

from __future__ import annotations

import re

import pytest

from newsfuse.extract import casualties
from newsfuse.stages import analyse_text
from tests.unit.extract.test_casualties import _totals


def _reports(text: str) -> list[tuple[str, int | None, str | None]]:
    a = analyse_text(text, stages=[casualties.STAGE])
    for r in a.casualties:
        assert a.article.text[r.span.start:r.span.end] == r.span.text
    return [(r.kind, r.value, r.who) for r in a.casualties]


def test_one_singular_noun_table() -> None:
    # the nouns SINGULAR once listed apart from SG_NOUN ("stepson", "passenger", "bystander", "clerk") and the other way
    # round ("neighbor", "roommate", "adult") are read by both
    sg = re.compile(rf"(?i)^{casualties.SG_NOUN}$")
    for noun in ("stepson", "passenger", "bystander", "clerk", "neighbor", "neighbour", "roommate", "adult", "man"):
        assert sg.match(noun), noun
    assert ("injured", 1, "a 40-year-old bystander") in _reports("Police said a 40-year-old bystander was wounded.")
    assert ("injured", 1, "his roommate") in _reports("Police said his roommate was wounded in the leg.")


@pytest.mark.parametrize(
    "text, who",
    [
        ("A rocket attack in mid-February killed a civilian contractor and wounded several people.", "a civilian contractor"),
        ("The rockets killed a US civilian contractor on Wednesday.", "a US civilian contractor"),
        ("Militants shot a police officer on Monday.", "a police officer"),
    ],
)
def test_a_compound_person_noun_is_read_whole(text: str, who: str) -> None:
    whos = [w for _, _, w in _reports(text)]
    assert who in whos, whos


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # people shot named as others are the wounded besides the dead, not a total the dead come out of
        ("A District man died Tuesday night after he and four others were shot in front of a home.", 1, 4),
        ("Police believe Loyd shot and killed Destacia Straughn and her daughter. Three others were also shot.", 2, 3),
        # ... while a plain total still has the dead taken out
        ("Four people were shot and one of them died.", 1, 3),
        # "the other man" is not the dead one on the way to dying
        ("A gunman opened fire, killing Carlton Lewis and critically wounding the other man.", 1, 1),
        # a definite someone "also shot" beside three dead
        ("Officials say Angelina Benton, Raynord Daniel and Joseph McDonald were killed. The woman's 23-year-old boyfriend was also shot in his leg.", 3, 1),
        # a fatal wound is a death
        ("According to their investigation, a 20-year-old woman suffered a fatal gunshot wound.", 1, None),
        ("The man suffered non-life-threatening injuries.", None, 1),
        # a list that died
        ("The medical examiner says 61-year-old Joezell Williams, 29-year-old Bryan Williams and 40-year-old Kevin Perryman died of gunshot wounds.", 3, None),
        # a year of birth does not make a sentence about another event; a year's statistics do
        ("Two men, both born in 1990, were treated for non-life-threatening injuries.", None, 2),
        ("One hundred people have been shot in the first 41 days of 2017, 24 have been fatally shot.", None, None),
        # the wounding told on the way to the death
        ("A 21-year-old man who was shot multiple times died at the scene.", 1, 0),
        # two indefinite singulars joined in one sentence are two people
        ("A juvenile was killed and a pizza delivery driver was shot on the job Thursday.", 1, 1),
        ("A man was shot Sunday. A man died at the hospital.", 1, 0),
        # "two more who were injured"
        ("Investigators identified two people found dead and two more who were injured inside a home.", 2, 2),
    ],
)
def test_nouns_and_lists_totals(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_flags_off_restore_the_earlier_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    # (a count of others on its own: "he and four others" is now read as a list of five people hit)
    assert _totals("A District man died Tuesday night. Four others were shot in front of the home.") == (1, 4)
    monkeypatch.setattr(casualties, "SHOT_OTHERS_BESIDE_DEAD", False)
    assert _totals("A District man died Tuesday night. Four others were shot in front of the home.") == (1, 3)
    monkeypatch.setattr(casualties, "JOINED_OTHERS", False)
    assert _totals("A juvenile was killed and a pizza delivery driver was shot on the job Thursday.") == (1, 0)
    monkeypatch.setattr(casualties, "DEFINITE_OTHERS", False)
    assert _totals("A gunman opened fire, killing Carlton Lewis and critically wounding the other man.") == (1, None)


def test_a_zero_from_a_lone_singular_is_not_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    a = analyse_text("One person was killed in the shooting. A 21-year-old man was shot in the chest.", stages=[casualties.STAGE])
    t = casualties.article_totals(a.casualties)
    assert (t.killed, t.injured, t.injured_stated) == (1, 0, False)
    b = analyse_text("Two people were shot and both died at the scene.", stages=[casualties.STAGE])
    assert casualties.article_totals(b.casualties).injured_stated
    monkeypatch.setattr(casualties, "DERIVED_ZERO_NEEDS_STATED_SHOT", False)
    assert casualties.article_totals(a.casualties).injured_stated


def test_a_year_of_birth_is_not_another_event() -> None:
    a = analyse_text(
        "Two men, both born in 1990, were treated for minor bullet wounds.", published="2014-08-02", stages=[casualties.STAGE]
    )
    assert casualties.article_totals(a.casualties).injured == 2
    b = analyse_text("In 2009, two men were treated for minor bullet wounds.", published="2014-08-02", stages=[casualties.STAGE])
    assert casualties.article_totals(b.casualties).injured is None
