"""Entity-ruler patterns: what en_core_web_sm misses, collected from the extractors that need them."""

from __future__ import annotations

from typing import Any


def ruler_patterns() -> list[dict[str, Any]]:
    """All patterns for the entity ruler that runs before spaCy's NER."""
    from newsfuse.annotate.place_patterns import PLACE_PATTERNS
    from newsfuse.annotate.time_patterns import TIME_PATTERNS

    return [*PLACE_PATTERNS, *TIME_PATTERNS]
