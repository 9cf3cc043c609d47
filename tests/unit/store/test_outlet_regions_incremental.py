"""The outlet-region second pass of event locations: runs over a database in several batches give the events of one
run over all the articles, and only the events whose outlets' usual region changed are located again."""

from __future__ import annotations

from pathlib import Path

from newsfuse.model import Article
from newsfuse.pipeline import RunOptions, process
from newsfuse.store.db import Database

# One local station: two stories from Illinois, then a "Springfield" with no state (alone, the most
# populous Springfield, in Missouri); another station's story elsewhere.
ILLINOIS = [
    Article(id="il-1", url="https://www.wxyz-example.com/news/a", published="2021-03-01",
            text="Two men were shot on Friday outside a bar in Rockford, Illinois, police said. One of them died."),
    Article(id="il-2", url="https://wxyz-example.com/news/b", published="2021-04-12",
            text="A woman was killed in a crash on Interstate 55 near Bloomington, Illinois, on Monday, state police said."),
]
SPRINGFIELD = Article(id="sp-1", url="https://wxyz-example.com/news/c", published="2021-05-20",
                      text="A teenager was shot and wounded on Wednesday night in Springfield, police said. "
                           "The victim was taken to a hospital.")
ELSEWHERE = Article(id="tx-1", url="https://other-example.com/story", published="2021-05-21",
                    text="A man was arrested on Thursday after a robbery at a store in Abilene, Texas, police said.")


def _run(path: Path, *batches: list[Article]) -> tuple[list[dict], list[list[str]]]:
    """Events of the database after the batches, and the ids of the events each run created or updated."""
    updated = []
    for batch in batches:
        with Database(path) as db:
            result = process(batch, db, RunOptions(workers=1))
            updated.append(sorted(e["id"] for e in result.events))
    with Database(path) as db:
        return sorted(db.events(), key=lambda e: e["id"]), updated


def _location_of(events: list[dict], article_id: str) -> dict:
    return next(e["location"] for e in events if article_id in e["articles"])


def test_incremental_runs_equal_one_run_with_outlet_regions(tmp_path: Path) -> None:
    whole, _ = _run(tmp_path / "whole.db", [*ILLINOIS, SPRINGFIELD, ELSEWHERE])
    # The station's usual region places its Springfield in Illinois, with the text's span as evidence.
    loc = _location_of(whole, "sp-1")
    assert (loc["name"], loc["admin1"]) == ("Springfield", "Illinois")
    assert loc["evidence"] and loc["evidence"][0]["text"] == "Springfield"
    assert "in Springfield, Illinois" in next(e for e in whole if "sp-1" in e["articles"])["headline"]

    # Springfield first: alone it is Missouri's; the Illinois stories arriving later move it, in the stored event.
    step, updated = _run(tmp_path / "step.db", [SPRINGFIELD], [*ILLINOIS], [ELSEWHERE])
    first_alone, _ = _run(tmp_path / "alone.db", [SPRINGFIELD])
    assert _location_of(first_alone, "sp-1")["admin1"] == "Missouri"
    assert step == whole
    springfield_event = next(e["id"] for e in whole if "sp-1" in e["articles"])
    assert springfield_event in updated[1]  # located again when its station's other stories arrived
    assert springfield_event not in updated[2]  # another station's story changes nothing of it

    # Any split of the batches, in any order of arrival by date, gives the same events.
    other, _ = _run(tmp_path / "other.db", [ILLINOIS[0]], [SPRINGFIELD, ELSEWHERE], [ILLINOIS[1]])
    assert other == whole


def test_a_database_without_stored_outlet_regions_gets_them_from_its_events(tmp_path: Path) -> None:
    import sqlite3

    from newsfuse.pipeline import STATE_OUTLET_REGIONS

    whole, _ = _run(tmp_path / "whole.db", [*ILLINOIS, SPRINGFIELD])
    path = tmp_path / "old.db"
    _run(path, [SPRINGFIELD])
    with sqlite3.connect(path) as conn:  # as if an older newsfuse (single-pass locations) had built it
        conn.execute("DELETE FROM state WHERE key = ?", (STATE_OUTLET_REGIONS,))
    step, _ = _run(path, [*ILLINOIS])
    assert step == whole


def test_second_pass_on_forked_workers_equals_serial() -> None:
    import multiprocessing

    import pytest

    from newsfuse.pipeline import _second_pass
    from newsfuse.stages import analyse_text

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    by_id = {a.id: analyse_text(a.text, article_id=a.id, url=a.url).with_(doc=None) for a in [*ILLINOIS, SPRINGFIELD]}
    homes = {"wxyz-example.com": ("US", "Illinois")}
    jobs = [("ev-s", ["sp-1"], homes), ("ev-i", ["il-1", "il-2"], homes)]
    serial = _second_pass(jobs, by_id, workers=1)
    assert _second_pass(jobs, by_id, workers=2, min_parallel=1) == serial
    assert serial["ev-s"]["admin1"] == "Illinois"
