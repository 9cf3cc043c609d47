"""The JSON API, in-process, over a small hand-built database (no pipeline involved)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.api import create_app
from newsfuse.api.app import MAX_BODY_BYTES
from newsfuse.api.demo import sample_articles, sample_events
from newsfuse.errors import NewsfuseError
from newsfuse.store.db import Database

ROCKET = "ev-2021-03-03-al-asad"


def _build(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    articles, events = sample_articles(), sample_events()
    extra = json.loads(json.dumps(events[0]))
    extra.update(id="ev-2020-protest", headline="Peaceful protest in Minneapolis, United States (2020-05-26)",
                 date={"value": "2020-05-26", "time": None, "tz": None, "precision": "day", "evidence": []},
                 location={"name": "Minneapolis", "admin1": "Minnesota", "admin2": None, "country_code": "US",
                           "lat": 44.98, "lon": -93.27, "precision": "city", "gazetteer_id": None, "evidence": []},
                 type={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
                 fatalities={"value": None, "disputed": False, "reports": []},
                 summary=[{"text": "Thousands marched downtown.", "citations": []}],
                 actors=[{"name": "Minneapolis police", "role": "responder", "status": "confirmed", "sources": 1,
                          "aliases": [], "evidence": []}],
                 sources=[{"article": "a-local-2", "outlet": "Anbar Today", "group": "g9"}], articles=["a-local-2"])
    events = events + [extra]
    with Database(path) as db:
        for seq, rec in enumerate(articles):
            db.put_article(seq, rec)
        db.replace_events(events)
    return articles, events


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]], list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("api") / "news.db"
    articles, events = _build(path)
    return path, articles, events


class FakeIngest:
    """Records what the API passes on and adds the articles to the database like the pipeline would."""

    def __init__(self, db_path: Path, fail: bool = False) -> None:
        self.db_path, self.fail, self.calls = db_path, fail, []

    def __call__(self, objects: list[dict[str, Any]]) -> dict[str, Any]:
        self.calls.append(objects)
        if self.fail:
            raise RuntimeError("pipeline exploded")
        added, rejected = [], []
        with Database(self.db_path) as db:
            for i, obj in enumerate(objects):
                if not obj["text"].strip():
                    rejected.append({"position": i, "code": "E014", "message": "[E014] Article text is empty"})
                    continue
                aid = obj.get("id") or f"posted-{i}"
                db.put_article(db.next_seq(), {"id": aid, "text": obj["text"], "title": obj.get("title"),
                                               "outlet": obj.get("outlet"), "published": obj.get("published"),
                                               "sentences": []})
                added.append(aid)
        return {"added": added, "rejected": rejected, "events": [ROCKET] if added else []}


@pytest.fixture(scope="module")
def client(built: tuple[Path, Any, Any]) -> TestClient:
    return TestClient(create_app(str(built[0])), raise_server_exceptions=False)


def assert_error(r: Any, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_healthz_counts(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "articles": 4, "events": 3}


def test_event_list_rows_and_order(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 3
    assert [it["id"] for it in body["items"]] == ["ev-hostile-1", ROCKET, "ev-2020-protest"]  # newest first
    row = body["items"][1]
    assert row == {
        "id": ROCKET, "headline": "Rocket attack on Al Asad Air Base, Al Anbar, Iraq (2021-03-03): 1 killed",
        "date": "2021-03-03",
        "location": {"name": "Al Asad Air Base", "admin1": "Al Anbar", "country_code": "IQ", "lat": 33.7856, "lon": 42.4412},
        "type": {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
        "independent_sources": 2, "n_articles": 3, "fatalities": 1,
    }


@pytest.mark.parametrize(
    "params, ids",
    [
        ({"date_from": "2021-03-03"}, ["ev-hostile-1", ROCKET]),
        ({"date_to": "2021-03-03"}, [ROCKET, "ev-2020-protest"]),
        ({"date_from": "2021-03-03", "date_to": "2021-03-03"}, [ROCKET]),
        ({"country": "us"}, ["ev-2020-protest"]),
        ({"place": "asad"}, [ROCKET]),
        ({"place": "%"}, []),  # LIKE wildcards are literal
        ({"type": "protests"}, ["ev-2020-protest"]),
        ({"type": "Shelling/artillery/missile attack"}, [ROCKET]),
        ({"min_sources": 2}, [ROCKET]),
        ({"q": "contractor"}, [ROCKET]),
        ({"q": "Anbar rocket"}, [ROCKET]),
        ({"q": "march*"}, ["ev-2020-protest"]),
        ({"q": "contractor", "country": "US"}, []),
        ({"limit": 1, "offset": 1}, [ROCKET]),
        ({"actor": "led coalition"}, [ROCKET]),
        ({"actor": "COALITION FORCES"}, [ROCKET]),  # another name a source uses, any case
        ({"actor": "%"}, []),
        ({"actor": "coalition", "country": "US"}, []),
        ({"actor": "police"}, ["ev-2020-protest"]),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, Any], ids: list[str]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert [it["id"] for it in r.json()["items"]] == ids


def test_paging_total_is_all_matches(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 1}).json()
    assert body["total"] == 3 and len(body["items"]) == 1


@pytest.mark.parametrize(
    "q",
    ['"', '"unbalanced', "a AND", "OR", "NOT x", "(", ")", "*", "**", "rocket*)", "headline:rocket", "NEAR(a b)",
     "a:b:c", "'", "^", "-", "+", "{}", "[a]", "\\", "\x00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Al-Asad", "x" * 500, "_", "'; DROP TABLE events; --"],
)
def test_hostile_fulltext_never_fails(client: TestClient, q: str) -> None:
    r = client.get("/api/events", params={"q": q})
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"total", "items"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
def test_any_search_text_gives_a_list(client: TestClient, q: str) -> None:
    r = client.get("/api/events", params={"q": q})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    "params, name",
    [
        ({"date_from": "2021-13-01"}, "date_from"),
        ({"date_from": "03/03/2021"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2021-03-04", "date_to": "2021-03-01"}, "date_from"),
        ({"country": "IRQ"}, "country"),
        ({"country": "1Q"}, "country"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"min_sources": "two"}, "min_sources"),
        ({"min_sources": -1}, "min_sources"),
        ({"place": "x" * 201}, "place"),
    ],
)
def test_invalid_query_parameters(client: TestClient, params: dict[str, Any], name: str) -> None:
    r = client.get("/api/events", params=params)
    assert_error(r, 422, "E053")
    assert repr(name) in r.json()["error"]["message"]


def test_event_record_is_the_stored_json(client: TestClient, built: Any) -> None:
    _, _, events = built
    r = client.get(f"/api/events/{ROCKET}")
    assert r.status_code == 200
    assert r.json() == events[0]
    assert r.headers["content-type"].startswith("application/json")


def test_article_record(client: TestClient, built: Any) -> None:
    _, articles, _ = built
    hostile = articles[3]
    r = client.get("/api/articles/" + quote(hostile["id"], safe=""))
    assert r.status_code == 200
    assert r.json() == hostile


@pytest.mark.parametrize(
    "url, code",
    [("/api/events/nope", "E052"), ("/api/articles/nope", "E052"), ("/api/nothing", "E052"),
     ("/api/events/..%2F..%2Fetc%2Fpasswd", "E052"), ("/api/articles/%00", "E052")],
)
def test_not_found_shape(client: TestClient, url: str, code: str) -> None:
    assert_error(client.get(url), 404, code)


def test_post_without_ingest_is_not_a_route(client: TestClient) -> None:
    r = client.post("/api/articles", json={"text": "x"})
    assert (r.status_code, r.json()["error"]["code"]) in {(404, "E052"), (405, "E054")}


def test_method_not_allowed_shape(client: TestClient) -> None:
    assert_error(client.delete("/api/events"), 405, "E054")


def test_openapi_documents_the_routes(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "empty.db"), ingest=lambda objs: {"added": [], "rejected": [], "events": []})
    spec = TestClient(app).get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/articles", "/healthz"} <= set(spec["paths"])
    assert "ArticleIn" in spec["components"]["schemas"]
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params == {"date_from", "date_to", "country", "place", "type", "min_sources", "q", "actor", "limit", "offset"}


def test_empty_database_answers(tmp_path: Path) -> None:
    c = TestClient(create_app(str(tmp_path / "new.db")))
    assert c.get("/api/events").json() == {"total": 0, "items": []}
    assert c.get("/").status_code == 200


# --- POST /api/articles --------------------------------------------------------------------


@pytest.fixture()
def writable(tmp_path: Path) -> tuple[TestClient, FakeIngest]:
    path = tmp_path / "w.db"
    _build(path)
    ingest = FakeIngest(path)
    return TestClient(create_app(str(path), ingest=ingest), raise_server_exceptions=False), ingest


def test_post_one_article(writable: tuple[TestClient, FakeIngest]) -> None:
    c, ingest = writable
    r = c.post("/api/articles", json={"id": "new-1", "text": "Two rockets hit Baghdad.", "published": "2021-03-05"})
    assert r.status_code == 200, r.text
    assert r.json() == {"added": ["new-1"], "rejected": [], "events": [ROCKET]}
    assert ingest.calls == [[{"id": "new-1", "text": "Two rockets hit Baghdad.", "published": "2021-03-05"}]]
    assert c.get("/api/articles/new-1").json()["text"] == "Two rockets hit Baghdad."  # the reader sees the write


def test_post_list_passes_extra_fields_and_reports_rejections(writable: tuple[TestClient, FakeIngest]) -> None:
    c, ingest = writable
    objs = [{"id": "n1", "text": "A", "tags": ["x"]}, {"id": "n2", "text": "   "}]
    r = c.post("/api/articles", json=objs)
    assert r.status_code == 200
    assert r.json()["added"] == ["n1"] and r.json()["rejected"][0]["code"] == "E014"
    assert ingest.calls == [objs]


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b"\xff\xfe\x00", 400),
        (b"", 400),
        (b"42", 422),
        (b'"text"', 422),
        (b"[]", 422),
        (b'[{"text": "ok"}, "not an object"]', 422),
        (b'{"title": "no text"}', 422),
        (b'{"text": 12}', 422),
        (b'{"text": null}', 422),
        (b"[[]]", 422),
    ],
)
def test_post_invalid_bodies(writable: tuple[TestClient, FakeIngest], body: bytes, status: int) -> None:
    c, ingest = writable
    r = c.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert_error(r, status, "E051")
    assert ingest.calls == []


def test_post_too_large_by_header(writable: tuple[TestClient, FakeIngest]) -> None:
    c, ingest = writable
    body = json.dumps({"text": "x" * MAX_BODY_BYTES}).encode()
    r = c.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert_error(r, 413, "E050")
    assert ingest.calls == []


def test_post_too_large_when_streamed_without_length(writable: tuple[TestClient, FakeIngest]) -> None:
    c, ingest = writable

    def chunks() -> Any:
        yield b'{"text": "'
        for _ in range(6):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    r = c.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert_error(r, 413, "E050")
    assert ingest.calls == []


def test_ingest_failure_is_reported_in_the_shape(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    _build(path)
    c = TestClient(create_app(str(path), ingest=FakeIngest(path, fail=True)), raise_server_exceptions=False)
    r = c.post("/api/articles", json={"text": "fine"})
    assert_error(r, 500, "E030")  # the ingest callable failed: a stage error, with its stage named
    assert "pipeline exploded" in r.json()["error"]["message"]


def test_list_sees_writes_from_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    articles, events = _build(path)
    c = TestClient(create_app(str(path)))
    assert c.get("/api/events").json()["items"][1]["headline"].startswith("Rocket attack")
    changed = json.loads(json.dumps(events))
    changed[0]["headline"] = "Rocket attack, revised"
    changed[0]["location"]["lat"] = 1.5
    with Database(path) as db:  # as the pipeline would, while the server runs
        db.replace_events(changed[:2])
    body = c.get("/api/events").json()
    assert body["total"] == 2
    assert body["items"][1]["headline"] == "Rocket attack, revised"
    assert body["items"][1]["location"]["lat"] == 1.5


def test_a_file_that_is_not_a_database_fails_at_start(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database " * 100)
    with pytest.raises(NewsfuseError) as err:
        create_app(str(bad))
    assert err.value.code.name == "E042"
