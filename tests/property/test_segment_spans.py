"""Property: segmentation never invents or shifts text, whatever the Unicode."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.model import SENTENCE_ROLES, Span
from newsfuse.segment import segment

ALPHABET = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc"))
TEXTS = st.text(alphabet=ALPHABET, max_size=400) | st.lists(
    st.sampled_from(["Rockets hit.", "Mr. Smith said.", "🚀 Émile", "e\u0301", "\r\n", "\n", " ", "Share on Facebook", "ok?"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentences_are_ordered_non_overlapping_and_resolve(text: str) -> None:
    last_end = 0
    for s in segment(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        last_end = s.end
        assert s.role in SENTENCE_ROLES
        span = Span.of("a", text, s.start, s.end)
        assert text[span.start:span.end] == span.text
        if s.duplicate_of is not None:
            assert s.role == "duplicate"
