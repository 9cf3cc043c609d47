"""CI gate for eval/quotes: the whole hand-annotated set (69 articles, 479 quotes) and its first round (185) stay above their floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package (drop once pytest sets pythonpath = ["."])
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import data_dir, load_floors  # noqa: E402
from eval.quotes import FIRST_ROUND, GOLD, run  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (data_dir() / "gva" / "articles.jsonl.gz").exists() or not GOLD.exists(), reason="needs ../shared/data"
)


def test_quotes_floor():
    r = run("all")
    floors = load_floors("quotes")
    measured = {
        "span_exact_f1": r["span_exact"]["f1"],
        "span_relaxed_f1": r["span_relaxed"]["f1"],
        "speaker_accuracy": r["speaker_accuracy"],
    }
    first = run("all", selection=FIRST_ROUND)  # the same articles: analyses are reused
    measured["first_round_speaker_accuracy"] = first["speaker_accuracy"]
    measured["first_round_span_exact_f1"] = first["span_exact"]["f1"]
    assert set(floors) <= set(measured)
    for metric, floor in floors.items():
        assert measured[metric] >= floor, f"{metric} {measured[metric]:.3f} < floor {floor}"
