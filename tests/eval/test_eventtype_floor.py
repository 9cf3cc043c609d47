"""CI floor: event type of fused gold events on a fixed subset (eval/eventtype.py)."""

from __future__ import annotations

import pytest

from eval.common import data_dir, load_floors

# events per dataset (and GVA incidents); about 40 s on one core
SUBSET_EVENTS = 8


@pytest.mark.skipif(not (data_dir() / "news-clusters").exists(), reason="../shared/data not available")
def test_eventtype_floor() -> None:
    from eval.eventtype import evaluate

    floors = load_floors("eventtype")
    assert floors, "eval/floors/eventtype.json is missing"
    res = evaluate(SUBSET_EVENTS)
    for metric, floor in floors.items():
        assert res[metric] >= floor, f"{metric} {res[metric]} fell below its floor {floor}"
