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


def test_names_the_model_mislabels_or_misses_are_taken_with_an_age() -> None:
    got = _people("LeMarcus McGraw, 17, was found shot several times behind the store. 17-year-old Caleb Arwood was found shot in an alley.")
    assert "LeMarcus McGraw" in got and got["LeMarcus McGraw"][0] == 17
    assert "Caleb Arwood" in got and got["Caleb Arwood"][0] == 17


def test_place_before_a_person_noun_is_not_a_name() -> None:
    got = _people("A 20-year-old Des Moines man was shot and killed early Sunday morning near a nightclub.")
    assert "Des Moines" not in got


def test_other_event_sentences_and_junk_names() -> None:
    got = _people(
        "Ramon Burnett, 5, was shot and killed while playing in his yard. "
        "In 2012, Heaven Sutton, 7, was shot and killed in the same neighborhood. "
        "Smith was charged with Attempted Murder and Involuntary Manslaughter."
    )
    assert "Ramon Burnett" in got
    assert "Heaven Sutton" not in got
    assert not any("Murder" in n or "Manslaughter" in n for n in got)


def test_officer_shot_is_a_participant_but_a_spokesman_is_not() -> None:
    got = _people("Officer Mike Flamion was shot in the neck during a traffic stop. Sgt. Tom Baker said the suspect fled.")
    assert "Mike Flamion" in got and got["Mike Flamion"][2] == "victim"
    assert "Tom Baker" not in got


def test_victim_cues_left_of_the_name() -> None:
    got = _people("Family members identified the victims to reporters as Jennifer Browne and Tony Browne. "
                  "The warrant accuses Howard of acting carelessly, resulting in the death of 17-month-old Victor Carroll.")
    assert got["Jennifer Browne"][2] == "victim"
    assert got["Victor Carroll"][2] == "victim"


def test_person_with_town_and_spaced_age() -> None:
    got = _people("Police arrested 23-year-old Jaquan Cortez Portier of Hopeton and charged him with murder.")
    assert "Jaquan Cortez Portier" in got
    got = _people("Police identified them as 18-year old Tiarra Ashonda Grant, who was shot and killed.")
    assert any(n.endswith("Grant") for n in got)


def test_places_and_bylines_are_not_people() -> None:
    got = _people("The victim was shot in a Twin Falls apartment and taken to Ben Taub, where he died.")
    assert "Twin Falls" not in got and "Ben Taub" not in got


def test_lone_names_and_reporters_are_not_participants() -> None:
    got = _people("Police said her 3-year-old son Xander, 3, was shot. WCBS 880's Monica Miller reported the arrest of Pedro Rosales, 47, who was charged.")
    assert "Xander" not in got
    assert "Monica Miller" not in got
    assert "Pedro Rosales" in got


def test_lone_town_is_not_a_participant_but_a_lone_surname_with_an_age_is() -> None:
    got = _people("McKoy, a 17-year-old from Dorchester, was just released from Boston Medical Center after he was shot.")
    assert "Dorchester" not in got
    assert "Leinonen" in _people("The 32-year-old Leinonen was killed, police said.")
