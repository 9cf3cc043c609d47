"""Scale-out: the per-article stages as a map over a Dask cluster.

The per-article stages are pure functions of one article, so they distribute
as they are: chunks of articles go to the workers (each loads the spaCy model
once and keeps it), analyses come back without their Docs, and the
cross-article stages (copies, clustering, fusion) run where the database is.
Install with `pip install "newsfuse[scale]"`; start workers with
`dask worker SCHEDULER` on each machine that has newsfuse installed.
"""

from __future__ import annotations

from typing import Any, Sequence

from newsfuse.model import Analysis, Article, Rejection
from newsfuse.pipeline import CHUNK_SIZE, ProgressFn, _analyse_chunk, _chunks


def analyse_on_dask(
    articles: Sequence[Article],
    client: Any,
    progress: ProgressFn | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> tuple[list[Analysis], list[Rejection]]:
    """Run every per-article stage on a Dask cluster; results keep the input order."""
    from distributed import as_completed

    chunks = list(_chunks(articles, chunk_size))
    futures = client.map(_analyse_chunk, chunks, pure=False)
    position = {f.key: i for i, f in enumerate(futures)}
    results: list[tuple[list[Analysis], list[Rejection]] | None] = [None] * len(futures)
    for future in as_completed(futures):
        i = position[future.key]
        results[i] = future.result()
        if progress:
            progress(len(chunks[i]))
    analyses: list[Analysis] = []
    rejections: list[Rejection] = []
    for done in results:
        assert done is not None
        analyses.extend(done[0])
        rejections.extend(done[1])
    return analyses, rejections
