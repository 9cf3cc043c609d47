"""Stream benchmark: copies + online clustering over up to 200,000 articles, speed and memory.

The dev articles of gva and news-clusters (analyses computed once, cached by eval/clusters.py) are
replicated into a stream: replica r gets new ids (`id#r`), and its articles are spread over stream days
at `--per-day` articles a day, in date order.  So that replicas are new reports and not copies of one
another, each replica lives in its own vocabulary: its shingle hashes and term ids are XOR-ed with a
salt of r (same sizes, same statistics, no collisions with other replicas).  Text features (shingles
for copies, weighted terms for clustering) are computed once per base article and timed separately;
the stream then times what grows with the archive: MinHash + LSH + containment (copies) and the
online assignment (clustering).  Memory is the process's resident size at each checkpoint and its
peak (getrusage); the analyses are loaded in a child process, so the stream process holds only the base
features and the stages' state (`rss_mb_before_stream` is its size before the first article): flat once
the windows are full.  Clustering speed is given
per wall-clock second and per CPU second of the process (`cluster_articles_per_cpu_s`: steadier on a shared
machine, where other jobs stretch the wall clock).  `gc_tracked` counts the objects the garbage collector
tracks at a checkpoint and `gc_s` the wall seconds its collections took since the previous one (the whole
loop: copies, clustering, input preparation): what a long stream's state costs every full collection.

`--shared-anchors`: the replicas keep the term ids of their named entities and places (only the other terms get
a replica's own ids), as a real stream names the same cities all year: a few anchors gather thousands of
dormant events, which the salted stream hides (the cost of indexing them as events go dormant).

Baseline in the same run: the same online assignment with no window (nothing ever expires), whose
memory and per-article cost grow with the stream.

    .venv/bin/python benchmarks/stream.py [--max 200000] [--per-day 2000] [--light] [--no-baseline] [--shared-anchors]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import resource
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.clusters import load_dataset  # noqa: E402
from newsfuse.cluster import ClusterConfig, OnlineClusterer  # noqa: E402
from newsfuse.cluster.features import HASH_BITS, ArticleTerms, article_terms  # noqa: E402
from newsfuse.copies import CopyIndex, assign, body_words, shingles  # noqa: E402

CHECKPOINTS = (5_000, 10_000, 25_000, 50_000, 100_000, 150_000, 200_000)
MASK = (1 << HASH_BITS) - 1


def _rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    with open("/proc/self/statm") as fh:
        return round(int(fh.read().split()[1]) * resource.getpagesize() / 2**20, 1)


def _salt(r: int) -> int:
    return (r * 0x9E3779B1) & 0xFFFFFFFF


_GC_SECONDS = [0.0, 0.0]  # garbage collection: seconds so far, start of the running collection


def _gc_timer(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _GC_SECONDS[1] = time.perf_counter()
    else:
        _GC_SECONDS[0] += time.perf_counter() - _GC_SECONDS[1]


def run(base: list[tuple[str, np.ndarray, ArticleTerms]], n_max: int, per_day: int, window: bool,
        shared_anchors: bool = False) -> list[dict[str, Any]]:
    """Feed the replicated stream; returns figures at each checkpoint reached."""
    if _gc_timer not in gc.callbacks:
        gc.callbacks.append(_gc_timer)
    _GC_SECONDS[0] = 0.0
    config = ClusterConfig() if window else ClusterConfig(window_days=10**7, max_gap_days=10**7)
    clusterer = OnlineClusterer(config, keep_closed=False)
    index = CopyIndex()
    start_day = 735_000
    out: list[dict[str, Any]] = []
    t_copies = t_cluster = cpu_cluster = 0.0
    last_mark = 0
    i = 0
    while i < n_max:
        r, j = divmod(i, len(base))
        aid, sh, terms = base[j]
        salt = _salt(r)
        day = start_day + i // per_day
        sid = f"{aid}#{r}"
        sh_r = np.unique(sh ^ np.uint32(salt)) if r else sh
        # the replica's own vocabulary (preparing the input, not clustering: outside the timings)
        if shared_anchors:  # entities and places keep their ids in every replica
            tf = {k if k in terms.anchors else (k ^ salt) & MASK: v for k, v in terms.tf.items()} if r else terms.tf
            anchors = terms.anchors
        else:
            tf = {(k ^ salt) & MASK: v for k, v in terms.tf.items()} if r else terms.tf
            anchors = frozenset((k ^ salt) & MASK for k in terms.anchors) if r else terms.anchors
        # (link keys are strings: a replica's own, so replicas never link to each other's names or addresses)
        links = frozenset(f"{k}#{r}" for k in terms.links) if r else terms.links
        link_refs = frozenset(f"{k}#{r}" for k in terms.link_refs) if r else terms.link_refs
        terms_r = replace(terms, tf=tf, day=day, anchors=anchors, links=links, link_refs=link_refs)
        t0 = time.perf_counter()
        if window:
            original, _ = assign(index, sid, sh_r, day)
            group = index.group.get(sid, sid)
        else:
            group = sid
        t1 = time.perf_counter()
        c1 = time.process_time()
        clusterer.add_terms(sid, terms_r, group)
        clusterer.drain_closed()
        t2 = time.perf_counter()
        cpu_cluster += time.process_time() - c1
        t_copies += t1 - t0
        t_cluster += t2 - t1
        i += 1
        if i in CHECKPOINTS or i == n_max:
            n = i - last_mark
            out.append({
                "articles": i, "window": window,
                "copies_articles_per_s": round(n / t_copies, 1) if window else None,
                "cluster_articles_per_s": round(n / t_cluster, 1),
                "cluster_articles_per_cpu_s": round(n / cpu_cluster, 1) if cpu_cluster else None,
                "rss_mb": _rss_mb(), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "live_articles": clusterer.live_articles(), "copy_index": len(index),
                "gc_tracked": len(gc.get_objects()), "gc_s": round(_GC_SECONDS[0], 2),
            })
            print(json.dumps(out[-1]), flush=True)
            t_copies = t_cluster = cpu_cluster = _GC_SECONDS[0] = 0.0
            last_mark = i
    return out


def base_features(datasets: str, full: bool) -> tuple[list[tuple[str, np.ndarray, ArticleTerms]], dict[str, Any]]:
    """Shingles and clustering terms of the dev articles of `datasets`, in date order, with their speeds."""
    analyses = [a for name in datasets.split(",") for a, _, part in load_dataset(name, full) if part == "dev"]
    analyses.sort(key=lambda a: (a.reference_date or "", a.id))
    t0 = time.perf_counter()
    sh = [shingles(body_words(a)) for a in analyses]
    t1 = time.perf_counter()
    terms = [article_terms(a) for a in analyses]
    t2 = time.perf_counter()
    base = [(a.id, s, replace(t, day=None)) for a, s, t in zip(analyses, sh, terms)]
    return base, {
        "base_articles": len(analyses),
        "shingling_articles_per_s": round(len(analyses) / (t1 - t0), 1),
        "cluster_features_articles_per_s": round(len(analyses) / (t2 - t1), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=200_000, help="articles in the stream")
    ap.add_argument("--per-day", type=int, default=1_000, help="articles per stream day")
    ap.add_argument("--light", action="store_true", help="analyses of the light pass (segment + spaCy only)")
    ap.add_argument("--datasets", default="gva,news-clusters", help="whose dev analyses are replicated")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--shared-anchors", action="store_true", help="replicas share the ids of entities and places")
    ap.add_argument("--baseline-max", type=int, default=50_000, help="articles for the no-window baseline")
    args = ap.parse_args(argv)

    # The analyses are loaded and turned into features in a child process: the stream process then holds
    # only the interpreter, the base features and the stages' state, so its resident size measures the
    # stages and not the heap left fragmented by millions of freed analysis objects.
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        base, features = pool.submit(base_features, args.datasets, not args.light).result()
    features["rss_mb_before_stream"] = _rss_mb()
    print(json.dumps(features), flush=True)
    gc.collect()
    gc.freeze()  # the base features are the input, not the stages' state: out of every collection's scan
    results: dict[str, Any] = {"features": features, "per_day": args.per_day, "shared_anchors": args.shared_anchors,
                               "stream": run(base, args.max, args.per_day, True, args.shared_anchors)}
    if not args.no_baseline:
        results["baseline_no_window"] = run(base, min(args.max, args.baseline_max), args.per_day, False, args.shared_anchors)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / ("stream_shared_anchors.json" if args.shared_anchors else "stream.json")).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
