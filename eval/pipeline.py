"""End-to-end evaluation: `process` over real labelled news, scored against the gold events.

    python -m eval.pipeline [--dataset news-clusters|gva|both] [--limit N]

Unlike the per-task harnesses (which score one field on the gold grouping),
this runs exactly what `newsfuse run` runs, predicted clusters included, so
its figures are what a user gets:
- news-clusters: B-cubed of events against `gold_event`;
- gva: B-cubed against `gold_incident`, and for each incident the predicted
  event that holds most of its articles, scored on date, city, state, killed
  and injured against the Gun Violence Archive record (a null count scores as
  0, as in eval.gva_facts: GVA records 0 when nothing is reported).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from eval.common import data_dir, read_jsonl, write_results
from eval.gva_where import judge
from eval.scorers import bcubed


def run_pipeline(rows: list[dict[str, Any]], workers: int, tag: str,
                 parse_cache: bool = False) -> tuple[dict[str, str], dict[str, dict]]:
    """Articles -> (article id -> event id, event id -> event) through the real pipeline.

    `parse_cache` (gva): the per-article stages run over the shared GVA parse cache (spaCy Docs keyed on the
    parsing code, as eval.gva_facts and eval.clusters use it) instead of parsing every article again: the same
    analyses (the stages are the pipeline's), in minutes instead of most of an hour on two cores.
    """
    from newsfuse.ingest import article_from_object
    from newsfuse.pipeline import RunOptions, process
    from newsfuse.store.db import Database

    articles = []
    for i, row in enumerate(rows):
        article, _ = article_from_object(row, "eval", f"line {i + 1}")
        if article is not None:
            articles.append(article)
    if parse_cache:
        from eval.clusters import analyse_gva_parsed

        kept = {a.id for a in articles}
        analyses = analyse_gva_parsed([r for r in rows if str(r["id"]) in kept], True)
    else:
        from eval.cache import analyse_cached

        analyses = analyse_cached(articles, tag, workers=workers)
    with tempfile.TemporaryDirectory() as tmp, Database(Path(tmp) / "eval.db") as db:
        result = process(articles, db, RunOptions(workers=workers), precomputed=analyses)
    assignment = {aid: evs[0] for aid, evs in result.article_events.items() if evs}
    return assignment, {ev["id"]: ev for ev in result.events}


def evaluate_news_clusters(limit: int, workers: int) -> dict[str, Any]:
    rows = list(read_jsonl(data_dir() / "news-clusters" / "articles.jsonl.gz"))
    if limit:
        rows = rows[:limit]
    assignment, _ = run_pipeline(rows, workers, "news-clusters")
    gold = {r["id"]: r["gold_event"] for r in rows if r.get("text", "").strip()}
    return {"articles": len(gold), "bcubed": bcubed(gold, assignment).as_dict()}


def _gva_rows(limit: int) -> tuple[list[dict[str, Any]], dict[str, dict]]:
    incidents = {i["incident"]: i for i in read_jsonl(data_dir() / "gva" / "incidents.jsonl.gz")}
    rows = [r for r in read_jsonl(data_dir() / "gva" / "articles.jsonl.gz") if r.get("text", "").strip()]
    if limit:
        keep = sorted({r["gold_incident"] for r in rows})[:limit]
        keep_set = set(keep)
        rows = [r for r in rows if r["gold_incident"] in keep_set]
    # The same article can be linked to two incidents; keep its first link (ids must be unique).
    seen: set[str] = set()
    unique = []
    for r in rows:
        if r["id"] not in seen:
            seen.add(r["id"])
            unique.append(r)
    return unique, incidents


def evaluate_gva(limit: int, workers: int, parse_cache: bool = True) -> dict[str, Any]:
    rows, incidents = _gva_rows(limit)
    assignment, events = run_pipeline(rows, workers, "gva", parse_cache)
    gold = {r["id"]: r["gold_incident"] for r in rows}
    by_incident: dict[str, list[str]] = defaultdict(list)
    for aid, inc in gold.items():
        by_incident[inc].append(aid)
    scores: dict[str, list[bool]] = defaultdict(list)
    # the same scores split by whether the incident's event came out exactly (its articles and no others): what
    # the extraction gets right on a right cluster, and what the clustering costs the fields
    exact_scores: dict[str, list[bool]] = defaultdict(list)
    members: dict[str, set[str]] = defaultdict(set)
    for aid, ev_id in assignment.items():
        members[ev_id].add(aid)
    for inc, aids in by_incident.items():
        record = incidents[inc]
        votes = Counter(assignment[a] for a in aids if a in assignment)
        if not votes:
            continue
        ev_id = votes.most_common(1)[0][0]
        ev = events[ev_id]
        exact = members[ev_id] == set(aids)
        gold_date = datetime.strptime(record["date"], "%B %d, %Y").date().isoformat()
        loc = ev.get("location") or {}
        scores["date"].append((ev.get("date") or {}).get("value") == gold_date)
        city_ok, state_ok = judge(loc, record)  # as eval.gva_where scores it ("Barre (Berlin)", "Marion (county)")
        scores["city"].append(city_ok)
        scores["state"].append(state_ok)
        # a fused null counts as 0, as in eval.gva_facts: GVA records 0 when nothing is reported
        scores["killed"].append(((ev.get("fatalities") or {}).get("value") or 0) == record.get("killed"))
        scores["injured"].append(((ev.get("injured") or {}).get("value") or 0) == record.get("injured"))
        for k, v in scores.items():
            exact_scores[f"{k}_{'exact' if exact else 'inexact'}"].append(v[-1])
    out = {"articles": len(gold), "incidents": len(by_incident), "bcubed": bcubed(gold, assignment).as_dict()}
    out.update({f"{k}_accuracy": round(sum(v) / len(v), 4) for k, v in scores.items() if v})
    out["exact_clusters"] = {
        "incidents": len(exact_scores.get("date_exact", ())),
        **{f"{k}_accuracy": round(sum(v) / len(v), 4) for k, v in sorted(exact_scores.items()) if v},
    }
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="End-to-end evaluation of `newsfuse run` on ../shared/data.")
    parser.add_argument("--dataset", choices=["news-clusters", "gva", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0, help="news-clusters: first N articles; gva: first N incidents")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-parse-cache", action="store_true",
                        help="gva: parse every article again instead of reading the shared GVA parse cache")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    t0 = time.perf_counter()
    if args.dataset in ("news-clusters", "both"):
        results["news-clusters"] = evaluate_news_clusters(args.limit, args.workers)
    if args.dataset in ("gva", "both"):
        results["gva"] = evaluate_gva(args.limit, args.workers, not args.no_parse_cache)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    for name, figures in results.items():
        print(name, figures)
    if not args.limit:
        if args.dataset != "both":  # one dataset run: keep the other's last figures (marked as not rerun)
            import json

            from eval.common import RESULTS

            old_path = RESULTS / "pipeline.json"
            old = json.loads(old_path.read_text(encoding="utf-8")) if old_path.exists() else {}
            results = {**{k: v for k, v in old.items() if k in ("news-clusters", "gva")}, **results,
                       "rerun": [args.dataset]}
        write_results("pipeline", results)
    return results


if __name__ == "__main__":
    main()
