"""End-to-end floors: `process` (predicted copies and events included) on a fixed subset of real news.

Subset: the first 150 news-clusters articles and the first 40 GVA incidents (by id); the floors in
eval/floors/pipeline.json are the figures measured on it minus 0.02, raised as results improve.
"""

from __future__ import annotations

import pytest

from eval.common import data_dir, load_floors
from eval.pipeline import evaluate_gva, evaluate_news_clusters

pytestmark = pytest.mark.skipif(not (data_dir() / "gva").exists(), reason="../shared/data is not beside the repo")

FLOORS = load_floors("pipeline")


def test_news_clusters_end_to_end_floor() -> None:
    figures = evaluate_news_clusters(limit=150, workers=2)
    assert figures["bcubed"]["f1"] >= FLOORS["news-clusters.bcubed_f1"], figures


def test_gva_end_to_end_floor() -> None:
    figures = evaluate_gva(limit=40, workers=2)
    assert figures["bcubed"]["f1"] >= FLOORS["gva.bcubed_f1"], figures
    for field in ("date", "city", "state", "killed", "injured"):
        assert figures[f"{field}_accuracy"] >= FLOORS[f"gva.{field}_accuracy"], (field, figures)
