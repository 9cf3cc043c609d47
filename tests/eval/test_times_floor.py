"""CI gate: time expressions on all of TimeBank stay above their floors (measured minus 0.02)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package (drop once pytest sets pythonpath = ["."])
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import data_dir, load_floors  # noqa: E402

pytestmark = pytest.mark.skipif(not (data_dir() / "timebank").exists(), reason="needs ../shared/data/timebank")


def test_times_floor() -> None:
    from eval.times import analyse_doc, load_docs, score

    results, _ = score(load_docs(), analyse_doc)
    got = {
        "all.relaxed_f1": results["all"]["relaxed"]["f1"],
        "all.strict_f1": results["all"]["strict"]["f1"],
        "all.value_accuracy": results["all"]["value_accuracy"],
    }
    for metric, floor in load_floors("times").items():
        assert got[metric] >= floor, f"{metric} {got[metric]:.3f} < floor {floor}"
