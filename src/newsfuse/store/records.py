"""Analyses as the contract's article records (one line of articles.jsonl)."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from newsfuse.model import Analysis, Place, TimeEx


def place_json(p: Place) -> dict[str, Any]:
    return {
        **p.span.to_json(),
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country_code": p.country_code,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "gazetteer_id": p.gazetteer_id,
        "precision": p.precision,
    }


def time_json(t: TimeEx) -> dict[str, Any]:
    return {**t.span.to_json(), "value": t.value, "precision": t.precision, "tz": t.tz, "kind": t.kind}


def article_record(
    analysis: Analysis,
    events: Sequence[str] = (),
    copy_of: str | None = None,
) -> dict[str, Any]:
    """The contract's article object, with the article text exactly as read."""
    a = analysis.article
    inferred = analysis.published_inferred
    return {
        "id": a.id,
        "source": a.source,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "published": a.published,
        "published_inferred": None
        if inferred is None
        else {"value": inferred.value, "method": inferred.method, "evidence": [s.to_json() for s in inferred.evidence]},
        "lang": a.lang,
        "author": a.author,
        "text": a.text,
        "sentences": [{"start": s.start, "end": s.end, "role": s.role} for s in analysis.sentences],
        "events": list(events),
        "copy_of": copy_of,
        "places": [place_json(p) for p in analysis.places],
        "times": [time_json(t) for t in analysis.times],
        "meta": dict(a.meta),
    }


def all_spans(obj: Any) -> list[Mapping[str, Any]]:
    """Every span object ({article, start, end, text}) anywhere inside a record: for checks and tests."""
    found: list[Mapping[str, Any]] = []

    def walk(x: Any) -> None:
        if isinstance(x, Mapping):
            if {"article", "start", "end", "text"} <= x.keys() and isinstance(x.get("start"), int):
                found.append(x)
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    walk(obj)
    return found
