"""vectors.tfidf_rows equals scikit-learn's TfidfVectorizer (sublinear tf, smoothed idf, l2) on the same tokens."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from newsfuse.vectors import tfidf_rows, word_tokens

TEXTS = [
    "Two men were shot on Main Street late Saturday, police said.",
    "Police said two men were wounded in a shooting on Main Street.",
    "The mayor said the city would hold a vigil on Sunday.",
    "The the the",
]


def test_word_tokens_as_sklearn():
    vec = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b\w+\b")
    analyse = vec.build_analyzer()
    for text in TEXTS:
        assert word_tokens(text, frozenset(ENGLISH_STOP_WORDS)) == analyse(text)


def _cosines(x):
    return (x @ x.T).toarray()


def test_same_cosines_as_sklearn():
    stop = frozenset(ENGLISH_STOP_WORDS)
    ours = tfidf_rows([word_tokens(t, stop) for t in TEXTS])
    ref = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b\w+\b", sublinear_tf=True).fit_transform(TEXTS)
    assert ours.shape == ref.shape
    np.testing.assert_allclose(_cosines(ours), _cosines(ref), atol=1e-12)
    assert ours[3].nnz == 0  # only stop words: an empty row, not a division by zero


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "N:x", "N:y", "d"]), max_size=6), min_size=1, max_size=8))
def test_weighted_rows_match_sklearn(docs):
    weight = lambda t: 0.5 if t.startswith("N:") else 1.0  # noqa: E731
    ours = tfidf_rows(docs, weight)
    if not any(docs):
        assert ours is None
        return
    vec = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True, norm=None)
    x = vec.fit_transform(docs)
    w = np.array([weight(t) for t in vec.get_feature_names_out()])
    ref = normalize(x.multiply(w).tocsr(), norm="l2")
    np.testing.assert_allclose(_cosines(ours), _cosines(ref), atol=1e-12)


def test_none_without_tokens():
    assert tfidf_rows([[], []]) is None
