"""Pure helpers that turn contract records into what the templates draw (no HTML here: Jinja escapes).

Kept apart from the routes so each view (article segments, claims matrix, map) is tested on plain dicts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote

from markupsafe import Markup

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# Roles whose sentences are not facts: drawn muted and labelled on the article page.
MARKED_ROLES = {"caption": "caption", "boilerplate": "boilerplate", "duplicate": "repeat", "title": "title"}
# Smallest map window (degrees of longitude) when zooming to the events shown: a country, not a street.
MIN_MAP_SPAN_LON = 24.0
MAP_ASPECT = 360 / 150  # width / height of the world map without Antarctica
_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def idurl(value: Any) -> str:
    """An id as one URL path segment (ids are user data: '/', '?', '#' and '..' must not change the route)."""
    return quote(str(value), safe="").replace(".", "%2E")


def as_int(value: Any) -> int | None:
    """An int from stored JSON, or None for anything else (records are data, not trusted to be typed)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def cite_href(span: Any) -> str:
    """The link that opens an article with a span highlighted (the bare article when offsets are bad)."""
    if not isinstance(span, Mapping):
        return "#"
    base = f"/articles/{idurl(span.get('article', ''))}"
    s, e = as_int(span.get("start")), as_int(span.get("end"))
    if s is None or e is None:
        return base
    return f"{base}?hl={s}-{e}#s-{s}-{e}"


def parse_hl(value: str | None, text_len: int) -> tuple[int, int] | None:
    """A "START-END" highlight request, or None when absent or outside the text."""
    if not value:
        return None
    m = _HL.match(value.strip())
    if not m:
        return None
    s, e = int(m.group(1)), int(m.group(2))
    return (s, e) if 0 <= s < e <= text_len else None


@dataclass(frozen=True)
class Segment:
    """A run of article text with one sentence role (None between sentences) and highlight state."""

    text: str
    role: str | None
    label: str | None  # shown before the first run of a caption/boilerplate/duplicate sentence
    marked: bool
    mark_id: str | None  # anchor of the first highlighted run


def article_segments(record: Mapping[str, Any], hl: tuple[int, int] | None = None) -> list[Segment]:
    """Split an article's text at sentence and highlight boundaries; every character appears exactly once."""
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    sentences = []
    for s in record.get("sentences") or []:
        if isinstance(s, Mapping):
            a, b = as_int(s.get("start")), as_int(s.get("end"))
            if a is not None and b is not None and 0 <= a < b <= len(text):
                sentences.append({"start": a, "end": b, "role": s.get("role")})
    sentences.sort(key=lambda s: s["start"])
    cuts = {0, len(text)}
    for s in sentences:
        cuts |= {int(s["start"]), int(s["end"])}
    if hl:
        cuts |= set(hl)
    bounds = sorted(cuts)
    out: list[Segment] = []
    si = 0
    labelled: set[int] = set()
    first_mark = True
    for a, b in zip(bounds, bounds[1:]):
        while si < len(sentences) and int(sentences[si]["end"]) <= a:
            si += 1
        sent = sentences[si] if si < len(sentences) and int(sentences[si]["start"]) <= a else None
        role = str(sent["role"]) if sent else None
        label = None
        if sent is not None and role in MARKED_ROLES and si not in labelled:
            label = MARKED_ROLES[role]
            labelled.add(si)
        marked = bool(hl) and hl[0] <= a and b <= hl[1]
        mark_id = None
        if marked and first_mark:
            mark_id = f"s-{hl[0]}-{hl[1]}"
            first_mark = False
        out.append(Segment(text[a:b], role, label, marked, mark_id))
    return out


def citation_numbers(event: Mapping[str, Any]) -> dict[str, int]:
    """Article id -> the number its citations show ([1], [2], ...), in the event's article order."""
    numbers: dict[str, int] = {}
    for aid in event.get("articles") or []:
        numbers.setdefault(str(aid), len(numbers) + 1)
    for src in event.get("sources") or []:
        numbers.setdefault(str(src.get("article")), len(numbers) + 1)
    return numbers


def source_groups(event: Mapping[str, Any], meta: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Sources grouped by copy group (one group = one independent source), with titles from the articles."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for src in event.get("sources") or []:
        aid = str(src.get("article"))
        m = meta.get(aid, {})
        groups.setdefault(str(src.get("group")), []).append(
            {"article": aid, "outlet": src.get("outlet") or m.get("outlet"), "title": m.get("title"),
             "published": m.get("published"), "url": m.get("url")}
        )
    return [{"group": g, "articles": arts} for g, arts in groups.items()]


def claims_matrix(event: Mapping[str, Any]) -> dict[str, Any]:
    """Claim x source grid: each cell "supports", "contradicts" or "silent" (an article, not a group)."""
    columns = []
    seen: set[str] = set()
    for src in event.get("sources") or []:
        aid = str(src.get("article"))
        if aid not in seen:
            seen.add(aid)
            columns.append({"article": aid, "outlet": src.get("outlet"), "group": src.get("group")})
    for claim in event.get("claims") or []:  # spans from articles missing in sources still get a column
        for sp in list(claim.get("support") or []) + list(claim.get("contradict") or []):
            aid = str(sp.get("article"))
            if aid not in seen:
                seen.add(aid)
                columns.append({"article": aid, "outlet": None, "group": None})
    rows = []
    for claim in event.get("claims") or []:
        support = {str(sp.get("article")): sp for sp in claim.get("support") or []}
        contra = {str(sp.get("article")): sp for sp in claim.get("contradict") or []}
        cells = []
        for col in columns:
            aid = col["article"]
            if aid in contra and aid in support:  # says the claim, and elsewhere something against it
                cells.append({"state": "mixed", "span": contra[aid]})
            elif aid in contra:
                cells.append({"state": "contradicts", "span": contra[aid]})
            elif aid in support:
                cells.append({"state": "supports", "span": support[aid]})
            else:
                cells.append({"state": "silent", "span": None})
        rows.append({"claim": claim, "cells": cells})
    return {"columns": columns, "rows": rows}


def disputes(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What the sources disagree on: disputed counts (with every report) and disputed claims."""
    out = []
    for field in ("fatalities", "injured"):
        f = event.get(field) or {}
        if f.get("disputed"):
            out.append({"what": field, "value": f.get("value"), "reports": f.get("reports") or [], "claim": None})
    for claim in event.get("claims") or []:
        if claim.get("status") == "disputed":
            out.append({"what": "claim", "value": None, "reports": [], "claim": claim})
    return out


@lru_cache(maxsize=1)
def world_shapes() -> tuple[tuple[str, str, str], ...]:
    """(iso2, name, path data) per country, from the shipped Natural Earth 1:110m outlines."""
    data = json.loads((STATIC_DIR / "world.json").read_text(encoding="utf-8"))
    return tuple((c.get("iso2") or "", c.get("name") or "", c["d"]) for c in data["countries"])


@lru_cache(maxsize=1)
def land_markup() -> Markup:
    """The countries as SVG paths, escaped and joined once (they are the same on every page)."""
    return Markup("").join(
        Markup('<path d="{}" vector-effect="non-scaling-stroke"><title>{}</title></path>').format(d, name)
        for _iso2, name, d in world_shapes()
    )


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular, the projection world.json was built in (scripts/build_world_svg.py)."""
    return round(float(lon) + 180.0, 3), round(90.0 - float(lat), 3)


def _valid_point(lat: Any, lon: Any) -> bool:
    try:
        return -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    except (TypeError, ValueError):
        return False


def map_view(points: Iterable[Mapping[str, Any]], min_span: float = MIN_MAP_SPAN_LON) -> dict[str, Any]:
    """The map's viewBox fitted to the dots (whole world when there are none) and the dots themselves.

    Each point: {"id", "lat", "lon", "label"}; dots are sized to the window so they look the same at any zoom.
    """
    dots = []
    for p in points:
        if _valid_point(p.get("lat"), p.get("lon")):
            x, y = project(p["lat"], p["lon"])
            dots.append({"id": p.get("id"), "x": x, "y": y, "label": p.get("label") or "", "hot": bool(p.get("hot"))})
    if not dots:
        box = (0.0, 0.0, 360.0, 150.0)
    else:
        xs, ys = [d["x"] for d in dots], [d["y"] for d in dots]
        w = max(max(xs) - min(xs), min_span) * 1.25
        h = max(max(ys) - min(ys), w / MAP_ASPECT) * 1.25
        w = max(w, h * MAP_ASPECT)
        w, h = min(w, 360.0), min(h, 150.0)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        x0 = min(max(cx - w / 2, 0.0), 360.0 - w)
        y0 = min(max(cy - h / 2, 0.0), 150.0 - h)
        box = (round(x0, 2), round(y0, 2), round(w, 2), round(h, 2))
    return {"viewbox": " ".join(f"{v:g}" for v in box), "r": round(box[2] / 120, 3), "dots": dots,
            "land": land_markup()}


def static_files() -> dict[str, tuple[bytes, str]]:
    """Every file the server may send from the static folder, read once: name -> (bytes, media type).

    The URL only selects a key of this dict, so no request path ever reaches the file system.
    """
    types = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json",
             ".png": "image/png", ".ico": "image/x-icon"}
    out = {}
    for p in sorted(STATIC_DIR.iterdir()):
        if p.is_file() and p.suffix in types:
            out[p.name] = (p.read_bytes(), types[p.suffix])
    return out
