"""Participants: named people with age, gender, role and status."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import participants
from newsfuse.stages import analyse_text


def _people(text: str) -> dict[str, tuple]:
    a = analyse_text(text, stages=[participants.STAGE])
    for p in a.participants:
        assert a.article.text[p.span.start:p.span.end] == p.span.text
    return {p.name: (p.age, p.gender, p.role, p.status) for p in a.participants}


def test_victim_with_age_after_name() -> None:
    got = _people("Police said John Williams, 23, was shot and killed outside his home on Monday.")
    assert got["John Williams"][0] == 23
    assert got["John Williams"][2] == "victim"
    assert got["John Williams"][3] == "killed"


def test_age_before_name_and_gender() -> None:
    got = _people("A 19-year-old woman, Maria Lopez, was wounded. She was taken to a hospital.")
    assert "Maria Lopez" in got
    age, gender, role, status = got["Maria Lopez"]
    assert (age, gender, role, status) == (19, "female", "victim", "injured")


def test_suspect_arrested() -> None:
    got = _people("Police arrested Marcus Green, 31, and charged him with murder.")
    assert got["Marcus Green"][2] == "suspect"
    assert "arrested" in (got["Marcus Green"][3] or "")


def test_officials_are_not_participants() -> None:
    got = _people("Sgt. Tom Baker said the victim, 40, died at the scene.")
    assert "Tom Baker" not in got


def test_surname_mentions_merge() -> None:
    got = _people("David Ortiz, 45, was injured in the shooting. Ortiz is expected to survive.")
    assert list(got) == ["David Ortiz"]


@settings(max_examples=15, deadline=None)
@given(prefix=st.text(alphabet="ab ,.\n", max_size=15), age=st.integers(1, 99))
def test_spans_point_into_text(prefix: str, age: int) -> None:
    text = f"{prefix} John Smith, {age}, was killed."
    a = analyse_text(text, stages=[participants.STAGE])
    for p in a.participants:
        assert text[p.span.start:p.span.end] == p.span.text
