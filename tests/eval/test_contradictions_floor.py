"""CI gate for eval/contradictions: all 306 labelled claim pairs (< 90 s)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import load_floors  # noqa: E402
from eval.contradictions import PAIRS  # noqa: E402

pytestmark = pytest.mark.skipif(not PAIRS.exists(), reason="needs eval/data/contradiction_pairs.jsonl")


def test_contradictions_floor():
    from eval.contradictions import evaluate

    r = evaluate()["newsfuse"]
    measured = {f"{lab}_f1": r[lab]["f1"] for lab in ("same", "contradicts", "unrelated")}
    measured["accuracy"] = r["accuracy"]
    floors = load_floors("contradictions")
    assert set(floors) <= set(measured)
    for metric, floor in floors.items():
        assert measured[metric] >= floor, f"{metric} {measured[metric]:.3f} < floor {floor}"
