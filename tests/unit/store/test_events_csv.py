"""events.csv: ACLED-style columns, with actor1 / actor2 picked from the event's actors."""

from __future__ import annotations

import csv
import io

from newsfuse.store.files import CSV_COLUMNS, events_csv, main_actors

ACTORS = [
    {"name": "No group has claimed", "role": "perpetrator", "status": "unknown"},
    {"name": "Ain al-Asad air base", "role": "target", "status": "confirmed"},
    {"name": "Iran-backed militias", "role": "perpetrator", "status": "suspected"},
    {"name": "Kataib al-Furat", "role": "perpetrator", "status": "denied"},
    {"name": "a US civilian contractor", "role": "victim", "status": "confirmed"},
]


def test_main_actors_prefer_claims_and_skip_unknown_and_denied() -> None:
    a1, a2 = main_actors(ACTORS)
    assert a1 is not None and a1["name"] == "Iran-backed militias"
    assert a2 is not None and a2["name"] == "Ain al-Asad air base"
    claimed = ACTORS + [{"name": "Saraya X", "role": "perpetrator", "status": "claimed"}]
    assert main_actors(claimed)[0]["name"] == "Saraya X"
    assert main_actors([ACTORS[0], ACTORS[3]]) == (None, None)


def test_csv_rows_have_every_column() -> None:
    ev = {"id": "ev-1", "actors": ACTORS, "date": {"value": "2021-03-03"}, "sources": [{"article": "a", "outlet": "X"}]}
    rows = list(csv.DictReader(io.StringIO(events_csv([ev]))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["actor1"] == "Iran-backed militias" and rows[0]["actor1_status"] == "suspected"
    assert rows[0]["actor2"] == "Ain al-Asad air base" and rows[0]["event_date"] == "2021-03-03"


def test_actor2_is_not_actor1_and_new_columns_come_last() -> None:
    same = [{"name": "Police", "role": "perpetrator", "status": "confirmed"},
            {"name": "police", "role": "target", "status": "confirmed"},
            {"name": "a bystander", "role": "victim", "status": "confirmed"}]
    a1, a2 = main_actors(same)
    assert a1["name"] == "Police" and a2["name"] == "a bystander"
    assert CSV_COLUMNS[-3:] == ("actor1", "actor1_status", "actor2")
