"""CI gate for eval/quotes: the gold set before its third round (69 articles, 479 quotes), its first round
(185), the set before its fourth round (96 articles, 621 quotes: the "enlarged" keys), the fourth round alone
(48 articles, 202 quotes) and the whole set (144 articles, 823 quotes) stay above their floors."""

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
    whole = run("all")
    third = run("all", subset="third")  # the same articles: analyses are reused
    fourth = run("all", subset="fourth")
    old = run("all", subset="old")
    floors = load_floors("quotes")
    measured = {
        # the set before the third round keeps the keys its floors were first set on
        "span_exact_f1": old["span_exact"]["f1"],
        "span_relaxed_f1": old["span_relaxed"]["f1"],
        "speaker_accuracy": old["speaker_accuracy"],
        "enlarged_span_exact_f1": third["span_exact"]["f1"],
        "enlarged_span_relaxed_f1": third["span_relaxed"]["f1"],
        "enlarged_speaker_accuracy": third["speaker_accuracy"],
        "fourth_round_span_exact_f1": fourth["span_exact"]["f1"],
        "fourth_round_speaker_accuracy": fourth["speaker_accuracy"],
        "whole_span_exact_f1": whole["span_exact"]["f1"],
        "whole_speaker_accuracy": whole["speaker_accuracy"],
    }
    first = run("all", selection=FIRST_ROUND)
    measured["first_round_speaker_accuracy"] = first["speaker_accuracy"]
    measured["first_round_span_exact_f1"] = first["span_exact"]["f1"]
    assert set(floors) <= set(measured)
    for metric, floor in floors.items():
        assert measured[metric] >= floor, f"{metric} {measured[metric]:.3f} < floor {floor}"
