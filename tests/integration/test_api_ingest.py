"""POST /api/articles through the real pipeline: articles are analysed and events updated; a bad body is a 422."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi.testclient import TestClient

from newsfuse.api import create_app
from newsfuse.pipeline import ingest_objects


def test_post_articles_runs_the_pipeline(tmp_path: Path) -> None:
    db = tmp_path / "nf.db"
    client = TestClient(create_app(str(db), ingest=partial(ingest_objects, str(db))))
    body = [
        {"id": "p1", "published": "2021-03-04", "outlet": "Wire",
         "text": "At least 10 rockets struck the Al Asad air base in Iraq's Anbar province on Wednesday, "
                 "the US-led coalition said. A US civilian contractor died of a heart attack while sheltering."},
    ]
    bad = client.post("/api/articles", json=body + [{"id": "bad", "title": "no text here"}])
    assert bad.status_code == 422 and "E012" in bad.json()["error"]["message"]
    r = client.post("/api/articles", json=body)
    assert r.status_code == 200, r.text
    payload = r.json()
    assert payload["added"] == ["p1"]
    assert payload["rejected"] == []
    (event_id,) = payload["events"]
    event = client.get(f"/api/events/{event_id}").json()
    assert event["articles"] == ["p1"]
    assert event["location"]["country_code"] == "IQ"
    listed = client.get("/api/events").json()
    assert [e["id"] for e in listed["items"]] == [event_id]
    assert client.get("/api/events", params={"q": "Asad"}).json()["total"] == 1


def test_repeated_ids_in_a_post_and_ids_already_stored_lose_no_article(tmp_path: Path) -> None:
    db = tmp_path / "nf.db"
    first = {"id": "p1", "published": "2021-03-04", "text": "Three people were killed when a car bomb exploded at a market in Kirkuk on Friday, police said."}
    second = {"id": "p1", "published": "2021-03-04", "text": "At least 10 rockets struck the Al Asad air base in Anbar on Wednesday, officials said."}
    payload = ingest_objects(str(db), [first, second])
    assert payload["added"] == ["p1", "p1~2"] and [r["code"] for r in payload["rejected"]] == ["E017"]
    again = ingest_objects(str(db), [first, {**second, "id": "p1", "text": second["text"] + " No one was hurt."}])
    # the same p1 is already there; another text under p1 is kept under the first free name
    assert again["added"] == ["p1~3"] and [r["code"] for r in again["rejected"]] == ["E017", "E045"]
