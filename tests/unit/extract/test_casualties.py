"""Casualty statements and one article's totals, on hand-written sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import casualties
from newsfuse.extract.casualties import article_totals
from newsfuse.stages import analyse_text


def _totals(text: str) -> tuple[int | None, int | None]:
    a = analyse_text(text, stages=[casualties.STAGE])
    for r in a.casualties:
        assert a.article.text[r.span.start:r.span.end] == r.span.text
    t = article_totals(a.casualties)
    return t.killed, t.injured


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("Two people were killed and three others were wounded in the shooting.", 2, 3),
        ("The gunman killed two people before fleeing.", 2, None),
        ("The blast left three dead.", 3, None),
        ("A man was shot and killed Tuesday night.", 1, None),
        ("The victim, 23, died at hospital.", 1, None),
        ("Two men were shot Saturday. One died at the scene.", 1, 1),
        ("Three people were shot, one fatally.", 1, 2),
        ("The man suffered non-life-threatening injuries.", None, 1),
        ("He was taken to a local hospital in critical condition.", None, 1),
        ("A rocket attack killed a US civilian contractor and wounded two Danes.", 1, 2),
        ("A woman and her son were killed in the shooting.", 2, None),
        ("Three children and one adult were found dead.", 4, None),
        ("A man shot and killed his wife before turning the gun on himself.", 2, None),
        ("A total of 50 people were killed and 53 were injured.", 50, 53),
        ("Dozens of people were injured.", None, 12),
        ("The boy accidentally shot himself in the leg.", None, 1),
    ],
)
def test_totals(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize("text, kind", [("Police said no one was injured.", "injured"), ("No injuries were reported.", "injured"), ("Nobody was killed in the blast.", "killed")])
def test_negations_are_zero(text: str, kind: str) -> None:
    a = analyse_text(text, stages=[casualties.STAGE])
    assert any(r.kind == kind and r.value == 0 for r in a.casualties)


def test_hedged_and_other_events() -> None:
    a = analyse_text("Up to five people may have been killed, officials said.", stages=[casualties.STAGE])
    assert a.casualties and all(r.hedged for r in a.casualties)
    b = analyse_text("Last year, 400 people were killed in the city.", stages=[casualties.STAGE])
    assert not b.casualties


def test_qualifier_and_who() -> None:
    a = analyse_text("At least 10 people were killed.", stages=[casualties.STAGE])
    (r,) = [r for r in a.casualties if r.kind == "killed"]
    assert (r.value, r.qualifier) == (10, "at least")
    assert r.who == "10 people"


@settings(max_examples=25, deadline=None)
@given(prefix=st.text(alphabet="xyz ,.\n", max_size=15), n=st.integers(1, 99))
def test_spans_point_into_text(prefix: str, n: int) -> None:
    text = f"{prefix} {n} people were killed and {n} were injured."
    a = analyse_text(text, stages=[casualties.STAGE])
    assert a.casualties
    for r in a.casualties:
        assert text[r.span.start:r.span.end] == r.span.text


def test_trigger_prefilter_changes_no_report(monkeypatch) -> None:
    """The word-part prefilter only skips sentences no casualty pattern could match."""
    import re as _re
    from pathlib import Path

    from newsfuse.extract import casualties as mod
    from newsfuse.ingest import read_inputs
    from newsfuse.model import Article
    from newsfuse.stages import analyse_text

    samples = Path(__file__).resolve().parents[3] / "samples" / "articles"
    articles = [a for a in read_inputs([str(samples)]) if isinstance(a, Article)][:8]
    analyses = [analyse_text(a.text, published=a.published, title=a.title, article_id=a.id, stages=[]) for a in articles]
    filtered = [mod.extract_casualties(a) for a in analyses]
    monkeypatch.setattr(mod, "TRIGGER", _re.compile(""))
    assert [mod.extract_casualties(a) for a in analyses] == filtered
    assert any(filtered)
