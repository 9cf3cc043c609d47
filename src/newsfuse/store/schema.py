"""JSON Schema of one line of articles.jsonl and of events.jsonl, as `newsfuse schema` prints it.

Fields may be added freely (additionalProperties stays open); renaming or
dropping one is a contract change and needs a version bump.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = "1.0"

_STR_OR_NULL = {"type": ["string", "null"]}
_INT_OR_NULL = {"type": ["integer", "null"]}
_NUM_OR_NULL = {"type": ["number", "null"]}

SPAN: dict[str, Any] = {
    "type": "object",
    "required": ["article", "start", "end", "text"],
    "properties": {
        "article": {"type": "string"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "text": {"type": "string"},
    },
}
SPANS = {"type": "array", "items": {"$ref": "#/$defs/span"}}

PRECISION_DATE = {"enum": ["day", "week", "month", "year", None]}
PLACE_PRECISION = {"enum": ["site", "city", "region", "country", None]}


def article_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "newsfuse article (one line of articles.jsonl)",
        "type": "object",
        "$defs": {"span": SPAN},
        "required": ["id", "source", "outlet", "title", "url", "published", "published_inferred", "lang", "text",
                     "sentences", "events", "copy_of", "places", "times"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "source": {"type": "string"},
            "outlet": _STR_OR_NULL,
            "title": _STR_OR_NULL,
            "url": _STR_OR_NULL,
            "published": _STR_OR_NULL,
            "published_inferred": {
                "oneOf": [
                    {"type": "null"},
                    {"type": "object", "required": ["value", "method", "evidence"],
                     "properties": {"value": {"type": "string"}, "method": {"type": "string"}, "evidence": SPANS}},
                ]
            },
            "lang": _STR_OR_NULL,
            "text": {"type": "string"},
            "sentences": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["start", "end", "role"],
                    "properties": {
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 0},
                        "role": {"enum": ["body", "title", "caption", "boilerplate", "duplicate"]},
                    },
                },
            },
            "events": {"type": "array", "items": {"type": "string"}},
            "copy_of": _STR_OR_NULL,
            "places": {
                "type": "array",
                "items": {
                    "allOf": [{"$ref": "#/$defs/span"}],
                    "required": ["name", "lat", "lon", "country_code", "gazetteer_id", "precision"],
                    "properties": {
                        "name": {"type": "string"}, "lat": _NUM_OR_NULL, "lon": _NUM_OR_NULL,
                        "country_code": _STR_OR_NULL, "gazetteer_id": _STR_OR_NULL, "precision": PLACE_PRECISION,
                    },
                },
            },
            "times": {
                "type": "array",
                "items": {
                    "allOf": [{"$ref": "#/$defs/span"}],
                    "required": ["value", "precision"],
                    "properties": {"value": _STR_OR_NULL, "precision": _STR_OR_NULL},
                },
            },
        },
    }


def _count_field() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["value", "reports", "disputed"],
        "properties": {
            "value": _INT_OR_NULL,
            "reports": {
                "type": "array",
                "items": {"type": "object", "required": ["value", "article", "evidence"],
                          "properties": {"value": _INT_OR_NULL, "article": {"type": "string"}, "evidence": SPANS,
                                         "roundup": {"type": "boolean", "description": "the article rounds up several "
                                                     "incidents: its count is kept but not used for the value unless "
                                                     "every source is one"},
                                         "title": {"type": "string", "description": "the count was read from the "
                                                   "article's title, which is not part of its text"},
                                         "title_evidence": {
                                             "type": "array",
                                             "description": "spans into `title` (title[start:end] == text) that state the count",
                                             "items": {"type": "object", "required": ["start", "end", "text"],
                                                       "properties": {"start": {"type": "integer", "minimum": 0},
                                                                      "end": {"type": "integer", "minimum": 0},
                                                                      "text": {"type": "string"}}}}}},
            },
            "disputed": {"type": "boolean"},
        },
    }


def event_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "newsfuse event (one line of events.jsonl)",
        "type": "object",
        "$defs": {"span": SPAN},
        "required": ["id", "headline", "articles", "sources", "date", "location", "type", "fatalities", "injured",
                     "quantities", "actors", "quotes", "claims", "timeline", "summary"],
        "properties": {
            "id": {"type": "string"},
            "headline": {"type": "string"},
            "articles": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "sources": {
                "type": "array",
                "items": {"type": "object", "required": ["article", "outlet", "group"],
                          "properties": {"article": {"type": "string"}, "outlet": _STR_OR_NULL, "group": {"type": "string"}}},
            },
            "independent_sources": {"type": "integer", "minimum": 1,
                                    "description": "distinct copy groups among the sources"},
            "participants": {
                "type": "array",
                "items": {"type": "object", "required": ["name", "age", "gender", "role", "status", "evidence"],
                          "properties": {"name": {"type": "string"}, "age": _INT_OR_NULL, "gender": _STR_OR_NULL,
                                         "role": _STR_OR_NULL, "status": _STR_OR_NULL,
                                         "statuses": {"type": "array", "items": {"type": "string"}},
                                         "sources": {"type": "integer"}, "evidence": SPANS}},
            },
            "date": {
                "type": "object",
                "required": ["value", "time", "tz", "precision", "evidence"],
                "properties": {
                    "value": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "time": {"type": ["string", "null"], "pattern": r"^\d{2}:\d{2}$"},
                    "tz": {"type": ["string", "null"], "pattern": r"^[+-]\d{2}:\d{2}$"},
                    "precision": PRECISION_DATE,
                    "evidence": SPANS,
                    "title_evidence": {
                        "type": "array",
                        "description": "a day named by an article's headline, which is not part of its text: "
                                       "offsets into the title of the article `title_of` (title[start:end] == text)",
                        "items": {"type": "object", "required": ["title_of", "start", "end", "text"],
                                  "properties": {"title_of": {"type": "string"},
                                                 "start": {"type": "integer", "minimum": 0},
                                                 "end": {"type": "integer", "minimum": 0},
                                                 "text": {"type": "string"}}}},
                },
            },
            "location": {
                "type": "object",
                "required": ["name", "admin1", "admin2", "country_code", "lat", "lon", "precision", "gazetteer_id", "evidence"],
                "properties": {
                    "name": _STR_OR_NULL, "admin1": _STR_OR_NULL, "admin2": _STR_OR_NULL,
                    "country_code": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$"},
                    "lat": _NUM_OR_NULL, "lon": _NUM_OR_NULL, "precision": PLACE_PRECISION,
                    "gazetteer_id": _STR_OR_NULL, "evidence": SPANS,
                    "basis": {"type": "array", "items": {"enum": ["text", "title", "url", "outlet"]},
                              "description": "what the chosen place was read from: the text, a title, a web address, the outlet"},
                },
            },
            "type": {
                "type": "object",
                "required": ["event_type", "sub_event_type"],
                "properties": {"event_type": _STR_OR_NULL, "sub_event_type": _STR_OR_NULL,
                               "taxonomy": {"enum": ["acled", "news"]}, "score": {"type": "number"},
                               "evidence": SPANS},
            },
            "fatalities": _count_field(),
            "injured": _count_field(),
            "quantities": {
                "type": "array",
                "items": {"type": "object", "required": ["what", "value", "qualifier", "evidence"],
                          "properties": {"what": {"type": "string"}, "value": {"type": "number"},
                                         "qualifier": {"enum": ["exact", "at least", "at most", "about", None]},
                                         "unit": _STR_OR_NULL, "sources": {"type": "integer", "minimum": 1},
                                         "happening": {"enum": ["killed", "injured", "detained", "displaced", None],
                                                       "description": "what happened to the people counted"},
                                         "vague": {"type": "boolean",
                                                   "description": "a vague word read by ACLED's rule (dozens = 12)"},
                                         "disputed": {"type": "boolean"},
                                         "reports": {
                                             "type": "array",
                                             "description": "each distinct figure the sources give for this quantity",
                                             "items": {"type": "object", "required": ["what", "value", "qualifier", "sources", "evidence"],
                                                       "properties": {"what": {"type": "string"}, "value": {"type": "number"},
                                                                      "qualifier": {"enum": ["exact", "at least", "at most", "about", None]},
                                                                      "unit": _STR_OR_NULL, "sources": {"type": "integer", "minimum": 1},
                                                                      "vague": {"type": "boolean"},
                                                                      "evidence": SPANS}}},
                                         "evidence": SPANS}},
            },
            "actors": {
                "type": "array",
                "items": {"type": "object", "required": ["name", "role", "status", "evidence"],
                          "properties": {"name": {"type": "string"},
                                         "unnamed": {"type": "boolean",
                                                     "description": "no source names it ('no group has claimed "
                                                                    "responsibility'): the name is ACLED's "
                                                                    "'Unidentified armed group'"},
                                         "aliases": {"type": "array", "items": {"type": "string"},
                                                     "description": "the other names and descriptions sources use"},
                                         "sources": {"type": "integer", "minimum": 1},
                                         "role": {"enum": ["perpetrator", "target", "victim", "suspect", "responder", "other"]},
                                         "status": {"enum": ["confirmed", "claimed", "suspected", "denied", "unknown"]},
                                         "evidence": SPANS}},
            },
            "quotes": {
                "type": "array",
                "items": {"type": "object", "required": ["speaker", "speaker_title", "text", "articles", "evidence"],
                          "properties": {"speaker": _STR_OR_NULL, "speaker_title": _STR_OR_NULL, "text": {"type": "string"},
                                         "articles": {"type": "array", "items": {"type": "string"}}, "evidence": SPANS}},
            },
            "claims": {
                "type": "array",
                "items": {"type": "object",
                          "required": ["text", "support", "contradict", "independent_sources", "status"],
                          "properties": {"text": {"type": "string"}, "support": SPANS, "contradict": SPANS,
                                         "polarity": {"type": "string"}, "hedged": {"type": "boolean"},
                                         "attribution": _STR_OR_NULL, "background": {"type": "boolean"},
                                         "independent_sources": {"type": "integer", "minimum": 0},
                                         "status": {"enum": ["corroborated", "single-source", "disputed"]},
                                         "conflicts": {"type": "array", "items": {"type": "string"}},
                                         "disputes": {"type": "array", "items": {
                                             "type": "object", "required": ["said", "against", "reason"],
                                             "properties": {"said": {"$ref": "#/$defs/span"},
                                                            "against": {"$ref": "#/$defs/span"},
                                                            "reason": {"type": "string"}}}},
                                         "more_disputes": {"type": "integer", "minimum": 0,
                                                           "description": "conflicts not listed in disputes"}}},
            },
            "timeline": {
                "type": "array",
                "items": {"type": "object", "required": ["date", "precision", "text", "evidence"],
                          "properties": {"date": _STR_OR_NULL, "precision": _STR_OR_NULL, "text": {"type": "string"},
                                         "this_event": {"type": "boolean", "description": "dated on the event's own day"},
                                         "sources": {"type": "integer", "minimum": 1,
                                                     "description": "independent sources telling this happening"},
                                         "evidence": SPANS}},
            },
            "summary": {
                "type": "array",
                "items": {"type": "object", "required": ["text", "citations"],
                          "properties": {"text": {"type": "string"}, "citations": {**SPANS, "minItems": 1}}},
            },
        },
    }


def contract_schema() -> dict[str, Any]:
    """What `newsfuse schema` prints: the schema of one line of each output file."""
    return {"articles": {**article_schema(), "version": SCHEMA_VERSION}, "events": {**event_schema(), "version": SCHEMA_VERSION}}
