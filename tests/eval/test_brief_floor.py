"""CI gate for eval/brief: the first 25 gva incidents with 2+ articles (about 60 articles, < 90 s cold)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import data_dir, load_floors  # noqa: E402

pytestmark = pytest.mark.skipif(not (data_dir() / "gva" / "articles.jsonl.gz").exists(), reason="needs ../shared/data")

SUBSET = 25


def test_brief_floor():
    from eval.brief import evaluate

    r = evaluate(limit=SUBSET)
    ours = r["newsfuse"]
    best_baseline = max(r["lexrank"]["coverage"], r["textrank"]["coverage"])
    measured = {k: ours[k] for k in ("coverage", "date", "place", "killed", "injured")}
    measured["coverage_over_best_baseline"] = ours["coverage"] - best_baseline
    floors = load_floors("brief")
    assert ours["repeated_pairs"] <= floors.pop("repeated_pairs_max")
    assert set(floors) <= set(measured)
    for metric, floor in floors.items():
        assert measured[metric] >= floor, f"{metric} {measured[metric]:.3f} < floor {floor}"
