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


def _stage_signature() -> str:
    from newsfuse.stages import default_stages

    names = ",".join(s.name for s in default_stages())
    return hashlib.sha1(names.encode()).hexdigest()[:10]


def analyse_rows(rows: Sequence[dict[str, Any]]) -> list[Analysis]:
    """Run the real per-article pipeline (segment, spaCy, registered stages) and drop the Docs."""
    from newsfuse.annotate import annotate
    from newsfuse.stages import default_stages, prepare, run_stages

    stages = default_stages()
    out: list[Analysis] = []
    for a in annotate(prepare(_article(r)) for r in rows):
        out.append(run_stages(a, stages, []).with_(doc=None))
    return out


def load_dataset(dataset: str, refresh: bool = False) -> list[tuple[Analysis, str, str]]:
    """(analysis, gold event, part) for every row of a dataset, analyses cached on disk."""
    file, gold_field = DATASETS[dataset]
    rows = list(read_jsonl(data_dir() / file))
    path = cache_dir() / f"analyses-{dataset}-{_stage_signature()}.pkl"
    analyses: list[Analysis] | None = None
    if path.exists() and not refresh:
        with path.open("rb") as fh:
            analyses = pickle.load(fh)
        if len(analyses) != len(rows):
            analyses = None
    if analyses is None:
        started = time.perf_counter()
        analyses = analyse_rows(rows)
        print(f"analysed {dataset}: {len(rows)} articles in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(analyses, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    return [(a, str(r[gold_field]), part_of(dataset, r)) for a, r in zip(analyses, rows)]


if __name__ == "__main__" and "--cache-only" in sys.argv:
    for name in DATASETS:
        load_dataset(name)
