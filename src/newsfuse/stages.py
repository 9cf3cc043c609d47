"""The per-article stage runner.

Each stage is a pure function of one `Analysis` that returns it with some
fields set.  A stage declares what it needs and what it sets, and
`check_order` refuses a list where a stage needs something no earlier stage
sets (spaCy's component ordering, for our record).  A stage that fails on one
article yields a coded `Rejection` for that stage and leaves its fields empty:
one bad article never stops a run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from newsfuse.errors import E, NewsfuseError
from newsfuse.model import Analysis, Article, Rejection
from newsfuse.segment import segment

# Fields an Analysis has before any extraction stage runs.
BASE_FIELDS = ("article", "sentences", "doc", "mentions")


@dataclass(frozen=True)
class Stage:
    """A named per-article step: `run(analysis) -> analysis` with declared needs and outputs."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Analysis], Analysis]


def check_order(stages: Sequence[Stage]) -> None:
    """Raise `[E031]` when a stage needs a field that no earlier stage sets."""
    available = set(BASE_FIELDS)
    for stage in stages:
        for need in stage.requires:
            if need not in available:
                raise NewsfuseError(E.E031, stage=stage.name, needs=need)
        available.update(stage.assigns)


# The extraction stages in the order they run; each module exposes `STAGE`.
EXTRACTION_MODULES: tuple[str, ...] = (
    "newsfuse.extract.pubdate",
    "newsfuse.extract.places",
    "newsfuse.extract.times",
    "newsfuse.extract.quantities",
    "newsfuse.extract.casualties",
    "newsfuse.extract.actors",
    "newsfuse.extract.participants",
    "newsfuse.extract.quotes",
    "newsfuse.extract.eventtype",
    "newsfuse.extract.claims",
)


def default_stages() -> list[Stage]:
    """The extraction stages of EXTRACTION_MODULES, checked for order."""
    stages: list[Stage] = []
    for name in EXTRACTION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a stage still being written on a branch
            if exc.name != name:
                raise
            continue
        stages.append(module.STAGE)
    check_order(stages)
    return stages


def prepare(article: Article) -> Analysis:
    """The segment stage: sentences with roles, before the spaCy pass."""
    return Analysis(article=article, sentences=segment(article.text, article.title))


def run_stages(analysis: Analysis, stages: Iterable[Stage], rejections: list[Rejection]) -> Analysis:
    """Run each stage on one parsed article; a failing stage becomes a Rejection, not a crash."""
    for stage in stages:
        try:
            analysis = stage.run(analysis)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the run
            rejections.append(
                Rejection(
                    stage=stage.name,
                    code="E030",
                    where=analysis.article.source or analysis.article.id,
                    position=analysis.article.id,
                    message=E.E030.format(stage=stage.name, reason=f"{type(exc).__name__}: {exc}"),
                )
            )
    return analysis


def analyse_text(
    text: str,
    published: str | None = None,
    title: str | None = None,
    article_id: str = "a1",
    stages: Sequence[Stage] | None = None,
    **article_fields: Any,
) -> Analysis:
    """Analyse one text with every stage (or the given ones), keeping the Doc: for tests and notebooks."""
    from newsfuse.annotate import annotate

    article = Article(id=article_id, text=text, title=title, published=published, **article_fields)
    (analysis,) = annotate([prepare(article)])
    rejections: list[Rejection] = []
    analysis = run_stages(analysis, default_stages() if stages is None else stages, rejections)
    if rejections:
        raise RuntimeError("; ".join(r.message for r in rejections))
    return analysis
