"""Casualties: counts inside modifiers, headline lists joined by "and", a pronoun in a list, unborn children,
people taken to a hospital "where they died", wounds told on the way to a death, an ordinal without a noun, "two of
whom have died", "— two fatally —", and a death said to be "also" one."""

from __future__ import annotations

import pytest

from newsfuse.extract import casualties
from newsfuse.stages import analyse_text
from tests.unit.extract.test_casualties import _totals


def _title_totals(title: str) -> tuple[int | None, int | None]:
    a = analyse_text("Police are investigating.", title=title, stages=[casualties.STAGE])
    reps = casualties.title_reports(a)
    for r in reps:
        assert title[r.span.start:r.span.end] == r.span.text
    t = casualties.article_totals(reps)
    return t.killed, t.injured


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # a number among the modifiers starts a count of its own: two teens, not "three days since two teens"
        ("It has been three days since two teens were shot in a Dallas park.", None, 2),
        # ... but an age written out is a modifier
        ("A two year old child and a woman are shot overnight in north St. Louis.", None, 2),
        # a pronoun beside another person in a list
        ("She and her son were both taken to the hospital in stable condition.", None, 2),
        ("The gunman shot him and his wife before fleeing.", None, 2),
        ("Police said he and four others were shot.", None, 5),
        # an unborn child in a list is not counted
        ("Both she and her unborn baby were in fair condition after the shooting.", None, 1),
        # taken to a hospital "where they died": the dead, not wounded; "where one died": people hit
        ("City police said a man and woman were taken to a hospital, where they later died.", 2, None),
        ("Both victims were taken to the hospital, where they were pronounced dead.", 2, None),
        ("Two men were taken to a hospital, where one died.", 1, 1),
        ("Two men were taken to a hospital, where they were treated for gunshot wounds.", None, 2),
        # a wound told on the way to the death of the same person
        ("The woman who was critically injured in Sunday's shooting died Tuesday.", 1, None),
        ("A child who suffered critical injuries in a Friday shooting at his home in Redfield has died, police said.", 1, None),
        ("A man who suffered a gunshot wound to the leg was treated and released.", None, 1),
        # "two of whom have died", "— two fatally —"
        ("Six people were shot, two of whom have died from their injuries.", 2, 4),
        ("Police arrested a man they believe shot six people — two fatally — outside a store.", 2, 4),
        ("Three men were shot, one of them fatally, on Sunday.", 1, 2),
        # a death said to be "also" one beside another
        ("David Wilder, 61, was killed in the crossfire. Tywan Cortez Johnson, 15, was also killed in the shooting.", 2, None),
        ("A man was killed in the shooting on Main Street.", 1, None),
    ],
)
def test_modifier_and_pronoun_totals(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_a_pronoun_before_a_possessive_noun_is_not_a_list_member() -> None:
    # "a woman and her two boys": "her" is the boys' possessive, not a second person of the list "a woman and her"
    a = analyse_text("Police are searching for the person who shot and killed a Gentilly woman and her two boys.", stages=[casualties.STAGE])
    assert not any(r.who and r.who.endswith("and her") for r in a.casualties)


@pytest.mark.parametrize(
    "title, killed, injured",
    [
        ("Man and woman shot in Southwest Atlanta", None, 2),
        ("Woman and 5-year-old child injured in shooting", None, 2),
        ("Mother and son killed in apartment shooting", 2, None),
        ("Man, woman shot in Southwest Atlanta", None, 2),
        # the subject of a headline runs over no verb: "woman wounded", not "Man killed and woman wounded"
        ("Man killed and woman wounded in shooting", 1, 1),
        ("Man shoots wife and daughter, then himself", None, 2),
        # an ordinal without a noun; "leaves" before a bare count of the wounded
        ("Three men shot, a fourth wounded by shrapnel in SE Fresno", None, 4),
        ("Blount County shooting spree leaves 4 wounded, gunman dead", 1, 4),
    ],
)
def test_modifier_and_pronoun_titles(title: str, killed: int | None, injured: int | None) -> None:
    assert _title_totals(title) == (killed, injured)


def test_flags_off_restore_the_earlier_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(casualties, "TRANSPORT_WHERE_DIED", False)
    assert _totals("City police said a man and woman were taken to a hospital, where they later died.") == (None, 2)
    monkeypatch.setattr(casualties, "ALSO_KILLED", False)
    assert _totals("David Wilder, 61, was killed in the crossfire. Tywan Cortez Johnson, 15, was also killed in the shooting.") == (1, None)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # "where she died" is one person: all of those taken only when one was
        ("Four people were taken to a hospital, where she later died.", 1, 3),
        ("Three men were rushed to a hospital, where he was pronounced dead.", 1, 2),
        ("The victim was taken to a hospital, where she later died.", 1, None),
        # an "also" death of another incident, of a name already counted, or of an unborn child is no second death
        ("A man was killed Friday on Oak Street. In a separate incident, a woman was also killed on Main Street.", 1, None),
        ("Smith, 40, died at the scene. Police said Smith was also killed by a second gunman, the autopsy showed.", 1, None),
        ("A woman was killed in the blast. Her unborn child was also killed.", 1, None),
        # a list stops where its last member is the subject of a new clause
        ("The gunman killed her and a neighbor called police.", 1, None),
        ("He shot her and the gunman fled.", None, 1),
        ("Police said he and she were injured.", None, 2),
        # an ordinal without a noun counts people hit only after an earlier count; a fraction is no person
        ("Police arrested a third suspect. A fourth was also injured in the crash.", None, 1),
        ("It was the third shooting this month. A third was also wounded.", None, 1),
        ("Of the 90 villagers, about a third were killed, a third wounded.", None, None),
        ("Two people were killed. A third was also shot.", 2, 1),
        # number words with their multipliers, read whole
        ("Two dozen people were killed in the attack.", 24, None),
        ("More than two dozen people were hurt.", None, 24),
        ("One thousand two hundred people were injured.", None, 1200),
        ("One hundred and twenty people were killed in the earthquake.", 120, None),
    ],
)
def test_modifier_and_pronoun_review_mends(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_a_list_cut_before_a_new_clause_ends_its_span_before_it() -> None:
    text = "He shot her and a neighbor called police."
    a = analyse_text(text, stages=[casualties.STAGE])
    (r,) = [r for r in a.casualties if r.kind == casualties.SHOT]
    assert (r.value, r.span.text) == (1, "shot her")
    assert text[r.span.start:r.span.end] == r.span.text


def test_an_also_death_on_another_day_is_another_incident() -> None:
    text = ("A 24-year-old man was shot and killed Sunday night on Oak Street, police said. "
            "On Tuesday, a teenager was also killed on Elm Street.")
    a = analyse_text(text, published="2024-05-01")
    assert casualties.article_totals(a.casualties).killed == 1
    same_day = "A man was shot and killed Sunday night on Oak Street. His brother was also killed Sunday in the shooting."
    a = analyse_text(same_day, published="2024-05-01")
    assert casualties.article_totals(a.casualties).killed == 2


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # ages listed after "ages" are no count (not 17 wounded)
        ("Three men, ages 15, 18, and 22, and three women, ages 15, 17, and 18, were injured and treated.", None, None),
        # "shot himself and his cousin": two people hit (a killing of "himself and ..." is left to the suicide)
        ("Neighbors say the boy found the gun and accidentally shot himself and his cousin.", None, 2),
        ("He shot himself and police found the gun in the yard.", None, 1),
        # "are reported in stable condition"
        ("One victim has died while three other shooting victims are reported in stable condition in a hospital.", 1, 3),
        # "a fourth shooting victim was found": at least four hit, not "the third shooting victim" of a tally
        ("Three men walked into a gas station with gunshot wounds as a fourth shooting victim was found miles away.", None, 4),
        ("She was the third shooting victim on the block this year.", None, None),
    ],
)
def test_ages_self_lists_reported_conditions_and_ordinal_victims(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_shoots_another_is_the_shooter_other_not_one_more(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "A 16-year-old boy was taken to the hospital after he was shot. A 17-year-old shot another teen, troopers say."
    assert _totals(text) == (None, 1)
    monkeypatch.setattr(casualties, "ACTIVE_ANOTHER_IS_OBJECT", False)
    assert _totals(text) == (None, 2)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # a gunman, suspect or shooter who shoots "another man" hits a second victim
        ("A man was shot on Main Street. Minutes later, the gunman shot another man on Oak Street.", None, 2),
        ("The suspect shot a man in the leg and then shot another man in the arm.", None, 2),
        ("A man was wounded. Police said the gunman fired again, shooting another man.", None, 2),
        # ... and a shooter of the same kind ("teen shoots another teen") his one victim
        ("Teen shoots another teen in Dayton. A 16-year-old boy was taken to the hospital.", None, 1),
    ],
)
def test_shoots_another_is_one_victim_only_for_a_shooter_of_the_same_kind(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # "himself and X" lists two people hit only when X closes its clause
        ("He accidentally shot himself and his girlfriend called 911.", None, 1),
        ("He shot himself and a neighbor called 911.", None, 1),
        ("He shot himself and his girlfriend found him.", None, 1),
        ("He shot himself and his 5-year-old son, police said.", None, 2),
        # ... and not one told dead right after
        ("He shot himself and his wife, who died at the scene.", None, 1),
        ("He shot himself and his wife, killing her.", None, 1),
    ],
)
def test_himself_and_another_needs_a_clause_boundary(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # "a fourth shooting victim" of a tally over time, or one sought, is no count of this shooting's people hit
        ("He was a fourth shooting victim in the city this month.", None, None),
        ("Police are looking for a second shooting victim.", None, None),
        ("Police said a second shooting victim has not been found.", None, None),
        ("Police are investigating whether there was a second shooting victim.", None, None),
        # ... but one found is
        ("Three people were wounded outside the bar. Police later found a fourth shooting victim.", None, 4),
    ],
)
def test_an_ordinal_shooting_victim_of_a_tally_or_a_search(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)
