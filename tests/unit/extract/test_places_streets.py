"""The one list of street words and the expressions built from it."""

from __future__ import annotations

import re

from newsfuse.extract import streets


def test_every_word_and_abbreviation_is_in_the_full_alternation_and_everyday_words_split_off() -> None:
    full = re.compile(r"(?i)^(?:" + streets.alternation() + r")$")
    for word, abbrevs in streets.STREET_WORDS:
        for w in (word, *abbrevs):
            assert full.match(w) and streets.is_street_word(w.capitalize() + ".")
    plain = streets.words(everyday=False)
    assert "court" not in plain and "street" in plain and "st" in plain
    assert set(streets.words(everyday=True)) == {"court", "ct", "place", "pl", "way"}
    assert "st" not in streets.words(abbreviations=False)


def test_longest_first_so_no_word_is_cut_short_and_forms_are_as_asked() -> None:
    m = re.match(r"(?:" + streets.alternation(capitalised=True) + r")", "Street")
    assert m and m.group(0) == "Street"  # not "St"
    assert "Avenue" in streets.alternation(capitalised=True).split("|")
    plurals = streets.alternation(abbreviations=False, everyday=False, plural=True).split("|")
    assert "avenues" in plurals and "courts" not in plurals and "sts" not in plurals
    assert not streets.is_street_word("Main")


def test_both_modules_read_the_same_words() -> None:
    from newsfuse.extract.places import _PLACE_WORD, _STREET_AFTER
    from newsfuse.fuse.where import _SCENE_BEFORE, _STREET_WORD

    for word in streets.words():
        assert _STREET_WORD.fullmatch(word) and _PLACE_WORD.search(f"Oak {word}")
        assert _STREET_AFTER.match(" " + word.capitalize() + " ")
    assert _SCENE_BEFORE.search("the 300 block of Main Pkwy. in ")
    assert _SCENE_BEFORE.search("on Oak Court in ") and not _SCENE_BEFORE.search("appeared in court in ")
    assert _STREET_AFTER.match(" and Sixth streets")
