"""The per-article stages give the same analyses on a Dask cluster as in-process."""

from __future__ import annotations

import pytest

from newsfuse.model import Article
from newsfuse.pipeline import analyse_articles

distributed = pytest.importorskip("distributed")


def test_dask_map_equals_local_run() -> None:
    from newsfuse.scale import analyse_on_dask

    articles = [
        Article(id=f"a{i}", text=f"Rockets hit the Al Asad air base in Iraq on Wednesday, officials said. Report {i}.",
                published="2021-03-04")
        for i in range(5)
    ]
    local, local_rej = analyse_articles(articles)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        seen: list[int] = []
        remote, remote_rej = analyse_on_dask(articles, client, progress=seen.append, chunk_size=2)
    assert [a.id for a in remote] == [a.id for a in local]
    assert remote == local and remote_rej == local_rej
    assert sum(seen) == len(articles)
