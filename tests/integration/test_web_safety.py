"""The web pages treat every article string as hostile, and no URL reaches the file system."""

from __future__ import annotations

import inspect
import sqlite3
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.api import create_app, serve
from newsfuse.api.demo import HOSTILE, sample_articles, sample_events
from newsfuse.api.queries import fts_expression
from newsfuse.store.db import Database
from newsfuse.web.render import article_segments, claims_matrix, idurl, map_view, parse_hl

ROCKET = "ev-2021-03-03-al-asad"
HOSTILE_ARTICLE = "a-hostile-<3>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("web") / "news.db"
    events = sample_events()
    with Database(path) as db:
        for seq, rec in enumerate(sample_articles()):
            rec["events"] = [e["id"] for e in events if rec["id"] in e["articles"]]
            db.put_article(seq, rec)
        db.replace_events(events)
    return TestClient(create_app(str(path)), raise_server_exceptions=False)


class Markup(HTMLParser):
    """Collects what a browser would execute or follow: elements, attributes, link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Markup:
    m = Markup()
    m.feed(html)
    return m


HOSTILE_PAGES = [
    "/",
    "/?q=%3Cscript%3Ealert(1)%3C/script%3E&place=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    "/?type=%3Cb%20onclick%3D%22alert(11)%22%3ERemote%3C%2Fb%3E",
    "/events/ev-hostile-1",
    f"/events/{ROCKET}",
    "/articles/" + quote(HOSTILE_ARTICLE, safe=""),
    "/articles/" + quote(HOSTILE_ARTICLE, safe="") + "?hl=15-40",
    "/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/nothing/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_no_markup_from_data_survives(client: TestClient, url: str) -> None:
    r = client.get(url, headers={"accept": "text/html"})
    assert r.status_code in (200, 404), r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    m = parse(r.text)
    assert "script" not in m.tags
    assert "b" not in m.tags  # the templates use <strong>; a <b> could only come from data
    assert all(v.startswith("/static/") for k, v in m.attrs if k == "src")
    assert not [k for k, _ in m.attrs if k.startswith("on")], "event handler attribute reached the page"
    hrefs = [v for k, v in m.attrs if k in ("href", "src", "action")]
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert "<script>alert" not in r.text and "onerror=\"alert" not in r.text


def test_hostile_strings_are_shown_as_text(client: TestClient) -> None:
    html = client.get("/events/ev-hostile-1").text
    text = "".join(parse(html).text)
    assert 'Explosion near <script>alert("h")</script> base" onmouseover="alert(9)' in text  # visible, inert
    assert HOSTILE in text  # actor, quantity, claim: shown literally
    assert 'Evil "News" <script>alert(2)</script>' in text  # outlet name
    article = client.get("/articles/" + quote(HOSTILE_ARTICLE, safe="")).text
    body = "".join(parse(article).text)
    assert 'Click <a href="javascript:alert(8)">here</a>' in body
    assert "javascript:alert(5)" in body  # the article's URL, printed but not a link
    assert 'href="javascript' not in article


def test_pages_send_a_script_free_policy(client: TestClient) -> None:
    for url in ("/", f"/events/{ROCKET}", "/articles/a-reuters-1"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "url",
    [
        "/static/../pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2Fpages.py",
        "/static/%2Fetc%2Fpasswd",
        "/static//etc/passwd",
        "/static/templates",
        "/static/style.css%00.py",
        "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/articles/%2Fetc%2Fpasswd",
        "/events/..%2F..%2Fpyproject.toml",
        "/events/%2e%2e%2f%2e%2e%2fsrc%2fnewsfuse%2ferrors.py",
        "/..%2F..%2Fetc%2Fpasswd",
        "/templates/base.html",
    ],
)
def test_no_url_reaches_the_file_system(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404, (url, r.status_code)
    assert "root:" not in r.text and "[build-system]" not in r.text and "class E(" not in r.text
    assert "{% block" not in r.text


def test_static_files_are_served(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    world = client.get("/static/world.json")
    assert world.status_code == 200 and len(world.content) < 500_000
    assert client.get("/static/favicon.svg").headers["content-type"] == "image/svg+xml"


def test_citation_opens_highlighted_span(client: TestClient) -> None:
    html = client.get(f"/events/{ROCKET}").text
    ev = sample_events()[0]
    span = ev["summary"][1]["citations"][0]
    href = f"/articles/{span['article']}?hl={span['start']}-{span['end']}#s-{span['start']}-{span['end']}"
    assert f'href="{href}"' in html
    page = client.get(href.split("#")[0]).text
    anchor = f'<mark id="s-{span["start"]}-{span["end"]}">'
    assert anchor in page
    marked = page.split(anchor, 1)[1].split("</mark>", 1)[0]
    assert "".join(parse(marked).text) == span["text"]


@pytest.mark.parametrize("hl", ["abc", "5-2", "0-999999", "-1-3", "1-1", "1--2", "9" * 30 + "-1"])
def test_bad_highlight_is_ignored(client: TestClient, hl: str) -> None:
    r = client.get("/articles/a-reuters-1", params={"hl": hl})
    assert r.status_code == 200
    assert "<mark id=" not in r.text


def test_sentence_roles_are_labelled(client: TestClient) -> None:
    html = client.get("/articles/a-reuters-1").text
    assert 'class="rolelabel role-caption">caption<' in html
    assert 'class="rolelabel role-boilerplate">boilerplate<' in html
    assert 'class="seg role-caption">Photo: Smoke rises over the base. REUTERS/Staff<' in html
    dup = client.get("/articles/a-wire-copy").text
    assert 'class="rolelabel role-duplicate">repeat<' in dup


def test_event_page_shows_the_record(client: TestClient) -> None:
    html = client.get(f"/events/{ROCKET}").text
    text = " ".join(" ".join(parse(html).text).split())
    for needle in ("disputed", "2 independent sources", "Wayne Marotto", "We are assessing the damage",
                   "At least 10 rockets struck Al Asad air base", "contradicts", "silent", "2021-02-15",
                   "Anbar Today", "Daily Courier", "at least"):
        assert needle in text, needle
    assert 'class="cell contradicts"' in html


def test_list_page_filters_and_errors(client: TestClient) -> None:
    ok = client.get("/", params={"country": "IQ", "q": "contractor"})
    assert ok.status_code == 200 and f"/events/{ROCKET}" in ok.text and "/events/ev-hostile-1" not in ok.text
    bad = client.get("/", params={"date_from": "2021-02-30"})
    assert bad.status_code == 422 and "date_from" in bad.text


def test_html_errors_keep_code(client: TestClient) -> None:
    r = client.get("/events/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "E052" in r.text
    j = client.get("/events/nope", headers={"accept": "application/json"})
    assert j.json()["error"]["code"] == "E052"


def test_serve_binds_loopback_by_default() -> None:
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_ids_never_change_the_route() -> None:
    for raw in ("../etc/passwd", "a/b", "x?y#z", "..", "%2e"):
        enc = idurl(raw)
        assert "/" not in enc and "?" not in enc and "#" not in enc and ".." not in enc


# --- pure helpers, property-tested ----------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90), st.sampled_from(
    ["body", "caption", "boilerplate", "duplicate", "title"])), max_size=6), st.integers(0, 90), st.integers(0, 90))
def test_segments_cover_the_text_once(text: str, sents: list[tuple[int, int, str]], a: int, b: int) -> None:
    rec = {"text": text, "sentences": [{"start": s, "end": e, "role": r} for s, e, r in sents]}
    hl = parse_hl(f"{min(a, b)}-{max(a, b)}", len(text))
    segs = article_segments(rec, hl)
    assert "".join(s.text for s in segs) == text
    if hl:
        assert "".join(s.text for s in segs if s.marked) == text[hl[0]:hl[1]]
        assert sum(1 for s in segs if s.mark_id) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fts_expression_is_always_valid(q: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61')")
    conn.execute("INSERT INTO t(body) VALUES ('rocket attack on the base')")
    expr = fts_expression(q)
    if expr is not None:
        conn.execute("SELECT COUNT(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()


def test_claims_matrix_cells() -> None:
    m = claims_matrix(sample_events()[0])
    assert [c["article"] for c in m["columns"]] == ["a-reuters-1", "a-wire-copy", "a-local-2"]
    assert [c["state"] for c in m["rows"][1]["cells"]] == ["supports", "supports", "contradicts"]
    assert [c["state"] for c in m["rows"][2]["cells"]] == ["silent", "silent", "supports"]


@pytest.mark.parametrize("lat, lon", [(None, 1), ("x", 2), (91, 0), (0, 181), (float("nan"), 0)])
def test_map_skips_bad_coordinates(lat: Any, lon: Any) -> None:
    view = map_view([{"id": "e", "lat": lat, "lon": lon}])
    assert view["dots"] == [] and view["viewbox"] == "0 0 360 150"


def test_ids_with_slashes_and_dots_round_trip(tmp_path: Any) -> None:
    """Article ids are user data (the input's `id`): links built from them reach the right record."""
    odd = "../x/y?z#w.."
    path = tmp_path / "odd.db"
    with Database(path) as db:
        db.put_article(0, {"id": odd, "text": "Some text.", "sentences": [{"start": 0, "end": 10, "role": "body"}]})
    c = TestClient(create_app(str(path)))
    assert c.get("/api/articles/" + idurl(odd)).json()["id"] == odd
    page = c.get("/articles/" + idurl(odd) + "?hl=0-4")
    assert page.status_code == 200 and '<mark id="s-0-4">' in page.text


def test_malformed_records_still_render(tmp_path: Any) -> None:
    """A record with wrong types (a bug upstream, or a hand-edited database) gives a page, not a 500."""
    path = tmp_path / "bad.db"
    bad_span = {"article": "a", "start": "x", "end": None, "text": 5}
    ev = {"id": "e", "headline": None, "articles": ["a"], "sources": [{"article": "a", "group": None}],
          "date": {"value": None, "evidence": [bad_span]}, "location": {"lat": "north", "lon": None, "evidence": None},
          "type": None, "fatalities": {"value": "many", "reports": [{"value": None, "article": None, "evidence": [bad_span]}],
                                       "disputed": True},
          "injured": None, "quantities": [{"what": None}], "actors": [{}], "quotes": [{"text": None}],
          "claims": [{"text": "c", "support": [bad_span], "contradict": None, "status": None}],
          "timeline": [{"date": None}], "summary": [{"text": "s", "citations": [bad_span, "not a span"]}]}
    with Database(path) as db:
        db.put_article(0, {"id": "a", "text": "Short.", "sentences": [{"start": "0", "end": "x"}, "junk", {"start": 9, "end": 2}]})
        db.replace_events([ev])
    c = TestClient(create_app(str(path)), raise_server_exceptions=False)
    for url in ("/", "/events/e", "/articles/a", "/articles/a?hl=0-3", "/api/events", "/api/events/e"):
        assert c.get(url).status_code == 200, url
