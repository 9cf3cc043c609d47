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


def test_kin_named_by_a_first_name_take_the_surname_of_the_person_before_them() -> None:
    got = _people("Prosecutors say 53-year-old Michael Stasko fatally shot his wife, Melissa, and their 8-year-old daughter, Mellie.")
    assert got["Melissa Stasko"][2:] == ("victim", "killed")
    assert got["Mellie Stasko"][0] == 8
    got = _people("Ross Anderson is accused of killing 30-year-old Rachael Johnson and her five-year-old son, Colton, police said.")
    assert "Colton Johnson" in got
    assert "Mary Smith" not in _people("John Smith said his wife, Mary, was at home.")


def test_date_led_recaps_and_drug_blotter_items_are_set_aside() -> None:
    got = _people(
        "Police arrested Marcus Green, 31, and charged him with murder and drug possession. "
        "On June 7, Jamie Lynn Salazar, 34, and her son were shot and killed by her fiance. "
        "Speeding Pot Bust: Timothy Howard, 26, of Trenton, was arrested after police found him in possession of marijuana."
    )
    assert "Jamie Lynn Salazar" not in got
    assert "Timothy Howard" not in got
    assert "Marcus Green" in got


def test_people_first_named_far_down_a_long_page_are_left_out() -> None:
    filler = "The council met on Tuesday to discuss the budget for the coming year. " * (participants.FAR_INTO_PAGE // 60)
    got = _people(f"John Williams, 23, was shot and killed outside his home on Monday. {filler}Mark Roe, 30, was shot and killed.")
    assert "John Williams" in got
    assert "Mark Roe" not in got


def test_reporters_of_outlets_ending_in_s_and_aldermen_are_not_participants() -> None:
    got = _people("Sources told NBC News’ Andrew Blankstein that the woman, 50, was shot and killed. "
                  "The baby was shot by their dad, he told 1010 WINS’ Roger Stern.")
    assert "Andrew Blankstein" not in got and "Roger Stern" not in got
    assert "Pat Dowell" not in _people("Officers and Ald. Pat Dowell (3rd) were out on the scene where a man was killed.")


def test_a_date_led_sentence_still_tells_of_people_the_article_names_elsewhere() -> None:
    got = _people(
        "Officer Tom Reed accidentally shot Ann Carter with live rounds instead of blanks. "
        "On August 9th, 2016, 73-year-old Ann Carter was shot and killed during a drill at the police academy."
    )
    assert got["Ann Carter"][0] == 73
    assert got["Ann Carter"][2:] == ("victim", "killed")


def test_a_report_led_by_its_date_keeps_its_victim() -> None:
    for text, name, age in (
        ("On June 7, John Smith, 24, was shot and killed outside his home in Dayton. Police have not made an arrest.", "John Smith", 24),
        ("On June 7, 2020, Jane Doe, 34, was shot and killed in her car.", "Jane Doe", 34),
        ("June 8, 2016 — John Smith, 24, was shot and killed outside his home. No arrest was made.", "John Smith", 24),
        ("Sept. 12: Police said John Smith, 24, was shot and killed Sunday. His mother wept.", "John Smith", 24),
    ):
        got = _people(text)
        assert got[name][0] == age and got[name][2:] == ("victim", "killed"), text
    assert participants.DATE_LED.match("Sept. 12, 2016, police said")
    assert not participants.DATE_LED.match("Marcus 12, John Smith, 24, was shot.")
    assert not participants.DATE_LED.match("June 8, 2016 — John Smith, 24, was shot.")


def test_kin_take_role_and_status_from_their_own_clause() -> None:
    got = _people("John Smith, 60, was shot and killed by his son, Mark, police said.")
    assert got["John Smith"][2:] == ("victim", "killed")
    assert got.get("Mark Smith", (None,) * 4)[2:] != ("victim", "killed")
    got = _people("John Smith, 60, was shot and killed Sunday, and his son, Mark, was arrested.")
    assert got.get("Mark Smith", (None,) * 4)[2:] != ("victim", "killed")
    got = _people("Michael Stasko, 53, shot and killed his wife, and his son, Mark, was wounded.")
    assert got["Mark Stasko"][2:] == ("victim", "injured")


def test_a_place_or_a_word_after_the_kin_is_no_first_name() -> None:
    for text in ("John Smith, 45, fatally shot his wife, Chicago police said.",
                 "John Smith, 45, shot and killed his wife, Houston police said Tuesday.",
                 "John Smith, 45, shot and killed his wife, Authorities said."):
        assert set(_people(text)) == {"John Smith"}, text


def test_kin_of_her_take_no_surname_from_a_man_named_before() -> None:
    got = _people("Jane Doe, 25, was killed when John Smith opened fire on her and her daughter, Lily.")
    assert "Lily Smith" not in got


def test_kin_sharing_the_owners_first_name_do_not_merge_into_the_owner() -> None:
    got = _people("Christopher Smith, 50, fatally shot his son, Chris, police said.")
    assert got["Christopher Smith"][3] != "killed"


def test_drug_sentences_with_weapons_or_violence_are_kept() -> None:
    for text, name in (
        ("Police charged John Doe, 25, with possession of heroin and carrying a loaded revolver.", "John Doe"),
        ("John Doe, 25, was charged with armed robbery and possession of cocaine.", "John Doe"),
        ("John Doe, 24, was stabbed in a drug deal on Elm Street, police said.", "John Doe"),
        ("John Doe, 25, was beaten with a bat during a drug robbery.", "John Doe"),
    ):
        assert name in _people(text), text


def test_an_ordinal_after_a_name_is_no_age() -> None:
    assert _people("Jane Doe (23rd), 31, was shot and killed.")["Jane Doe"][0] in (None, 31)
    assert participants.AGE_AFTER.match(" (23rd), 31") is None


def test_a_long_report_keeps_the_victims_it_lists_far_down() -> None:
    filler = "Witnesses described a chaotic scene as gunfire erupted inside the crowded nightclub after 2 a.m. " * (participants.FAR_INTO_PAGE // 90)
    got = _people(f"A gunman killed 49 people at a nightclub early Sunday. {filler}The victims identified so far: "
                  "Edward Sotomayor, 34, was killed. Luis Vielma, 22, was killed.")
    assert got["Edward Sotomayor"][2:] == ("victim", "killed") and "Luis Vielma" in got


def test_word_ages_of_kin_and_credits_of_capitalised_words() -> None:
    got = _people("Ross Anderson is accused of killing 30-year-old Rachael Johnson and her five-year-old son, Colton, police said.")
    assert got["Colton Johnson"][0] == 5
    assert participants.CREDIT_BEFORE.search("told 1010 WINS’ ")
    assert not participants.CREDIT_BEFORE.search("the VICTIMS’ ")
