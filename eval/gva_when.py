"""Event date on the Gun Violence Archive set: the voted date of each incident's articles vs its record.

Articles are grouped by their gold incident (clustering is not judged here), each is analysed with
its given `published` date, and `event_date` votes the incident date, given the incident's voted location
(`fuse.where.event_location`, as `fuse.build_event` passes it).  Also reported:

- how often the earliest `published` field itself equals the incident date (a baseline, and a check on
  how many `published` values are archive dates rather than publication dates);
- the candidate ceiling: the share of incidents where some time expression of some article resolves
  to the gold day.  It is not a strict ceiling: an incident can be hit without such a candidate (the
  publication-date fallback when nothing is dated, a bare clock time moved to the day named before it),
  reported as `hit_without_candidate`; `candidate_or_reference_ceiling` also counts an incident whose
  gold day is some article's reference date (what a perfect vote over candidates and fallback could reach);
- every miss sorted into one category (`MISS_CATEGORIES`), so the largest kinds of error are visible.

Parsing: with no --limit (or one above UNIVERSE_ABOVE) the articles come from the shared GVA parse
cache of eval.gva_facts (the whole corpus parsed once, keyed by the parsing code), and only the
pubdate, places and times stages re-run: all 2,742 incidents take a few minutes.  A small --limit
(the CI floor test) parses just its own articles.

Split: an incident whose md5(incident id) % 5 == 0 is "test" (held out: report, never tune), the
rest "dev"; figures are given for dev, test and all.

    .venv/bin/python -m eval.gva_when [--limit N] [--split dev|test|all] [--errors N]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any, Sequence

from eval.common import data_dir, hashed_split, read_jsonl, write_results

# A --limit above this many incidents reads the whole-corpus parse cache shared with eval.gva_facts;
# at or below it only the subset is parsed (and cached on its own), which keeps the CI floor test fast.
UNIVERSE_ABOVE = 60
TEST_MOD = 5  # md5(incident id) % TEST_MOD == 0 is the held-out "test" split
# An article shorter than this (after white space is squeezed), or one that reads as an error or
# robot-check page, carries no report: set by hand from a look at dev pages.
EMPTY_CHARS = 250
_EMPTY_PAGE = re.compile(
    r"(?i)\b(?:captcha|are you a robot|not a robot|page (?:was )?not found|404\b|access denied|enable javascript|"
    r"enable cookies|subscribe to continue|has been removed|no longer available|unusual traffic)"
)
MISS_CATEGORIES = (
    "no_report",  # no article has report text (error, robot-check or empty pages)
    "gold_not_in_text",  # no time expression of any article resolves to the gold day
    "no_prediction",  # nothing voted
    "day_after",  # predicted the day after (after-midnight shootings, "said Sunday" for a Saturday event)
    "day_before",  # predicted the day before
    "later",  # predicted two or more days after (a follow-up's funeral, arrest or court date)
    "earlier",  # predicted two or more days before (an earlier event recalled)
)


def load_incidents(limit: int | None = None, split: str = "all") -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(incident, its articles) for incidents with at least one article, sorted by incident id (then split, limit)."""
    base = data_dir() / "gva"
    incidents = {r["incident"]: r for r in read_jsonl(base / "incidents.jsonl.gz")}
    articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(base / "articles.jsonl.gz"):
        articles[row["gold_incident"]].append(row)
    ids = sorted((i for i in incidents if articles.get(i)), key=lambda i: (len(i), i))
    if split != "all":
        ids = [i for i in ids if split_of(i) == split]
    if limit:
        ids = ids[:limit]
    return [(incidents[i], sorted(articles[i], key=lambda r: r["id"])) for i in ids]


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


def analyses_of(rows: Sequence[dict[str, Any]], whole_corpus: bool) -> dict[str, Any]:
    """Analyses (Docs dropped) by article id, from the shared whole-corpus parse cache or a parse of `rows`."""
    from eval.gva_facts import analyse_many
    from eval.gva_facts import load as load_facts
    from eval.gva_facts import subset_order

    universe = None
    if whole_corpus:
        incidents, by_inc, _ = load_facts()
        # the same universe, in the same order, as eval.gva_facts and eval.gva_where: one cache for all
        universe = [r for i in sorted(by_inc, key=subset_order) if i in incidents for r in by_inc[i]]
    return {a.id: a for a in analyse_many(rows, stages=_stages(), universe=universe)}


def gold_date(incident: dict[str, Any]) -> date:
    return datetime.strptime(incident["date"], "%B %d, %Y").date()


def _no_report(text: str) -> bool:
    squeezed = " ".join(text.split())
    return len(squeezed) < EMPTY_CHARS or bool(_EMPTY_PAGE.search(squeezed[:400]) and len(squeezed) < 4 * EMPTY_CHARS)


def _day_values(analyses: Sequence[Any]) -> set[date]:
    """Every day some date or time expression of these articles resolves to."""
    out = set()
    for a in analyses:
        for t in a.times:
            if t.kind in ("date", "time") and t.value and re.match(r"\d{4}-\d{2}-\d{2}", t.value):
                try:
                    out.add(date.fromisoformat(t.value[:10]))
                except ValueError:
                    continue
    return out


def _ref_day(analysis: Any) -> date | None:
    from newsfuse.extract.pubdate import reference_day

    return reference_day(analysis)


def category_of(gold: date, pred: date | None, texts: Sequence[str], days: set[date]) -> str:
    """The MISS_CATEGORIES entry of one missed incident."""
    if all(_no_report(t) for t in texts):
        return "no_report"
    if gold not in days:
        return "gold_not_in_text"
    if pred is None:
        return "no_prediction"
    gap = (pred - gold).days
    return "day_after" if gap == 1 else "day_before" if gap == -1 else "later" if gap > 1 else "earlier"


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows) or 1
    return {
        "incidents": len(rows),
        "exact_day_accuracy": round(sum(r["hit"] for r in rows) / n, 4),
        "within_one_day": round(sum(r["within1"] for r in rows) / n, 4),
        "baseline_earliest_published": round(sum(r["base_pub"] for r in rows) / n, 4),
        "candidate_ceiling": round(sum(r["in_text"] for r in rows) / n, 4),
        "candidate_or_reference_ceiling": round(sum(r["in_text_or_ref"] for r in rows) / n, 4),
        "hit_without_candidate": round(sum(r["hit"] and not r["in_text"] for r in rows) / n, 4),
        "misses": dict(Counter(r["category"] for r in rows if not r["hit"]).most_common()),
    }


def run(limit: int | None = None, split: str = "all") -> dict[str, Any]:
    """Exact-day accuracy of event_date (dev, test, all), a baseline and the ceiling, over the chosen incidents."""
    from newsfuse.fuse.when import event_date, with_inferred
    from newsfuse.fuse.where import event_location

    groups = load_incidents(limit, split)
    t0 = time.perf_counter()
    by_id = analyses_of([a for _, arts in groups for a in arts], whole_corpus=limit is None or limit > UNIVERSE_ABOVE)
    seconds_analysis = time.perf_counter() - t0
    by_precision: Counter[str] = Counter()
    pub_gap: Counter[str] = Counter()
    per_incident: list[dict[str, Any]] = []
    errors = []
    seconds_vote = 0.0  # with_inferred + event_date: the fusion's cost, apart from the stages that read the pages
    for incident, articles in groups:
        gold = gold_date(incident)
        for art in articles:
            if art.get("published"):
                gap = (date.fromisoformat(art["published"][:10]) - gold).days
                pub_gap[str(gap) if -1 <= gap <= 3 else ("<-1" if gap < -1 else ">3")] += 1
        t_vote = time.perf_counter()
        analyses = with_inferred([by_id[art["id"]] for art in articles])
        seconds_vote += time.perf_counter() - t_vote
        location = event_location(analyses)
        t_vote = time.perf_counter()
        result = event_date(analyses, location=location)  # as fuse.build_event passes it
        seconds_vote += time.perf_counter() - t_vote
        by_precision[result["precision"]] += 1
        pred = date.fromisoformat(result["value"]) if result["value"] else None
        pubs = sorted(date.fromisoformat(a["published"][:10]) for a in articles if a.get("published"))
        days = _day_values(analyses)
        row = {"split": split_of(incident["incident"]), "hit": pred == gold,
               "within1": pred is not None and abs((pred - gold).days) <= 1,
               "base_pub": bool(pubs) and pubs[0] == gold, "in_text": gold in days,
               "in_text_or_ref": gold in days or gold in {_ref_day(a) for a in analyses},
               "category": None if pred == gold else category_of(gold, pred, [a["text"] for a in articles], days)}
        per_incident.append(row)
        if pred != gold:
            evidence = []
            for e in result["evidence"][:3]:
                for a in analyses:
                    if a.article.text[e["start"]:e["end"]] == e["text"]:
                        sent = next((x for x in a.sentences if x.start <= e["start"] < x.end), None)
                        evidence.append({"text": e["text"], "article": a.id, "reference": a.reference_date,
                                         "sentence": " ".join(a.article.text[sent.start:sent.end].split()) if sent else ""})
                        break
            errors.append({"incident": incident["incident"], "split": row["split"], "category": row["category"],
                           "gold": gold.isoformat(), "gold_weekday": gold.strftime("%a"), "pred": result["value"],
                           "evidence": evidence,
                           "articles": [{"id": a["id"], "published": a.get("published"), "url": a.get("url"),
                                         "lead": " ".join(a["text"][:300].split())} for a in articles]})
    out: dict[str, Any] = _figures(per_incident)
    for part in ("dev", "test"):
        out[part] = _figures([r for r in per_incident if r["split"] == part])
    out.update({
        "articles": sum(len(arts) for _, arts in groups),
        "seconds_analysis": round(seconds_analysis, 1),
        "ms_vote_per_article": round(1000 * seconds_vote / max(1, sum(len(arts) for _, arts in groups)), 3),
        "precision_counts": dict(by_precision),
        "published_minus_incident_days": dict(pub_gap),
        "errors": errors,
    })
    return out


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N incidents (by id, after --split) only")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all", help="restrict the run to one split")
    parser.add_argument("--errors", type=int, default=0, help="print N misses of the dev split: gold, prediction with its evidence sentence, published dates and urls")
    parser.add_argument("--category", default=None, choices=MISS_CATEGORIES, help="print only misses of this category")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    results = run(args.limit, args.split)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    for key, r in (("all", results), ("dev", results["dev"]), ("test", results["test"])):
        print(f"{key:4} incidents {r['incidents']:4}  exact-day {r['exact_day_accuracy']:.3f}  "
              f"within 1 day {r['within_one_day']:.3f}  baseline earliest published "
              f"{r['baseline_earliest_published']:.3f}  candidate ceiling {r['candidate_ceiling']:.3f} "
              f"(hit without candidate {r['hit_without_candidate']:.3f}, with reference dates "
              f"{r['candidate_or_reference_ceiling']:.3f})")
        print(f"     misses: {r['misses']}")
    print(f"({results['seconds']} s, analysis {results['seconds_analysis']} s, vote {results['ms_vote_per_article']} ms per "
          f"article)  published - incident date (days), per article:",
          results["published_minus_incident_days"])
    shown = [e for e in results["errors"] if e["split"] == "dev" and (args.category is None or e["category"] == args.category)]
    for e in shown[: args.errors]:
        print(f"\n#{e['incident']} [{e['category']}] gold {e['gold']} ({e['gold_weekday']})  pred {e['pred']}")
        for ev in e["evidence"]:
            print(f"   evidence {ev['text']!r} [ref {ev['reference']}, {ev['article'][:6]}]: {ev['sentence'][:220]}")
        for a in e["articles"]:
            print(f"   article {a['id'][:6]} published {a['published']} {a['url']}")
            print(f"      {a['lead'][:200]}")
    results["errors"] = [e for e in results["errors"] if e["split"] == "dev"][:25]
    print(f"wrote {write_results('gva_when', results)}")
    return results


if __name__ == "__main__":
    main()
