"""The embedded database: SQLite in WAL mode, one file that `newsfuse serve` reads.

Tables hold the contract's JSON for articles and events (what the API serves),
a few columns to filter on, an FTS5 index for full-text search, the
per-article analyses (so an incremental run can re-fuse an event without
re-parsing its articles), and the cross-article state (copy index,
clusterer) that lets `newsfuse run NEW --db EXISTING` continue.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator

from newsfuse.errors import E, NewsfuseError
from newsfuse.model import Analysis

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS analyses (id TEXT PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    date TEXT,
    country_code TEXT,
    place TEXT,
    event_type TEXT,
    sub_event_type TEXT,
    independent_sources INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0,
    fatalities INTEGER,
    headline TEXT,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_country ON events(country_code);
CREATE TABLE IF NOT EXISTS article_events (article_id TEXT NOT NULL, event_id TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id));
CREATE INDEX IF NOT EXISTS article_events_event ON article_events(event_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
-- The rejections and notes of the input items read into this database, by input path (rejected.jsonl is written
-- from it; reading a path again replaces its rows).
CREATE TABLE IF NOT EXISTS rejections (path TEXT NOT NULL, json TEXT NOT NULL UNIQUE);
CREATE INDEX IF NOT EXISTS rejections_path ON rejections(path);
-- A hash of each stored article's text: tells an article read again from a new one under the same id.
CREATE TABLE IF NOT EXISTS article_texts (id TEXT PRIMARY KEY, sha TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS article_texts_sha ON article_texts(sha);
-- Contentless full-text index whose rowid is the events row's rowid (ids of matches come from the index, not a scan).
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(headline, body, content='', tokenize='unicode61');
"""


def text_sha(text: str) -> str:
    """The hash `article_texts` keeps of an article's text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class Database:
    """A newsfuse database file; use as a context manager so writes are committed once."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self._hashes_filled = False  # (see _fill_text_hashes)
        try:
            if readonly:
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:  # a file where the folder should be
                    raise sqlite3.OperationalError(f"cannot make its folder: {exc.strerror or exc}") from exc
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.executescript(SCHEMA)
                self.conn.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        except sqlite3.Error as exc:
            raise NewsfuseError(E.E042, path=str(path), reason=str(exc)) from exc
        self.conn.row_factory = sqlite3.Row

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.conn.commit()
        self.conn.close()

    # --- meta ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def put_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- state -----------------------------------------------------------------------------
    def get_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def put_state(self, key: str, value: bytes) -> None:
        self.conn.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    # --- articles and analyses ---------------------------------------------------------------
    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY seq")]

    def next_seq(self) -> int:
        row = self.conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM articles").fetchone()
        return int(row[0])

    def put_article(self, seq: int, record: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO articles(id, seq, outlet, title, published, json) VALUES (?, ?, ?, ?, ?, ?)",
            (record["id"], seq, record.get("outlet"), record.get("title"), record.get("published"),
             json.dumps(record, ensure_ascii=False)),
        )
        self.conn.execute("INSERT OR REPLACE INTO article_texts(id, sha) VALUES (?, ?)",
                          (record["id"], text_sha(record["text"])))

    def ids_with_text(self, text: str) -> list[str]:
        """The stored articles whose text is exactly `text`."""
        self._fill_text_hashes()
        return [r[0] for r in self.conn.execute("SELECT id FROM article_texts WHERE sha = ?", (text_sha(text),))]

    def _fill_text_hashes(self) -> None:
        """Hashes for the articles of a database from before they were kept (once)."""
        if self._hashes_filled:
            return
        missing = self.conn.execute(
            "SELECT id, json FROM articles WHERE id NOT IN (SELECT id FROM article_texts)").fetchall()
        self.conn.executemany("INSERT OR REPLACE INTO article_texts(id, sha) VALUES (?, ?)",
                              ((aid, text_sha(json.loads(blob)["text"])) for aid, blob in missing))
        self._hashes_filled = True

    def put_analysis(self, analysis: Analysis) -> None:
        bare = analysis if analysis.doc is None else analysis.with_(doc=None)
        blob = pickle.dumps(bare, protocol=pickle.HIGHEST_PROTOCOL)
        self.conn.execute("INSERT OR REPLACE INTO analyses(id, blob) VALUES (?, ?)", (analysis.id, blob))

    def analyses(self, ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        """Stored analyses in article order (all, or the given ids)."""
        if ids is None:
            rows = self.conn.execute("SELECT a.blob FROM analyses a JOIN articles r ON r.id = a.id ORDER BY r.seq")
            for (blob,) in rows:
                yield pickle.loads(blob)
            return
        for article_id in ids:
            row = self.conn.execute("SELECT blob FROM analyses WHERE id = ?", (article_id,)).fetchone()
            if row:
                yield pickle.loads(row[0])

    def put_rejections(self, records: Iterable[dict[str, Any]], paths_read: Iterable[str] = ()) -> None:
        """Record rejections and notes (their JSON objects) after dropping the rows of the input paths read again
        (`paths_read`: a file fixed and read again loses its old rejections); a row already recorded is kept once."""
        self.conn.executemany("DELETE FROM rejections WHERE path = ?", ((p,) for p in set(paths_read)))
        self.conn.executemany(
            "INSERT OR IGNORE INTO rejections(path, json) VALUES (?, ?)",
            ((r.get("path") or "", json.dumps(r, ensure_ascii=False)) for r in records),
        )

    def rejections(self) -> list[dict[str, Any]]:
        """Every recorded rejection and note, in the order first recorded."""
        try:
            rows = self.conn.execute("SELECT json FROM rejections ORDER BY rowid").fetchall()
        except sqlite3.OperationalError:  # a database from before rejections were kept, opened read-only
            return []
        return [json.loads(blob) for (blob,) in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def articles(self) -> Iterator[dict[str, Any]]:
        for (blob,) in self.conn.execute("SELECT json FROM articles ORDER BY seq"):
            yield json.loads(blob)

    # --- events ----------------------------------------------------------------------------
    def replace_events(self, events: Iterable[dict[str, Any]]) -> None:
        """Write the full set of events, dropping any other."""
        self.conn.execute("DELETE FROM events")
        self.conn.execute("INSERT INTO events_fts(events_fts) VALUES ('delete-all')")  # contentless: no DELETE
        self.conn.execute("DELETE FROM article_events")
        self.put_events(events)

    def put_events(self, events: Iterable[dict[str, Any]]) -> None:
        """Insert or update events by id (an incremental run writes only the events it touched)."""
        for ev in events:
            self._put_event(ev)

    @staticmethod
    def _fts_text(ev: dict[str, Any]) -> tuple[str, str]:
        loc, typ = ev.get("location") or {}, ev.get("type") or {}
        body = " ".join(s.get("text", "") for s in ev.get("summary", []))
        body += " " + " ".join(filter(None, [loc.get("name"), loc.get("admin1"), typ.get("event_type"), typ.get("sub_event_type")]))
        return ev.get("headline") or "", body

    def _put_event(self, ev: dict[str, Any]) -> None:
        loc = ev.get("location") or {}
        typ = ev.get("type") or {}
        date = (ev.get("date") or {}).get("value")
        n_sources = len({s["group"] for s in ev.get("sources", [])})
        fatalities = (ev.get("fatalities") or {}).get("value")
        columns = (date, loc.get("country_code"), loc.get("name"), typ.get("event_type"), typ.get("sub_event_type"),
                   n_sources, len(ev.get("articles", [])), fatalities, ev.get("headline"), json.dumps(ev, ensure_ascii=False))
        old = self.conn.execute("SELECT rowid, json FROM events WHERE id = ?", (ev["id"],)).fetchone()
        if old is None:
            cur = self.conn.execute(
                "INSERT INTO events(date, country_code, place, event_type, sub_event_type, independent_sources,"
                " n_articles, fatalities, headline, json, id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", (*columns, ev["id"]))
            rowid = cur.lastrowid
        else:
            rowid = old[0]
            # A contentless FTS5 row is deleted by giving back the values it was indexed with.
            self.conn.execute("INSERT INTO events_fts(events_fts, rowid, headline, body) VALUES ('delete', ?, ?, ?)",
                              (rowid, *self._fts_text(json.loads(old[1]))))
            self.conn.execute(
                "UPDATE events SET date=?, country_code=?, place=?, event_type=?, sub_event_type=?, independent_sources=?,"
                " n_articles=?, fatalities=?, headline=?, json=? WHERE id=?", (*columns, ev["id"]))
            self.conn.execute("DELETE FROM article_events WHERE event_id = ?", (ev["id"],))
        self.conn.execute("INSERT INTO events_fts(rowid, headline, body) VALUES (?, ?, ?)", (rowid, *self._fts_text(ev)))
        for article_id in ev.get("articles", []):
            self.conn.execute("INSERT OR IGNORE INTO article_events(article_id, event_id) VALUES (?, ?)", (article_id, ev["id"]))

    def event(self, event_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT json FROM events WHERE id = ?", (event_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def events(self) -> Iterator[dict[str, Any]]:
        for (blob,) in self.conn.execute("SELECT json FROM events ORDER BY date DESC, id"):
            yield json.loads(blob)

    def counts(self) -> dict[str, int]:
        return {
            "articles": self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            "events": self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
        }
