"""Fuse the actors of one event across its articles: one entry per identity, with its strongest status.

Identity:
- a place named as a target is its gazetteer id ("Ain al-Asad air base" = "Al Asad Airbase"), and a bare
  common noun naming a target ("the base") is the named target it heads, when there is exactly one;
- a described victim, target or suspect ("a US civilian contractor", "An American civilian contractor",
  "the contractor", "a civilian") is one entry with the descriptions that say the same or less about the
  same number of people: the words of one are among the words of the other (nationality adjectives and
  their country's short name compared as one), and the numbers they state agree;
- a named perpetrator is its normalised name: merging "militias" into "Iran-backed militias" could lend one
  group's denial to another, so perpetrators are only merged when their names are equal;
- "no group has claimed responsibility" is no actor with a name: all such statements are one perpetrator
  entry with a null name and the status "unknown", beside whatever group another source says claimed it.

`sources` counts independent sources (copy groups) naming the actor, not mentions; `aliases` lists the other
names the sources use for it.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from newsfuse.model import Actor, Analysis

# When sources give an actor different statuses, the strongest attribution wins.
STATUS_RANK = {"confirmed": 4, "claimed": 3, "denied": 2, "suspected": 1, "unknown": 0}

# Roles whose actors are descriptions of people or things ("a civilian contractor", "the base") more often than
# names, and whose descriptions are merged when one says no more than the other.
DESCRIBED_ROLES = frozenset({"victim", "target", "suspect"})

_ARTICLES = frozenset({"a", "an", "the", "one", "this", "that", "its", "their", "his", "her"})
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 12,
}
# Adjectives and short names of one country, compared as one word.
_DEMONYMS = {
    "us": "american", "u s": "american", "usa": "american", "united states": "american",
    "uk": "british", "britain": "british", "u k": "british",
    "iraqi": "iraq", "iranian": "iran", "syrian": "syria", "turkish": "turkey", "israeli": "israel",
}


def _words(name: str) -> tuple[int | None, frozenset[str]]:
    """(number stated or implied, content words) of a description; the number is None when none is said."""
    n = re.sub(r"[^\w\s]", " ", name.lower())
    n = re.sub(r"\b(u) (s|k)\b", r"\1\2", n)
    count: int | None = None
    words: list[str] = []
    for w in n.split():
        if w in _ARTICLES:
            count = count if count is not None else (1 if w in ("a", "an", "one") else None)
            continue
        if w.isdigit():
            count = int(w)
            continue
        if w in _NUMBER_WORDS:
            count = _NUMBER_WORDS[w]
            continue
        if w in ("at", "least", "some", "about", "around", "more", "than", "other", "another"):
            continue
        words.append(_DEMONYMS.get(w, w))
    return count, frozenset(words)


def _counts_agree(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _describes_same(a: tuple[int | None, frozenset[str]], b: tuple[int | None, frozenset[str]]) -> bool:
    """Whether two descriptions can be of the same actor: agreeing numbers, and one's words within the other's."""
    (ca, wa), (cb, wb) = a, b
    if not wa or not wb or not _counts_agree(ca, cb):
        return False
    return wa <= wb or wb <= wa


def _name_key(name: str) -> str:
    n = re.sub(r"[^\w\s]", " ", name.lower())
    n = re.sub(r"\b(the|a|an|jr|sr|ii|iii)\b", " ", n)
    return " ".join(n.split())


class _Entry:
    __slots__ = ("name", "role", "status", "groups", "evidence", "names", "words", "place_id")

    def __init__(self, act: Actor, place_id: str | None) -> None:
        self.name = act.name
        self.role = act.role
        self.status = act.status
        self.groups: set[str] = set()
        self.evidence: list[dict[str, Any]] = []
        self.names: dict[str, int] = {}
        self.words = [_words(act.name)]
        self.place_id = place_id

    def add(self, act: Actor, group_id: str) -> None:
        self.groups.add(group_id)
        if STATUS_RANK.get(act.status, 0) > STATUS_RANK.get(self.status, 0):
            self.status = act.status
        self.names[act.name] = self.names.get(act.name, 0) + 1
        self.evidence.append(act.span.to_json())

    def absorb(self, other: "_Entry") -> None:
        self.groups |= other.groups
        if STATUS_RANK.get(other.status, 0) > STATUS_RANK.get(self.status, 0):
            self.status = other.status
        for n, c in other.names.items():
            self.names[n] = self.names.get(n, 0) + c
        self.evidence.extend(other.evidence)
        self.words.extend(other.words)
        self.place_id = self.place_id or other.place_id

    def compatible(self, words: tuple[int | None, frozenset[str]]) -> bool:
        return all(_describes_same(w, words) for w in self.words)

    def to_json(self) -> dict[str, Any]:
        unnamed = self.role == "perpetrator" and self.status == "unknown" and self.place_id is None
        # the name: the one most sources use, then the most specific (longest)
        name = max(self.names, key=lambda n: (self.names[n], len(n))) if self.names else self.name
        aliases = sorted(n for n in {_alias_form(n) for n in self.names} if _name_key(n) != _name_key(name))
        return {
            "name": None if unnamed else name,
            "role": self.role,
            "status": self.status,
            "sources": len(self.groups),
            "aliases": [] if unnamed else _dedupe(aliases),
            "evidence": self.evidence,
        }


def _alias_form(name: str) -> str:
    return " ".join(name.split())


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = _name_key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def actors(
    analyses: Sequence[Analysis], groups: Mapping[str, str], event_date: str | None = None
) -> list[dict[str, Any]]:
    """Actors merged by role and identity (module docstring); status the strongest attribution any source gives.

    With the event's day, actors named only in sentences that recall earlier happenings are left out (the
    extraction stage could not tell for an article whose date was inferred across the event).
    """
    from newsfuse.fuse.claims import background_spans
    from newsfuse.fuse.what import _by_group, _representative

    exact: dict[tuple[str, str], _Entry] = {}
    order: list[_Entry] = []
    for group_id, members in _by_group(analyses, groups).items():
        a = _representative(members, lambda x: x.actors)
        background = background_spans(a, event_date)
        place_ids = {(p.span.start, p.span.end): p.gazetteer_id for p in a.places if p.gazetteer_id}
        for act in a.actors:
            if any(bs <= act.span.start < be for bs, be in background):
                continue
            place_id = place_ids.get((act.span.start, act.span.end)) if act.role == "target" else None
            if place_id:
                ident = f"gz:{place_id}"
            elif act.role == "perpetrator" and act.status == "unknown":
                ident = "unclaimed"  # "no group has claimed": one statement, however it is worded
            else:
                ident = _name_key(act.name)
            entry = exact.get((ident, act.role))
            if entry is None:
                entry = exact[(ident, act.role)] = _Entry(act, place_id)
                order.append(entry)
            entry.add(act, group_id)
    return [e.to_json() for e in sorted(_merge_described(order), key=lambda e: (-len(e.groups), e.name))]


def _merge_described(entries: list[_Entry]) -> list[_Entry]:
    """Entries of a described role merged into the best-supported compatible entry of the same role."""
    out: list[_Entry] = []
    # best supported first, so a vague description joins the entry most sources name
    for e in sorted(entries, key=lambda e: (-len(e.groups), -len(e.words[0][1]), e.name)):
        if e.role in DESCRIBED_ROLES:
            host = _host_for(e, out)
            if host is not None:
                host.absorb(e)
                continue
        out.append(e)
    return out


def _host_for(e: _Entry, kept: list[_Entry]) -> _Entry | None:
    count, words = e.words[0]
    for k in kept:
        if k.role != e.role:
            continue
        if e.place_id and k.place_id:
            continue  # two places with gazetteer ids are two places
        if e.role == "target" and (e.place_id or k.place_id):
            # a bare common noun ("the base") joins the named place it heads; a place joins nothing else
            named, bare = (k, e) if k.place_id else (e, k)
            if bare.place_id is None and len(bare.words) == 1 and len(bare.words[0][1]) == 1 and \
                    bare.name[:1].islower() and _heads(bare.words[0][1], named):
                return k
            continue
        if k.compatible((count, words)):
            return k
    return None


def _heads(noun: frozenset[str], named: _Entry) -> bool:
    """Whether a one-word description is the head (last word) of one of a named entry's names."""
    (w,) = noun
    return any(n.lower().split()[-1:] == [w] for n in named.names) if named.names else False


UNNAMED_LABEL = "no group named (no claim of responsibility)"


def label(actor: Mapping[str, Any]) -> str:
    """How an actor reads in a table or a brief: its name, or what the sources say of an unnamed perpetrator."""
    return actor.get("name") or UNNAMED_LABEL
