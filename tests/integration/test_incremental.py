"""`newsfuse run NEW --db EXISTING` continues the events of an earlier run and equals one run over everything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsfuse.ingest import read_inputs
from newsfuse.model import Article

from tests.support import SAMPLES, gold_key, read_jsonl, run_cli


def _write_batch(path: Path, articles: list[Article]) -> None:
    rows = [
        {"id": a.id, "text": a.text, "title": a.title, "url": a.url, "outlet": a.outlet, "published": a.published}
        for a in articles
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _membership(events: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {e["id"]: sorted(e["articles"]) for e in events}


def test_incremental_run_equals_one_run(tmp_path: Path) -> None:
    gold = json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))
    event_of = {k: ev["key"] for ev in gold["events"] for k in ev["articles"]}
    articles = [a for a in read_inputs([str(SAMPLES / "articles")]) if isinstance(a, Article)]
    keyed = {gold_key({"source": a.source, "id": a.id}): a for a in articles}
    # Earlier happenings first: the February events, then the March one, as a feed would deliver them.
    first = [a for k, a in keyed.items() if not event_of[k].startswith("asad")]
    second = [a for k, a in keyed.items() if event_of[k].startswith("asad")]
    _write_batch(tmp_path / "1.jsonl", first)
    _write_batch(tmp_path / "2.jsonl", second)

    whole = tmp_path / "whole"
    assert run_cli("run", str(tmp_path / "1.jsonl"), str(tmp_path / "2.jsonl"), "--out", str(whole), "-q").returncode == 0
    step = tmp_path / "step"
    db = step / "nf.db"
    assert run_cli("run", str(tmp_path / "1.jsonl"), "--out", str(step), "--db", str(db), "-q").returncode == 0
    after_first = _membership(read_jsonl(step / "events.jsonl"))
    proc = run_cli("run", str(tmp_path / "2.jsonl"), "--out", str(step), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert f"({len(second)} new)" in proc.stderr

    whole_events = read_jsonl(whole / "events.jsonl")
    step_events = read_jsonl(step / "events.jsonl")
    assert _membership(step_events) == _membership(whole_events)
    # Events of the first batch keep their ids when the second batch arrives.
    assert set(after_first) <= set(_membership(step_events))
    assert step_events == whole_events

    # Running the same batch again adds nothing and changes nothing.
    again = run_cli("run", str(tmp_path / "2.jsonl"), "--out", str(step), "--db", str(db))
    assert "(0 new)" in again.stderr
    assert read_jsonl(step / "events.jsonl") == step_events


def test_database_built_by_other_code_gets_a_note(tmp_path: Path) -> None:
    import sqlite3

    from newsfuse.pipeline import META_ANALYSIS_CODE

    articles = [a for a in read_inputs([str(SAMPLES / "articles" / "wirepress-erbil.txt")]) if isinstance(a, Article)]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    _write_batch(first, articles)
    _write_batch(second, [Article(id="later", text="Police said a man was arrested on Friday in Erbil.", published="2021-02-20")])
    out, db = tmp_path / "out", tmp_path / "news.db"
    assert run_cli("run", str(first), "--out", str(out), "--db", str(db), "-q").returncode == 0
    rejected = out / "rejected.jsonl"
    assert not rejected.exists() or "E043" not in rejected.read_text(encoding="utf-8")
    with sqlite3.connect(db) as conn:  # as if an older newsfuse had built it
        conn.execute("UPDATE meta SET value = 'older' WHERE key = ?", (META_ANALYSIS_CODE,))
    assert run_cli("run", str(second), "--out", str(out), "--db", str(db), "-q").returncode == 0
    notes = [r for r in read_jsonl(rejected) if r["code"] == "E043"]
    assert len(notes) == 1 and notes[0]["kept"] is True and "older" in notes[0]["message"]
    with sqlite3.connect(db) as conn:  # as if built before the fingerprint was kept
        conn.execute("DELETE FROM meta WHERE key = ?", (META_ANALYSIS_CODE,))
    assert run_cli("run", str(second), "--out", str(out), "--db", str(db), "-q").returncode == 0
    notes = [r for r in read_jsonl(rejected) if r["code"] == "E043"]
    assert len(notes) == 1 and "unknown" in notes[0]["message"]


def test_clusterer_state_of_an_older_version_is_a_coded_error(tmp_path: Path, monkeypatch) -> None:
    import pytest

    from newsfuse.cluster import OnlineClusterer
    from newsfuse.errors import NewsfuseError
    from newsfuse.pipeline import RunOptions, process
    from newsfuse.store.db import Database

    first = Article(id="a1", text="Police said a man was shot on Friday in Erbil and taken to hospital.", published="2021-02-20")
    later = Article(id="a2", text="A second man was arrested on Saturday in Erbil, police said.", published="2021-02-21")
    with Database(tmp_path / "news.db") as db:
        process([first], db, RunOptions(workers=1))

    def old_state(data: bytes) -> OnlineClusterer:
        raise ValueError("clusterer state of an older version; rebuild it")

    monkeypatch.setattr(OnlineClusterer, "load", staticmethod(old_state))
    with Database(tmp_path / "news.db") as db, pytest.raises(NewsfuseError) as err:
        process([later], db, RunOptions(workers=1))
    assert err.value.code.name == "E044" and "older version" in str(err.value)
