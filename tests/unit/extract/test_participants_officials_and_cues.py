"""Participants: credits after a slash, officials in apposition, suffixes and particles in names, first names
that are also words, years of birth, gunshot wounds as cues, and the wounded who spoke to police."""

from __future__ import annotations

import pytest

from newsfuse.extract import participants
from tests.unit.extract.test_participants import _people


def test_a_credit_after_a_slash_is_no_participant() -> None:
    got = _people("View Full Caption DNAinfo/Alex Nitkin\nMary Jones, 8, was shot in the chest, police said.")
    assert "Alex Nitkin" not in got
    assert "Mary Jones" in got


def test_an_official_in_apposition_is_no_participant() -> None:
    got = _people(
        "April Wilson, the special prosecutor who filed charges, read a statement on Monday. "
        "Kenneth Suttner, 18, was shot and killed at the shop."
    )
    assert "April Wilson" not in got
    assert "Kenneth Suttner" in got


@pytest.mark.parametrize(
    "name, ok",
    [
        ("Roger Dale Phillips III", True),
        ("Sergio Valencia del Toro", True),
        ("Christian Barnett", True),
        ("Westminster Christian", False),
        ("WPBN News", False),
        ("del Toro", False),
    ],
)
def test_names_with_suffixes_particles_and_word_first_names(name: str, ok: bool) -> None:
    assert participants._is_name(name) is ok


def test_two_words_ending_in_hill_need_an_age() -> None:
    assert "Ketrell Hill" in _people("The older boy, identified as 17-year-old Ketrell Hill, died at the hospital.")
    assert "Hickory Hill" not in _people("Hickory Hill was shot and killed, police said.")
    assert "Damon Guy Hill" in _people("Police identified the victim as Damon Guy Hill, who was shot and killed.")


def test_a_year_of_birth_does_not_set_a_sentence_aside() -> None:
    got = _people("Erica Symlar, born in 1973, was treated and released with minor bullet wounds, police said.")
    assert "Erica Symlar" in got
    assert "Jane Roe" not in _people("In 2009, Jane Roe was shot and killed outside the same bar.")


def test_a_verb_after_police_is_no_title(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Police found Christopher Chatman, 26, suffering from a gunshot wound to the leg."
    assert "Christopher Chatman" in _people(text)
    assert "Jane Doe" not in _people("Police spokesperson Jane Doe said a man, 26, was shot in the leg.")
    monkeypatch.setattr(participants, "TITLE_NEEDS_NOUN", False)
    assert "Christopher Chatman" not in _people(text)


def test_a_gunshot_wound_makes_a_victim() -> None:
    got = _people("They found Christopher Chatman suffering from a gunshot wound to the leg.")
    assert got["Christopher Chatman"][2] == "victim"


def test_the_wounded_who_spoke_to_police_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Police found Christopher Chatman, 26, with a gunshot wound in stable condition. "
        "Christopher Chatman told police he had been cleaning his gun. Jontavious Davis, 21, said he heard three shots."
    )
    got = _people(text)
    assert "Christopher Chatman" in got
    assert "Jontavious Davis" not in got  # a witness who speaks, with no wound of his own
    monkeypatch.setattr(participants, "HURT_SPEAKERS_KEPT", False)
    assert "Christopher Chatman" not in _people(text)
