"""Event location on the Gun Violence Archive set: city and state of each incident.

Articles are grouped by their gold incident; each is analysed, `event_location` votes across the
group, and the result is compared with the incident's `city_or_county` and `state`:
- city: the location's name, or its admin2 (county), equals one of the gold names after
  normalisation ("Barre (Berlin)" accepts either; "Mc Kees Rocks" = "McKees Rocks");
- state: the location's admin1 equals the gold state.

Incidents are taken in a fixed order (sorted by id); `--limit N` takes the first N.  Split: an incident
is "test" when md5(incident id) % 5 == 0, else "dev" (tune on dev only); figures are given for both.
Run: .venv/bin/python -m eval.gva_where [--limit N]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from typing import Any

from eval.common import data_dir, read_jsonl, write_results, hashed_split

_SAINT = re.compile(r"\b(?:saint|st)\b")
_MOUNT = re.compile(r"\b(?:mount|mt)\b")
_FORT = re.compile(r"\b(?:fort|ft)\b")


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


def load_groups(limit: int | None = None) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(incident, its articles) in incident-id order."""
    base = data_dir() / "gva"
    incidents = {r["incident"]: r for r in read_jsonl(base / "incidents.jsonl.gz")}
    by_incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(base / "articles.jsonl.gz"):
        by_incident[str(row["gold_incident"])].append(row)
    ids = sorted(i for i in by_incident if i in incidents)
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


def run(limit: int | None = None) -> dict[str, Any]:
    from newsfuse.extract.places import STAGE
    from newsfuse.fuse.where import event_location
    from newsfuse.stages import analyse_text

    t0 = time.perf_counter()
    rows = []
    for incident, articles in load_groups(limit):
        analyses = [
            analyse_text(a["text"], published=a.get("published"), title=a.get("title"), article_id=a["id"],
                         url=a.get("url"), stages=[STAGE])
            for a in articles
        ]
        loc = event_location(analyses)
        city_ok, state_ok = judge(loc, incident)
        rows.append({"incident": incident["incident"], "split": split_of(incident["incident"]),
                     "gold_city": incident["city_or_county"],
                     "gold_state": incident["state"], "name": loc["name"], "admin1": loc["admin1"],
                     "admin2": loc["admin2"], "precision": loc["precision"], "city_ok": city_ok, "state_ok": state_ok})
    return {
        **_figures(rows),
        "articles": sum(len(a) for _, a in load_groups(limit)),
        "dev": _figures([r for r in rows if r["split"] == "dev"]),
        "test": _figures([r for r in rows if r["split"] == "test"]),
        "seconds": round(time.perf_counter() - t0, 1),
        "_rows": rows,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N incidents (by id)")
    ap.add_argument("--errors", action="store_true", help="print the incidents judged wrong")
    args = ap.parse_args()
    results = run(args.limit)
    rows = results.pop("_rows")
    if args.errors:
        for r in rows:
            if not (r["city_ok"] and r["state_ok"]):
                print(f"{r['incident']} ({r['split']}): gold {r['gold_city']}, {r['gold_state']} | got {r['name']}, {r['admin2']}, "
                      f"{r['admin1']} ({r['precision']})")
    print(f"{'split':6} {'incidents':>9} {'city acc':>9} {'state acc':>9} {'located':>8}")
    for part in ("dev", "test", "all"):
        r = results if part == "all" else results[part]
        print(f"{part:6} {r['incidents']:9d} {r['city_accuracy']:9.3f} {r['state_accuracy']:9.3f} "
              f"{r['located_share']:8.3f}")
    path = write_results("gva_where", results)
    print(f"wrote {path} ({results['seconds']} s)")


if __name__ == "__main__":
    main()


# The CI subset: the first incidents by id (about 100 articles; well under 90 s).
CI_INCIDENTS = 60


def ci_figures(limit: int = CI_INCIDENTS) -> dict[str, float]:
    """Figures on the CI subset, as eval/floors/gva_where.json names them."""
    r = run(limit)
    return {"city_accuracy": r["city_accuracy"], "state_accuracy": r["state_accuracy"]}
