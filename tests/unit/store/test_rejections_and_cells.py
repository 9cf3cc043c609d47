"""The database keeps every input's rejections once; CSV cells never start a formula."""

from __future__ import annotations

from pathlib import Path

from newsfuse.store.db import Database
from newsfuse.store.files import csv_cell, events_csv


def test_rejections_are_kept_once_in_the_order_first_seen(tmp_path: Path) -> None:
    a = {"stage": "ingest", "code": "E010", "path": "f.jsonl", "position": "line 2", "message": "[E010] x", "kept": False}
    b = {**a, "position": "line 5"}
    with Database(tmp_path / "n.db") as db:
        db.put_rejections([a, b])
        db.put_rejections([a])  # a rerun over the same input
    with Database(tmp_path / "n.db", readonly=True) as db:
        assert db.rejections() == [a, b]


def test_formula_like_text_cells_get_an_apostrophe_and_numbers_do_not() -> None:
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"
    assert csv_cell("+972 Magazine") == "+972 Magazine" and csv_cell("-") == "-" and csv_cell("-3C night") == "-3C night"
    assert csv_cell(-3.5) == -3.5 and csv_cell("Reuters") == "Reuters" and csv_cell(None) is None
    row = events_csv([{"id": "ev-1", "sources": [{"article": "a", "outlet": "=cmd|' /C calc'!A0"}]}]).splitlines()[1]
    assert ",'=cmd" in row
