"""Entity-ruler patterns for places the statistical model misses (facilities such as air bases)."""

from __future__ import annotations

from typing import Any

_BASE = [{"LOWER": {"IN": ["air", "airbase", "airport", "base"]}}]

PLACE_PATTERNS: list[dict[str, Any]] = [
    # "Al Asad Air Base", "Ain al-Asad airbase", "Erbil International Airport"
    {"label": "FAC", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "air"}, {"LOWER": "base"}]},
    {"label": "FAC", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": ["airbase", "airfield"]}}]},
    {"label": "FAC", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "international", "OP": "?"}, {"LOWER": "airport"}]},
]
