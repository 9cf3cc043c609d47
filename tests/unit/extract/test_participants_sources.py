"""Participants: sources "according to" a titled official, bylines, credits and reporters are nobody in the event."""

from __future__ import annotations

from newsfuse.extract import participants
from tests.unit.extract.test_participants import _people


def test_source_according_to_with_titles_between() -> None:
    got = _people("According to Phoenix police Sgt. Trent Crump, Nora Osman, 19, was shot at a house party.")
    assert "Trent Crump" not in got
    assert "Nora Osman" in got


def test_credits_and_reporters_are_not_participants() -> None:
    got = _people(
        "Sheriff Fred Newman told News 5 WCYB's Olivia Bailey that the victim was shot in the chest.\n"
        "Mary Jones, 8, was shot in the chest, police said.\nJoel Hilton/WAVY\nPhoto by Kevin Johnson, who covered the shooting."
    )
    assert "Olivia Bailey" not in got
    assert "Kevin Johnson" not in got and "Joel Hilton" not in got
    assert "Mary Jones" in got


def test_sentence_words_taken_into_a_name_are_no_name() -> None:
    assert not participants._is_name("Both Harger")
    assert participants._is_name("Bothwell Harger")
