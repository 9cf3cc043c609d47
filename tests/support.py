"""Helpers shared by the integration tests (imported as `tests.support`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m newsfuse ARGS` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args], capture_output=True, text=True, input=stdin, cwd=REPO, timeout=600
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_key(article: dict[str, Any]) -> str:
    """The gold file names articles by file name, or `articles.jsonl#ID` for JSON Lines rows."""
    source = article["source"]
    if "articles.jsonl" in source:
        return f"articles.jsonl#{article['id']}"
    return Path(source).name
