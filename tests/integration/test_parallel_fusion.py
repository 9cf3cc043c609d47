"""Events fused in worker processes equal events fused in the parent (fusion is a pure function of members)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse import pipeline
from newsfuse.ingest import read_inputs
from newsfuse.model import Article
from newsfuse.store.db import Database

from tests.support import SAMPLES


def test_parallel_fusion_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [a for a in read_inputs([str(SAMPLES / "articles")]) if isinstance(a, Article)]
    with Database(tmp_path / "serial.db") as db:
        serial = pipeline.process(articles, db, pipeline.RunOptions(workers=1))
    calls: list[int] = []
    real = pipeline.fuse_events

    def spy(jobs, workers=1):
        calls.append(workers)
        return real(jobs, workers)

    monkeypatch.setattr(pipeline, "MIN_PARALLEL_FUSION", 1)
    monkeypatch.setattr(pipeline, "fuse_events", spy)
    with Database(tmp_path / "parallel.db") as db:
        parallel = pipeline.process(articles, db, pipeline.RunOptions(workers=2), precomputed=list(serial.analyses.values()))
    assert calls == [2]
    assert len(serial.events) >= 3
    assert parallel.events == serial.events
