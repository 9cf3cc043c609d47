"""Casualties: the wounded beside the dead (possessives, "also", other ages or names) and follow-ups."""

from __future__ import annotations

import re

import pytest

from newsfuse.extract import casualties
from newsfuse.extract.casualties import article_totals
from newsfuse.stages import analyse_text
from tests.unit.extract.test_casualties import _totals


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # a possessive singular is someone besides the dead
        ("A young girl was killed and her father was injured Wednesday. He is listed in critical condition.", 1, 1),
        ("A 6-year-old boy was fatally shot and his 11-year-old brother was critically wounded.", 1, 1),
        ("The gunman killed the boy and wounded his brother.", 1, 1),
        # "one dead, another injured"
        ("One teen is dead, and another seriously injured following the shooting.", 1, 1),
        ("The shooting left one child dead, another critically injured.", 1, 1),
        # someone "also" hit beside the dead
        ("Terrance Givens, 16, was shot in the head and died. An 18-year-old woman was also hit.", 1, 1),
        # a definite wounded of another age, or another name, than the dead
        ("The 7-year-old has died. The 8-year-old is hospitalized in critical condition.", 1, 1),
        ("Percy Wells was murdered on Sunday. Andrews is recovering from a gunshot wound.", 1, 1),
        ("David Krauss was found deceased. His son, Wyatt Krauss, 8, was also found wounded by a gunshot.", 1, 1),
        # ... but the dead on the way to dying stay one person
        ("Percy Wells was shot on Sunday. Wells was taken to a hospital. Wells died there.", 1, 0),
        ("A man was killed. He was taken to the hospital.", 1, None),
        ("The 7-year-old has died. The 7-year-old was taken to a hospital.", 1, None),
        # "shot another teen" is the shooter's other, not someone besides the dead
        ("A teenager accidentally shot another teen, killing him. He was pronounced dead at the hospital.", 1, 0),
    ],
)
def test_wounded_beside_the_dead(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_a_follow_up_keeps_the_counts_it_only_recalls() -> None:
    """A follow-up weeks later dates the whole event well before its own day: its counts are still read."""
    from newsfuse.extract import pubdate, times

    text = "On Jan. 3, two men were killed and three people were wounded in a shooting on Main Street. The trial began Monday."
    stages = [pubdate.STAGE, times.STAGE, casualties.STAGE]
    a = analyse_text(text, published="2021-03-04", stages=stages)
    t = article_totals(a.casualties)
    assert (t.killed, t.injured) == (2, 3)


def test_recalled_counts_yield_to_the_article_own() -> None:
    from newsfuse.extract import pubdate, times

    text = ("Two men were killed in a shooting on Main Street on Tuesday. "
            "On Jan. 3, five people were killed and nine were wounded in a shooting at the same bar.")
    a = analyse_text(text, published="2021-03-04", stages=[pubdate.STAGE, times.STAGE, casualties.STAGE])
    t = article_totals(a.casualties)
    assert t.killed == 2
    # the recalled wounded are read since the article counts no wounded of its own (fusion then sets them aside
    # given the event's day: see newsfuse.fuse.what.BACKGROUND_COUNTS_DROPPED)
    assert t.injured == 9


def test_recalled_fallback_off_drops_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfuse.extract import pubdate, times

    monkeypatch.setattr(casualties, "RECALLED_FALLBACK", False)
    text = "On Jan. 3, two men were killed and three people were wounded in a shooting on Main Street. The trial began Monday."
    a = analyse_text(text, published="2021-03-04", stages=[pubdate.STAGE, times.STAGE, casualties.STAGE])
    assert a.casualties == ()


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("The K-9, named Geronimo, is expected to recover.", None, None),
        ("The gun went off, killing the girl and injuring one of the family dogs.", 1, None),
        ("One teenager is dead and another is being treated for life-threatening injuries.", 1, 1),
    ],
)
def test_animals_and_numbers_in_words_are_no_casualties(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "title, roundup",
    [
        ("6 wounded in Chicago shootings, including 2 teens", True),
        ("10 people were wounded in separate Tuesday shootings", True),
        ("Both shootings remain under investigation", True),
        ("Two killed in the shootings at a Fort Myers club", False),
        ("Man wounded in shooting on Main Street", False),
    ],
)
def test_roundup_titles(title: str, roundup: bool) -> None:
    a = analyse_text("Police are investigating.", title=title, stages=[])
    assert casualties.is_roundup(a) is roundup


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # people taken to a hospital "where Maxwell died" / "where the child later died": people hit, one of them dead
        ("Maxwell and another teenager were shot. Both were taken to the hospital where Maxwell died.", 1, 1),
        ("Officers found that a woman and a child had been shot. Both victims were taken to the hospital where the child "
         "later died.", 1, 1),
        # those sent to a hospital are the wounded told elsewhere and the dead together
        ("A shooting left one person dead and three others injured. The argument led to the shooting sending four "
         "victims to the hospital.", 1, 3),
        # several who "suffered gunshot wounds" are people hit, the dead among them
        ("Three people were found dead in the home. All three suffered gunshot wounds to the upper body.", 3, 0),
        ("Two men suffered gunshot wounds in the shooting.", None, 2),
        ("Two men suffered non-life-threatening gunshot wounds in the shooting.", None, 2),
    ],
)
def test_people_hit_among_whom_the_dead_are_counted(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_hits_among_the_dead_flags_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(casualties, "GUNSHOT_WOUNDS_ARE_HITS", False)
    assert _totals("Three people were found dead in the home. All three suffered gunshot wounds to the upper body.") == (3, 3)
    monkeypatch.setattr(casualties, "TRANSPORTED_WITH_DEAD", False)
    assert _totals("A shooting left one person dead and three others injured. The argument led to the shooting sending "
                   "four victims to the hospital.") == (1, 4)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # others who "suffered gunshot wounds" beside a dead person of their own are wounded, not people hit among whom
        # she is counted
        ("A woman died. Two children suffered gunshot wounds and are expected to survive.", 1, 2),
        ("A woman died. Two children suffered serious gunshot wounds.", 1, 2),
        # ... but the whole group ("all three") or dead told as part of it ("one was pronounced dead") are people hit
        ("Three people were shot. Two died. All three suffered gunshot wounds.", 2, 1),
        ("Two teens suffered gunshot wounds. One was pronounced dead at the scene.", 1, 1),
    ],
)
def test_gunshot_wounds_are_hits_only_of_the_whole_group(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_where_named_died_switch_is_read_at_use(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Maxwell and another teenager were shot. Both were taken to the hospital where Maxwell died."
    assert _totals(text) == (1, 1)
    monkeypatch.setattr(casualties, "WHERE_NAMED_DIED", False)
    assert _totals(text) == (1, 2)


def test_those_taken_to_a_hospital_are_the_dead_and_the_summed_wounded() -> None:
    # two wounded and another injured are three wounded: the three taken to a hospital are they, not the dead and two
    assert _totals("A man was killed. Two people were wounded by gunfire. Another person was injured. Three people were "
                   "taken to the hospital.") == (1, 3)


def test_guards_of_people_hit_and_of_himself_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    never = re.compile(r"(?!x)x")
    # survivable gunshot wounds beside a death are wounded, not people hit among whom the dead are counted (_SURVIVABLE)
    text = "A man died at the scene. Both victims suffered non-life-threatening gunshot wounds."
    assert _totals(text) == (1, 2)
    # "killed himself and his wife" is no list of two more dead beside the suicide (_SELF_FIRST)
    self_text = "He killed himself and his wife."
    assert _totals(self_text)[0] <= 2
    monkeypatch.setattr(casualties, "_SURVIVABLE", never)
    assert _totals(text) == (1, 1)
    monkeypatch.setattr(casualties, "_SELF_FIRST", never)
    assert _totals(self_text)[0] == 3
