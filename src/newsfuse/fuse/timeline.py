"""The dated timeline of one event: each happening once, told by the sentence that tells it best, cited by all.

Every body sentence holding a date or time expression is a telling of a happening on that date (this event, an
earlier attack it recalls, a visit it comes before).  Tellings with the same date and precision that share enough
of their content words (TIMELINE_OVERLAP) are one happening: seven outlets writing that rockets struck the base on
Wednesday make one item, with seven citations, not seven items.  The item's text is the telling that shares most
with the others (ties: the shorter), its `sources` the independent sources (copy groups) telling it, and
`this_event` whether it is dated on the event's own day.  A month and day is dated in the year the article told that
month with when the event date reads it so (`fuse.when.told_year_days`), so the two agree.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from newsfuse.fuse.when import (CONTRACT_PRECISION, PRECISION_RANK, body_layout, clip_lines, period_start, sentence_of,
                                 told_year_days)
from newsfuse.model import Analysis

# Two tellings of one date are one happening when this share of the shorter one's content words is in the other.
# Set by hand on the sample corpus (no timeline evaluation set yet): 0.3 groups the Ain al-Asad tellings of the day
# and keeps the Pope's visit, said the same day, apart.
TIMELINE_OVERLAP = 0.3

# Words that tell nothing of what happened: function words, dates, and attribution ("officials said", "security
# forces told reporters"), so that two sentences sharing only who said them stay two happenings.
_STOP = frozenset(
    "a an the and or but of in on at to for from by with as that this these those it its was were is are be been has "
    "have had after before since when which who said says say told according also than more about into over last "
    "next this week month year today yesterday monday tuesday wednesday thursday friday saturday sunday "
    "statement officials official spokesman spokeswoman spokesperson source sources reported reporters added "
    "security forces police ministry".split()
)
MIN_SHARED_WORDS = 2  # and at least this many content words in common (set by hand with TIMELINE_OVERLAP)
_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= MIN_SHARED_WORDS else 0.0


def timeline(
    analyses: Sequence[Analysis], groups: Mapping[str, str] | None = None, event_day: str | None = None
) -> list[dict[str, Any]]:
    """Dated happenings the articles tell (this event and earlier or later ones), one item each, sorted by date."""
    groups = groups or {}
    tellings: dict[tuple[str, str], list[dict[str, Any]]] = {}
    seen: set[tuple[str, str, int, int]] = set()
    for a in sorted(analyses, key=lambda x: x.id):  # the result does not depend on the order articles came in
        body, starts = body_layout(a)
        clips = clip_lines(a.article.text) if ":" in a.article.text else []
        moved = told_year_days(a)  # "the Dec. 6 shooting" after "in December 2014": dated as the event date dates it
        for t in a.times:
            if t.kind not in ("date", "time") or not t.value or t.precision not in PRECISION_RANK or t.attached == "stamp":
                continue
            if clips and any(s <= t.span.start < e for s, e in clips):
                continue  # a line of the page's video list ("1:42 Crash closes I-95 Tuesday") is no telling
            where = sentence_of(body, t, starts)
            start = period_start(t.value)
            if where is None or start is None:
                continue
            _, sentence = where
            day, precision = moved.get((t.span.start, t.span.end), start[0]).isoformat(), CONTRACT_PRECISION[start[1]]
            if (day, precision, a.id, sentence.start) in seen:
                continue  # a sentence with two expressions of one date is one telling
            seen.add((day, precision, a.id, sentence.start))
            text = " ".join(a.article.text[sentence.start:sentence.end].split())
            tellings.setdefault((day, precision), []).append({
                "text": text, "words": _content(text), "group": groups.get(a.id, a.id),
                "evidence": a.span(sentence.start, sentence.end).to_json(),
            })
    items = []
    for (day, precision), told in tellings.items():
        for happening in _happenings(told):
            best = max(happening, key=lambda x: (sum(_overlap(x["words"], y["words"]) for y in happening), -len(x["text"])))
            items.append({
                "date": day,
                "precision": precision,
                "text": best["text"],
                "this_event": bool(event_day) and precision == "day" and day == event_day,
                "sources": len({x["group"] for x in happening}),
                "evidence": [best["evidence"]] + [x["evidence"] for x in happening if x is not best],
            })
    return sorted(items, key=lambda it: (it["date"], _ORDER[it["precision"]], -it["sources"], it["text"]))


def _happenings(told: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Tellings of one date grouped into happenings: the connected parts of the "shares enough words" graph."""
    parent = list(range(len(told)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(told)):
        for j in range(i + 1, len(told)):
            if _overlap(told[i]["words"], told[j]["words"]) >= TIMELINE_OVERLAP:
                parent[root(j)] = root(i)
    parts: dict[int, list[dict[str, Any]]] = {}
    for i, x in enumerate(told):
        parts.setdefault(root(i), []).append(x)
    return list(parts.values())
