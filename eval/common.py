"""Where the evaluation data lives and how harnesses read it."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "eval" / "results"
FLOORS = REPO / "eval" / "floors"


def data_dir() -> Path:
    """../shared/data beside the repository, or $NEWSFUSE_DATA."""
    return Path(os.environ.get("NEWSFUSE_DATA", REPO.parent / "shared" / "data")).resolve()


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a .jsonl or .jsonl.gz file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def write_results(task: str, results: dict[str, Any]) -> Path:
    """Store a harness's figures as eval/results/<task>.json (sorted keys, for clean diffs)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{task}.json"
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_floors(task: str) -> dict[str, float]:
    """The CI floors of a task: a metric may not fall below its floor."""
    path = FLOORS / f"{task}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def hashed_split(key: object, test_mod: int = 5) -> str:
    """The fixed dev/test split shared by the harnesses: md5(key) % test_mod == 0 is "test", else "dev"."""
    import hashlib

    return "test" if int(hashlib.md5(str(key).encode()).hexdigest(), 16) % test_mod == 0 else "dev"
