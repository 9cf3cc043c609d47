"""Every input kind of the contract is read, and every bad item is rejected with its code."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsfuse.ingest import IngestOptions, article_id_for, read_inputs
from newsfuse.model import Article, Rejection

HTML = """<html><head><title>Rockets hit base - Daily Post</title>
<meta property="og:site_name" content="Daily Post">
<meta property="article:published_time" content="2021-03-03T10:05:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rockets hit base</h1>
<p>At least ten rockets struck the Al Asad air base in western Iraq on Wednesday morning, officials said.</p>
<p>The attack caused no significant losses, according to a statement from the Iraqi military, which said
the rockets were launched from the village of al-Bayader about eight kilometres away.</p>
<p>A US civilian contractor died of a heart attack while sheltering, the Pentagon said later.</p>
</article><footer>Share on Facebook. Copyright 2021.</footer></body></html>"""


def _read(*paths: Path, **kw) -> tuple[list[Article], list[Rejection]]:
    items = list(read_inputs([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejection)]


def test_plain_text_has_no_metadata_and_a_stable_id(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("BAGHDAD - Rockets hit a base on Wednesday.\n", encoding="utf-8")
    (art,), rej = _read(p)
    assert rej == []
    assert art.published is None and art.title is None
    assert art.id == article_id_for(art.text)
    (again,), _ = _read(p)
    assert again.id == art.id


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Le café de Mossoul a rouvert après les combats, selon les résidents du quartier.\n".encode("latin-1"))
    (art,), _ = _read(p)
    assert "café" in art.text and "résidents" in art.text


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (art,), rej = _read(p)
    assert rej == []
    assert "ten rockets" in art.text and "Home" not in art.text
    assert art.published and art.published.startswith("2021-03-03")
    assert art.outlet == "Daily Post"


def test_jsonl_keeps_good_lines_and_rejects_bad_ones(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "A report.", "published": "2021-03-03", "extra": 5}),
        "{not json",
        json.dumps({"id": "notext", "title": "no text"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"id": "ok2", "text": "Another report.", "published": "yesterday"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, rej = _read(p)
    assert [a.id for a in arts] == ["ok1", "ok2"]
    assert arts[0].meta == {"extra": 5}
    assert arts[1].published is None
    codes = {(r.code, r.position, r.kept) for r in rej}
    assert ("E010", "line 2", False) in codes
    assert ("E012", "line 3", False) in codes
    assert ("E014", "line 4", False) in codes
    assert ("E011", "line 5", False) in codes
    assert ("E015", "line 6", True) in codes


def test_jsonl_gz_and_truncated_gz(tmp_path: Path) -> None:
    good = tmp_path / "a.jsonl.gz"
    payload = "".join(json.dumps({"id": f"n{i}", "text": f"Report number {i} " * 50}) + "\n" for i in range(40))
    good.write_bytes(gzip.compress(payload.encode()))
    arts, rej = _read(good)
    assert len(arts) == 40 and rej == []
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    arts, rej = _read(cut)
    assert [r.code for r in rej] == ["E006"]
    assert all(a.id.startswith("n") for a in arts)


def test_binary_empty_unsupported_missing_and_oversized(tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\t\n")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    nohtml = tmp_path / "nav.html"
    nohtml.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    arts, rej = _read(binary, empty, pdf, tmp_path / "missing.txt", nohtml)
    assert arts == []
    assert [r.code for r in rej] == ["E003", "E014", "E004", "E001", "E020"]
    _, rej = _read(big, options=IngestOptions(max_bytes=100))
    assert [r.code for r in rej] == ["E002"]
    assert all(r.message.startswith(f"[{r.code}]") for r in rej)


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second report text.")
    (tmp_path / "a.txt").write_text("First report text.")
    arts, _ = _read(tmp_path)
    assert [a.text for a in arts] == ["First report text.", "Second report text."]


def test_stdin_json_lines() -> None:
    stdin = io.StringIO(json.dumps({"id": "s1", "text": "From a pipe."}) + "\n")
    items = list(read_inputs(["-"], stdin=stdin))
    assert [i.id for i in items if isinstance(i, Article)] == ["s1"]


def test_duplicate_ids_are_renamed_with_a_note(tmp_path: Path) -> None:
    p = tmp_path / "dup.jsonl"
    p.write_text(json.dumps({"id": "x", "text": "one"}) + "\n" + json.dumps({"id": "x", "text": "two"}) + "\n")
    arts, rej = _read(p)
    assert [a.id for a in arts] == ["x", "x~2"]
    assert [(r.code, r.kept) for r in rej] == [("E017", True)]


def test_warc_html_records(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in [
            ("http://example.org/a", HTML.encode(), "text/html; charset=utf-8"),
            ("http://example.org/img.png", b"\x89PNG....", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    arts, rej = _read(path)
    assert len(arts) == 1 and "ten rockets" in arts[0].text and rej == []
    assert arts[0].url == "http://example.org/a"


def test_repeated_ids_never_collide_with_a_later_or_renamed_id(tmp_path: Path) -> None:
    p = tmp_path / "ids.jsonl"
    rows = [{"id": "x", "text": "one"}, {"id": "x", "text": "two"}, {"id": "x~2", "text": "three"}]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    arts, rej = _read(p)
    assert [a.id for a in arts] == ["x", "x~2", "x~3"]  # a renamed id is <root>~k, as the database names them
    assert [(r.code, r.where, r.position) for r in rej] == [("E017", str(p), "line 2"), ("E017", str(p), "line 3")]


def test_a_line_in_another_encoding_costs_a_note_not_the_file(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "good one"}).encode(), '{"id": "b", "text": "Caf\u00e9 Street"}'.encode("latin-1"),
             json.dumps({"id": "c", "text": "good three"}).encode()]
    plain, packed = tmp_path / "feed.jsonl", tmp_path / "feed.jsonl.gz"
    plain.write_bytes(b"\n".join(lines) + b"\n")
    packed.write_bytes(gzip.compress(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n"))  # with a BOM
    arts, rej = _read(packed)
    assert [a.id for a in arts] == ["a", "b", "c"] and arts[1].text == "Caf\u00e9 Street"
    assert [(r.code, r.position, r.kept) for r in rej] == [("E007", "line 2", True)]
    items = list(read_inputs(["-"], stdin=io.BytesIO(plain.read_bytes())))  # standard input is read as bytes
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "b", "c"]


def test_nan_and_lone_surrogates_are_cleaned_with_notes(tmp_path: Path) -> None:
    p = tmp_path / "odd.jsonl"
    p.write_text('{"id": "n", "text": "Rockets hit \\ud800 the base.", "score": NaN, "rank": [Infinity, 1]}\n')
    arts, rej = _read(p)
    (a,) = arts
    assert a.text == "Rockets hit \ufffd the base." and a.meta == {"score": None, "rank": [None, 1]}
    assert sorted(r.code for r in rej) == ["E018", "E019"] and all(r.kept for r in rej)
    json.dumps(a.meta, allow_nan=False).encode("utf-8")  # strict JSON and UTF-8 can hold it now


def test_a_text_longer_than_the_limit_is_rejected_with_its_own_code(tmp_path: Path, monkeypatch) -> None:
    import newsfuse.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 50)
    (tmp_path / "long.txt").write_text("Rockets struck the base in Iraq on Wednesday, officials said. " * 2)
    (tmp_path / "long.jsonl").write_text(json.dumps({"text": "word " * 20}) + "\n")
    arts, rej = _read(tmp_path / "long.txt", tmp_path / "long.jsonl")
    assert arts == [] and [(r.code, r.kept) for r in rej] == [("E008", False), ("E008", False)]


def test_warc_skips_error_responses_with_a_note_and_reads_pages_without_a_content_type(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for url, status, headers in [
            ("http://example.org/gone", "404 Not Found", [("Content-Type", "text/html")]),
            ("http://example.org/bare", "200 OK", []),
        ]:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(HTML.encode()), http_headers=http))
    arts, rej = _read(path, options=IngestOptions(max_bytes=10))  # (a WARC is streamed: no size limit)
    assert [a.url for a in arts] == ["http://example.org/bare"]
    assert [(r.code, r.position) for r in rej] == [("E023", "record 1")]


def test_a_stray_byte_costs_only_itself_in_plain_and_packed_json_lines_with_any_line_ends(tmp_path: Path) -> None:
    good = '{"id": "u", "text": "caf\u00e9 in Z\u00fcrich"}'.encode()
    odd = b'{"id": "w", "text": "Z\xfcrich caf\xc3\xa9"}'  # one Latin-1 byte in an otherwise UTF-8 line
    plain, packed = tmp_path / "mixed.jsonl", tmp_path / "cr.jsonl.gz"
    plain.write_bytes(good + b"\n" + odd + b"\n")
    packed.write_bytes(gzip.compress(good + b"\r" + odd + b"\r"))  # old Mac line ends
    for path in (plain, packed):
        arts, rej = _read(path)
        assert [a.text for a in arts] == ["caf\u00e9 in Z\u00fcrich", "Z\u00fcrich caf\u00e9"], path
        assert [(r.code, r.position) for r in rej] == [("E007", "line 2")], path


def test_text_lines_are_taken_as_given_even_with_a_line_separator_inside_a_string() -> None:
    from newsfuse.ingest import read_json_lines

    lines = [json.dumps({"id": "u", "text": "first\u2028second part of one paragraph"}, ensure_ascii=False) + "\n"]
    items = list(read_json_lines(lines, "feed"))
    assert [i.id for i in items if isinstance(i, Article)] == ["u"]
