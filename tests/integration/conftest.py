"""One CLI run over the sample corpus (and its bad inputs), shared by the integration tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support import SAMPLES, read_jsonl, run_cli


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("sample-run")
    proc = run_cli("run", str(SAMPLES / "articles"), str(SAMPLES / "bad"), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    return {
        "out": out,
        "stderr": proc.stderr,
        "articles": read_jsonl(out / "articles.jsonl"),
        "events": read_jsonl(out / "events.jsonl"),
        "rejected": read_jsonl(out / "rejected.jsonl"),
        "gold": json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8")),
    }
