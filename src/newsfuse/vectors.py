"""Small TF-IDF matrices built directly as sparse rows, for the per-event fusers.

The brief and the claim aligner each fit TF-IDF on one event's sentences, once
per event: thousands of tiny fits in a run.  scikit-learn's vectorizer costs a
few milliseconds of fixed overhead per fit, more than the arithmetic itself, so
this module builds the same matrix (sublinear tf, smoothed idf, optional term
weights, L2-normalised rows) straight into a CSR matrix.  Its output equals
`TfidfVectorizer(sublinear_tf=True)` on the same token lists, up to column order
(tests/unit/test_vectors.py checks it), and cosines do not depend on column order.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

_TOKEN = re.compile(r"\b\w+\b")


def word_tokens(text: str, stop_words: frozenset[str] = frozenset()) -> list[str]:
    """Lower-cased word tokens (`\\b\\w+\\b`, as scikit-learn's pattern with single characters kept), stop words out."""
    return [w for w in _TOKEN.findall(text.lower()) if w not in stop_words]


def tfidf_rows(
    docs: Sequence[Iterable[str]],
    weight: Callable[[str], float] | None = None,
) -> sparse.csr_matrix | None:
    """L2-normalised TF-IDF rows of token lists: tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1.

    `weight(term)` scales a term's column before normalising.  None when no document has a token.
    """
    vocab: dict[str, int] = {}
    counts: list[dict[int, int]] = []
    for tokens in docs:
        row: dict[int, int] = {}
        for t in tokens:
            j = vocab.setdefault(t, len(vocab))
            row[j] = row.get(j, 0) + 1
        counts.append(row)
    if not vocab:
        return None
    n = len(counts)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(row) for row in counts])
    cols = np.fromiter((j for row in counts for j in row), dtype=np.int32, count=int(indptr[-1]))
    tf = np.fromiter((c for row in counts for c in row.values()), dtype=np.float64, count=int(indptr[-1]))
    df = np.bincount(cols, minlength=len(vocab))
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    if weight is not None:
        idf = idf * np.array([weight(t) for t in vocab])  # dict order is column order
    data = (1.0 + np.log(tf)) * idf[cols]
    row_of = np.repeat(np.arange(n), np.diff(indptr))
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=n))
    nonzero = norms[row_of] > 0
    data[nonzero] /= norms[row_of][nonzero]
    return sparse.csr_matrix((data, cols, indptr), shape=(n, len(vocab)))
