"""Event clustering: B-cubed P/R/F1 of the online clusterer on news-clusters, gva and ecbplus.

Splits (fixed rules, decided before tuning; every constant of newsfuse.cluster was chosen on `dev`):
- news-clusters and gva: gold events hashed (sha1 of the event id) 70 % dev / 30 % test;
- ecbplus: topics 1-25 dev, 26-35 test (each topic holds two look-alike events).
Each part is clustered on its own (the clusterer only sees the articles of that part).

The baseline runs in the same harness: TF-IDF vectors (scikit-learn), average-link cosine agglomerative
clustering, with the distance cut-off tuned on the gold labels of the same part (optimistic, as in the
reference numbers of ../shared/data/README.md).

Analyses are what the pipeline really produces (segment + spaCy + every registered extraction stage);
they are computed once and cached on disk under $NEWSFUSE_CACHE (default: the system temp dir), keyed on
the dataset and the stages present, so reruns take seconds.

    .venv/bin/python -m eval.clusters [--limit N] [--parts dev,test] [--datasets gva,ecbplus,news-clusters]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from eval.common import data_dir, load_floors, read_jsonl, write_results
from eval.scorers import bcubed
import numpy as np

from newsfuse.model import Analysis, Article

DATASETS: dict[str, tuple[str, str]] = {
    # name: (file under data_dir, gold field)
    "news-clusters": ("news-clusters/articles.jsonl.gz", "gold_event"),
    "gva": ("gva/articles.jsonl.gz", "gold_incident"),
    "ecbplus": ("ecbplus/dev.jsonl.gz", "gold_event"),
}
DEV_SHARE = 0.7  # share of hashed events in dev (news-clusters, gva)
ECB_DEV_TOPICS = range(1, 26)  # ECB+ topics 1-25 dev, the rest test


def cache_dir() -> Path:
    """Where parsed analyses are kept between runs (never inside the repository)."""
    path = Path(os.environ.get("NEWSFUSE_CACHE", Path(tempfile.gettempdir()) / "newsfuse-cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def part_of(dataset: str, row: dict[str, Any]) -> str:
    """'dev' or 'test' for one dataset row, by the fixed split rule of this module."""
    if dataset == "ecbplus":
        return "dev" if int(row["topic"]) in ECB_DEV_TOPICS else "test"
    gold = str(row[DATASETS[dataset][1]])
    bucket = int(hashlib.sha1(gold.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if bucket < DEV_SHARE else "test"


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=str(row["id"]),
        text=row["text"],
        source=row.get("url") or "",
        outlet=row.get("outlet"),
        title=row.get("title"),
        url=row.get("url"),
        published=row.get("published"),
    )


def _stage_signature(full: bool) -> str:
    """'light' (segment + spaCy only), or a hash of the registered stages and their source files."""
    if not full:
        return "light"
    import inspect

    from newsfuse.stages import default_stages

    h = hashlib.sha1()
    for stage in default_stages():
        h.update(stage.name.encode())
        h.update(Path(inspect.getfile(stage.run)).read_bytes())
    return "full-" + h.hexdigest()[:10]


def analyse_rows(rows: Sequence[dict[str, Any]], full: bool = True) -> list[Analysis]:
    """Run the per-article pipeline (segment, spaCy and, when `full`, every registered stage); drop the Docs."""
    from newsfuse.annotate import annotate
    from newsfuse.stages import default_stages, prepare, run_stages

    stages = default_stages() if full else []
    out: list[Analysis] = []
    for a in annotate(prepare(_article(r)) for r in rows):
        out.append(run_stages(a, stages, []).with_(doc=None))
    return out


def load_dataset(dataset: str, full: bool = True, refresh: bool = False) -> list[tuple[Analysis, str, str]]:
    """(analysis, gold event, part) for every row of a dataset, analyses cached on disk.

    `full=False` is the light pass used while tuning (segment + spaCy entities, no extraction stage);
    reported figures come from `full=True`, the analyses the pipeline really produces.
    """
    file, gold_field = DATASETS[dataset]
    rows = list(read_jsonl(data_dir() / file))
    path = cache_dir() / f"analyses-{dataset}-{_stage_signature(full)}.pkl"
    analyses: list[Analysis] | None = None
    if path.exists() and not refresh:
        with path.open("rb") as fh:
            analyses = pickle.load(fh)
        if len(analyses) != len(rows):
            analyses = None
    if analyses is None:
        started = time.perf_counter()
        analyses = analyse_rows(rows, full)
        print(f"analysed {dataset}: {len(rows)} articles in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(analyses, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    return [(a, str(r[gold_field]), part_of(dataset, r)) for a, r in zip(analyses, rows)]


def baseline(analyses: Sequence[Analysis], gold: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """TF-IDF + average-link cosine agglomerative clustering, cut-off tuned on `gold` (optimistic)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [((a.article.title or "") + "\n" + a.article.text) for a in analyses]
    ids = [a.id for a in analyses]
    if len(ids) < 2:
        return {"f1": 1.0, "cutoff": None}, {i: i for i in ids}
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts).toarray()
    z = linkage(pdist(x, metric="cosine"), method="average")
    best: tuple[float, float, dict[str, str]] = (-1.0, 0.0, {})
    for cut in np.arange(0.30, 0.96, 0.025):
        labels = fcluster(z, t=cut, criterion="distance")
        pred = {i: str(l) for i, l in zip(ids, labels)}
        f = bcubed(gold, pred).f1
        if f > best[0]:
            best = (f, float(cut), pred)
    score = bcubed(gold, best[2])
    return {**score.as_dict(), "cutoff": round(best[1], 3)}, best[2]


def run_clusterer(analyses: Sequence[Analysis], **overrides: Any) -> tuple[dict[str, str], float]:
    """Copies then online clustering, as the pipeline runs them; returns (article -> event, seconds)."""
    from newsfuse.cluster import ClusterConfig, cluster_articles
    from newsfuse.copies import find_copies

    started = time.perf_counter()
    groups = find_copies(analyses).group
    pred = cluster_articles(analyses, groups, ClusterConfig(**overrides) if overrides else None)
    return pred, time.perf_counter() - started


def evaluate(datasets: Sequence[str], parts: Sequence[str], limit: int | None = None,
             with_baseline: bool = True, full: bool = True, **overrides: Any) -> dict[str, Any]:
    """B-cubed of the clusterer (and the tuned baseline) on each dataset part."""
    results: dict[str, Any] = {}
    for name in datasets:
        rows = load_dataset(name, full)
        for part in parts:
            sel = [(a, g) for a, g, p in rows if p == part]
            if limit:
                keep = sorted({g for _, g in sel})[:limit]
                sel = [(a, g) for a, g in sel if g in set(keep)]
            analyses = [a for a, _ in sel]
            gold = {a.id: g for a, g in sel}
            pred, seconds = run_clusterer(analyses, **overrides)
            score = bcubed(gold, pred)
            res: dict[str, Any] = {
                "articles": len(sel), "events": len(set(gold.values())), "predicted_events": len(set(pred.values())),
                **{k: v for k, v in score.as_dict().items() if k != "support"},
                "articles_per_s": round(len(sel) / seconds, 1) if seconds else None,
            }
            if with_baseline:
                res["baseline"], _ = baseline(analyses, gold)
            results[f"{name}/{part}"] = res
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--parts", default="dev,test")
    ap.add_argument("--limit", type=int, default=None, help="events per dataset part")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--light", action="store_true", help="tuning only: segment + spaCy, no extraction stage")
    ap.add_argument("--cache-only", action="store_true", help="parse and cache the analyses, then stop")
    args = ap.parse_args(argv)
    if args.cache_only:
        for name in args.datasets.split(","):
            load_dataset(name, not args.light)
        return 0
    results = evaluate(args.datasets.split(","), args.parts.split(","), args.limit, not args.no_baseline,
                       not args.light)
    print(f"{'dataset/part':22s} {'n':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'base F1':>8s} {'cut':>5s} {'art/s':>7s}")
    for key, r in results.items():
        b = r.get("baseline", {})
        print(f"{key:22s} {r['articles']:5d} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{b.get('f1', float('nan')):8.3f} {b.get('cutoff') or 0:5.2f} {r['articles_per_s'] or 0:7.0f}")
    if args.limit is None and not args.no_baseline and not args.light and args.datasets == ",".join(DATASETS):
        write_results("clusters", results)
    floors = load_floors("clusters")
    failed = [m for m, v in floors.items() if m in results and results[m]["f1"] < v]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
