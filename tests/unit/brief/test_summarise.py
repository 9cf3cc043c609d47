"""The brief: verbatim cited sentences, the record's facts first, no repeats, lead order."""

from __future__ import annotations

from newsfuse.brief import is_brief_sentence, summarise
from newsfuse.model import Article
from newsfuse.stages import prepare

A = (
    "Two people were killed and three injured in a shooting on Main Street in Springfield on Monday, police said. "
    "The shooting happened shortly after 10 p.m. outside a bar. "
    "Police said the suspect fled in a silver car. "
    "Officers are asking anyone with information to call them."
)
B = (
    "Two people were killed and three injured in a shooting on Main Street in Springfield on Monday, police said. "
    "Police said the gunman fled the scene in a silver car. "
    "The bar's owner said the neighborhood had been quiet for years."
)


def analyses():
    return [prepare(Article(id="a", text=A, outlet="One")), prepare(Article(id="b", text=B, outlet="Two"))]


def claims_rows():
    lead = "Two people were killed and three injured in a shooting on Main Street in Springfield on Monday, police said."
    return [{
        "text": lead,
        "support": [{"article": "a", "start": 0, "end": len(lead), "text": lead}, {"article": "b", "start": 0, "end": len(lead), "text": lead}],
        "contradict": [], "independent_sources": 2, "status": "corroborated",
    }]


def test_sentences_are_verbatim_and_cited():
    ans = analyses()
    texts = {a.id: a.article.text for a in ans}
    out = summarise(ans, {}, claims_rows(), length=3)
    assert 1 <= len(out) <= 3
    for s in out:
        first = s["citations"][0]
        assert texts[first["article"]][first["start"]:first["end"]] == s["text"] == first["text"]
        for c in s["citations"]:
            assert texts[c["article"]][c["start"]:c["end"]] == c["text"]


def test_corroborated_lead_first_with_other_sources_and_no_repeat():
    out = summarise(analyses(), {}, claims_rows(), length=4)
    assert out[0]["text"].startswith("Two people were killed")
    assert {c["article"] for c in out[0]["citations"]} == {"a", "b"}
    lows = [s["text"] for s in out]
    assert sum(t.startswith("Two people were killed") for t in lows) == 1


def test_length_and_empty():
    assert summarise(analyses(), {}, [], length=0) == []
    assert summarise([], {}, [], length=5) == []


def test_fragments_are_not_brief_sentences():
    assert not is_brief_sentence("Share this story")
    assert not is_brief_sentence("Click here to subscribe to our newsletter today.")
    assert is_brief_sentence("Police said the suspect fled in a silver car.")


def test_date_facet_needs_a_date_word_not_a_prefix() -> None:
    from newsfuse.brief import facets_of

    assert "date" not in facets_of("The mayor decided the market would stay open.", None)
    assert "date" not in facets_of("Protesters marched; they may return.", None)
    for text in ("It happened on March 5.", "Police said Monday.", "It was Dec. 4, 2019.", "He died in May 2019.",
                 "The attack happened on 5 May."):
        assert "date" in facets_of(text, None), text


def test_sentence_end_test() -> None:
    assert is_brief_sentence('The police chief said the gunman had fled the scene on foot."  ')
    assert is_brief_sentence("The police chief said the gunman had fled the scene on foot (police said).")
    assert not is_brief_sentence("The police chief said the gunman had fled the scene on foot")
    assert not is_brief_sentence("THE POLICE CHIEF SAID THE GUNMAN HAD FLED THE SCENE.")
