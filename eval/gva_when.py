"""Event date on the Gun Violence Archive set: the voted date of each incident's articles vs its record.

Articles are grouped by their gold incident (clustering is not judged here), each is analysed with
its given `published` date, and `event_date` votes the incident date.  Also reported: how often
the `published` field itself equals the incident date (a baseline, and a check on how many
`published` values are archive dates rather than publication dates).

    .venv/bin/python -m eval.gva_when [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any, Sequence

from eval.common import data_dir, read_jsonl, write_results


def load_incidents(limit: int | None = None) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(incident, its articles) for incidents with at least one article, sorted by incident id."""
    base = data_dir() / "gva"
    incidents = {r["incident"]: r for r in read_jsonl(base / "incidents.jsonl.gz")}
    articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(base / "articles.jsonl.gz"):
        articles[row["gold_incident"]].append(row)
    ids = sorted((i for i in incidents if articles.get(i)), key=lambda i: (len(i), i))
    if limit:
        ids = ids[:limit]
    return [(incidents[i], sorted(articles[i], key=lambda r: r["id"])) for i in ids]


def _stages() -> list[Any]:
    """pubdate, places (when it exists: it gives time zones) and times: all the event date needs."""
    import importlib

    out = []
    for name in ("newsfuse.extract.pubdate", "newsfuse.extract.places", "newsfuse.extract.times"):
        try:
            out.append(importlib.import_module(name).STAGE)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return out


def gold_date(incident: dict[str, Any]) -> date:
    return datetime.strptime(incident["date"], "%B %d, %Y").date()


def run(limit: int | None = None) -> dict[str, Any]:
    """Exact-day accuracy of event_date, and of two baselines, over the first `limit` incidents."""
    from newsfuse.fuse.when import event_date, with_inferred
    from newsfuse.stages import analyse_text

    stages = _stages()
    rows = load_incidents(limit)
    hits = within1 = base_pub = base_pub_minus1 = 0
    by_precision: Counter[str] = Counter()
    pub_gap: Counter[str] = Counter()
    errors = []
    for incident, articles in rows:
        gold = gold_date(incident)
        analyses = []
        for art in articles:
            analyses.append(analyse_text(art["text"], published=art.get("published"), title=art.get("title"),
                                         article_id=art["id"], url=art.get("url"), stages=stages))
            if art.get("published"):
                gap = (date.fromisoformat(art["published"][:10]) - gold).days
                pub_gap[str(gap) if -1 <= gap <= 3 else ("<-1" if gap < -1 else ">3")] += 1
        analyses = with_inferred(analyses)
        result = event_date(analyses)
        by_precision[result["precision"]] += 1
        pred = date.fromisoformat(result["value"]) if result["value"] else None
        hits += pred == gold
        within1 += pred is not None and abs((pred - gold).days) <= 1
        pubs = sorted(date.fromisoformat(a["published"][:10]) for a in articles if a.get("published"))
        base_pub += bool(pubs) and pubs[0] == gold
        base_pub_minus1 += bool(pubs) and (pubs[0] - gold).days == 1
        if pred != gold:
            errors.append({"incident": incident["incident"], "gold": gold.isoformat(), "pred": result["value"],
                           "evidence": [e["text"] for e in result["evidence"][:3]]})
    n = len(rows) or 1
    return {
        "incidents": len(rows),
        "exact_day_accuracy": round(hits / n, 4),
        "within_one_day": round(within1 / n, 4),
        "baseline_earliest_published": round(base_pub / n, 4),
        "baseline_earliest_published_minus_1": round(base_pub_minus1 / n, 4),
        "precision_counts": dict(by_precision),
        "published_minus_incident_days": dict(pub_gap),
        "errors_sample": errors[:25],
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N incidents (by id) only")
    parser.add_argument("--errors", type=int, default=0, help="print N errors")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    results = run(args.limit)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"incidents {results['incidents']}  exact-day {results['exact_day_accuracy']:.3f}  "
          f"within 1 day {results['within_one_day']:.3f}  baseline earliest published "
          f"{results['baseline_earliest_published']:.3f}  ({results['seconds']} s)")
    print("published - incident date (days), per article:", results["published_minus_incident_days"])
    for e in results["errors_sample"][: args.errors]:
        print("  ", e)
    print(f"wrote {write_results('gva_when', results)}")
    return results


if __name__ == "__main__":
    main()
