"""Entity-ruler patterns for clock times the statistical model tags as numbers ("7.20am", "4.20am GMT").

A bare "1.65" is a price, not a time: every pattern needs am/pm or a time zone word.
"""

from __future__ import annotations

from typing import Any

_ZONE_WORDS = ["GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "BST", "CET", "CEST"]
_AMPM = ["am", "pm", "a.m.", "p.m.", "a.m", "p.m"]

TIME_PATTERNS: list[dict[str, Any]] = [
    # "7.20am", "7:20pm" in one token, optionally "local time" or a zone after it
    {"label": "TIME", "pattern": [{"TEXT": {"REGEX": r"^\d{1,2}(?:[.:]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)$"}}, {"LOWER": "local", "OP": "?"}, {"LOWER": "time", "OP": "?"}, {"TEXT": {"IN": _ZONE_WORDS}, "OP": "?"}]},
    # "7.20 am", "7:20 p.m." in two tokens
    {"label": "TIME", "pattern": [{"TEXT": {"REGEX": r"^\d{1,2}(?:[.:]\d{2})?$"}}, {"LOWER": {"IN": _AMPM}}, {"LOWER": "local", "OP": "?"}, {"LOWER": "time", "OP": "?"}, {"TEXT": {"IN": _ZONE_WORDS}, "OP": "?"}]},
    # "0720 GMT", "7.20 local time", "19:30 UTC"
    {"label": "TIME", "pattern": [{"TEXT": {"REGEX": r"^(?:\d{1,2}[.:]\d{2}|[012]\d[0-5]\d)$"}}, {"TEXT": {"IN": _ZONE_WORDS}}]},
    {"label": "TIME", "pattern": [{"TEXT": {"REGEX": r"^\d{1,2}[.:]\d{2}$"}}, {"LOWER": "local"}, {"LOWER": "time"}]},
]
