"""Entity-ruler patterns for clock times the statistical model tags as numbers ("7.20am", "4.20am GMT")."""

from __future__ import annotations

from typing import Any

TIME_PATTERNS: list[dict[str, Any]] = [
    {"label": "TIME", "pattern": [{"TEXT": {"REGEX": r"^\d{1,2}[.:]\d{2}(?:am|pm|a\.m\.|p\.m\.)?$"}}, {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m."]}, "OP": "?"}, {"LOWER": "local", "OP": "?"}, {"LOWER": "time", "OP": "?"}, {"TEXT": {"IN": ["GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "BST", "CET"]}, "OP": "?"}]},
]
