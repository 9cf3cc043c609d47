"""Event clustering: B-cubed P/R/F1 of the online clusterer on news-clusters, gva and ecbplus.

Splits (fixed rules, decided before tuning; every constant of newsfuse.cluster was chosen on `dev`):
- news-clusters and gva: gold events hashed (sha1 of the event id) 70 % dev / 30 % test;
- ecbplus: topics 1-25 dev, 26-35 test (each topic holds two look-alike events).
gva is scored on a sample (GVA_SAMPLE incidents per part, by sha1), as the reference numbers are.
Each part is clustered on its own (the clusterer only sees the articles of that part).

The baseline runs in the same harness: TF-IDF vectors (scikit-learn), average-link cosine agglomerative
clustering, with the distance cut-off tuned on the gold labels of the same part (optimistic, as in the
reference numbers of ../shared/data/README.md).

Analyses are what the pipeline really produces (segment + spaCy + every registered extraction stage);
they are computed once and cached on disk under $NEWSFUSE_CACHE (default: the system temp dir), keyed on
the dataset and the stages present, so reruns take seconds.

    .venv/bin/python -m eval.clusters [--limit N] [--parts dev,test] [--datasets gva,ecbplus,news-clusters]
    .venv/bin/python -m eval.clusters --light ...      # tuning: segment + spaCy only (not for reporting)
    .venv/bin/python -m eval.clusters --errors         # dev only: splits and wrong joins, with candidate scores
    .venv/bin/python -m eval.clusters --stream         # gva: every article of a part as one stream (pipeline order)
    .venv/bin/python -m eval.clusters --errors --stream-errors --datasets gva   # errors of the gva dev stream
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
GVA_SAMPLE: dict[str, int] | None = {"dev": 600, "test": 300}  # incidents scored per part (see sample_ids)
CACHE_CHUNK = 200


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
    """'light' (segment + spaCy only), or a hash of the registered stages' names and of the package's code.

    Any code edit (outside newsfuse/cluster/, which only reads analyses) invalidates the full analyses, so a
    figure is always the one the current code gives (the cache had been keyed on the stage names only, and an
    ECB+ figure was once read from analyses made by code several sessions old).
    """
    if not full:
        return "light"
    from newsfuse.stages import default_stages

    from eval.cache import code_fingerprint

    # the clusterer's own sources are left out: clustering reads finished analyses, so tuning it forces no re-parse
    names = ",".join(stage.name for stage in default_stages()) + code_fingerprint(exclude=("cluster",))
    return "full-" + hashlib.sha1(names.encode()).hexdigest()[:10]


def analyse_rows(rows: Sequence[dict[str, Any]], full: bool = True) -> list[Analysis]:
    """Run the per-article pipeline (segment, spaCy and, when `full`, every registered stage); drop the Docs."""
    from newsfuse.annotate import annotate
    from newsfuse.stages import default_stages, prepare, run_stages

    stages = default_stages() if full else []
    out: list[Analysis] = []
    for a in annotate(prepare(_article(r)) for r in rows):
        out.append(run_stages(a, stages, []).with_(doc=None))
    return out


def analyse_gva_parsed(rows: Sequence[dict[str, Any]], full: bool) -> list[Analysis]:
    """`analyse_rows` for gva rows, parsing from the shared GVA parse cache (eval.gva_facts.parsed, keyed on the
    parsing code) so that only the extraction stages run: the whole corpus (--stream) costs minutes, not an hour."""
    from eval import gva_facts
    from newsfuse.stages import default_stages

    incidents, by_inc, _ = gva_facts.load()
    universe = [r for i in sorted(by_inc, key=gva_facts.subset_order) if i in incidents for r in by_inc[i]]
    wanted = {str(r["id"]) for r in rows}
    got = gva_facts.analyse_many(rows, default_stages() if full else [], universe=universe)
    out = {a.id: a for a in got if a.id in wanted}
    missing = [r for r in rows if str(r["id"]) not in out]  # rows of incidents the gold file lacks
    return list(out.values()) + (analyse_rows(missing, full) if missing else [])


def sample_ids(dataset: str, rows: Sequence[dict[str, Any]]) -> set[str] | None:
    """The rows scored for a dataset: all, or for gva the first GVA_SAMPLE incidents per part by sha1.

    gva is sampled (as the reference numbers are: a 600-incident sample) because parsing its 4,797
    articles with every stage takes most of an hour on the shared 2-core machine; `--gva-all` scores all.
    """
    if dataset != "gva" or GVA_SAMPLE is None:
        return None
    gold_field = DATASETS[dataset][1]
    keep: set[str] = set()
    for part, n in GVA_SAMPLE.items():
        events = sorted({str(r[gold_field]) for r in rows if part_of(dataset, r) == part},
                        key=lambda g: hashlib.sha1(g.encode()).hexdigest())[:n]
        keep.update(events)
    return {str(r["id"]) for r in rows if str(r[gold_field]) in keep}


def load_dataset(dataset: str, full: bool = True, refresh: bool = False,
                 everything: bool = False) -> list[tuple[Analysis, str, str]]:
    """(analysis, gold event, part) for the scored rows of a dataset, analyses cached on disk.

    `full=False` is the light pass used while tuning (segment + spaCy entities, no extraction stage);
    reported figures come from `full=True`, the analyses the pipeline really produces.  The cache
    holds one analysis per article id and grows chunk by chunk, so an interrupted run loses little.
    """
    file, gold_field = DATASETS[dataset]
    rows = list(read_jsonl(data_dir() / file))
    keep = None if everything else sample_ids(dataset, rows)
    if keep is not None:
        rows = [r for r in rows if str(r["id"]) in keep]
    path = cache_dir() / f"analyses-{dataset}-{_stage_signature(full)}.pkl"
    cached: dict[str, Analysis] = {}
    if path.exists() and not refresh:
        with path.open("rb") as fh:
            cached = pickle.load(fh)
    missing = [r for r in rows if str(r["id"]) not in cached]
    started = time.perf_counter()
    chunk_size = (len(missing) or 1) if dataset == "gva" else CACHE_CHUNK  # gva: stages only, over the parse cache
    for i in range(0, len(missing), chunk_size):
        chunk = missing[i : i + chunk_size]
        cached.update({a.id: a for a in (analyse_gva_parsed(chunk, full) if dataset == "gva" else analyse_rows(chunk, full))})
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two runs of the same code must not share a temp file
        with tmp.open("wb") as fh:
            pickle.dump(cached, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        print(f"analysed {dataset}: {i + len(chunk)}/{len(missing)} in {time.perf_counter() - started:.0f}s",
              file=sys.stderr, flush=True)
    return [(cached[str(r["id"])], str(r[gold_field]), part_of(dataset, r)) for r in rows]


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


def dev_errors(datasets: Sequence[str], full: bool = True, limit: int | None = None,
               stream: bool = False) -> dict[str, Any]:
    """Where the clusterer goes wrong on the dev parts (never on test), article by article in arrival order.

    Each article is classed by what it did against the gold event of the members already seen: `join` (joined
    an event whose members are mostly of its gold event), `wrong_join` (joined an event mostly of another gold
    event; `wrong_copy` when through its copy group), `split` (opened a new event although its gold event was already seen), `new` (first of its gold
    event).  Errors list the candidate events' scores (`OnlineClusterer.last_scores`) by their majority gold
    event, so a wrong join shows how far the right event was, and a split how far below the threshold.
    `stream`: gva dev as `--stream` feeds it (every article, the pipeline's arrival order).
    """
    from collections import Counter, defaultdict

    from newsfuse.cluster import OnlineClusterer
    from newsfuse.cluster.features import article_terms
    from newsfuse.copies import find_copies

    out: dict[str, Any] = {}
    for name in datasets:
        if stream:
            from newsfuse.pipeline import arrival_order

            analyses, gold = stream_rows("dev", limit)
            order = arrival_order(analyses)
            terms = {a.id: article_terms(a) for a in analyses}
        else:
            sel = [(a, g) for a, g, p in load_dataset(name, full) if p == "dev"]
            if limit:
                keep = set(sorted({g for _, g in sel})[:limit])
                sel = [(a, g) for a, g in sel if g in keep]
            gold = {a.id: g for a, g in sel}
            analyses = [a for a, _ in sel]
            terms = {a.id: article_terms(a) for a in analyses}
            order = sorted(analyses, key=lambda a: (terms[a.id].day is None, terms[a.id].day or 0, a.id))
        groups = find_copies(analyses).group
        c = OnlineClusterer()
        members: dict[str, Counter] = defaultdict(Counter)
        seen: set[str] = set()
        kinds: Counter = Counter()
        errors: list[dict[str, Any]] = []

        def majority(ev: str) -> str | None:
            return members[ev].most_common(1)[0][0] if members[ev] else None

        for a in order:
            g = gold[a.id]
            ev = c.add_terms(a.id, terms[a.id], groups.get(a.id, a.id))
            for key in c.take_revised():  # a split moved members: recount the events it touched
                members[key] = Counter(gold[x] for x in c.members.get(key, ()) if x != a.id)
            joined = majority(ev)
            kind = ("new" if g not in seen else "split") if joined is None else "join" if joined == g else "wrong_join"
            if kind == "wrong_join" and not c.last_scores:
                kind = "wrong_copy"  # joined through its copy group (newsfuse.copies), not by score
            kinds[kind] += 1
            if kind in ("split", "wrong_join", "wrong_copy"):
                errors.append({"article": a.id, "kind": kind, "gold": g, "joined": joined,
                               "day": terms[a.id].day, "title": (a.article.title or a.article.text[:80]).strip()[:100],
                               "candidates": {f"{majority(e)}#{i}": round(v, 3)
                                              for i, (e, v) in enumerate(sorted(c.last_scores.items(), key=lambda kv: -kv[1]))}})
            seen.add(g)
            members[ev][g] += 1
        out[f"{name}/dev"] = {"counts": dict(kinds), "errors": errors}
        print(f"{name}/dev {dict(kinds)}")
        for e in errors:
            print(f"  {e['kind']:10s} {e['gold'][:28]:28s} -> {str(e['joined'])[:28]:28s} {e['candidates']} | {e['title'][:60]}")
    return out


def stream_rows(part: str, limit: int | None = None) -> tuple[list[Analysis], dict[str, str]]:
    """Every gva article of a part (not the sample), as eval.pipeline feeds them: input order, one row per id
    (its first gold link), empty texts out.  Returns (analyses in input order, article -> gold incident)."""
    rows = [(a, g) for a, g, p in load_dataset("gva", True, everything=True) if p == part and a.article.text.strip()]
    if limit:
        keep = set(sorted({g for _, g in rows})[:limit])
        rows = [(a, g) for a, g in rows if g in keep]
    seen: set[str] = set()
    analyses, gold = [], {}
    for a, g in rows:
        if a.id not in seen:
            seen.add(a.id)
            analyses.append(a)
            gold[a.id] = g
    return analyses, gold


def run_stream(analyses: Sequence[Analysis], **overrides: Any) -> tuple[dict[str, str], float]:
    """The clusterer as newsfuse.pipeline runs it: copies over the batch, then one `add` per article in the
    pipeline's arrival order (publication date, then input order), splits applied at the end."""
    from newsfuse.cluster import ClusterConfig, OnlineClusterer
    from newsfuse.copies import find_copies
    from newsfuse.pipeline import arrival_order

    started = time.perf_counter()
    groups = find_copies(analyses).group
    c = OnlineClusterer(ClusterConfig(**overrides) if overrides else None)
    for a in arrival_order(analyses):
        c.add(a, groups.get(a.id, a.id))
    pred = {aid: key for key, ids in c.events().items() for aid in ids}
    return pred, time.perf_counter() - started


def evaluate_stream(parts: Sequence[str], limit: int | None = None, **overrides: Any) -> dict[str, Any]:
    """B-cubed of the clusterer over every gva article of each part as one stream (what `newsfuse run` sees:
    about three times the incidents per window of the sampled parts, the density at which look-alike local
    shootings merge)."""
    out: dict[str, Any] = {}
    for part in parts:
        analyses, gold = stream_rows(part, limit)
        pred, seconds = run_stream(analyses, **overrides)
        score = bcubed(gold, pred)
        out[f"gva-stream/{part}"] = {
            "articles": len(gold), "events": len(set(gold.values())), "predicted_events": len(set(pred.values())),
            **{k: v for k, v in score.as_dict().items() if k != "support"},
            "articles_per_s": round(len(gold) / seconds, 1) if seconds else None,
        }
    return out


FLOOR_SUBSET = {"news-clusters": 12, "ecbplus": 4}  # events (news-clusters) / topics (ecbplus) of dev for CI


def floor_subset() -> dict[str, float]:
    """B-cubed F1 on a small dev subset (light pass, parsed here: no cache), for the CI floor test."""
    out: dict[str, float] = {}
    for name, n in FLOOR_SUBSET.items():
        file, gold_field = DATASETS[name]
        rows = [r for r in read_jsonl(data_dir() / file) if part_of(name, r) == "dev"]
        if name == "ecbplus":
            rows = [r for r in rows if int(r["topic"]) <= n]
        else:
            keep = sorted({str(r[gold_field]) for r in rows}, key=lambda g: hashlib.sha1(g.encode()).hexdigest())[:n]
            rows = [r for r in rows if str(r[gold_field]) in set(keep)]
        analyses = analyse_rows(rows, full=False)
        pred, _ = run_clusterer(analyses)
        out[f"{name}/dev_subset_f1"] = round(bcubed({a.id: str(r[gold_field]) for a, r in zip(analyses, rows)}, pred).f1, 4)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--parts", default="dev,test")
    ap.add_argument("--limit", type=int, default=None, help="events per dataset part")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--light", action="store_true", help="tuning only: segment + spaCy, no extraction stage")
    ap.add_argument("--refresh", action="store_true", help="re-parse instead of using cached analyses")
    ap.add_argument("--cache-only", action="store_true", help="parse and cache the analyses, then stop")
    ap.add_argument("--errors", action="store_true", help="dev only: splits and wrong joins with candidate scores")
    ap.add_argument("--stream", action="store_true",
                    help="gva only: every article of each part as one stream, fed as newsfuse.pipeline feeds them")
    ap.add_argument("--stream-errors", action="store_true", help="with --errors: gva dev as --stream feeds it")
    args = ap.parse_args(argv)
    if args.stream:
        results = evaluate_stream(args.parts.split(","), args.limit)
        for key, r in results.items():
            print(f"{key:22s} {r['articles']:5d} P {r['precision']:.4f} R {r['recall']:.4f} F1 {r['f1']:.4f}")
        if args.limit is None and args.parts == "dev,test":
            write_results("clusters_stream", results)
        return 0
    if args.errors:
        dev_errors(args.datasets.split(","), not args.light, args.limit, stream=args.stream_errors)
        return 0
    if args.cache_only:
        for name in args.datasets.split(","):
            load_dataset(name, not args.light, args.refresh)
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
