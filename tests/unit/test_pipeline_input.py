"""The run keeps going past an article spaCy cannot take, and tells new articles from ones it already holds."""

from __future__ import annotations

from newsfuse.model import Article
from newsfuse.pipeline import _analyse_chunk, _new_articles


def test_one_article_the_parser_cannot_take_is_rejected_and_the_rest_of_its_chunk_analysed() -> None:
    good = Article(id="good", text="Three people were killed in a car bomb in Kirkuk on Friday, police said.")
    bad = Article(id="bad", text="Rockets hit the base \ud800 in Iraq on Wednesday, officials said.")  # not encodable
    done, rejected = _analyse_chunk([good, bad])
    assert [a.id for a in done] == ["good"]
    assert [(r.code, r.stage, r.position) for r in rejected] == [("E030", "annotate", "bad")]


class _StoredTexts:
    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def article(self, article_id: str):  # the one Database method _new_articles reads
        return {"id": article_id, "text": self.texts[article_id]} if article_id in self.texts else None


def test_an_id_already_stored_is_the_same_article_only_with_the_same_text() -> None:
    db = _StoredTexts({"1": "rockets", "1~2": "protest", "2": "flood"})
    batch = [Article(id="1", text="rockets"), Article(id="1", text="protest"), Article(id="2", text="storm"),
             Article(id="3", text="new")]
    fresh, notes = _new_articles(batch, db, set(db.texts))  # type: ignore[arg-type]
    # "1"/rockets is stored; "1"/protest was stored as 1~2 by an earlier run; "2"/storm is another article
    assert [(a.id, a.text) for a in fresh] == [("2~2", "storm"), ("3", "new")]
    assert [(n.code, n.kept) for n in notes] == [("E017", True), ("E045", True)]  # the repeat in the batch, then 2
