"""Scorers shared by every harness: B-cubed, precision/recall/F1, spans, field accuracy."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    support: int = 0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4), "support": self.support}


def prf(tp: float, fp: float, fn: float) -> PRF:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, int(tp + fn))


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> PRF:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> class).

    Items missing from `predicted` count as singletons.
    >>> round(bcubed({1: "a", 2: "a", 3: "b"}, {1: "x", 2: "x", 3: "x"}).precision, 3)
    0.556
    """
    items = list(gold)
    pred = {i: predicted.get(i, ("__singleton__", i)) for i in items}
    by_gold: dict[Hashable, set] = defaultdict(set)
    by_pred: dict[Hashable, set] = defaultdict(set)
    for i in items:
        by_gold[gold[i]].add(i)
        by_pred[pred[i]].add(i)
    p_sum = r_sum = 0.0
    for i in items:
        g, c = by_gold[gold[i]], by_pred[pred[i]]
        inter = len(g & c)
        p_sum += inter / len(c)
        r_sum += inter / len(g)
    n = len(items) or 1
    p, r = p_sum / n, r_sum / n
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(items))


def field_accuracy(pairs: Iterable[tuple[object, object]]) -> float:
    """Share of (gold, predicted) pairs that are equal; 0.0 for no pairs."""
    pairs = list(pairs)
    return sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0


def span_prf(
    gold: Iterable[tuple[Hashable, int, int]],
    predicted: Iterable[tuple[Hashable, int, int]],
    relaxed: bool = False,
) -> PRF:
    """Span precision/recall/F1 over (doc, start, end) triples; `relaxed` counts any overlap as a match.

    Each gold span matches at most one predicted span and vice versa.
    """
    gold_l = sorted(set(gold))
    pred_l = sorted(set(predicted))
    if not relaxed:
        g, p = set(gold_l), set(pred_l)
        tp = len(g & p)
        return prf(tp, len(p) - tp, len(g) - tp)
    by_doc: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
    for d, s, e in gold_l:
        by_doc[d].append((s, e))
    used: set[tuple[Hashable, int, int]] = set()
    tp = 0
    for d, s, e in pred_l:
        for gs, ge in by_doc.get(d, []):
            if (d, gs, ge) not in used and gs < e and s < ge:
                used.add((d, gs, ge))
                tp += 1
                break
    return prf(tp, len(pred_l) - tp, len(gold_l) - tp)


def label_prf(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, PRF]:
    """Per-label precision/recall/F1 for a classification."""
    labels = sorted(set(gold) | set(predicted))
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, predicted) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, predicted) if g == lab and p != lab)
        out[lab] = prf(tp, fp, fn)
    return out


def majority(values: Iterable[Hashable]) -> Hashable | None:
    """The most common value (first seen wins a tie), or None."""
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None
