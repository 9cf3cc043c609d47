"""The output folder: articles.jsonl, events.jsonl, rejected.jsonl, brief.md, report.html, events.csv, events.geojson."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from newsfuse.model import Rejection


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write one JSON object per line (UTF-8, no ASCII escaping); returns the number of rows."""
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=False))
            fh.write("\n")
            n += 1
    return n


def event_sort_key(event: Mapping[str, Any]) -> tuple[str, str]:
    """Newest events first, then by id, so files are stable across reruns."""
    date = (event.get("date") or {}).get("value") or ""
    return ("~" if not date else _invert(date), event["id"])


def _invert(date: str) -> str:
    return "".join(chr(0x7E - (ord(c) - 0x20)) if 0x20 <= ord(c) <= 0x7E else c for c in date)


# ACLED-style columns for the CSV export analysts paste into their weekly report.
CSV_COLUMNS = (
    "event_id", "event_date", "time", "precision", "event_type", "sub_event_type", "actors", "country_code",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_disputed",
    "injured", "independent_sources", "sources", "headline",
    "actor1", "actor1_status", "actor2",  # added last, so readers that count columns keep working
)


# ACLED's actor1 is who acted; a claim of responsibility outranks the text's own attribution, which outranks
# suspicion. "No group has claimed" (unknown) and denials name no actor1.
_ACTOR1_RANK = {"claimed": 0, "confirmed": 1, "suspected": 2}


def main_actors(actors: Sequence[Mapping[str, Any]]) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
    """ACLED-style actor1 (the perpetrator) and actor2 (the target or victim) among an event's actors.

    Actors come sorted by how many independent sources name them; ties keep that order.
    """
    perpetrators = [a for a in actors if a.get("role") == "perpetrator" and a.get("status") in _ACTOR1_RANK]
    actor1 = min(perpetrators, key=lambda a: _ACTOR1_RANK[a["status"]], default=None)
    actor2 = next((a for a in actors if a.get("role") in ("target", "victim")
                   and (actor1 is None or (a.get("name") or "").lower() != (actor1.get("name") or "").lower())), None)
    return actor1, actor2


def event_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    """One event as the ACLED-style columns of CSV_COLUMNS (the CSV's row, the GeoJSON's properties)."""
    date, loc, typ = ev.get("date") or {}, ev.get("location") or {}, ev.get("type") or {}
    fat, inj = ev.get("fatalities") or {}, ev.get("injured") or {}
    actor1, actor2 = main_actors(ev.get("actors", []))
    values = (
        ev["id"], date.get("value"), date.get("time"), date.get("precision"), typ.get("event_type"),
        typ.get("sub_event_type"), "; ".join(f"{a['name']} ({a['role']}, {a['status']})" for a in ev.get("actors", [])),
        loc.get("country_code"), loc.get("admin1"), loc.get("admin2"), loc.get("name"), loc.get("lat"), loc.get("lon"),
        loc.get("precision"), fat.get("value"), fat.get("disputed"), inj.get("value"), ev.get("independent_sources"),
        "; ".join(sorted({s.get("outlet") or s["article"] for s in ev.get("sources", [])})), ev.get("headline"),
        actor1 and actor1["name"], actor1 and actor1["status"], actor2 and actor2["name"],
    )
    return dict(zip(CSV_COLUMNS, values, strict=True))


# First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list): "=" and "@"
# always; "+", "-", tab and CR when the cell also holds what a formula needs to do harm (a call, a reference to
# another program or sheet), so that "+972 Magazine", "-3C night" or an actor named "-" are left as written.
_FORMULA_ALWAYS = ("=", "@")
_FORMULA_MAYBE = ("+", "-", "\t", "\r")
_FORMULA_PARTS = re.compile(r"[(|!=]")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that a spreadsheet shows as text: a string that starts like a formula (an outlet
    named '=HYPERLINK(...)' in scraped metadata) gets a leading apostrophe; numbers are left as they are."""
    if isinstance(value, str) and (
        value.startswith(_FORMULA_ALWAYS) or (value.startswith(_FORMULA_MAYBE) and _FORMULA_PARTS.search(value))
    ):
        return "'" + value
    return value


def events_csv(events: Sequence[Mapping[str, Any]]) -> str:
    """Events as ACLED-style CSV rows (one per event)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ev in events:
        writer.writerow([csv_cell(v) for v in event_row(ev).values()])
    return buf.getvalue()


def events_geojson(events: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Events with coordinates as a GeoJSON FeatureCollection (points, lon/lat in WGS 84) for GIS tools, their
    properties the CSV's columns plus the gazetteer id and the number of articles; events the code could not
    place are left out (their count is in the collection's `unlocated`)."""
    features = []
    for ev in events:
        loc = ev.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append({
            "type": "Feature",
            "id": ev["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {**event_row(ev), "gazetteer_id": loc.get("gazetteer_id"), "n_articles": len(ev.get("articles", []))},
        })
    return {"type": "FeatureCollection", "features": features, "unlocated": len(events) - len(features)}


def write_outputs(
    out_dir: Path,
    articles: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    rejections: Sequence[Rejection | Mapping[str, Any]],
) -> dict[str, Path]:
    """Write every file of the contract into `out_dir`; returns their paths by name."""
    from newsfuse.brief.render import render_html, render_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    events = sorted(events, key=event_sort_key)
    by_id = {a["id"]: a for a in articles}
    paths = {
        "articles": out_dir / "articles.jsonl",
        "events": out_dir / "events.jsonl",
        "rejected": out_dir / "rejected.jsonl",
        "brief": out_dir / "brief.md",
        "report": out_dir / "report.html",
        "csv": out_dir / "events.csv",
        "geojson": out_dir / "events.geojson",
    }
    write_jsonl(paths["articles"], articles)
    write_jsonl(paths["events"], events)
    write_jsonl(paths["rejected"], (r.to_json() if isinstance(r, Rejection) else r for r in rejections))
    paths["brief"].write_text(render_markdown(list(events), by_id), encoding="utf-8")
    paths["report"].write_text(render_html(list(events), by_id), encoding="utf-8")
    paths["csv"].write_text(events_csv(events), encoding="utf-8")
    paths["geojson"].write_text(json.dumps(events_geojson(events), ensure_ascii=False), encoding="utf-8")
    return paths
