"""Event location on the Gun Violence Archive set: city and state of each incident.

Articles are grouped by their gold incident; each is analysed, `event_location` votes across the
group, and the result is compared with the incident's `city_or_county` and `state`:
- city: the location's name, or its admin2 (county), equals one of the gold names after
  normalisation ("Barre (Berlin)" accepts either; "Mc Kees Rocks" = "McKees Rocks");
- state: the location's admin1 equals the gold state.
Locations come from two passes, as `newsfuse run` gives them (`newsfuse.pipeline.relocate_events`, here with the
gold incidents as the events): the first pass over the chosen incidents teaches each outlet (web host) the region
its events were located in, the second votes with it (an event never counts for itself); the first pass's figures
are reported too ("single_pass").

By default every incident is scored, reusing the parse cache of `eval.gva_facts` (the whole GVA corpus
is segmented and spaCy-parsed once into a DocBin; only the places stage runs again).  `--limit N` takes
the first N incidents by id and parses only their articles (the CI subset).  Split: an incident is
"test" when md5(incident id) % 5 == 0, else "dev" (tune on dev only); figures are given for both.

Each result also carries the ceiling (the share of incidents whose gold city is written anywhere in
their articles' texts, titles or web addresses) and, with `--errors`, every dev miss with its category
(see `categorise`); `--categories` prints the dev error counts by category.

Run: .venv/bin/python -m eval.gva_where [--limit N] [--split dev|test|all] [--errors] [--categories]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from typing import Any, Sequence

from eval.common import data_dir, hashed_split, read_jsonl, write_results

_SAINT = re.compile(r"\b(?:saint|st)\b")
_MOUNT = re.compile(r"\b(?:mount|mt)\b")
_FORT = re.compile(r"\b(?:fort|ft)\b")

# Above this many incidents the whole corpus is parsed (and cached) once; at or below it only the
# subset's articles are parsed (the CI floor test runs on a fresh machine without the corpus cache).
UNIVERSE_ABOVE = 60

# Texts of pages that are not the article: a captcha, a 404, a consent wall (for the error categories).
_NOT_ARTICLE = re.compile(
    r"(?i)\b(?:captcha|enter the characters|page (?:not found|cannot be found|you requested)|404|"
    r"access denied|are you a robot|enable (?:javascript|cookies)|subscribe to continue|"
    r"this content is (?:not )?available)\b")
_NOT_ARTICLE_MAX_CHARS = 600


def norm_city(name: str | None) -> str:
    """Fold a city or county name for comparison."""
    from newsfuse.extract.gazetteer import name_key

    key = name_key(name or "")
    key = _SAINT.sub("st", key)
    key = _MOUNT.sub("mt", key)
    key = _FORT.sub("ft", key)
    key = re.sub(r"\b(?:city|township|town|village|borough|d c)$", "", key).strip()
    return key.replace(" ", "")


def gold_cities(city_or_county: str) -> set[str]:
    """Every name the gold field accepts: "Barre (Berlin)" -> {barre, berlin}; "Marion (county)" -> {marioncounty}."""
    if re.search(r"(?i)\((?:county|parish)\)\s*$", city_or_county):
        return {norm_city(city_or_county.split("(")[0]) + "county"}
    parts = re.split(r"[()]", city_or_county)
    return {norm_city(p) for p in parts if p.strip()}


def gold_surface_forms(city_or_county: str) -> list[str]:
    """The gold names as they may be written ("Marion (county)" -> "Marion County"; "Barre (Berlin)" -> both)."""
    if re.search(r"(?i)\((?:county|parish)\)\s*$", city_or_county):
        base = city_or_county.split("(")[0].strip()
        kind = "Parish" if "parish" in city_or_county.lower() else "County"
        return [f"{base} {kind}"]
    return [p.strip() for p in re.split(r"[()]", city_or_county) if p.strip()]


def _loose(text: str) -> str:
    """A text folded like `norm_city` word by word, with single spaces (for "is the name written" tests)."""
    from newsfuse.extract.gazetteer import name_key

    key = " " + name_key(text) + " "
    key = _SAINT.sub("st", key)
    key = _MOUNT.sub("mt", key)
    return _FORT.sub("ft", key)


def written_in(city_or_county: str, haystack: str) -> bool:
    """True when one of the gold names is written in the (already `_loose`-folded) haystack."""
    for form in gold_surface_forms(city_or_county):
        needle = _loose(form).strip()
        if needle and f" {needle} " in haystack:
            return True
    return False


def load_groups(limit: int | None = None, split: str = "all") -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(incident, its articles) in incident-id order; `limit` takes the first N (after the split filter)."""
    base = data_dir() / "gva"
    incidents = {r["incident"]: r for r in read_jsonl(base / "incidents.jsonl.gz")}
    by_incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(base / "articles.jsonl.gz"):
        by_incident[str(row["gold_incident"])].append(row)
    ids = sorted(i for i in by_incident if i in incidents)
    if split != "all":
        ids = [i for i in ids if split_of(i) == split]
    if limit:
        ids = ids[:limit]
    return [(incidents[i], sorted(by_incident[i], key=lambda r: r["id"])) for i in ids]


def split_of(incident_id: str) -> str:
    """"test" for one incident in five (by a hash of its id), else "dev"."""
    return hashed_split(incident_id)


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows) or 1
    return {
        "incidents": len(rows),
        "city_accuracy": round(sum(r["city_ok"] for r in rows) / n, 4),
        "state_accuracy": round(sum(r["state_ok"] for r in rows) / n, 4),
        "located_share": round(sum(r["name"] is not None for r in rows) / n, 4),
        "city_written_share": round(sum(r["gold_written"] for r in rows) / n, 4),
        "city_accuracy_where_written": round(
            sum(r["city_ok"] for r in rows if r["gold_written"]) / (sum(r["gold_written"] for r in rows) or 1), 4),
    }


def judge(location: dict[str, Any], incident: dict[str, Any]) -> tuple[bool, bool]:
    """(city correct, state correct) for one incident.

    The city is right when the location's name is a gold name; a county is right only where the gold names
    a county ("Marion (county)"), by the location's own name or its admin2 (a town of that county counts).
    """
    accepted = gold_cities(incident["city_or_county"])
    name = norm_city(location.get("name"))
    counties = {n for n in (name, norm_city(location.get("admin2"))) if n.endswith(("county", "parish"))}
    county_gold = {a for a in accepted if a.endswith(("county", "parish"))}
    city_ok = location.get("precision") in ("site", "city", "region") and (
        name in accepted or bool(county_gold & counties))
    state_ok = (location.get("admin1") or "").lower() == incident["state"].lower()
    return city_ok, state_ok


def _dateline_name(text: str) -> str | None:
    from newsfuse.extract.places import DATELINE

    m = DATELINE.search(text[:2000])
    return m.group(1).strip(" .-") if m else None


def categorise(row: dict[str, Any], articles: Sequence[dict[str, Any]]) -> str:
    """The kind of a miss, first matching category in this order:

    - `no_article`: every page of the group is a captcha, a 404 or a stub (no text to go by);
    - `gold_not_written`: the gold city is written in no text, title or web address of the group;
    - `gazetteer_gap`: the gazetteer has no town or county of the gold name in the gold state (no resolution can
      reach it: a hamlet under 500 people, a military base, a township, a city's neighbourhood GeoNames lacks);
    - `unlocated`: no location at all although the gold city is written;
    - `same_name_other_state`: the right name, the wrong state;
    - `county_for_town`: a county was chosen where the gold is a town (of it or not);
    - `town_for_county`: a town was chosen where the gold is a county;
    - `outlet_city`: the chosen city is named in the outlet's web domain (the paper's home town);
    - `dateline_city`: the chosen city is a dateline of the group, the gold city another place;
    - `gold_not_resolved`: the gold name is written but never resolved to the gold state's town of that name
      (neighbourhoods, unknown towns, wrong sense);
    - `other_place`: another place of the reports outvoted the gold one (a neighbouring town, the big city).
    `state_only`: the city is right, the state is not.
    """
    gold = row["gold_city"]
    if row["city_ok"]:
        return "state_only"
    texts = [a.get("text") or "" for a in articles]
    if all(len(t) < _NOT_ARTICLE_MAX_CHARS or _NOT_ARTICLE.search(t[:_NOT_ARTICLE_MAX_CHARS]) for t in texts) and \
            not any(written_in(gold, _loose(t)) for t in texts):
        return "no_article"
    if not row["gold_written"]:
        return "gold_not_written"
    if row.get("gold_state") and not gazetteer_has(gold, row["gold_state"]):
        return "gazetteer_gap"
    if row["name"] is None:
        return "unlocated"
    pred = norm_city(row["name"])
    if pred in gold_cities(gold):
        return "same_name_other_state"
    gold_is_county = "(county)" in gold.lower() or "(parish)" in gold.lower()
    if row["precision"] == "region" and row["name"] and row["name"].endswith(("County", "Parish")):
        return "county_for_town" if not gold_is_county else "other_place"
    if gold_is_county:
        return "town_for_county"
    domains = " ".join(re.sub(r"^(?:https?://)?(?:web\.archive\.org/web/[^/]+/)?(?:https?://)?", "", a.get("url") or "")
                       .split("/")[0].lower() for a in articles)
    if pred and pred in domains.replace(".", "").replace("-", ""):
        return "outlet_city"
    datelines = {norm_city(d) for d in (_dateline_name(t) for t in texts) if d}
    if pred in datelines:
        return "dateline_city"
    if not row.get("gold_resolved"):
        return "gold_not_resolved"
    return "other_place"


def gazetteer_has(city_or_county: str, state: str) -> bool:
    """Some town or county of the gazetteer in `state` has one of the gold names as its own or an alternate name."""
    from newsfuse.extract.gazetteer import MATCH_ALTERNATE, load_gazetteer

    gaz = load_gazetteer()
    return any(e.kind in ("city", "county") and (e.admin1 or "").lower() == state.lower() and m <= MATCH_ALTERNATE
               for form in gold_surface_forms(city_or_county) for e, m in gaz.candidates(form))


def _analyses(groups: list[tuple[dict[str, Any], list[dict[str, Any]]]], limit: int | None) -> dict[str, Any]:
    """Analyses with the places stage, by article id: from the shared GVA parse cache (whole corpus) or,
    for a small --limit, from a parse of the subset only."""
    from eval.gva_facts import analyse_many
    from eval.gva_facts import load as load_facts
    from eval.gva_facts import subset_order
    from newsfuse.extract.places import STAGE

    rows = [a for _, arts in groups for a in arts]
    universe = None
    if limit is None or limit > UNIVERSE_ABOVE:
        incidents, by_inc, _ids = load_facts()
        universe = [r for i in sorted(by_inc, key=subset_order) if i in incidents for r in by_inc[i]]
    return {a.id: a for a in analyse_many(rows, stages=[STAGE], universe=universe)}


def run(limit: int | None = None, split: str = "all") -> dict[str, Any]:
    """Figures of the two-pass location (a first pass over the chosen incidents teaches each outlet's usual region,
    see `newsfuse.fuse.where.OutletRegions`); the first pass's own figures are kept under "single_pass"."""
    from newsfuse.fuse.where import OutletRegions, event_hosts, event_location, first_pass_region

    groups = load_groups(limit, split)
    t0 = time.perf_counter()
    analyses = _analyses(groups, limit)
    t_analyse = time.perf_counter() - t0
    rows = []
    t1 = time.perf_counter()
    outlets = OutletRegions()
    single: list[dict[str, Any]] = []
    first: dict[str, dict[str, Any]] = {}
    for incident, articles in groups:
        group = [analyses[a["id"]] for a in articles]
        loc = first[incident["incident"]] = event_location(group)
        outlets.set_event(incident["incident"], first_pass_region(loc), event_hosts(group))
        city_ok, state_ok = judge(loc, incident)
        single.append({"split": split_of(incident["incident"]), "city_ok": city_ok, "state_ok": state_ok,
                       "name": loc["name"], "gold_written": False})
    for incident, articles in groups:
        group = [analyses[a["id"]] for a in articles]
        homes = outlets.homes(incident["incident"])  # as `newsfuse.pipeline.relocate_events` does
        loc = event_location(group, homes) if homes else first[incident["incident"]]
        city_ok, state_ok = judge(loc, incident)
        hay = _loose(" ".join((a.get("title") or "") + " " + (a.get("text") or "") + " "
                              + re.sub(r"[^A-Za-z]+", " ", a.get("url") or "") for a in articles))
        gold_resolved = any(
            norm_city(p.name) in gold_cities(incident["city_or_county"])
            and (p.admin1 or "").lower() == incident["state"].lower()
            for a in group for p in a.places)
        rows.append({"incident": incident["incident"], "split": split_of(incident["incident"]),
                     "gold_city": incident["city_or_county"], "gold_state": incident["state"],
                     "name": loc["name"], "admin1": loc["admin1"], "admin2": loc["admin2"],
                     "precision": loc["precision"], "city_ok": city_ok, "state_ok": state_ok,
                     "gold_written": written_in(incident["city_or_county"], hay), "gold_resolved": gold_resolved,
                     "articles": [a["id"] for a in articles]})
    t_fuse = time.perf_counter() - t1
    by_id = {a["id"]: a for _, arts in groups for a in arts}
    for r in rows:
        if not (r["city_ok"] and r["state_ok"]):
            r["category"] = categorise(r, [by_id[i] for i in r["articles"]])
    results: dict[str, Any] = {**_figures(rows), "articles": len(by_id)}
    for part in ("dev", "test"):
        sub = [r for r in rows if r["split"] == part]
        if sub:
            results[part] = _figures(sub)
            results[part]["error_categories"] = dict(Counter(r["category"] for r in sub if "category" in r).most_common())
    results["single_pass"] = {part: {k: v for k, v in _figures([r for r in single if part == "all" or r["split"] == part]).items()
                                     if k in ("city_accuracy", "state_accuracy")} for part in ("dev", "test", "all")}
    results["seconds_analysis"] = round(t_analyse, 1)
    results["seconds_fusion"] = round(t_fuse, 1)
    results["_rows"] = rows
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N incidents (by id)")
    ap.add_argument("--split", choices=("all", "dev", "test"), default="all", help="which incidents to run")
    ap.add_argument("--errors", action="store_true", help="print the dev incidents judged wrong, with their category")
    ap.add_argument("--categories", action="store_true", help="print the dev error counts by category")
    args = ap.parse_args()
    results = run(args.limit, args.split)
    rows = results.pop("_rows")
    if args.errors:
        for r in rows:
            if r["split"] == "dev" and not (r["city_ok"] and r["state_ok"]):
                print(f"{r['incident']} [{r['category']}]: gold {r['gold_city']}, {r['gold_state']} | got {r['name']}, "
                      f"{r['admin2']}, {r['admin1']} ({r['precision']})")
    if args.categories and "dev" in results:
        for cat, n in results["dev"]["error_categories"].items():
            print(f"  {cat:24s} {n:5d}  {n / results['dev']['incidents']:.3f}")
    print(f"{'split':6} {'incidents':>9} {'city acc':>9} {'state acc':>9} {'located':>8} {'ceiling':>8}")
    for part in ("dev", "test", "all"):
        r = results if part == "all" else results.get(part)
        if r:
            print(f"{part:6} {r['incidents']:9d} {r['city_accuracy']:9.3f} {r['state_accuracy']:9.3f} "
                  f"{r['located_share']:8.3f} {r['city_written_share']:8.3f}")
    name = "gva_where" if not args.limit and args.split == "all" else f"gva_where_{args.split}_limit{args.limit}"
    path = write_results(name, results)
    print("single pass (no outlet regions):", results["single_pass"])
    print(f"wrote {path} (analysis {results['seconds_analysis']} s, fusion {results['seconds_fusion']} s)")


if __name__ == "__main__":
    main()


# The CI subset: the first incidents by id (about 100 articles; well under 90 s).
CI_INCIDENTS = 60


def ci_figures(limit: int = CI_INCIDENTS) -> dict[str, float]:
    """Figures on the CI subset, as eval/floors/gva_where.json names them."""
    r = run(limit)
    return {"city_accuracy": r["city_accuracy"], "state_accuracy": r["state_accuracy"]}
