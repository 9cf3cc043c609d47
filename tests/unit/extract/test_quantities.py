"""Quantities: counts with their noun and qualifier, every span exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import quantities
from newsfuse.extract.quantities import parse_number
from newsfuse.stages import analyse_text


def _q(text: str) -> list[tuple[str, float, str | None, str | None]]:
    a = analyse_text(text, stages=[quantities.STAGE])
    for q in a.quantities:
        assert a.article.text[q.span.start:q.span.end] == q.span.text
    return [(q.what, q.value, q.qualifier, q.unit) for q in a.quantities]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 10 rockets hit the base.", ("rockets", 10, "at least", None)),
        ("The US has 2,500 US troops in Iraq.", ("troops", 2500, "exact", None)),
        ("Dozens of protesters gathered outside.", ("protesters", 12, "about", None)),
        ("Hundreds of people fled the town.", ("people", 100, "about", None)),
        ("A dozen people were hurt.", ("people", 12, "exact", None)),
        ("Two dozen people were hurt.", ("people", 24, "exact", None)),
        ("Nearly three dozen cars burned.", ("cars", 36, "about", None)),
        ("A 122mm rocket landed nearby.", ("rocket", 122, "exact", "mm")),
    ],
)
def test_counts(text: str, expected: tuple) -> None:
    assert expected in _q(text)


def test_number_and_measure_are_separate() -> None:
    got = _q("The jets dropped seven 500lb bombs.")
    assert ("bombs", 7, "exact", None) in got
    assert ("bombs", 500, "exact", "lb") in got


def test_dates_and_ages_are_not_counts() -> None:
    got = _q("On 3 March 2020, a 23-year-old man was seen at 5 pm.")
    assert all(w not in ("march", "year", "pm") for w, *_ in got)
    assert not any(v in (3, 2020, 23, 5) for _, v, *_ in got)


@pytest.mark.parametrize("words, value", [("2,500", 2500), ("twenty-five", 25), ("two hundred", 200), ("dozens", 12), ("hundreds", 100), ("several", 10)])
def test_parse_number(words: str, value: int) -> None:
    assert parse_number(words)[0] == value


@settings(max_examples=25, deadline=None)
@given(prefix=st.text(alphabet="abc ,.\n", max_size=20), n=st.integers(0, 5000), noun=st.sampled_from(["rockets", "people", "troops"]))
def test_spans_point_into_text(prefix: str, n: int, noun: str) -> None:
    text = f"{prefix} At least {n} {noun} were seen."
    a = analyse_text(text, stages=[quantities.STAGE])
    for q in a.quantities:
        assert text[q.span.start:q.span.end] == q.span.text


def test_calibre_and_dates() -> None:
    got = _q("Officials said the projectiles were 122mm Grad rockets. UPDATE 15 FEB 2021: the factions denied it.")
    assert ("rockets", 122, "exact", "mm") in got
    assert not any(w == "feb" for w, *_ in got)


def test_a_part_of_a_group_is_not_a_count_of_it() -> None:
    from newsfuse.extract import quantities
    from newsfuse.stages import analyse_text

    a = analyse_text(
        "Kataib al-Furat, one of the Iran-aligned factions, denied it. Six of them were arrested. "
        "Dozens of the protesters stayed, and 10 rockets hit the base.",
        stages=[quantities.STAGE],
    )
    whole = {(q.value, q.what) for q in a.quantities if not q.partitive}
    assert (10.0, "rockets") in whole
    assert not any(value in (1.0, 6.0) for value, _ in whole), whole
    assert any(q.partitive and q.value == 1.0 for q in a.quantities)  # kept for claims ("one of" vs "three of")


def test_all_of_a_group_is_the_whole_group() -> None:
    from newsfuse.extract import quantities
    from newsfuse.stages import analyse_text

    a = analyse_text("All 12 of the miners were rescued on Sunday.", stages=[quantities.STAGE])
    assert [(q.value, q.partitive) for q in a.quantities] == [(12.0, False)]
