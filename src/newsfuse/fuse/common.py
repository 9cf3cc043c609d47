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
