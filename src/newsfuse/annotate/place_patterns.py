"""Entity-ruler patterns for places the statistical model misses or cuts short.

Facilities (air bases, airports, streets and addresses), regions named with their
kind ("Anbar province", "Marion County"), and the gazetteer's aliases that the
model does not know ("Ain al-Asad").  Title-case runs exclude stop words so a
sentence-initial "At" or "The" never joins the name.
"""

from __future__ import annotations

from typing import Any

_NAME = {"IS_TITLE": True, "IS_STOP": False}
_STREET_WORDS = [
    "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd", "blvd.", "drive", "dr",
    "lane", "highway", "hwy", "parkway", "pkwy", "terrace", "circle", "pike", "square",
]
_REGION_WORDS = ["province", "governorate", "county", "parish", "district", "oblast", "prefecture", "region"]

# Alias names that must be recognised as facilities (kept in step with gazetteer.ALIASES).
_FACILITY_ALIASES = ("Ain al-Asad", "Ain al Asad", "Ayn al Asad", "Ain al-Asad air base", "Ain al-Asad airbase")

PLACE_PATTERNS: list[dict[str, Any]] = [
    # "Al Asad Air Base", "Ain al-Asad airbase", "Erbil International Airport"
    {"label": "FAC", "pattern": [{**_NAME, "OP": "+"}, {"LOWER": "air"}, {"LOWER": {"IN": ["base", "station"]}}]},
    {"label": "FAC", "pattern": [{**_NAME, "OP": "+"}, {"LOWER": "air"}, {"LOWER": "force"}, {"LOWER": "base"}]},
    {"label": "FAC", "pattern": [{**_NAME, "OP": "+"}, {"LOWER": {"IN": ["airbase", "airfield"]}}]},
    {"label": "FAC", "pattern": [{**_NAME, "OP": "+"}, {"LOWER": "international", "OP": "?"}, {"LOWER": "airport"}]},
    # "Anbar province", "Marion County", "Orleans Parish"
    {"label": "GPE", "pattern": [{**_NAME, "OP": "+"}, {"LOWER": {"IN": _REGION_WORDS}}]},
    # "Edwards Street", "Burning Tree Dr", "345 Burning Tree Dr"
    {"label": "FAC", "pattern": [{"LIKE_NUM": True, "OP": "?"}, {**_NAME, "OP": "+"}, {"LOWER": {"IN": _STREET_WORDS}, "IS_TITLE": True}]},
    *({"label": "FAC", "pattern": alias} for alias in _FACILITY_ALIASES),
]
