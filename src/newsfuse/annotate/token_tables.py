"""The model's attribute ruler and rule lemmatizer, applied from memo tables.

`en_core_web_sm` sets coarse part of speech, morphology and some lemmas with an
`attribute_ruler` (about 200 rules: mostly one token, keyed on the fine tag, the
lower-cased word, the dependency) and then lemmatizes every token by rule from
its part of speech.  Both take a Python step per token, and the ruler's matcher
tries every rule at every token: together about 15 % of the model's time on
../shared/data/gva (`benchmarks/throughput.py`).

`TokenTables` gives the same annotations with memo tables:
- a rule's token test reads only (tag, lower, dep, is_space), so which tests a
  token passes is computed once per distinct tuple;
- matches are applied in rule order (a later rule wins), and all tests read the
  Doc as it was before any rule applied, as in `AttributeRuler`;
- (orth, pos, morph) -> lemma is filled by the model's own
  `Lemmatizer.rule_lemmatize` on first sight, the key that lemmatizer caches on.
The Doc is read and written through `to_array` / `from_array`.  The output is
identical to the two components it replaces (`tests/unit/test_token_tables.py`
compares every token attribute on real articles); `install` leaves the model
unchanged when a rule uses anything these tables cannot reproduce.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

COMPONENT = "newsfuse_token_tables"
# Memo sizes past which the tables start afresh (1,000 GVA articles fill 49k rows and 23k lemmas; a worker of
# the throughput benchmark stays under both caps).
MAX_MEMO_ROWS = 200_000
MAX_MEMO_LEMMAS = 400_000
_READ = [TAG, LOWER, DEP, IS_SPACE, ORTH, POS, MORPH, LEMMA]
_T_TAG, _T_LOWER, _T_DEP, _T_SPACE, _T_ORTH, _T_POS, _T_MORPH, _T_LEMMA = range(8)
_WRITE = [TAG, POS, MORPH, LEMMA]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2}  # positions in the feature tuple (tag, lower, dep, is_space)
_SET = ("TAG", "DEP", "POS", "MORPH", "LEMMA")  # columns of the working array

Features = tuple[str, str, str, bool]


class Unsupported(ValueError):
    """A rule uses a token attribute or operator these tables do not reproduce."""


def _value_test(spec: Any, field: int) -> Callable[[Features], bool]:
    if isinstance(spec, str):
        return lambda f: f[field] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            values = frozenset(arg)
            return lambda f: f[field] in values
        if op == "NOT_IN":
            values = frozenset(arg)
            return lambda f: f[field] not in values
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda f: rx.search(f[field]) is not None
    raise Unsupported(f"token test {spec!r}")


def _token_test(spec: dict[str, Any]) -> Callable[[Features], bool]:
    tests = []
    for key, value in spec.items():
        if key in _FIELDS:
            tests.append(_value_test(value, _FIELDS[key]))
        elif key == "IS_SPACE" and isinstance(value, bool):
            tests.append(lambda f, v=value: f[3] is v)
        else:
            raise Unsupported(f"token attribute {key}")
    return lambda f: all(t(f) for t in tests)


class TokenTables:
    """A pipeline step equal to the model's `attribute_ruler` followed by its rule `lemmatizer`."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        self.vocab = ruler.vocab
        self.lemmatizer = lemmatizer
        strings = self.vocab.strings
        self.tests: list[Callable[[Features], bool]] = []  # every distinct token test
        self._tests_for_tag: dict[str | None, list[int]] = {}  # tests that need one fine tag; None: the others
        test_ids: dict[str, int] = {}
        # rules in the ruler's order: (rule number, test ids of its tokens, index of the token set, values)
        self.rules: list[tuple[int, tuple[int, ...], int, dict[str, int]]] = []
        for rule, entry in enumerate(ruler.patterns):
            values: dict[str, int] = {}
            for name, value in entry["attrs"].items():
                if name == "POS":
                    values[name] = int(POS_IDS[value])
                elif name == "MORPH":
                    values[name] = int(self.vocab.morphology.add(value))
                elif name in ("TAG", "DEP", "LEMMA"):
                    values[name] = int(strings.add(value))
                else:
                    raise Unsupported(f"attribute {name}")
            for pattern in entry["patterns"]:  # alternatives of one rule
                ids = []
                for spec in pattern:
                    key = repr(sorted(spec.items()))
                    if key not in test_ids:
                        test_ids[key] = len(self.tests)
                        self.tests.append(_token_test(spec))
                        tag = spec.get("TAG")
                        self._tests_for_tag.setdefault(tag if isinstance(tag, str) else None, []).append(test_ids[key])
                    ids.append(test_ids[key])
                index = entry.get("index", 0)
                index = index + len(pattern) if index < 0 else index
                if not 0 <= index < len(pattern):
                    raise Unsupported(f"index {entry.get('index')}")
                self.rules.append((rule, tuple(ids), index, values))
        self.single = [(r, ids[0], values) for r, ids, _, values in self.rules if len(ids) == 1]
        self.multi = [(r, ids, index, values) for r, ids, index, values in self.rules if len(ids) > 1]
        self.first_tests = frozenset(ids[0] for _, ids, _, _ in self.multi)
        # one row per distinct (tag, lower, dep, is_space): the tests it passes, the one-token rules it
        # matches, and what those rules set (values, with a mask of the columns they set)
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._reset_rows()

    def _reset_rows(self) -> None:
        self._row_of: dict[tuple[int, ...], int] = {}
        self._passed: list[frozenset[int]] = []
        self._hits: list[tuple[tuple[int, dict[str, int]], ...]] = []
        self._values = np.zeros((1024, len(_SET)), dtype=np.uint64)  # grown by doubling
        self._mask = np.zeros((1024, len(_SET)), dtype=bool)

    def _bound_memos(self) -> None:
        """Start the memos afresh when they outgrow their caps (a long-running `serve` or `watch` sees an
        ever larger vocabulary); they only ever repeat what the rules and the lemmatizer give."""
        if len(self._passed) > MAX_MEMO_ROWS:
            self._reset_rows()
        if len(self._lemmas) > MAX_MEMO_LEMMAS:
            self._lemmas.clear()

    def _add_row(self, key: tuple[int, ...]) -> int:
        strings = self.vocab.strings
        f = (strings[key[0]] if key[0] else "", strings[key[1]] if key[1] else "",
             strings[key[2]] if key[2] else "", bool(key[3]))
        candidates = self._tests_for_tag.get(f[0], []) + self._tests_for_tag.get(None, [])
        passed = frozenset(i for i in candidates if self.tests[i](f))
        hits = tuple((r, values) for r, test_id, values in self.single if test_id in passed)
        row = len(self._passed)
        if row == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
            self._mask = np.concatenate([self._mask, np.zeros_like(self._mask)])
        for _, rule_values in hits:
            for name, value in rule_values.items():
                self._values[row, _SET.index(name)], self._mask[row, _SET.index(name)] = value, True
        self._passed.append(passed)
        self._hits.append(hits)
        self._row_of[key] = row
        return row

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        self._bound_memos()
        arr = doc.to_array(_READ)
        row_of = self._row_of
        rows = [row_of.get(k) for k in map(tuple, arr[:, :4].tolist())]
        for i, r in enumerate(rows):
            if r is None:
                rows[i] = self._add_row(tuple(int(v) for v in arr[i, :4]))
        values, mask = self._values, self._mask
        idx = np.fromiter(rows, dtype=np.intp, count=n)
        out = arr[:, [_T_TAG, _T_DEP, _T_POS, _T_MORPH, _T_LEMMA]]
        out = np.where(mask[idx], values[idx], out)
        if self.multi:  # rules over several tokens: rare; the tokens they touch get every rule applied in order
            extra: dict[int, list[tuple[int, dict[str, int]]]] = {}
            passed = self._passed
            for start in np.flatnonzero([bool(passed[r] & self.first_tests) for r in rows]).tolist():
                for r, ids, index, rule_values in self.multi:
                    if start + len(ids) <= n and all(ids[k] in passed[rows[start + k]] for k in range(len(ids))):
                        extra.setdefault(start + index, []).append((r, rule_values))
            for i, more in extra.items():
                out[i] = arr[i, [_T_TAG, _T_DEP, _T_POS, _T_MORPH, _T_LEMMA]]
                for _, rule_values in sorted(self._hits[rows[i]] + tuple(more), key=lambda h: h[0]):
                    for name, value in rule_values.items():
                        out[i, _SET.index(name)] = value
        doc.from_array(_WRITE, np.ascontiguousarray(out[:, [0, 2, 3, 4]]))
        for i in np.flatnonzero(out[:, 1] != arr[:, _T_DEP]).tolist():
            doc[i].dep = int(out[i, 1])  # rare ("dep" for a space token): heads stay as the parser set them
        # lemmas by rule where no attribute rule gave one, memoised on (orth, pos, morph) as the lemmatizer does
        lemmas = self._lemmas
        strings = self.vocab.strings
        need = np.flatnonzero(out[:, 4] == 0)
        if need.size:
            keys = zip(arr[need, _T_ORTH].tolist(), out[need, 2].tolist(), out[need, 3].tolist())
            got = []
            for i, key in zip(need.tolist(), keys):
                lem = lemmas.get(key)
                if lem is None:
                    lem = lemmas[key] = int(strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0]))
                got.append(lem)
            out[need, 4] = np.array(got, dtype=np.uint64)
            doc.from_array([LEMMA], np.ascontiguousarray(out[:, 4:5]))
        return doc


def install(nlp: Language) -> Language:
    """Replace the model's `attribute_ruler` and `lemmatizer` by one `TokenTables` step in their place.

    The model is left as it is when its lemmatizer is not a rule lemmatizer that keeps existing lemmas, or
    when a rule uses something the tables do not reproduce.
    """
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return nlp
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return nlp
    try:
        TokenTables(ruler, lemmatizer)  # built once here to learn whether every rule is supported
    except (Unsupported, KeyError, ValueError):  # a rule or value these tables were not written for
        return nlp
    nlp.add_pipe(COMPONENT, after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return nlp


@Language.factory(COMPONENT)
def make_token_tables(nlp: Language, name: str) -> TokenTables:
    """The pipeline factory: tables over the model's own attribute ruler and lemmatizer (see `install`)."""
    return TokenTables(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))
