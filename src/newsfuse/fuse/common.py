"""Helpers every fusion module shares: copy groups, a group's representative, name and noun normal forms."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Mapping, Sequence

from newsfuse.model import Analysis


def by_group(analyses: Sequence[Analysis], groups: Mapping[str, str]) -> dict[str, list[Analysis]]:
    """Analyses keyed by independence group, in input order (an article without a group is its own)."""
    out: dict[str, list[Analysis]] = defaultdict(list)
    for a in analyses:
        out[groups.get(a.id, a.id)].append(a)
    return out


def representative(members: list[Analysis], key: Any) -> Analysis:
    """The member of a copy group that says most about a field (ties: the first)."""
    return max(members, key=lambda a: (len(key(a)), -members.index(a)))


def norm_name(name: str) -> str:
    """A name lower-cased, without punctuation, articles or generational suffixes: "The U.S.-led coalition" ->
    "u s led coalition"."""
    n = re.sub(r"[^\w\s]", " ", name.lower())
    n = re.sub(r"\b(the|a|an|jr|sr|ii|iii)\b", " ", n)
    return " ".join(n.split())


def singular(word: str) -> str:
    """A plural noun's singular, by its ending ("rockets" -> "rocket", "militias" -> "militia", "men" -> "man")."""
    w = word.lower()
    for suffix, repl in (("ies", "y"), ("men", "man"), ("ses", "s"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    return w


# Two counts, one of them "about", within this share of each other agree (our rule: "dozens" = 12 ~ 10-15).  Set by
# hand: newsrooms round "about 10" from 8 to 12.
ABOUT_TOLERANCE = 0.25


def counts_compatible(a: tuple[float, str | None], b: tuple[float, str | None]) -> bool:
    """Whether two reported counts (value, qualifier) can both be true: "at least 10" and 12 can, 10 and 12 cannot.

    The one rule for claims (do two sentences contradict?), casualties (is a toll disputed?) and quantities (can two
    reports be one figure?, which adds a bound of its own).
    """
    (va, qa), (vb, qb) = a, b
    if va == vb:
        return True
    for (v1, q1), (v2, _q2) in ((a, b), (b, a)):
        if q1 == "at least" and v2 >= v1:
            return True
        if q1 == "at most" and v2 <= v1:
            return True
    if "about" in (qa, qb):
        return abs(va - vb) <= max(ABOUT_TOLERANCE * max(va, vb), 1.0)
    return False
