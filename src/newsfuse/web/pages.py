"""The analysts' web pages: event list with map, event record, article with highlighted evidence.

Server-rendered with Jinja2 (autoescape on: every article string is untrusted), no scripts, no CDN, no
tiles; a Content-Security-Policy forbids scripts outright as a second line of defence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsfuse.api.queries import EventQuery, event_types, parse_query, search_events
from newsfuse.brief.render import period_label, quantity_label
from newsfuse.errors import E, NewsfuseError
from newsfuse.web.render import (
    TEMPLATES_DIR,
    article_segments,
    cite_href,
    citation_numbers,
    claims_matrix,
    disputes,
    idurl,
    map_view,
    parse_hl,
    source_groups,
    static_files,
)

# No script at all; styles and images only from this server (SVG maps are inline markup).
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
# Events listed beside an article (a wire story can feed many); the rest are counted.
MAX_EVENTS_LISTED = 8
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def safe_url(value: Any) -> str | None:
    """An article's URL when it is http(s), else None (a `javascript:` URL must never become a link)."""
    if not isinstance(value, str):
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def _fmt_num(value: Any) -> str:
    return "–" if value is None else str(value)


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The Jinja environment (autoescape for every template, whatever its extension)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        auto_reload=False,  # package files: no stat() per request
        lstrip_blocks=True,
    )
    env.filters.update(idurl=idurl, cite_href=cite_href, safe_url=safe_url, num=_fmt_num, period=period_label, quantity=lambda q: quantity_label({**q, "reports": []}))
    return env


def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    html = templates().get_template(name).render(**ctx)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(request: Request, code: E, status: int, fields: Mapping[str, Any]) -> HTMLResponse:
    """The error shape as a page (same code and message as the JSON body)."""
    return render("error.html", status=status, code=code.name, message=code.value.format(**fields), status_code=status)


def _article_meta(conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, outlet, title, published, json_extract(json, '$.url') AS url FROM articles WHERE id IN ({marks})",
        ids,
    ).fetchall()
    return {r["id"]: dict(r) for r in rows}


def web_router(store: Any) -> APIRouter:
    """Routes for the pages and the static files, reading through `store` (newsfuse.api.app.Store)."""
    router = APIRouter(include_in_schema=False)
    files = static_files()

    @router.get("/static/{name}")
    async def static(name: str) -> Response:
        item = files.get(name)
        if item is None:
            raise NewsfuseError(E.E052, kind="static file", id=name)
        body, media = item
        return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600",
                                                          "X-Content-Type-Options": "nosniff"})

    @router.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        conn = store.db().conn
        raw = dict(request.query_params)
        error = None
        try:
            query = parse_query(raw)
        except NewsfuseError as exc:
            error = exc.code.value.format(**exc.fields)
            query = EventQuery()
        result = search_events(conn, query, store.summaries())
        items = result["items"]
        points = [{"id": it["id"], "lat": it["location"]["lat"], "lon": it["location"]["lon"],
                   "label": it["headline"] or it["id"]} for it in items]
        params = query.params()
        pages = {}
        if query.offset > 0:
            pages["prev"] = "/?" + urlencode({**params, "offset": max(0, query.offset - query.limit)})
        if query.offset + query.limit < result["total"]:
            pages["next"] = "/?" + urlencode({**params, "offset": query.offset + query.limit})
        return render(
            "list.html", status=422 if error else 200, query=query, raw=raw, error=error, total=result["total"],
            items=items, map=map_view(points), pages=pages,
            types=store.cached("types", lambda: event_types(conn)),
            counts=store.cached("counts", lambda: store.db().counts()),
            first=query.offset + 1 if items else 0, last=query.offset + len(items),
        )

    @router.get("/events/{event_id:path}", response_class=HTMLResponse)
    async def event_page(event_id: str) -> HTMLResponse:
        db = store.db()
        ev = db.event(event_id)
        if ev is None:
            raise NewsfuseError(E.E052, kind="event", id=event_id)
        numbers = citation_numbers(ev)
        meta = _article_meta(db.conn, list(numbers))
        loc = ev.get("location") or {}
        return render(
            "event.html", ev=ev, numbers=numbers, meta=meta, groups=source_groups(ev, meta),
            matrix=claims_matrix(ev), disputes=disputes(ev),
            map=map_view([{"id": ev.get("id"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                           "label": loc.get("name") or "", "hot": True}], min_span=36.0),
        )

    @router.get("/articles/{article_id:path}", response_class=HTMLResponse)
    async def article_page(article_id: str, hl: str | None = None) -> HTMLResponse:
        db = store.db()
        rec = db.article(article_id)
        if rec is None:
            raise NewsfuseError(E.E052, kind="article", id=article_id)
        text = rec.get("text") if isinstance(rec.get("text"), str) else ""
        span = parse_hl(hl, len(text))
        n_events = db.conn.execute("SELECT COUNT(*) FROM article_events WHERE article_id = ?", (article_id,)).fetchone()[0]
        rows = db.conn.execute(
            "SELECT e.id, e.headline, e.date FROM article_events ae JOIN events e ON e.id = ae.event_id"
            " WHERE ae.article_id = ? ORDER BY e.date DESC, e.id LIMIT ?", (article_id, MAX_EVENTS_LISTED)).fetchall()
        roles: dict[str, int] = {}
        for s in rec.get("sentences") or []:
            if isinstance(s, Mapping):
                roles[str(s.get("role"))] = roles.get(str(s.get("role")), 0) + 1
        copy_of = rec.get("copy_of")
        return render(
            "article.html", rec=rec, segments=article_segments(rec, span), hl=span, hl_bad=bool(hl) and span is None,
            events=[dict(r) for r in rows], n_events=n_events, roles=roles, copy_of=copy_of,
        )

    return router
