"""CI gate: event date on the first GVA incidents (by id) stays above its floors (measured minus 0.02)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package (drop once pytest sets pythonpath = ["."])
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.common import data_dir, load_floors  # noqa: E402

pytestmark = pytest.mark.skipif(not (data_dir() / "gva").exists(), reason="needs ../shared/data/gva")

# Incidents in the CI subset: the first 60 by id (0.750 exact-day, 0.867 within a day when the floors were first set;
# 0.800 and 0.900 when exact-day was raised to 0.78).
CI_INCIDENTS = 60


def test_gva_when_floor() -> None:
    from eval.gva_when import run

    results = run(CI_INCIDENTS)
    for metric, floor in load_floors("gva_when").items():
        assert results[metric] >= floor, f"{metric} {results[metric]:.3f} < floor {floor}"
