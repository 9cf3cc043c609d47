"""CI gate for eval/copies: copy detection precision and recall on the generated dev set stay above their floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import load_floors  # noqa: E402
from eval.copies import DATA, evaluate, load_part  # noqa: E402

pytestmark = pytest.mark.skipif(not (DATA / "copies_dev.jsonl.gz").exists(), reason="run eval/copies.py --build")


def test_copies_floor() -> None:
    result = evaluate(load_part("dev"))
    floors = load_floors("copies")
    assert floors
    for metric, floor in floors.items():
        assert result[metric] >= floor, f"{metric} {result[metric]:.3f} < floor {floor}"
