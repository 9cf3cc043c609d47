"""The HTTP server: a JSON API over the event database and the analysts' web pages.

One error shape for every failure, `{"error": {"code", "message", "status"}}`, with codes from
newsfuse.errors; invalid input is a 4xx, never a 500. Reads go through one read-only SQLite connection
per worker thread; ids are only ever looked up in the database, never used as paths.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsfuse.api.queries import DEFAULT_LIMIT, MAX_CACHED_SUMMARIES, MAX_LIMIT, parse_query, search_events
from newsfuse.errors import E, NewsfuseError
from newsfuse.store.db import Database

# 5 MB: a batch of a few hundred long articles; larger uploads belong to `newsfuse run` on files.
MAX_BODY_BYTES = 5 * 1024 * 1024
# Articles in one POST: the pipeline runs synchronously on them, so keep one request bounded.
MAX_ARTICLES_PER_POST = 1000

# Page cache per reading connection: filters that scan rows (dates, sources) stay in memory;
# 64 MiB took a date+sources count from 5.2 ms to 1.2 ms on 3,000 events (benchmarks/serve.py synthetic db).
READ_CACHE_KIB = 65536

Ingest = Callable[[list[dict[str, Any]]], dict[str, Any]]

_STATUS = {E.E050: 413, E.E051: 422, E.E052: 404, E.E053: 422, E.E054: 405, E.E055: 500, E.E030: 500, E.E042: 503}


class Store:
    """Read-only connections to one database file, one per thread (sqlite3 objects are not shared)."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        if not self.path.exists():
            with Database(self.path):  # create an empty database so a fresh server answers with empty lists
                pass
        self._local = threading.local()
        try:  # fail at start, with the path, rather than on every request
            self.db().counts()
        except sqlite3.Error as exc:
            raise NewsfuseError(E.E042, path=str(self.path), reason=str(exc)) from exc

    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = Database(self.path, readonly=True)
            db.conn.execute("PRAGMA query_only = ON")
            db.conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
            self._local.db = db
            self._local.version = None
            self._local.memo = {}
        return db

    def memo(self) -> dict[str, Any]:
        """This thread's cache of derived values, emptied whenever another connection has written
        (SQLite's data_version changes), so a page never shows data older than the last commit."""
        version = self.db().conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._local.version:
            self._local.memo = {}
            self._local.version = version
        return self._local.memo

    def summaries(self) -> dict[str, dict[str, Any]]:
        """Event-list rows by id (see newsfuse.api.queries.search_events)."""
        return self.memo().setdefault("summaries", {})

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value derived from the whole database (counts, type list), computed once per version."""
        memo = self.memo()
        if key not in memo:
            memo[key] = compute()
        return memo[key]


class HttpError(NewsfuseError):
    """A NewsfuseError with the HTTP status to answer with, where the code's usual one does not fit."""

    def __init__(self, code: E, status: int, **fields: object) -> None:
        super().__init__(code, **fields)
        self.status = status


def error_body(code: E, status: int, **fields: object) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code.name, "message": code.value.format(**fields), "status": status}}


def error_response(code: E, status: int | None = None, **fields: object) -> JSONResponse:
    status = status or _STATUS.get(code, 400)
    return JSONResponse(error_body(code, status, **fields), status_code=status)


def json_response(obj: Any, status: int = 200) -> Response:
    """Serialise once, without response-model validation (the records already follow the contract)."""
    return Response(json.dumps(obj, ensure_ascii=False, separators=(",", ":")), status_code=status,
                    media_type="application/json")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure (ours, Starlette's, FastAPI validation, unexpected) through the error shape."""
    from newsfuse.web.pages import error_page  # web depends on api, not the reverse at import time

    def respond(request: Request, code: E, status: int, **fields: object) -> Response:
        if _wants_html(request):
            return error_page(request, code, status, fields)
        return error_response(code, status, **fields)

    @app.exception_handler(NewsfuseError)
    async def _newsfuse(request: Request, exc: NewsfuseError) -> Response:
        status = getattr(exc, "status", None) or _STATUS.get(exc.code, 400)
        return respond(request, exc.code, status, **exc.fields)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        err = exc.errors()[0] if exc.errors() else {"loc": ("query", "?"), "msg": "invalid"}
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] == "body":
            return respond(request, E.E051, 422, reason=f"{'.'.join(loc[1:]) or 'body'}: {err.get('msg')}")
        return respond(request, E.E053, 422, name=loc[-1] if loc else "?", reason=str(err.get("msg")))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return respond(request, E.E052, 404, kind="page", id=request.url.path)
        if exc.status_code == 405:
            return respond(request, E.E054, 405, method=request.method, path=request.url.path)
        return respond(request, E.E051, exc.status_code, reason=str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return respond(request, E.E055, 500, reason=type(exc).__name__)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (E050) before reading more than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise NewsfuseError(E.E050, limit=limit)
        except ValueError:
            raise HttpError(E.E051, 400, reason="Content-Length is not a number") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise NewsfuseError(E.E050, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_articles(body: bytes) -> list[dict[str, Any]]:
    """One article object or a list of them, each with a string `text` (the pipeline checks the rest).

    Raises:
        NewsfuseError: E051 for JSON that does not parse (status 400) or has the wrong shape (422).
    """
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HttpError(E.E051, 400, reason=f"invalid JSON ({exc})") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise NewsfuseError(E.E051, reason="empty list: send one article object or a list of them")
    if len(items) > MAX_ARTICLES_PER_POST:
        raise NewsfuseError(E.E051, reason=f"more than {MAX_ARTICLES_PER_POST} articles in one request")
    for i, item in enumerate(items):
        where = f"item {i}: " if isinstance(data, list) else ""
        if not isinstance(item, dict):
            raise NewsfuseError(E.E051, reason=f"{where}{E.E011.format(kind=type(item).__name__)}")
        if "text" not in item:
            raise NewsfuseError(E.E051, reason=f"{where}{E.E012.format()}")
        if not isinstance(item["text"], str):
            raise NewsfuseError(E.E051, reason=f"{where}{E.E013.format(kind=type(item['text']).__name__)}")
    return items


def create_app(db_path: str, ingest: Ingest | None = None) -> FastAPI:
    """The API and the web pages over the database at `db_path`.

    `ingest(list_of_raw_article_objects) -> {"added", "rejected", "events"}` handles POST /api/articles;
    without it the server is read-only and that route does not exist.
    """
    from newsfuse.web.pages import web_router

    store = Store(db_path)
    app = FastAPI(
        title="newsfuse",
        docs_url=None,  # the interactive docs load scripts from a CDN; the page must work offline
        redoc_url=None,
        version="0.1.0",
        description="Events consolidated from many news reports, each field cited to its source sentences.",
    )
    install_error_handlers(app)
    app.state.store = store
    ingest_lock = asyncio.Lock()

    @app.get("/healthz", tags=["meta"], summary="Liveness and database counts")
    async def healthz() -> Response:
        return json_response({"status": "ok", **store.cached("counts", lambda: store.db().counts())})

    @app.get("/api/events", tags=["events"], summary="Search events")
    async def list_events(
        date_from: str | None = Query(None, description="earliest event date, YYYY-MM-DD"),
        date_to: str | None = Query(None, description="latest event date, YYYY-MM-DD"),
        country: str | None = Query(None, description="ISO 3166-1 alpha-2 country code"),
        place: str | None = Query(None, description="substring of the place name"),
        type: str | None = Query(None, description="event_type or sub_event_type (case-insensitive)"),
        min_sources: int | None = Query(None, ge=0, description="at least this many independent sources"),
        q: str | None = Query(
            None, description="full-text search over headline and brief (words, all required; word* for prefix)"),
        actor: str | None = Query(None, description="substring of an actor's name or of another name sources use for it"),
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ) -> Response:
        query = parse_query(dict(date_from=date_from, date_to=date_to, country=country, place=place, type=type,
                                 min_sources=min_sources, q=q, actor=actor, limit=limit, offset=offset))
        result = search_events(store.db().conn, query, store.summaries())
        # each row serialised once per database version: encoding was ~40% of this route's CPU
        encoded = store.memo().setdefault("summary_json", {})
        if len(encoded) > MAX_CACHED_SUMMARIES:
            encoded.clear()
        parts = []
        for item in result["items"]:
            text = encoded.get(item["id"])
            if text is None:
                text = encoded[item["id"]] = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
            parts.append(text)
        body = '{"total":%d,"items":[%s]}' % (result["total"], ",".join(parts))
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id:path}", tags=["events"], summary="One event, as in events.jsonl")
    async def get_event(event_id: str = PathParam(..., max_length=500)) -> Response:
        ev = store.db().event(event_id)
        if ev is None:
            raise NewsfuseError(E.E052, kind="event", id=event_id)
        return json_response(ev)

    @app.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article, as in articles.jsonl")
    async def get_article(article_id: str = PathParam(..., max_length=500)) -> Response:
        rec = store.db().article(article_id)
        if rec is None:
            raise NewsfuseError(E.E052, kind="article", id=article_id)
        return json_response(rec)

    if ingest is not None:

        @app.post(
            "/api/articles",
            tags=["articles"],
            summary="Add articles: one object or a list (text required; id, title, url, outlet, published, lang)",
            openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                "oneOf": [{"$ref": "#/components/schemas/ArticleIn"},
                          {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}}}}},
        )
        async def post_articles(request: Request) -> Response:
            items = parse_articles(await read_body(request, MAX_BODY_BYTES))
            async with ingest_lock:  # one writer at a time
                try:
                    result = await run_in_threadpool(ingest, items)
                except NewsfuseError:
                    raise
                except Exception as exc:  # the pipeline's failure is reported, not leaked as a traceback
                    raise NewsfuseError(E.E030, stage="ingest", reason=f"{type(exc).__name__}: {exc}") from exc
            return json_response({"added": list(result.get("added", [])),
                                  "rejected": list(result.get("rejected", [])),
                                  "events": list(result.get("events", []))})

    _add_article_schema(app)
    app.include_router(web_router(store))
    return app


def _add_article_schema(app: FastAPI) -> None:
    """Document the input article object in OpenAPI (the body is parsed by hand to bound its size)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = {
            "type": "object",
            "required": ["text"],
            "properties": {k: {"type": "string"} for k in ("text", "id", "title", "url", "outlet", "published", "lang")},
            "additionalProperties": True,
        }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, ingest: Ingest | None = None) -> None:
    """Run the server with uvicorn (loopback by default: the data stays on the analyst's machine)."""
    import uvicorn

    uvicorn.run(create_app(db_path, ingest), host=host, port=port, log_level="warning", access_log=False)
