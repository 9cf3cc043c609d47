"""Participants fused across sources: one surname's several people are kept apart by their first names."""

from __future__ import annotations

from newsfuse.extract import participants as extract
from newsfuse.fuse import what
from newsfuse.stages import analyse_text

STAGES = [extract.STAGE]


def test_same_person_needs_agreeing_first_names() -> None:
    assert what.FIRST_NAMES_SPELLED
    # sisters, a mother and her son, a father and his daughter
    assert not what.same_person("Amy Buckley", "Abigail Buckley")
    assert not what.same_person("Jermaine Sims", "Jamiyah Sims")
    assert not what.same_person("Timothy Batts", "Timea Batts")
    # one person: short forms, initials, spellings, a lone surname, a first name among the other's given names
    assert what.same_person("Fred Swiger", "Freddy Donald Swiger")
    assert what.same_person("J. Smith", "John Smith")
    assert what.same_person("Akielah Solomon", "Akeilah Solomon")
    assert what.same_person("Buckley", "Amy Buckley")
    assert what.same_person("Cade Booher", "William Cade Booher")


def test_family_members_named_by_two_sources_stay_apart() -> None:
    a = analyse_text("Amy Buckley, 30, was shot and killed at the home.", article_id="a", published="2016-08-01", stages=STAGES)
    b = analyse_text("Abigail Buckley, 6, was shot and killed at the home.", article_id="b", published="2016-08-01", stages=STAGES)
    names = {p["name"] for p in what.participants([a, b], {}, (2, 0))}
    assert names == {"Amy Buckley", "Abigail Buckley"}


def test_one_person_spelled_two_ways_is_one() -> None:
    assert what.same_person("Michael Brown", "Mike Brown")
    assert what.same_person("Mohammed Abu Salem", "Muhammad Abu Salem")
    assert what.same_person("Yusuf Ahmed", "Youssef Ahmed")
    assert what.same_person("Muhammad Ali Khan", "Mohammed Khan")
    # twins one consonant apart stay two
    assert not what.same_person("Jayden Smith", "Jaylen Smith")
    assert not what.same_person("Jamal Davis", "Jamar Davis")
