"""One CLI run over the sample corpus (and its bad inputs), shared by the integration tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args], capture_output=True, text=True, input=stdin, cwd=REPO, timeout=600
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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


def gold_key(article: dict[str, Any]) -> str:
    """The gold file names articles by file name, or `articles.jsonl#ID` for JSON Lines rows."""
    source = article["source"]
    if "articles.jsonl" in source:
        return f"articles.jsonl#{article['id']}"
    return Path(source).name
