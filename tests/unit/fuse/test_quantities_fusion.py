"""Fused quantities: one entry per counted thing and figure, every distinct report kept."""

from __future__ import annotations

import jsonschema

from newsfuse.extract import quantities as extract_quantities
from newsfuse.fuse import quantities as fq
from newsfuse.stages import analyse_text
from newsfuse.store.schema import event_schema

STAGES = [extract_quantities.STAGE]


def _a(text: str, aid: str):
    return analyse_text(text, published="2021-03-03", article_id=aid, stages=STAGES)


def _fuse(*texts: str) -> list[dict]:
    analyses = [_a(t, f"a{i}") for i, t in enumerate(texts)]
    return fq.quantities(analyses, {a.id: a.id for a in analyses})


def test_one_count_under_its_qualifiers() -> None:
    got = _fuse("At least 10 rockets struck the base.", "Around 10 rockets struck the base.",
                "At least 10 rockets hit the base.", "10 rockets hit the base.")
    rockets = [q for q in got if q["what"] == "rockets"]
    assert len(rockets) == 1, got
    r = rockets[0]
    assert r["value"] == 10 and r["qualifier"] == "at least" and r["sources"] == 4 and len(r["reports"]) == 3
    assert sum(x["sources"] for x in r["reports"]) == 4 and len(r["evidence"]) == 4
    schema = event_schema()
    jsonschema.validate(got, {"$defs": schema.get("$defs", {}), **schema["properties"]["quantities"]})


def test_a_calibre_is_not_a_count_and_far_apart_distances_are_two() -> None:
    got = _fuse("Ten 122mm rockets were fired from about eight kilometres (five miles) away, about 180 kilometres from Baghdad.")
    assert any(q["unit"] == "mm" and q["value"] == 122 for q in got), got
    lengths = sorted(q["value"] for q in got if q["what"] in ("kilometres", "miles", "mile"))
    assert lengths == [8, 180], got
    eight = next(q for q in got if q["value"] == 8)
    assert {r["value"] for r in eight["reports"]} == {8, 5}  # the same distance written in two units


def test_compatibility_of_figures() -> None:
    assert fq._compatible((10, "at least", False), (12, "exact", False))
    assert not fq._compatible((10, "at most", False), (12, "exact", False))
    assert fq._compatible((10, "about", False), (12, "exact", False))
    assert not fq._compatible((10, "exact", False), (12, "exact", False))
    assert fq._compatible((8.0, "exact", False), (5 * 1.609344, "exact", True))
    assert not fq._compatible((8.0, "exact", False), (180.0, "about", False))
    assert not fq._compatible((20, "at least", False), (500, "at least", False))


def test_figures_that_differ_as_written_are_disputed() -> None:
    got = _fuse("About 10 people were hurt.", "A dozen people were hurt.")
    people = [q for q in got if q["what"] == "people"]
    assert len(people) == 1 and people[0]["disputed"], got
    same = _fuse("At least 10 rockets struck the base.", "10 rockets hit the base.")
    assert len(same) == 1 and not same[0]["disputed"], same


def test_counts_of_people_join_only_for_the_same_happening() -> None:
    got = _fuse("More than 30 people were injured in the clashes.", "Police detained at least 40 people.",
                "They kept me in a room with forty other people.")
    people = [q for q in got if q["what"] == "people"]
    assert len(people) == 3, got


def test_one_source_does_not_dispute_itself_and_order_does_not_matter() -> None:
    got = _fuse("About 10 people were hurt, and a firm that employs 12 people said none of its staff were hurt.")
    assert not any(q["disputed"] for q in got), got
    texts = ["At least 10 rockets struck the base.", "10 rockets hit the base.", "Around 10 rockets struck the base."]
    one, other = _fuse(*texts), _fuse(*reversed(texts))
    strip = lambda qs: [{k: v for k, v in q.items() if k not in ("evidence", "reports")} for q in qs]  # noqa: E731
    assert strip(one) == strip(other) and one[0]["qualifier"] == "exact", (one, other)


def test_the_predicate_after_a_count_of_people_says_what_happened_to_them() -> None:
    got = _fuse("A contractor was killed and nine people were wounded when rockets struck the airport.",
                "One contractor had been killed and five people, including a US soldier, wounded on the base.")
    people = [q for q in got if q["what"] == "people"]
    assert sorted(q["value"] for q in people) == [5, 9] and all(q["happening"] == "injured" for q in people), got
    killed = [q for q in got if q["what"] in ("contractor", "Contractor")]
    assert killed and all(q["happening"] == "killed" for q in killed), got
    schema = event_schema()
    jsonschema.validate(got, {"$defs": schema.get("$defs", {}), **schema["properties"]["quantities"]})


def test_a_vague_count_disputes_no_figure_and_is_shown_as_written() -> None:
    from newsfuse.brief.render import quantity_label

    got = _fuse("Police detained dozens of protesters near the square.", "Police detained 37 protesters near the square.")
    protesters = [q for q in got if q["what"] == "protesters"]
    assert protesters and not any(q["disputed"] for q in protesters), got
    several = _fuse("Several men were questioned about the truck.")
    assert [quantity_label(q) for q in several] == ["several men (counted as 10)"], several
    hurt = _fuse("Dozens of people were injured in the crush.")
    assert [quantity_label(q) for q in hurt] == ["dozens of people injured (counted as 12)"], hurt


def test_nothing_happened_to_people_who_did_it_or_were_spared() -> None:
    from newsfuse.fuse.quantities import happening

    for text, count in (("Five gunmen, including a soldier, killed two civilians.", "Five gunmen"),
                        ("Two students were not injured.", "Two students"),
                        ("Two people were killed and seven more people were shot.", "seven more people"),
                        ("Two officers were trying to arrest the man.", "Two officers"),
                        ("The other four people were released on Monday.", "four people")):
        at = text.find(count)
        assert happening(text, at, at + len(count), count.split()[-1]) is None, text
    text = "Police arrested 37 protesters."
    assert happening(text, 16, 29, "protesters") == "detained"
