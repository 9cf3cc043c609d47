"""Run every evaluation harness over ../shared/data in turn; each writes eval/results/<task>.json.

    python -m eval.run_all [--only times,places]

The full set takes a while on 2 cores (GVA has 4,797 articles); parsed analyses are cached by
eval/cache.py and the harnesses' own caches, keyed by the code, so a second run is much faster.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

# (task, module arguments): the full-data configuration each harness is reported with in the README.
HARNESSES: tuple[tuple[str, list[str]], ...] = (
    ("times", ["eval.times"]),
    ("places", ["eval.places"]),
    ("gva_when", ["eval.gva_when"]),
    ("gva_where", ["eval.gva_where"]),
    ("gva_facts", ["eval.gva_facts"]),
    ("eventtype", ["eval.eventtype"]),
    ("quotes", ["eval.quotes"]),
    ("copies", ["eval.copies"]),
    ("clusters", ["eval.clusters"]),
    ("contradictions", ["eval.contradictions"]),
    ("brief", ["eval.brief"]),
    ("pipeline", ["eval.pipeline"]),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every evaluation harness.")
    parser.add_argument("--only", default="", help="comma-separated task names")
    args = parser.parse_args(argv)
    only = {t for t in args.only.split(",") if t}
    failed = []
    for task, command in HARNESSES:
        if only and task not in only:
            continue
        t0 = time.perf_counter()
        print(f"== {task}: python -m {' '.join(command)}", flush=True)
        proc = subprocess.run([sys.executable, "-m", *command])
        print(f"== {task}: exit {proc.returncode} in {time.perf_counter() - t0:.0f}s", flush=True)
        if proc.returncode:
            failed.append(task)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
