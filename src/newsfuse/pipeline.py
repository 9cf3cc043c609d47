"""The whole flow: inputs -> analyses -> copies -> events -> fused records -> files and database.

Per-article work (segment, one spaCy pass, extraction) is a pure function of
one article and runs in a process pool; cross-article work (copies, clustering,
fusion) runs in the parent over the analyses, which carry no spaCy Doc.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Sequence

from newsfuse.model import Analysis, Article, Rejection
from newsfuse.stages import Stage, default_stages, prepare, run_stages

ProgressFn = Callable[[int], None]

# Articles sent to a worker at a time: large enough for nlp.pipe batching, small enough for a smooth
# progress bar.  Measured with benchmarks/throughput.py on ../shared/data/gva.
CHUNK_SIZE = 64


@dataclass
class RunResult:
    """What a run produced: analyses by article id, events, and every rejection and note."""

    analyses: dict[str, Analysis] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    copy_of: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    article_events: dict[str, list[str]] = field(default_factory=dict)
    read: int = 0
    new_articles: int = 0


def _analyse_chunk(articles: Sequence[Article]) -> tuple[list[Analysis], list[Rejection]]:
    """Worker body: segment, parse and extract a chunk of articles; Docs are dropped before returning."""
    from newsfuse.annotate import annotate

    stages = default_stages()
    rejections: list[Rejection] = []
    out: list[Analysis] = []
    prepared: list[Analysis] = []
    for article in articles:
        try:
            prepared.append(prepare(article))
        except Exception as exc:  # noqa: BLE001 - a segmentation bug must not stop the run
            rejections.append(_stage_failure("segment", article, exc))
    for analysis in annotate(prepared):
        analysis = run_stages(analysis, stages, rejections)
        out.append(analysis.with_(doc=None))
    return out, rejections


def _stage_failure(stage: str, article: Article, exc: Exception) -> Rejection:
    from newsfuse.errors import E

    return Rejection(
        stage=stage,
        code="E030",
        where=article.source or article.id,
        position=article.id,
        message=E.E030.format(stage=stage, reason=f"{type(exc).__name__}: {exc}"),
    )


def _chunks(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _init_worker() -> None:
    from newsfuse.annotate import load_nlp

    load_nlp()


def analyse_articles(
    articles: Sequence[Article],
    workers: int = 1,
    progress: ProgressFn | None = None,
) -> tuple[list[Analysis], list[Rejection]]:
    """Run every per-article stage; results keep the input order whatever the number of workers."""
    analyses: list[Analysis] = []
    rejections: list[Rejection] = []
    chunks = list(_chunks(articles, CHUNK_SIZE))
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            done, rej = _analyse_chunk(chunk)
            analyses.extend(done)
            rejections.extend(rej)
            if progress:
                progress(len(chunk))
        return analyses, rejections
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for chunk, (done, rej) in zip(chunks, pool.map(_analyse_chunk, chunks)):
            analyses.extend(done)
            rejections.extend(rej)
            if progress:
                progress(len(chunk))
    return analyses, rejections


def default_workers() -> int:
    """One worker per core, at most 4 (each holds a spaCy model, about 200 MB)."""
    return max(1, min(4, os.cpu_count() or 1))


def event_id_for(seed_article_id: str) -> str:
    """An event's id comes from the first article that opened it, so it survives later additions."""
    return "ev-" + hashlib.sha1(seed_article_id.encode("utf-8")).hexdigest()[:12]
