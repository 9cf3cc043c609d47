"""Claim conflicts on real sentences: what looks like a disagreement but is not, and the pairs a dispute shows."""

from __future__ import annotations

from newsfuse.extract import claims, pubdate, quantities, times
from newsfuse.fuse.claims import CONTRADICTS, align_claims, facts_of, relate
from newsfuse.stages import analyse_text

STAGES = [pubdate.STAGE, times.STAGE, quantities.STAGE, claims.STAGE]


def _one(text: str, aid: str = "a"):
    return analyse_text(text, published="2021-03-04", article_id=aid, stages=STAGES)


def _facts(text: str):
    a = _one(text)
    c = a.claims[0]
    return facts_of(c, [t for t in a.times if c.span.start <= t.span.start < c.span.end])


def test_a_sentence_dating_two_happenings_apart_agrees_with_one_dating_the_other() -> None:
    a = _facts("The Wednesday attack also comes two days before Pope Francis begins a visit to Iraq.")
    b = _facts("The attack came two days before Pope Francis is due to arrive in Baghdad on Friday.")
    assert relate(a, b, 0.9)[0] != CONTRADICTS
    c = _facts("The attack on the base came on Thursday, officials said.")
    d = _facts("The attack on the base came on Wednesday, officials said.")
    assert relate(c, d, 0.9) == (CONTRADICTS, "date")


def test_a_negation_conflicts_only_with_what_it_denies() -> None:
    known = _facts("The name is not known to security services, which believe it may be a front for a militia.")
    fronts = _facts("Security analysts say such names are often used as fronts by militias.")
    assert relate(known, fronts, 0.9)[0] != CONTRADICTS
    taken = _facts("All three victims were taken to the trauma center in stable condition.")
    not_taken = _facts("All three victims were not taken to the trauma center in stable condition.")
    assert relate(taken, not_taken, 0.9) == (CONTRADICTS, "negation")
    writer = _facts("Elizabeth Behrman is a staff writer for the Tribune.")
    not_writer = _facts("Elizabeth Behrman is not a staff writer for the Tribune.")
    assert relate(writer, not_writer, 0.9) == (CONTRADICTS, "negation")


def test_a_number_rewrite_needs_the_numbers_to_count_the_same_thing() -> None:
    injured = _facts("Colonel Dana Whitlock said on Twitter that the injured were four civilian contractors and one US soldier.")
    killed = _facts("Colonel Dana Whitlock said on Twitter that one civilian contractor was killed and five people, "
                    "including a US soldier, were wounded.")
    assert relate(injured, killed, 0.7) != (CONTRADICTS, "number")
    ages = _facts("Police said he killed his wife and their daughters, ages 14, 11, 7 and 3.")
    other_ages = _facts("Police said he killed his wife and their daughters, ages 14, 11, 10 and 3.")
    assert relate(ages, other_ages, 0.95) == (CONTRADICTS, "number")


def test_counts_of_people_of_different_happenings_do_not_conflict() -> None:
    arrested = _facts("Security forces arrested 37 protesters in Tahrir Square on Friday.")
    crowd = _facts("Thousands of protesters gathered in Tahrir Square on Friday.")
    assert relate(arrested, crowd, 0.9)[0] != CONTRADICTS
    arrested_more = _facts("Security forces arrested 52 protesters in Tahrir Square on Friday.")
    assert relate(arrested, arrested_more, 0.9)[0] == CONTRADICTS


def test_a_dispute_lists_the_two_sentences_that_disagree() -> None:
    a = _one("At least 10 rockets struck the base on Wednesday morning, the fourth attack on the base in three weeks.", "a")
    b = _one("Ten rockets struck the base on Wednesday morning. It was the second attack on the base this month.", "b")
    rows = align_claims([a, b], {}, "2021-03-03")
    disputed = [r for r in rows if r["status"] == "disputed"]
    assert disputed, rows
    for row in disputed:
        for d in row["disputes"]:
            assert d["reason"] == "ordinal"
            assert {d["said"]["article"], d["against"]["article"]} == {"a", "b"}
            for s in (d["said"], d["against"]):
                text = (a if s["article"] == "a" else b).article.text
                assert text[s["start"]:s["end"]] == s["text"]
            assert "second" in d["said"]["text"] + d["against"]["text"]


def test_a_denial_of_the_whole_statement_still_conflicts() -> None:
    none = _facts("No arrests have been made in the shooting, and police did not release the name of the victim.")
    one = _facts("Police made an arrest in the shooting of the victim.")
    assert relate(none, one, 0.9) == (CONTRADICTS, "negation")


def test_an_offset_word_after_its_span_and_hours_count() -> None:
    after = _facts("The man was arrested two days after the shooting on March 1.")
    third = _facts("The man was arrested on March 3, police said.")
    assert relate(after, third, 0.9)[0] != CONTRADICTS
    hours = _facts("The man was arrested 48 hours after the shooting on March 1.")
    assert relate(hours, third, 0.9)[0] != CONTRADICTS


def test_a_vague_count_denies_no_figure() -> None:
    dozens = _facts("Police arrested dozens of protesters during the march downtown.")
    many = _facts("Police arrested 37 protesters during the march downtown.")
    assert relate(dozens, many, 0.9)[0] != CONTRADICTS


def test_a_dispute_lists_each_wording_once_and_a_few_at_most() -> None:
    from newsfuse.fuse.claims import MAX_DISPUTE_PAIRS

    texts = [f"{n} people were killed in the blast at the market, police said." for n in ("Five", "Six", "Seven")]
    arts = [_one(texts[i % 3], f"a{i}") for i in range(30)]
    rows = align_claims(arts, {})
    disputed = [r for r in rows if r["status"] == "disputed"]
    assert disputed
    for row in disputed:
        pairs = [(d["said"]["text"], d["against"]["text"]) for d in row["disputes"]]
        assert len(pairs) == len(set(pairs)) <= MAX_DISPUTE_PAIRS
