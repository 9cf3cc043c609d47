"""CI gate for eval/clusters: B-cubed F1 of copies + online clustering on a small dev subset stays above its floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# eval/ lives at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.clusters import floor_subset  # noqa: E402
from eval.common import data_dir, load_floors  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (data_dir() / "ecbplus" / "dev.jsonl.gz").exists(), reason="needs ../shared/data"
)


def test_clusters_floor() -> None:
    measured = floor_subset()
    floors = load_floors("clusters")
    assert floors and set(floors) <= set(measured)
    for metric, floor in floors.items():
        assert measured[metric] >= floor, f"{metric} {measured[metric]:.3f} < floor {floor}"
