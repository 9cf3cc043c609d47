"""Claim pairs: does the pairwise classifier of `newsfuse.fuse.claims` tell same / contradicts / unrelated?

Data: eval/data/contradiction_pairs.jsonl (306 pairs), built from ../shared/data/gva:
- 160 real pairs: for gva incidents with two or more articles (incidents in sha1 order of their id), the two
  first articles were split into sentences and, per article pair, the most similar sentence pair (word
  TF-IDF), one pair of middling similarity (0.2-0.5) and, for every third incident, one dissimilar pair were
  taken; each was then labelled by reading (same = states the same fact; unrelated = different facts,
  often about the same incident; contradicts = facts that cannot both hold, e.g. "wounding 29" vs
  "injured more than 30"); ambiguous pairs were dropped.  `a_from` / `b_from` give the article offsets.
- 146 synthetic pairs (`synthetic: true`, `construction` and `edit` say how): contradictions made by editing a
  real sentence: a count changed (on a number both sentences of a real `same` pair state, or on the
  sentence itself), a negation inserted after the first auxiliary, a weekday or day of month changed; and
  `same` pairs that only write a number word in digits ("four" -> "4").  Every edited pair was read and the
  ungrammatical or not truly contradictory ones were removed.

Each sentence is analysed as a one-sentence article by the real pipeline (segment, spaCy, every registered
stage, including claims), and the pair is classified by `newsfuse.fuse.claims.classify_pairs`, the same
`relate` function `align_claims` uses.  Reported: P/R/F1 per label, accuracy, and accuracy on the real and
synthetic parts.  A TF-IDF-threshold baseline (same if cosine >= SAME_SIM, else unrelated; it never says
contradicts) runs in the same harness.

    .venv/bin/python -m eval.contradictions [--limit N] [--grid]
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path
from typing import Any, Sequence

from eval.common import REPO, read_jsonl, write_results
from eval.scorers import label_prf
from newsfuse.model import Analysis, Article, Claim

PAIRS = REPO / "eval" / "data" / "contradiction_pairs.jsonl"
LABELS = ("same", "contradicts", "unrelated")


def load_pairs(limit: int | None = None, path: Path = PAIRS) -> list[dict[str, Any]]:
    rows = list(read_jsonl(path))
    return rows[:limit] if limit else rows


def merged_claim(analysis: Analysis) -> Claim | None:
    """One claim for a one-sentence text (slots of every claim found in it, joined)."""
    claims = list(analysis.claims)
    if not claims:
        return None
    if len(claims) == 1:
        return claims[0]
    slots: dict[str, Any] = {}
    for c in claims:
        for k, v in c.slots.items():
            if isinstance(v, list):
                slots.setdefault(k, []).extend(v)
            else:
                slots.setdefault(k, v)
    return Claim(
        span=analysis.span(claims[0].span.start, claims[-1].span.end),
        slots=slots,
        polarity="negative" if any(c.polarity == "negative" for c in claims) else "positive",
        hedged=any(c.hedged for c in claims),
        attribution=next((c.attribution for c in claims if c.attribution), None),
    )


def analyse_sentences(texts: Sequence[tuple[str, str | None]]) -> dict[tuple[str, str | None], Claim | None]:
    """The claim of each (sentence, published date), from the real pipeline."""
    from newsfuse.annotate import annotate
    from newsfuse.stages import default_stages, prepare, run_stages

    stages = default_stages()
    uniq = list(dict.fromkeys(texts))
    arts = [Article(id=f"s{i}", text=t, published=p) for i, (t, p) in enumerate(uniq)]
    out: dict[tuple[str, str | None], Claim | None] = {}
    for key, a in zip(uniq, annotate([prepare(x) for x in arts])):
        out[key] = merged_claim(run_stages(a, stages, []))
    return out


def predict(rows: Sequence[dict[str, Any]], claims: dict[tuple[str, str | None], Claim | None]) -> list[str]:
    from newsfuse.fuse.claims import classify_pairs

    pairs, where = [], []
    for k, r in enumerate(rows):
        a, b = claims[(r["a"], r.get("a_published"))], claims[(r["b"], r.get("b_published"))]
        if a is not None and b is not None:
            pairs.append((a, b))
            where.append(k)
    labels = ["unrelated"] * len(rows)
    for k, lab in zip(where, classify_pairs(pairs)):
        labels[k] = lab
    return labels


def baseline(rows: Sequence[dict[str, Any]], claims: dict[tuple[str, str | None], Claim | None]) -> list[str]:
    """TF-IDF cosine alone: same above the threshold, else unrelated."""
    from newsfuse.fuse import claims as fc

    facts, idx = [], []
    for k, r in enumerate(rows):
        a, b = claims[(r["a"], r.get("a_published"))], claims[(r["b"], r.get("b_published"))]
        if a is not None and b is not None:
            facts += [fc.facts_of(a), fc.facts_of(b)]
            idx.append(k)
    x = fc.term_matrix(facts)
    out = ["unrelated"] * len(rows)
    for n, k in enumerate(idx):
        sim = float(x[2 * n].multiply(x[2 * n + 1]).sum())
        out[k] = "same" if sim >= fc.SAME_SIM else "unrelated"
    return out


def score(rows: Sequence[dict[str, Any]], pred: Sequence[str]) -> dict[str, Any]:
    gold = [r["label"] for r in rows]
    per = label_prf(gold, pred)
    res: dict[str, Any] = {lab: per[lab].as_dict() for lab in LABELS if lab in per}
    res["accuracy"] = round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4)
    for part, flag in (("real", False), ("synthetic", True)):
        ks = [k for k, r in enumerate(rows) if bool(r.get("synthetic")) == flag]
        res[f"accuracy_{part}"] = round(sum(gold[k] == pred[k] for k in ks) / max(len(ks), 1), 4)
    return res


GRID = {
    "SAME_SIM": [0.28, 0.32, 0.35, 0.42],
    "SAME_SIM_WITH_SLOTS": [0.2, 0.25, 0.28],
    "NUMBER_TOPIC_SIM": [0.22, 0.3, 0.4],
    "NEGATION_SIM": [0.35, 0.45],
    "DATE_TOPIC_SIM": [0.2, 0.3, 0.4],
}


def grid(rows: Sequence[dict[str, Any]], claims: dict[tuple[str, str | None], Claim | None]) -> list[dict[str, Any]]:
    """Macro F1 over the threshold grid (constants set on the module for the duration of one run)."""
    from newsfuse.fuse import claims as fc

    saved = {k: getattr(fc, k) for k in GRID}
    out = []
    try:
        for values in itertools.product(*GRID.values()):
            for k, v in zip(GRID, values):
                setattr(fc, k, v)
            s = score(rows, predict(rows, claims))
            macro = sum(s[lab]["f1"] for lab in LABELS) / 3
            out.append({"params": dict(zip(GRID, values)), "macro_f1": round(macro, 4),
                        "same_f1": s["same"]["f1"], "contradicts_f1": s["contradicts"]["f1"]})
    finally:
        for k, v in saved.items():
            setattr(fc, k, v)
    return sorted(out, key=lambda r: -r["macro_f1"])[:10]


def evaluate(limit: int | None = None, with_grid: bool = False) -> dict[str, Any]:
    t0 = time.time()
    rows = load_pairs(limit)
    claims = analyse_sentences([(r["a"], r.get("a_published")) for r in rows] + [(r["b"], r.get("b_published")) for r in rows])
    pred = predict(rows, claims)
    res: dict[str, Any] = {"pairs": len(rows), "newsfuse": score(rows, pred), "tfidf_baseline": score(rows, baseline(rows, claims))}
    res["errors"] = [
        {"id": r["id"], "gold": r["label"], "predicted": p, "a": r["a"][:160], "b": r["b"][:160]}
        for r, p in zip(rows, pred) if r["label"] != p
    ][:40]
    if with_grid:
        res["grid_top10"] = grid(rows, claims)
    res["seconds"] = round(time.time() - t0, 1)
    return res


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--grid", action="store_true", help="also report the best thresholds of a small grid")
    args = ap.parse_args(argv)
    res = evaluate(args.limit, args.grid)
    print(f"pairs: {res['pairs']}  ({res['seconds']} s)")
    print(f"{'system':16} {'label':12} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for name in ("newsfuse", "tfidf_baseline"):
        for lab in LABELS:
            r = res[name].get(lab, {"precision": 0, "recall": 0, "f1": 0, "support": 0})
            print(f"{name:16} {lab:12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['support']:5d}")
        print(f"{name:16} accuracy {res[name]['accuracy']:.3f} (real {res[name]['accuracy_real']:.3f}, synthetic {res[name]['accuracy_synthetic']:.3f})")
    if args.grid:
        for g in res["grid_top10"][:5]:
            print("grid", g)
    write_results("contradictions" + ("" if args.limit is None else f"_limit{args.limit}"), res)
    return res


if __name__ == "__main__":
    main()
