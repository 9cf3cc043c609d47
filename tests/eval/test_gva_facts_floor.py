"""CI floor: casualty counts and participants on a fixed GVA subset (eval/gva_facts.py)."""

from __future__ import annotations

import pytest

from eval.common import data_dir, load_floors

# incidents in the fixed shuffled order of eval.gva_facts; about 40 s on one core
SUBSET_INCIDENTS = 60


@pytest.mark.skipif(not (data_dir() / "gva").exists(), reason="../shared/data/gva not available")
def test_gva_facts_floor() -> None:
    from eval.gva_facts import evaluate

    floors = load_floors("gva_facts")
    assert floors, "eval/floors/gva_facts.json is missing"
    res = evaluate(SUBSET_INCIDENTS)
    for metric, floor in floors.items():
        assert res[metric] >= floor, f"{metric} {res[metric]} fell below its floor {floor}"
