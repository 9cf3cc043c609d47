"""The run keeps going past an article spaCy cannot take, and tells new articles from ones it already holds."""

from __future__ import annotations

from newsfuse.model import Article
from newsfuse.pipeline import _analyse_chunk, _new_articles


def test_one_article_the_parser_cannot_take_is_rejected_and_the_rest_of_its_chunk_analysed() -> None:
    good = Article(id="good", text="Three people were killed in a car bomb in Kirkuk on Friday, police said.")
    bad = Article(id="bad", text="Rockets hit the base \ud800 in Iraq on Wednesday, officials said.")  # not encodable
    done, rejected = _analyse_chunk([good, bad])
    assert [a.id for a in done] == ["good"]
    assert [(r.code, r.stage, r.position) for r in rejected] == [("E030", "annotate", "article bad")]


class _StoredTexts:
    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def ids_with_text(self, text: str) -> list[str]:  # the one Database method _new_articles reads
        return [k for k, v in self.texts.items() if v == text]


def test_an_id_already_stored_is_the_same_article_only_with_the_same_text() -> None:
    db = _StoredTexts({"1": "rockets", "1~2": "protest", "2": "flood"})
    batch = [Article(id="1", text="rockets"), Article(id="1", text="protest"), Article(id="2", text="storm"),
             Article(id="3", text="new")]
    fresh, notes = _new_articles(batch, db, set(db.texts))  # type: ignore[arg-type]
    # "1"/rockets is stored; "1"/protest was stored as 1~2 by an earlier run; "2"/storm is another article
    assert [(a.id, a.text) for a in fresh] == [("2~2", "storm"), ("3", "new")]
    assert [(n.code, n.kept) for n in notes] == [("E017", True), ("E045", True)]  # the repeat in the batch, then 2


def test_texts_read_again_in_another_order_are_not_added_twice() -> None:
    # day2 was run first (stored as "1"), then day1 ("1~2"); now both files again, day1 first
    db = _StoredTexts({"1": "protest", "1~2": "rockets"})
    batch = [Article(id="1", text="rockets"), Article(id="1~2", text="protest"), Article(id="1~3", text="flood")]
    fresh, notes = _new_articles(batch, db, set(db.texts))  # type: ignore[arg-type]
    assert [(a.id, a.text) for a in fresh] == [("1~3", "flood")]
    # each skipped one says where it is stored, at every reading of its input
    assert [(n.code, n.message) for n in notes] == [
        ("E009", "[E009] Article '1' is already in the database as '1~2' (the same text); not added again"),
        ("E009", "[E009] Article '1~2' is already in the database as '1' (the same text); not added again")]


def test_a_missing_model_stops_the_run_instead_of_rejecting_every_article(monkeypatch) -> None:
    import pytest

    import newsfuse.annotate as annotate_module

    def broken(analyses):
        raise OSError("Can't find model")

    monkeypatch.setattr(annotate_module, "annotate", broken)
    from newsfuse.errors import NewsfuseError

    with pytest.raises(NewsfuseError, match="E049"):
        _analyse_chunk([Article(id="a", text="Rockets struck the base on Wednesday, officials said.")])
