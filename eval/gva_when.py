"""Event date on the Gun Violence Archive set: the voted date of each incident's articles vs its record.

Articles are grouped by their gold incident (clustering is not judged here), each is analysed with
its given `published` date, and `event_date` votes the incident date.  Also reported: how often
the `published` field itself equals the incident date (a baseline, and a check on how many
`published` values are archive dates rather than publication dates).

Split: an incident whose md5(incident id) % 5 == 0 is "test" (held out: report, never tune), the
rest "dev"; figures are given for dev, test and all.

    .venv/bin/python -m eval.gva_when [--limit N] [--errors N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any, Sequence

from eval.common import data_dir, read_jsonl, write_results, hashed_split


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


TEST_MOD = 5  # md5(incident id) % TEST_MOD == 0 is the held-out "test" split


def split_of(incident_id: str) -> str:
    """ "test" for one incident in five (by md5 of its id, stable across runs), else "dev"."""
    return hashed_split(incident_id, TEST_MOD)


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


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows) or 1
    return {
        "incidents": len(rows),
        "exact_day_accuracy": round(sum(r["hit"] for r in rows) / n, 4),
        "within_one_day": round(sum(r["within1"] for r in rows) / n, 4),
        "baseline_earliest_published": round(sum(r["base_pub"] for r in rows) / n, 4),
    }


def run(limit: int | None = None, analyse: Any = None) -> dict[str, Any]:
    """Exact-day accuracy of event_date (dev, test, all) and a baseline, over the first `limit` incidents."""
    from newsfuse.fuse.when import event_date, with_inferred
    from newsfuse.stages import analyse_text

    stages = _stages()
    if analyse is None:
        def analyse(art: dict[str, Any]) -> Any:
            return analyse_text(art["text"], published=art.get("published"), title=art.get("title"),
                                article_id=art["id"], url=art.get("url"), stages=stages)
    rows = load_incidents(limit)
    by_precision: Counter[str] = Counter()
    pub_gap: Counter[str] = Counter()
    per_incident: list[dict[str, Any]] = []
    errors = []
    for incident, articles in rows:
        gold = gold_date(incident)
        analyses = []
        for art in articles:
            analyses.append(analyse(art))
            if art.get("published"):
                gap = (date.fromisoformat(art["published"][:10]) - gold).days
                pub_gap[str(gap) if -1 <= gap <= 3 else ("<-1" if gap < -1 else ">3")] += 1
        analyses = with_inferred(analyses)
        result = event_date(analyses)
        by_precision[result["precision"]] += 1
        pred = date.fromisoformat(result["value"]) if result["value"] else None
        pubs = sorted(date.fromisoformat(a["published"][:10]) for a in articles if a.get("published"))
        split = split_of(incident["incident"])
        per_incident.append({"split": split, "hit": pred == gold,
                             "within1": pred is not None and abs((pred - gold).days) <= 1,
                             "base_pub": bool(pubs) and pubs[0] == gold})
        if pred != gold:
            evidence = []
            for e in result["evidence"][:3]:
                for a in analyses:
                    if a.article.text[e["start"]:e["end"]] == e["text"]:
                        sent = next((x for x in a.sentences if x.start <= e["start"] < x.end), None)
                        evidence.append({"text": e["text"], "article": a.id, "reference": a.reference_date,
                                         "sentence": " ".join(a.article.text[sent.start:sent.end].split()) if sent else ""})
                        break
            errors.append({"incident": incident["incident"], "split": split, "gold": gold.isoformat(),
                           "gold_weekday": gold.strftime("%a"), "pred": result["value"], "evidence": evidence,
                           "articles": [{"id": a["id"], "published": a.get("published"), "url": a.get("url"),
                                         "lead": " ".join(a["text"][:300].split())} for a in articles]})
    out: dict[str, Any] = _figures(per_incident)
    for split in ("dev", "test"):
        out[split] = _figures([r for r in per_incident if r["split"] == split])
    out.update({
        "precision_counts": dict(by_precision),
        "published_minus_incident_days": dict(pub_gap),
        "errors": errors,
    })
    return out


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N incidents (by id) only")
    parser.add_argument("--errors", type=int, default=0, help="print N misses of the dev split: gold, prediction with its evidence sentence, published dates and urls")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    results = run(args.limit)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    for key, r in (("all", results), ("dev", results["dev"]), ("test", results["test"])):
        print(f"{key:4} incidents {r['incidents']:4}  exact-day {r['exact_day_accuracy']:.3f}  "
              f"within 1 day {r['within_one_day']:.3f}  baseline earliest published "
              f"{r['baseline_earliest_published']:.3f}")
    print(f"({results['seconds']} s)  published - incident date (days), per article:", results["published_minus_incident_days"])
    for e in [e for e in results["errors"] if e["split"] == "dev"][: args.errors]:
        print(f"\n#{e['incident']} gold {e['gold']} ({e['gold_weekday']})  pred {e['pred']}")
        for ev in e["evidence"]:
            print(f"   evidence {ev['text']!r} [ref {ev['reference']}, {ev['article'][:6]}]: {ev['sentence'][:220]}")
        for a in e["articles"]:
            print(f"   article {a['id'][:6]} published {a['published']} {a['url']}")
            print(f"      {a['lead'][:200]}")
    results["errors"] = results["errors"][:25]
    print(f"wrote {write_results('gva_when', results)}")
    return results


if __name__ == "__main__":
    main()
