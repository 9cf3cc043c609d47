"""CI floor for the event location (Gun Violence Archive, first 60 incidents by id)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package (drop once pytest sets pythonpath = ["."])
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import data_dir, load_floors  # noqa: E402

pytestmark = pytest.mark.skipif(not (data_dir() / "gva" / "incidents.jsonl.gz").exists(), reason="GVA data not present")


def test_gva_where_floors() -> None:
    from eval.gva_where import ci_figures

    figures = ci_figures()
    for metric, floor in load_floors("gva_where").items():
        assert figures[metric] >= floor, f"{metric} {figures[metric]:.4f} fell below its floor {floor}"
