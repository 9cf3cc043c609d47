"""Participants: names the small model cuts short, joins or mislabels (a left-out first name or surname, a
nickname in quotes, "Deona and Keona Luke"), names in the frames news gives victims and suspects, and one surname's
several people kept apart by their first names."""

from __future__ import annotations

import pytest

from newsfuse.extract import participants
from newsfuse.stages import analyse_text
from tests.unit.extract.test_participants import _people


@pytest.mark.parametrize(
    "a, b",
    [("chris", "christopher"), ("j", "john"), ("cj", "charles"), ("fred", "freddy"), ("randy", "randall"),
     ("isabella", "izabella"), ("akielah", "akeilah"), ("rachel", "rachael"), ("brittney", "brittany")],
)
def test_first_names_of_one_person(a: str, b: str) -> None:
    assert participants.first_names_agree(a, b)


@pytest.mark.parametrize("a, b", [("amy", "abigail"), ("timothy", "timea"), ("brian", "brandon"), ("jen", "joe")])
def test_first_names_of_two_people(a: str, b: str) -> None:
    assert not participants.first_names_agree(a, b)


def test_two_people_of_one_surname_stay_two() -> None:
    got = _people("Amy Buckley, 30, and Abigail Buckley, 6, were shot and killed.")
    assert got["Amy Buckley"][0] == 30 and got["Abigail Buckley"][0] == 6
    # a lone surname or a short form is still the same person
    assert participants._same("Chris Flaker", "Christopher Flaker") and participants._same("Flaker", "Chris Flaker")


def test_a_nickname_in_quotes_is_left_out_of_the_name() -> None:
    got = _people('Police said Emilio "Milo" Flores, 15, was shot once in the chest on the back patio.')
    assert got["Emilio Flores"][:1] == (15,)
    got = _people('The two killed were 15-year-old Isaiah "Zay" Solomon and 22-year-old Tafari "Fari" West.')
    assert {"Isaiah Solomon", "Tafari West"} <= set(got)


def test_two_first_names_and_one_surname_are_two_people() -> None:
    got = _people("The victims were identified as Deona and Keona Luke, both 14.")
    assert {"Deona Luke", "Keona Luke"} <= set(got)
    # not a surname before "and", nor a town
    got = _people("John Smith and Mary Jones were shot and wounded on Friday.")
    assert "John Jones" not in got and "Smith Jones" not in got
    got = _people("Residents of Smithfield and Mary Jones, 40, were hurt in the shooting.")
    assert "Smithfield Jones" not in got


def test_a_first_name_or_surname_left_out_is_put_back() -> None:
    a = analyse_text("Police said Pablo Antonio Serrano-Vitorino, 36, was charged with four counts of murder.", stages=[])
    doc = a.doc
    start = next(t.i for t in doc if t.text == "Antonio")
    end = next(t.i for t in doc if t.text == ",")
    (span, name), = participants._mended(doc, doc[start:end])
    assert span.text == "Pablo Antonio Serrano-Vitorino" and name is None
    got = _people("Police arrested 18-year-old Kenneth Malik Wise of High Point in connection with the shooting.")
    assert "Kenneth Malik Wise" in got


@pytest.mark.parametrize("word", ["Magistrate", "Deputy", "Firefighter", "Gunman", "Boyfriend", "Monday"])
def test_offices_and_days_are_not_put_into_a_name(word: str) -> None:
    a = analyse_text(f"The court heard that {word} Jane Rice was in the room.", stages=[])
    tok = next(t for t in a.doc if t.text == word)
    assert not participants._name_word(tok)


def test_names_in_the_frames_of_victims_and_suspects() -> None:
    assert "Noah Sarver" in _people("The boy was identified Monday as Noah Sarver. Neighbors say he was a good boy.")
    got = _people("Memphis police arrested Marcellus Williams and Marquez Banks earlier in February.")
    assert got["Marquez Banks"][2:] == ("suspect", "arrested")
    assert _people("Tiana Carruthers was shot several times outside Meadows Townhomes.")["Tiana Carruthers"][2] == "victim"
    # a capital inside a name ("LeMarcus", "McGraw")
    assert _people("LeMarcus McGraw, 17, was found shot several times behind the building.")["LeMarcus McGraw"][0] == 17


@pytest.mark.parametrize(
    "text",
    ["He was arrested Monday Night in Fort Wayne after a chase.", "Police arrested Share Embed early on Friday.",
     "The Good Samaritan was shot while helping the victim."],
)
def test_framed_words_that_are_no_names(text: str) -> None:
    assert not _people(text)


def test_a_magistrate_is_an_official() -> None:
    assert not _people("Magistrate Jane Rice set bond at $50,000 for the suspect, who was arrested Friday.")


def test_a_description_framed_as_a_name_is_none() -> None:
    assert not _people("The suspect was identified as Hispanic Male, about 30, wearing a black hoodie.")


# review mends: organisations framed as people, short forms and transliterations, role words before a first name

@pytest.mark.parametrize(
    "text",
    ["Israeli troops detained Red Crescent paramedics. Three people were killed.",
     "Police arrested Ku Klux Klan members after the shooting.",
     "Officers also arrested Downtown Portland protesters."],
)
def test_organisations_and_descriptions_framed_as_names_are_none(text: str) -> None:
    assert not _people(text)


def test_a_name_used_as_a_description_leaves_the_person() -> None:
    assert set(_people("Police arrested Proud Boys leader Enrique Tarrio on Monday.")) == {"Enrique Tarrio"}
    assert set(_people("Police charged Uber Eats driver Ray Cole, 33, with murder.")) == {"Ray Cole"}
    # a framed name before a day is still a name
    assert "Marquez Banks" in _people("Memphis police arrested Marquez Banks yesterday.")


@pytest.mark.parametrize(
    "a, b",
    [("mike", "michael"), ("bill", "william"), ("bob", "robert"), ("mohammed", "muhammad"), ("mohamed", "muhammad"),
     ("yusuf", "youssef"), ("aleksandr", "alexander"), ("brendan", "branden")],
)
def test_short_forms_and_transliterations_agree(a: str, b: str) -> None:
    assert participants.first_names_agree(a, b)


@pytest.mark.parametrize("a, b", [("jayden", "jaylen"), ("jamal", "jamar"), ("dean", "dion")])
def test_names_one_consonant_apart_are_two_people(a: str, b: str) -> None:
    assert not participants.first_names_agree(a, b)


def test_spelling_key_folds_vowels_and_doubled_letters() -> None:
    assert participants.spelling_key("mohammed") == participants.spelling_key("muhammad") == "mhmd"
    assert participants.spelling_key("alexander") == "alksndr"


def test_a_role_word_starts_no_name_and_a_first_name_takes_the_surname_after_and() -> None:
    got = _people("Twins Deona and Keona Luke, 13, were shot and killed on Friday.")
    assert {"Deona Luke", "Keona Luke"} == set(got)
    got = _people("Mark and Lisa Thompson, both 40, were killed in the crash.")
    assert {"Mark Thompson", "Lisa Thompson"} == set(got)


def test_a_relative_whose_own_clause_says_they_were_hit_is_a_participant() -> None:
    got = _people("Jayden Smith, 16, was killed and his twin brother Jaylen Smith, 16, was wounded.")
    assert {"Jayden Smith", "Jaylen Smith"} == set(got)
    assert not _people("His mother, Jane Doe, said he was a good boy.")
