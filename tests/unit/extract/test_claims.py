"""Claims: one per stating body sentence, with numbers, dates, ordinals, polarity, hedges and attribution."""

from __future__ import annotations

import pytest

from newsfuse.extract import claims
from newsfuse.stages import analyse_text

TEXT = (
    "Ten rockets struck the Ain al-Asad air base in Iraq on Wednesday, the Pentagon said. "
    "No one was killed, according to the coalition. "
    "It was too early to attribute the attack, officials said. "
    "The attack is thought to be the second this month. "
    "Two people were killed and three others wounded on Jan. 27, police said."
)


@pytest.fixture(scope="module")
def found():
    a = analyse_text(TEXT, published="2021-03-04", stages=[claims.STAGE])
    return {c.span.text: c for c in a.claims}, a


def test_one_claim_per_sentence_with_exact_spans(found):
    by_text, a = found
    assert len(by_text) == 5
    for c in a.claims:
        assert a.article.text[c.span.start:c.span.end] == c.span.text


def test_numbers_as_digits_and_attribution(found):
    c = found[0]["Ten rockets struck the Ain al-Asad air base in Iraq on Wednesday, the Pentagon said."]
    assert "10" in c.slots["terms"] and "wednesday" in c.slots["weekdays"]
    assert c.attribution == "the Pentagon"
    assert c.polarity == "positive" and not c.hedged


def test_negation_reads_zero_killed(found):
    c = found[0]["No one was killed, according to the coalition."]
    assert c.polarity == "negative"
    assert {"kind": "killed", "value": 0} in [{k: x[k] for k in ("kind", "value")} for x in c.slots["casualties"]]
    assert c.attribution == "the coalition"


def test_hedges(found):
    assert found[0]["It was too early to attribute the attack, officials said."].hedged
    c = found[0]["The attack is thought to be the second this month."]
    assert c.hedged and c.slots["ordinals"][0]["value"] == 2


def test_casualty_counts_and_day(found):
    c = found[0]["Two people were killed and three others wounded on Jan. 27, police said."]
    counts = {(x["kind"], x["value"]) for x in c.slots["casualties"]}
    assert ("killed", 2) in counts and ("injured", 3) in counts
    assert c.slots["month_days"] == ["01-27"]


def test_no_doc_no_claims():
    from newsfuse.model import Analysis, Article

    assert claims.extract_claims(Analysis(article=Article(id="x", text="Some text here, said."))) == ()


def test_tweet_signature_and_first_by_are_not_claims_or_counts():
    text = (
        "The Pope's visit is the first by a pontiff to Iraq.\n"
        "— OIR Spokesman Col. Dana Whitlock (@OIRSpox_DW) March 3, 2021\n"
        "It was the second attack on the base this month."
    )
    a = analyse_text(text, published="2021-03-04", stages=[claims.STAGE])
    texts = [c.span.text for c in a.claims]
    assert not any("@OIRSpox_DW" in t for t in texts)
    ordinals = [o for c in a.claims for o in c.slots["ordinals"]]
    assert [(o["what"], o["value"]) for o in ordinals] == [("attack", 2)]
