"""Property: every span any registered stage produces resolves into the article text, whatever the Unicode."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.model import Span
from newsfuse.stages import analyse_text

PIECES = [
    "At least 10 rockets hit Al Asad Air Base in Anbar province on Wednesday, officials said.",
    "\u201cWe are assessing the damage,\u201d Pentagon spokesman John Kirby said.",
    "A US contractor died of a heart attack. No one else was hurt.",
    "Two men, 23 and 31, were shot and killed Tuesday night in Indianapolis, police said.",
    "🚀🔥", "e\u0301t\u00e9", "\r\n", "\n\n", " ", "Share on Facebook\n", "(Image: AP)", "Erbil", "7.20am local time (4.20am GMT)",
    "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0623\u0633\u062f", "\ufeff", "\u200b", "\"", "\u2018x\u2019",
]


def spans_in(obj: object) -> list[Span]:
    found: list[Span] = []
    if isinstance(obj, Span):
        return [obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name != "doc":
                found.extend(spans_in(getattr(obj, f.name)))
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            found.extend(spans_in(x))
    elif isinstance(obj, dict):
        for x in obj.values():
            found.extend(spans_in(x))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=30), min_size=1, max_size=12).map(" ".join),
    st.sampled_from([None, "2021-03-04", "2021-03-04T10:00:00Z"]),
)
def test_all_stage_spans_resolve(text: str, published: str | None) -> None:
    analysis = analyse_text(text, published=published, article_id="p")
    for span in spans_in(analysis):
        assert span.article == "p"
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
