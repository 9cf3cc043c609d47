"""CI floor for place recognition and resolution (GeoWebNews, first 40 articles)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package (drop once pytest sets pythonpath = ["."])
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import data_dir, load_floors  # noqa: E402

pytestmark = pytest.mark.skipif(not (data_dir() / "geowebnews" / "GWN.xml").exists(), reason="GeoWebNews not present")


def test_places_floors() -> None:
    from eval.places import ci_figures

    figures = ci_figures()
    for metric, floor in load_floors("places").items():
        assert figures[metric] >= floor, f"{metric} {figures[metric]:.4f} fell below its floor {floor}"
