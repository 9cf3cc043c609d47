"""Event search shared by the JSON API and the web page: validated filters -> one SQL query.

Every user value reaches SQLite as a bound parameter; the full-text query is rebuilt from word tokens
so quotes, parentheses and FTS5 operators in what an analyst types can never make the query fail.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping, MutableMapping

from newsfuse.errors import E, NewsfuseError

MAX_LIMIT = 200
# Summary rows kept in memory per reading connection (~1 KB each): the list pages of a large database.
MAX_CACHED_SUMMARIES = 50_000
DEFAULT_LIMIT = 50
# More words than this in a search box is a pasted paragraph: keep the first ones (FTS5 cost grows per term).
MAX_FTS_TERMS = 16
_WORD = re.compile(r"\w+\*?", re.UNICODE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO2 = re.compile(r"^[A-Za-z]{2}$")


@dataclass(frozen=True)
class EventQuery:
    """Validated filters for the event list (None means "no filter")."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    place: str | None = None
    type: str | None = None
    min_sources: int | None = None
    q: str | None = None
    actor: str | None = None  # substring of an actor's name or of a name the sources use for it
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def params(self) -> dict[str, str]:
        """The non-empty filters as query-string values (for links to the next page)."""
        out = {k: str(v) for k, v in self.__dict__.items() if v is not None and k not in ("limit", "offset")}
        if self.limit != DEFAULT_LIMIT:
            out["limit"] = str(self.limit)
        return out


def fts_expression(q: str) -> str | None:
    """A safe FTS5 MATCH expression for what a user typed: every word quoted, all required.

    A trailing `*` on a word keeps prefix search ("rocket*"); everything else that FTS5 would read as
    syntax (quotes, NEAR, AND/OR/NOT, column filters, parentheses) becomes plain words or is dropped.
    None when nothing searchable is left.
    """
    terms = []
    for tok in _WORD.findall(q)[:MAX_FTS_TERMS]:
        word = tok.rstrip("*")
        if not word or word == "_" * len(word):
            continue
        terms.append(f'"{word}"*' if tok.endswith("*") else f'"{word}"')
    return " ".join(terms) if terms else None


def _bad(name: str, reason: str) -> NewsfuseError:
    return NewsfuseError(E.E053, name=name, reason=reason)


def _text(raw: Mapping[str, Any], name: str, max_len: int = 200) -> str | None:
    v = raw.get(name)
    if v is None:
        return None
    v = str(v).strip()
    if not v:
        return None
    if len(v) > max_len:
        raise _bad(name, f"longer than {max_len} characters")
    return v


def _int(raw: Mapping[str, Any], name: str, lo: int, hi: int | None, default: int | None) -> int | None:
    v = _text(raw, name, 20)
    if v is None:
        return default
    try:
        n = int(v)
    except ValueError:
        raise _bad(name, f"{v!r} is not an integer") from None
    if n < lo or (hi is not None and n > hi):
        raise _bad(name, f"must be between {lo} and {hi}" if hi is not None else f"must be >= {lo}")
    return n


def _date(raw: Mapping[str, Any], name: str) -> str | None:
    v = _text(raw, name, 20)
    if v is None:
        return None
    if not _DATE.match(v):
        raise _bad(name, f"{v!r} is not a date YYYY-MM-DD")
    try:
        date.fromisoformat(v)
    except ValueError:
        raise _bad(name, f"{v!r} is not a calendar date") from None
    return v


def parse_query(raw: Mapping[str, Any]) -> EventQuery:
    """Validate raw query-string values (strings, ints or None; empty means absent).

    Raises:
        NewsfuseError: E053 naming the first invalid parameter.
    """
    country = _text(raw, "country", 10)
    if country is not None:
        if not _ISO2.match(country):
            raise _bad("country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
        country = country.upper()
    q = EventQuery(
        date_from=_date(raw, "date_from"),
        date_to=_date(raw, "date_to"),
        country=country,
        place=_text(raw, "place"),
        type=_text(raw, "type"),
        min_sources=_int(raw, "min_sources", 0, None, None),
        q=_text(raw, "q", 500),
        actor=_text(raw, "actor"),
        limit=_int(raw, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT) or DEFAULT_LIMIT,
        offset=_int(raw, "offset", 0, 10**9, 0) or 0,
    )
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise _bad("date_from", "is after date_to")
    return q


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(q: EventQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if q.date_from:
        clauses.append("e.date >= ?")
        args.append(q.date_from)
    if q.date_to:
        # a date-time value "2021-03-03T07:20" still belongs to its day
        clauses.append("substr(e.date, 1, 10) <= ?")
        args.append(q.date_to)
    if q.country:
        clauses.append("e.country_code = ?")
        args.append(q.country)
    if q.place:
        clauses.append("e.place LIKE ? ESCAPE '\\'")
        args.append(_like(q.place))
    if q.type:
        clauses.append("(e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE)")
        args += [q.type, q.type]
    if q.min_sources is not None:
        clauses.append("e.independent_sources >= ?")
        args.append(q.min_sources)
    if q.actor:
        # an actor named so by any source: its name or one of its aliases (case-insensitive for ASCII, as LIKE is)
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(e.json, '$.actors') AS a"
            " WHERE json_extract(a.value, '$.name') LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM json_each(a.value, '$.aliases') AS al WHERE al.value LIKE ? ESCAPE '\\'))"
        )
        args += [_like(q.actor), _like(q.actor)]
    if q.q:
        expr = fts_expression(q.q)
        if expr is None:
            clauses.append("0")
        else:
            clauses.append("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            args.append(expr)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


SUMMARY_COLUMNS = (
    "e.id, e.headline, e.date, e.place, e.country_code, e.event_type, e.sub_event_type,"
    " e.independent_sources, e.n_articles, e.fatalities,"
    " json_extract(e.json, '$.location.lat') AS lat, json_extract(e.json, '$.location.lon') AS lon,"
    " json_extract(e.json, '$.location.admin1') AS admin1"
)


def summary_row(r: sqlite3.Row) -> dict[str, Any]:
    """One row of the event list, as the API returns it."""
    return {
        "id": r["id"],
        "headline": r["headline"],
        "date": r["date"],
        "location": {"name": r["place"], "admin1": r["admin1"], "country_code": r["country_code"],
                     "lat": r["lat"], "lon": r["lon"]},
        "type": {"event_type": r["event_type"], "sub_event_type": r["sub_event_type"]},
        "independent_sources": r["independent_sources"],
        "n_articles": r["n_articles"],
        "fatalities": r["fatalities"],
    }


def search_events(conn: sqlite3.Connection, q: EventQuery,
                  cache: MutableMapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """{"total": matching events, "items": the requested page}, newest first (undated last).

    Two steps: the page's ids from the indexed columns, then the summaries of those ids only, so the
    large JSON column is read for at most `limit` rows (15 ms -> 0.8 ms on 3,000 events; benchmarks/serve.py).
    `cache` (id -> summary row) skips re-reading the JSON of rows seen before; the caller must clear it
    whenever the database changes (newsfuse.api.app.Store does, on SQLite's data_version).
    """
    where, args = _where(q)
    total = conn.execute(f"SELECT COUNT(*) FROM events e{where}", args).fetchone()[0]
    ids = [r[0] for r in conn.execute(
        f"SELECT e.id FROM events e{where} ORDER BY e.date DESC, e.id LIMIT ? OFFSET ?", [*args, q.limit, q.offset])]
    found: dict[str, dict[str, Any]] = {}
    missing = ids
    if cache is not None:
        found = {i: cache[i] for i in ids if i in cache}
        missing = [i for i in ids if i not in found]
    if missing:
        rows = conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM events e WHERE e.id IN ({','.join('?' * len(missing))})", missing).fetchall()
        for r in rows:
            found[r["id"]] = summary_row(r)
        if cache is not None:
            if len(cache) + len(rows) > MAX_CACHED_SUMMARIES:
                cache.clear()
            cache.update((r["id"], found[r["id"]]) for r in rows)
    return {"total": total, "items": [found[i] for i in ids if i in found]}


def event_types(conn: sqlite3.Connection) -> list[str]:
    """Distinct event types and sub-event types present, for the page's type filter."""
    rows = conn.execute(
        "SELECT event_type FROM events WHERE event_type IS NOT NULL UNION "
        "SELECT sub_event_type FROM events WHERE sub_event_type IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]
