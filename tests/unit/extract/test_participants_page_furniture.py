"""Participants: headline words, places and page furniture read as names, bylines naming several people,
officials named once as such, titles split from their full stop, ranks before a list, towns before their police, the
second street of a corner, and other happenings told beside this one."""

from __future__ import annotations

import pytest

from newsfuse.extract import participants
from tests.unit.extract.test_participants import _people


@pytest.mark.parametrize(
    "name",
    ["Miami Boy Killed", "Boy Recovering", "Shots Fired", "Wenonah HS", "Fort Wayne", "Clarkson Aves", "Aunt Mary", "N. Perry",
     "Francis Place", "Houston Walgreens Man", "Featured Gallery"],
)
def test_headline_words_and_places_are_no_names(name: str) -> None:
    assert not participants._is_name(name)


@pytest.mark.parametrize("name", ["Mary Fortune", "Deandre Baker", "Junius Parish-Smith", "Manuel Ortiz"])
def test_names_that_only_look_like_those_words_stay_names(name: str) -> None:
    assert participants._is_name(name)


def test_a_byline_of_several_people() -> None:
    got = _people("By Alexa Ashwell, Angela Hong and Tina Terry\nPolice said five people were shot. John Smith, 23, was killed.")
    assert set(got) == {"John Smith"}
    got = _people("by: Jason Kelly, Julie Salomone Updated: Mar 8, 2017\nA 2-year-old, Mia Cole, 2, was injured Tuesday.")
    assert "Julie Salomone" not in got and "Mia Cole" in got


def test_an_official_named_once_as_such_is_left_out_in_every_mention() -> None:
    text = (
        "Police spokeswoman Sonya Toler said investigators do not know the motive. "
        "Kadeem Williams, 24, was shot and killed in the apartment. Toler, 45, said the suspect fled."
    )
    got = _people(text)
    assert "Sonya Toler" not in got and "Toler" not in got
    assert "Kadeem Williams" in got


def test_a_relative_or_a_police_rank_does_not_stick() -> None:
    # relatives and officers are as often the victims: only the mention naming them so is set aside
    got = _people("His 16-year-old brother, Kenneth Guidry, was shot while trying to save him. Kenneth Guidry, 16, survived.")
    assert "Kenneth Guidry" in got
    got = _people("Giddings turned and opened fire at Sgt. Lee Jundt several times, police said. Jundt, 41, was hit in his vest.")
    assert any(n.endswith("Jundt") for n in got)


def test_a_title_split_from_its_full_stop() -> None:
    got = _people("Rev. Jane Doe led the vigil on Sunday. Marcus Lee, 19, was shot and killed on Friday. Doe, 60, prayed.")
    assert "Jane Doe" not in got and "Doe" not in got
    assert "Marcus Lee" in got


def test_officers_named_after_a_plural_rank() -> None:
    got = _people("Officers Russell Braun, Paige Young and Randall Richardson have been placed on leave. William Young, 20, was shot and killed.")
    assert set(got) == {"William Young"}


def test_a_town_before_its_police_and_a_street_of_a_corner() -> None:
    assert _people("Waukegan police are searching for an 18-year-old murder suspect.") == {}
    got = _people("They asked a boy who lives on the corner of Bingham Street and Francis Place. Jaylene Bermeo, 7, was shot in the leg.")
    assert set(got) == {"Jaylene Bermeo"}


def test_officials_in_apposition_to_an_office() -> None:
    got = _people("Elizabeth Carter, a lieutenant at the Texas Department of Public Safety, said a man was shot. Tom Hale, 30, was wounded.")
    assert set(got) == {"Tom Hale"}
    got = _people("The officer was identified as Bryan Mason, a 9-year veteran of the Columbus Police Department. Tyre King, 13, was killed.")
    assert set(got) == {"Tyre King"}


def test_a_credit_in_brackets_and_a_speaker_who_recalled() -> None:
    got = _people("Mourners gathered at the site. (Danny Iudici) Tyreke Borel, 17, was killed.")
    assert set(got) == {"Tyreke Borel"}
    got = _people('"She got shot with a gun," Margie Malabet recalled. Sani Holmes, 7, was wounded in the arm.')
    assert "Margie Malabet" not in got and "Sani Holmes" in got


def test_people_of_separate_shootings() -> None:
    got = _people("It comes after 11-year-old Takiya Holmes and 12-year-old Kanari Gentry were killed in separate shootings. Ann Lee, 30, was wounded.")
    assert set(got) == {"Ann Lee"}
