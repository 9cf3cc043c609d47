"""Fusion: one consolidated record per event, every field voted over independent sources.

`build_event` assembles the contract's event object from the field-level
fusers (when, where, what, quotes, claims, timeline, brief).  Copies of one
report share a `group` and count once in every vote.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from newsfuse.model import Analysis


def sources_of(analyses: Sequence[Analysis], groups: Mapping[str, str]) -> list[dict[str, Any]]:
    """The event's articles with their outlet and copy group (one group = one independent source)."""
    return [
        {"article": a.id, "outlet": a.article.outlet, "group": groups.get(a.id, a.id)}
        for a in analyses
    ]


def headline_of(event: Mapping[str, Any]) -> str:
    """One line from the record: what, where, when, how many."""
    typ = event.get("type") or {}
    what = typ.get("sub_event_type") or typ.get("event_type") or "Event"
    loc = event.get("location") or {}
    where_parts = [p for p in (loc.get("name"), loc.get("admin1") if loc.get("admin1") != loc.get("name") else None) if p]
    if loc.get("country_code") and loc.get("precision") != "country":
        where_parts.append(loc["country_code"])
    line = what
    if where_parts:
        line += " in " + ", ".join(where_parts)
    date = (event.get("date") or {}).get("value")
    if date:
        line += f" on {date}"
    counts = []
    killed = (event.get("fatalities") or {}).get("value")
    injured = (event.get("injured") or {}).get("value")
    if killed is not None:
        counts.append(f"{killed} killed")
    if injured:
        counts.append(f"{injured} injured")
    if counts:
        line += ": " + ", ".join(counts)
        if (event.get("fatalities") or {}).get("disputed") or (event.get("injured") or {}).get("disputed"):
            line += " (disputed)"
    return line


def canonical_order(analyses: Sequence[Analysis]) -> list[Analysis]:
    """Articles by publication (or inferred reference) date, undated last, then by id."""
    return sorted(analyses, key=lambda a: (a.reference_date or "9999", a.id))


def build_event(
    event_id: str,
    analyses: Sequence[Analysis],
    groups: Mapping[str, str],
    brief_length: int = 5,
) -> dict[str, Any]:
    """The contract's event object for the articles of one event.

    The articles are read in one canonical order (publication date, then id), whatever order they come in: one
    run over all the articles, incremental runs and a stream of them give the same record.
    """
    from newsfuse.brief import summarise
    from newsfuse.fuse import actors as actors_mod
    from newsfuse.fuse import claims as claims_mod
    from newsfuse.fuse import quantities as quantities_mod
    from newsfuse.fuse import quotes as quotes_mod
    from newsfuse.fuse import timeline as timeline_mod
    from newsfuse.fuse import what, when, where

    analyses = canonical_order(analyses)

    location = where.event_location(analyses)
    # the event's place as well: on a page telling of happenings in several towns, the date told of the event's own
    event_date = when.event_date(analyses, location=location)
    # the event's day, when the articles give one (a week or a month is no day to measure "earlier" from)
    event_day = event_date.get("value") if event_date and event_date.get("precision") == "day" else None
    facts = what.casualties(analyses, groups, event_date=event_day)
    event_type = what.event_type(analyses, groups)
    claim_rows = claims_mod.align_claims(analyses, groups, event_day)
    event: dict[str, Any] = {
        "id": event_id,
        "headline": "",
        "articles": [a.id for a in analyses],
        "sources": sources_of(analyses, groups),
        "independent_sources": len({groups.get(a.id, a.id) for a in analyses}),
        "date": event_date,
        "location": location,
        "type": event_type,
        "fatalities": facts["fatalities"],
        "injured": facts["injured"],
        "quantities": quantities_mod.quantities(analyses, groups),
        "actors": actors_mod.actors(analyses, groups, event_day, event_type.get("event_type")),
        "participants": what.participants(
            analyses, groups, (facts["fatalities"]["value"], facts["injured"]["value"]), event_date=event_day
        ),
        "quotes": quotes_mod.merge_quotes(analyses),
        "claims": claim_rows,
        "timeline": timeline_mod.timeline(analyses, groups, event_day),
    }
    event["summary"] = summarise(analyses, groups, claim_rows, length=brief_length)
    event["headline"] = headline_of(event)
    return event
