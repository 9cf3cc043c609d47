"""Ingest: read every input of the contract into Articles, and every unreadable item into a Rejection.

Readers are plain generator functions, one per format, each yielding
`Article | Rejection`.  Nothing here raises on bad data: a corrupt file, an
invalid JSON line or a page without main text becomes a coded Rejection that
names the input path and the position (line, record) so the user can find it.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import math
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


def _single_byte(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each byte UTF-8 cannot read, as Windows-1252 reads it (Latin-1 for the five bytes
    Windows-1252 leaves undefined), so a stray byte in a UTF-8 line costs only itself."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


codecs.register_error("newsfuse-cp1252", _single_byte)


def decode_line(data: bytes) -> tuple[str, str | None]:
    """One line of a JSON Lines stream as text: UTF-8 (a BOM dropped), and each byte that is not UTF-8 read as
    Windows-1252 (no byte is lost); the second value says where UTF-8 failed, for a note."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("utf-8-sig", errors="newsfuse-cp1252"), f"byte {exc.start}: {exc.reason}"


def _lines(chunks: Iterable[bytes] | Iterable[str]) -> Iterator[bytes | str]:
    """Lines of a stream: bytes split at LF, CR LF or a lone CR (JSON strings escape all three); text lines as
    given (str.splitlines would also split at U+2028, which JSON strings may hold unescaped)."""
    for chunk in chunks:
        if isinstance(chunk, bytes):
            yield from chunk.splitlines()
        else:
            yield chunk


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: Any, found: list[str]) -> tuple[Any, int]:
    """`value` (parsed JSON data) made writable, in one walk: every NaN or infinite number becomes None (Python's
    json reads them; their names are appended to `found`) and every lone surrogate in a string or key U+FFFD
    (JSON escapes such as "\\ud800" and bytes read with surrogateescape make them, and no UTF-8 writer or parser
    takes them).  Returns the value and how many surrogates were replaced."""
    if isinstance(value, str):
        return _LONE_SURROGATE.subn("\ufffd", value)
    if isinstance(value, float) and not math.isfinite(value):
        found.append("NaN" if value != value else ("Infinity" if value > 0 else "-Infinity"))
        return None, 0
    if isinstance(value, list):
        items = [_clean(v, found) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        count = 0
        for k, v in value.items():
            k2, n1 = _clean(k, found)
            v2, n2 = _clean(v, found)
            out[k2] = v2
            count += n1 + n2
        return out, count
    return value, 0


def _too_long(text: str) -> bool:
    return len(text) > MAX_ARTICLE_CHARS


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
    if _too_long(text):
        yield _reject(str(path), E.E008, size=len(text), limit=MAX_ARTICLE_CHARS)
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
    if _too_long(text):
        return _reject(source, E.E008, size=len(text), limit=MAX_ARTICLE_CHARS)
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
    if _too_long(text):
        return None, [_reject(source, E.E008, position, size=len(text), limit=MAX_ARTICLE_CHARS)]
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


def load_json(text: str, source: str, position: str) -> tuple[Any, list[Rejection]]:
    """Parse one JSON document as the input contract reads it: NaN and Infinity (not JSON, though Python writes
    them) become null, lone surrogates U+FFFD, each with a note.  Raises json.JSONDecodeError."""
    return load_json_value(json.loads(text), source, position)


def load_json_value(obj: Any, source: str, position: str) -> tuple[Any, list[Rejection]]:
    """Parsed JSON data (a line of a file, an API body) as the contract reads it: non-finite numbers (Python's
    json reads NaN and Infinity) null, lone surrogates U+FFFD, each with a note."""
    found: list[str] = []
    obj, bad = _clean(obj, found)
    notes: list[Rejection] = []
    if found:
        notes.append(_warn(source, E.E019, position, values=", ".join(sorted(set(found)))))
    if bad:
        notes.append(_warn(source, E.E018, position, count=bad))
    return obj, notes


def read_json_lines(stream: Iterable[str] | Iterable[bytes], source: str) -> Iterator[Item]:
    """One article per line; a bad line is rejected and the good lines of the same file are kept.

    Lines given as bytes (a compressed file, standard input) are decoded one by one, so one line in another
    encoding costs a note, not the file."""
    lineno = 0
    lines = _lines(stream)
    try:
        for lineno, raw in enumerate(lines, start=1):
            where = f"line {lineno}"
            line_notes: list[Rejection] = []
            if isinstance(raw, bytes):
                line, why = decode_line(raw)
                if why is not None:
                    line_notes.append(_warn(source, E.E007, where, reason=why))
            else:
                line = raw
            if not line.strip():
                continue
            try:
                obj, notes = load_json(line, source, where)
            except json.JSONDecodeError as exc:
                yield _reject(source, E.E010, where, reason=str(exc))
                continue
            article, more = article_from_object(obj, source, where)
            yield from line_notes + notes + more
            if article is not None:
                yield article
    except (EOFError, OSError, zlib.error, UnicodeDecodeError) as exc:
        yield _reject(source, E.E006, f"after line {lineno}", reason=str(exc) or type(exc).__name__)


def read_json_file(path: Path, data: bytes) -> Iterator[Item]:
    """.json (one object or a list of objects) or JSON Lines, optionally gzipped."""
    if path.name.lower().endswith(".gz"):
        yield from read_json_lines(gzip.GzipFile(fileobj=io.BytesIO(data)), str(path))
        return
    try:
        data.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if not utf8 and path.suffix.lower() == ".jsonl" and b"\x00" not in data[:8192]:
        # JSON Lines assembled from several sources: each line decoded on its own (a note for each that is
        # not UTF-8), so one line in another encoding does not make the UTF-8 lines mojibake
        yield from read_json_lines([data], str(path))
        return
    text = decode_bytes(data)
    if text is None:
        yield _reject(str(path), E.E003)
        return
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in ("[", "{"):
        try:
            obj, notes = load_json(text, str(path), "file")
        except json.JSONDecodeError:
            obj, notes = None, []  # maybe JSON Lines saved as .json
        if obj is not None:
            yield from notes
            objs = obj if isinstance(obj, list) else [obj]
            for i, o in enumerate(objs):
                article, notes = article_from_object(o, str(path), f"item {i}")
                yield from notes
                if article is not None:
                    yield article
            return
    yield from read_json_lines(io.StringIO(text), str(path))


def read_warc_file(path: Path, data: bytes) -> Iterator[Item]:
    """Every HTML response record of a WARC file held in memory, read as a page."""
    yield from read_warc_stream(path, io.BytesIO(data))


# The first bytes of a payload looked at for an HTML page when a response names no Content-Type.
_SNIFF_BYTES = 1024
_HTML_START = re.compile(rb"<!doctype html|<html|<head|<body", re.I)


def _is_html(ctype: str, payload: bytes) -> bool:
    if ctype:
        return "html" in ctype.lower()
    return _HTML_START.search(payload[:_SNIFF_BYTES]) is not None


def read_warc_stream(path: Path, stream: IO[bytes]) -> Iterator[Item]:
    """Every HTML response record of a WARC stream (read record by record, never whole), read as a page.

    A response with an HTTP status other than 2xx (not found, redirect, server error) is recorded as skipped
    (E023); one with no Content-Type is read when its payload starts like an HTML page; other types (images,
    scripts, PDFs) are not articles and are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    record_no = 0
    try:
        for record_no, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if ctype and "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"record {record_no}"
            status = record.http_headers.get_statuscode() if record.http_headers else None
            if status and not str(status).startswith("2"):
                yield _reject(str(path), E.E023, where, status=status)
                continue
            try:
                payload = record.content_stream().read()
            except Exception as exc:  # noqa: BLE001 - a broken record must not stop the file
                yield _reject(str(path), E.E021, where, reason=str(exc))
                continue
            if not _is_html(ctype, payload):
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
    if reader is read_warc_file:
        # A WARC file is read record by record, so its size is no limit (Common Crawl's are about 1 GB).
        try:
            with path.open("rb") as fh:
                yield from read_warc_stream(path, fh)
        except OSError as exc:
            yield _reject(str(path), E.E005, reason=exc.strerror or str(exc))
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


# The "~k" suffixes newsfuse adds to a repeated id ("1~2", "1~2~2"): stripped, they give the id as the input gave it.
_RENAMED = re.compile(r"(?:~\d+)+$")


def id_root(article_id: str) -> str:
    """The id as the input gave it, before any renaming: "1~2~2" -> "1" (a repeated id is renamed "<root>~k")."""
    return _RENAMED.sub("", article_id) or article_id


class UniqueIds:
    """Makes article ids unique within a batch: a repeated id gets the first free `<id>~2`, `<id>~3`, ... (free
    among every id handed out, so a renamed id never takes one that comes later or earlier)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def free_id(self, article_id: str) -> str:
        """The first `<root>~k` (k = 2, 3, ...) no one has, now taken."""
        root = id_root(article_id)
        k = 2
        while f"{root}~{k}" in self.taken:
            k += 1
        new_id = f"{root}~{k}"
        self.taken.add(new_id)
        return new_id

    def claim(self, article: Article, where: str, position: str | None,
              code: E = E.E017) -> tuple[Article, Rejection | None]:
        """The article under an id nobody else has, and the note (`code`) when it had to be renamed."""
        if article.id not in self.taken:
            self.taken.add(article.id)
            return article, None
        new_id = self.free_id(article.id)
        note = _warn(where, code, position, id=article.id, new_id=new_id)
        return Article(**{**_fields(article), "id": new_id}), note


def input_of(article: Article) -> tuple[str, str | None]:
    """The input path and position an article was read from ("feed.jsonl#line 3" -> ("feed.jsonl", "line 3"))."""
    where, _, position = (article.source or article.id).partition("#")
    return where, position or None


def unique_ids(articles: Iterable[Article], where: str) -> tuple[list[Article], list[Rejection]]:
    """A batch of articles under unique ids, with a note for each renamed one (API posts, watched files)."""
    ids = UniqueIds()
    out: list[Article] = []
    notes: list[Rejection] = []
    for i, article in enumerate(articles):
        path, position = input_of(article) if article.source else ("", None)
        if path and position:  # an item of a file: its own path and line
            article, note = ids.claim(article, path, position)
        else:
            article, note = ids.claim(article, path or where, f"item {i}" if not path else None)
        out.append(article)
        if note is not None:
            notes.append(note)
    return out, notes


def read_inputs(paths: Iterable[str], options: IngestOptions = IngestOptions(), stdin: IO[Any] | None = None,
                files_read: list[str] | None = None) -> Iterator[Item]:
    """Articles and rejections from files, folders and '-' (JSON Lines on standard input), in input order.

    Ids are made unique: a second article with an id already seen gets `<id>~2` (the first free suffix) and a
    note (E017) naming the input it came from.  `files_read`, when given, receives the path of each file read.
    """
    ids = UniqueIds()
    for where, item in _read_all(paths, options, stdin, files_read if files_read is not None else []):
        if isinstance(item, Article):
            position = item.source[len(where) + 1:] if item.source and item.source.startswith(where + "#") else None
            item, note = ids.claim(item, where, position)
            if note is not None:
                yield note
        yield item


def _read_all(paths: Iterable[str], options: IngestOptions, stdin: IO[Any] | None,
              files_read: list[str]) -> Iterator[tuple[str, Item]]:
    """(input path, item) for every item of the inputs."""
    for raw in paths:
        if raw == "-":
            # Bytes when there are (each line decoded on its own); a text stream given by the caller as it is.
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
            for item in read_json_lines(stream, "<stdin>"):
                yield "<stdin>", item
            continue
        for entry in iter_input_files([raw]):
            if isinstance(entry, Rejection):
                yield raw, entry
            else:
                files_read.append(str(entry))
                for item in read_file(entry, options):
                    yield str(entry), item
