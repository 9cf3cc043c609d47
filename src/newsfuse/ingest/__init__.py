"""Ingest: read every input of the contract into Articles, and every unreadable item into a Rejection.

Readers are plain generator functions, one per format, each yielding
`Article | Rejection`.  Nothing here raises on bad data: a corrupt file, an
invalid JSON line or a page without main text becomes a coded Rejection that
names the input path and the position (line, record) so the user can find it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from newsfuse.errors import E
from newsfuse.model import Article, Rejection

Item = Article | Rejection

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl", ".jsonl.gz", ".json.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + WARC_SUFFIXES

# Default size limit per input file; a larger one is rejected with E002 (raise it with --max-bytes).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# A single article text longer than this is rejected (spaCy's own limit is 1,000,000 characters).
MAX_ARTICLE_CHARS = 1_000_000

# A page whose extracted text has no line of at least this many words is navigation, not an article
# (trafilatura falls back to menu and link text on index pages); set on samples/bad/nomaintext.html and
# checked against every page of samples/articles and tests/unit/ingest.
MIN_HTML_WORDS = 8

KNOWN_FIELDS = ("id", "text", "title", "url", "outlet", "published", "lang", "source", "author")


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES


def article_id_for(text: str) -> str:
    """A stable id from the text alone, so a rerun over the same input gives the same ids."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _reject(path: str, code: E, position: str | None = None, stage: str = "ingest", **fields: object) -> Rejection:
    return Rejection(stage=stage, code=code.name, where=path, message=code.format(**fields), position=position)


def _warn(path: str, code: E, position: str | None = None, **fields: object) -> Rejection:
    """A note about an item that was kept (recorded in rejected.jsonl with kept=true)."""
    return Rejection(stage="ingest", code=code.name, where=path, message=code.format(**fields), position=position, kept=True)


# ---------------------------------------------------------------------------------------------
# Text decoding


def decode_bytes(data: bytes) -> str | None:
    """Decode text as UTF-8 (with or without BOM), else by detection; None when it looks binary."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    # Control characters other than white space mean this was not text after all.
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    return None if controls > 8 else text


# ---------------------------------------------------------------------------------------------
# Dates


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


def normalise_published(value: Any) -> str | None:
    """An ISO 8601 date or date-time string, or None when `value` is not one."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    v = value.strip()
    if not _ISO_DATE.match(v):
        return None
    try:
        datetime.fromisoformat(v.replace("Z", "+00:00")) if "T" in v or " " in v else date.fromisoformat(v)
    except ValueError:
        return None
    return v.replace(" ", "T")


# ---------------------------------------------------------------------------------------------
# Readers


def read_text_file(path: Path, data: bytes) -> Iterator[Item]:
    """A .txt or .md file is one article; no metadata is assumed."""
    text = decode_bytes(data)
    if text is None:
        yield _reject(str(path), E.E003)
        return
    if not text.strip():
        yield _reject(str(path), E.E014)
        return
    yield Article(id=article_id_for(text), text=text, source=str(path))


def html_to_article(html: str, source: str, url: str | None = None) -> Article | Rejection:
    """Main text and metadata of a page with trafilatura; a page with no main text is rejected."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
    )
    if doc is None:
        return _reject(source, E.E020)
    getter = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    text = getter("text") or ""
    if not any(len(line.split()) >= MIN_HTML_WORDS for line in text.splitlines()):
        return _reject(source, E.E020)
    title = getter("title") or None
    published = normalise_published(getter("date"))
    page_url = getter("url") or url
    outlet = getter("sitename") or getter("hostname") or None
    return Article(
        id=article_id_for(text),
        text=text,
        source=source,
        outlet=outlet,
        title=title,
        url=page_url,
        published=published,
        lang=getter("language") or None,
        author=getter("author") or None,
    )


def read_html_file(path: Path, data: bytes) -> Iterator[Item]:
    html = decode_bytes(data)
    if html is None:
        yield _reject(str(path), E.E003)
        return
    yield html_to_article(html, str(path))


def article_from_object(obj: Any, source: str, position: str) -> tuple[Article | None, list[Rejection]]:
    """One JSON object of the input contract as an Article, plus warnings (bad optional fields)."""
    if not isinstance(obj, dict):
        return None, [_reject(source, E.E011, position, kind=type(obj).__name__)]
    if "text" not in obj:
        return None, [_reject(source, E.E012, position)]
    text = obj["text"]
    if not isinstance(text, str):
        return None, [_reject(source, E.E013, position, kind=type(text).__name__)]
    if not text.strip():
        return None, [_reject(source, E.E014, position)]
    if len(text) > MAX_ARTICLE_CHARS:
        return None, [_reject(source, E.E002, position, size=len(text), limit=MAX_ARTICLE_CHARS)]
    notes: list[Rejection] = []
    fields: dict[str, str | None] = {}
    for name in ("id", "title", "url", "outlet", "lang", "author"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            if name == "id" and isinstance(value, int):
                value = str(value)
            else:
                notes.append(_warn(source, E.E016, position, field=name, kind=type(value).__name__))
                value = None
        fields[name] = value or None
    published = normalise_published(obj.get("published"))
    if obj.get("published") not in (None, "") and published is None:
        notes.append(_warn(source, E.E015, position, value=obj.get("published")))
    meta = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
    article = Article(
        id=fields["id"] or article_id_for(text),
        text=text,
        source=obj.get("source") if isinstance(obj.get("source"), str) else f"{source}#{position}",
        outlet=fields["outlet"],
        title=fields["title"],
        url=fields["url"],
        published=published,
        lang=fields["lang"],
        author=fields["author"],
        meta=meta,
    )
    return article, notes


def read_json_lines(stream: IO[str], source: str) -> Iterator[Item]:
    """One article per line; a bad line is rejected and the good lines of the same file are kept."""
    lineno = 0
    try:
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _reject(source, E.E010, f"line {lineno}", reason=str(exc))
                continue
            article, notes = article_from_object(obj, source, f"line {lineno}")
            yield from notes
            if article is not None:
                yield article
    except (EOFError, OSError, zlib.error, UnicodeDecodeError) as exc:
        yield _reject(source, E.E006, f"after line {lineno}", reason=str(exc) or type(exc).__name__)


def read_json_file(path: Path, data: bytes) -> Iterator[Item]:
    """.json (one object or a list of objects) or JSON Lines, optionally gzipped."""
    if path.name.lower().endswith(".gz"):
        stream: IO[str] = io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(data)), encoding="utf-8")
        yield from read_json_lines(stream, str(path))
        return
    text = decode_bytes(data)
    if text is None:
        yield _reject(str(path), E.E003)
        return
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in ("[", "{"):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError:
            obj = None  # maybe JSON Lines saved as .json
        if obj is not None:
            objs = obj if isinstance(obj, list) else [obj]
            for i, o in enumerate(objs):
                article, notes = article_from_object(o, str(path), f"item {i}")
                yield from notes
                if article is not None:
                    yield article
            return
    yield from read_json_lines(io.StringIO(text), str(path))


def read_warc_file(path: Path, data: bytes) -> Iterator[Item]:
    """Every HTML response record of a WARC file, read as a page."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    record_no = 0
    try:
        for record_no, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"record {record_no}"
            try:
                payload = record.content_stream().read()
            except Exception as exc:  # noqa: BLE001 - a broken record must not stop the file
                yield _reject(str(path), E.E021, where, reason=str(exc))
                continue
            html = decode_bytes(payload)
            if html is None:
                yield _reject(str(path), E.E003, where)
                continue
            item = html_to_article(html, f"{path}#{where}", url=url)
            if isinstance(item, Article):
                warc_date = normalise_published((record.rec_headers.get_header("WARC-Date") or "")[:10])
                meta = {"warc_record": record_no, "warc_date": warc_date}
                item = Article(**{**_fields(item), "meta": meta})
            yield item
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as exc:
        yield _reject(str(path), E.E022, f"record {record_no}", reason=str(exc) or type(exc).__name__)


def _fields(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in article.__slots__}  # type: ignore[attr-defined]


READERS = {
    **{s: read_text_file for s in TEXT_SUFFIXES},
    **{s: read_html_file for s in HTML_SUFFIXES},
    **{s: read_json_file for s in JSON_SUFFIXES},
    **{s: read_warc_file for s in WARC_SUFFIXES},
}


def iter_input_files(paths: Iterable[str]) -> Iterator[Path | Rejection]:
    """Files named on the command line, folders walked recursively in sorted order (stable ids and order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield _reject(raw, E.E001, input=raw)


def read_file(path: Path, options: IngestOptions = IngestOptions()) -> Iterator[Item]:
    """Every article of one file, or the rejections that say why not."""
    suffix = suffix_of(path)
    reader = READERS.get(suffix)
    if reader is None:
        yield _reject(str(path), E.E004, ext=suffix or path.name)
        return
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield _reject(str(path), E.E002, size=size, limit=options.max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(str(path), E.E005, reason=exc.strerror or str(exc))
        return
    yield from reader(path, data)


def read_inputs(paths: Iterable[str], options: IngestOptions = IngestOptions(), stdin: IO[str] | None = None) -> Iterator[Item]:
    """Articles and rejections from files, folders and '-' (JSON Lines on standard input), in input order.

    Ids are made unique: a second article with an id already seen gets `<id>~2` and a note (E017).
    """
    seen: dict[str, int] = {}
    for item in _read_all(paths, options, stdin):
        if isinstance(item, Article):
            count = seen.get(item.id, 0) + 1
            seen[item.id] = count
            if count > 1:
                new_id = f"{item.id}~{count}"
                yield _warn(item.source, E.E017, None, id=item.id, new_id=new_id)
                item = Article(**{**_fields(item), "id": new_id})
        yield item


def _read_all(paths: Iterable[str], options: IngestOptions, stdin: IO[str] | None) -> Iterator[Item]:
    for raw in paths:
        if raw == "-":
            yield from read_json_lines(stdin or sys.stdin, "<stdin>")
            continue
        for entry in iter_input_files([raw]):
            if isinstance(entry, Rejection):
                yield entry
            else:
                yield from read_file(entry, options)
