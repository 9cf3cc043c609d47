"""Fuse the actors of one event across its articles: one entry per identity, with its strongest status.

Identity:
- a place named as a target is its gazetteer id ("Ain al-Asad air base" = "Al Asad Airbase"), and a bare
  common noun naming a target ("the base") is the named target it heads, when exactly one is so named;
- a described victim, target or suspect ("a US civilian contractor", "An American civilian contractor",
  "the contractor", "a civilian") is one entry with the descriptions that say the same or less about the
  same number of people: the words of one are among the words of the other (nationality adjectives and
  their country's short name compared as one), and the numbers they state agree;
- a named perpetrator is its normalised name: merging "militias" into "Iran-backed militias" could lend one
  group's denial to another, so perpetrators are only merged when their names are equal;
- at a protest, people taking part in it who are arrested or detained (protesters, "young graduates") are the
  target of the intervention, not suspects: ACLED codes them as the protest's actor and the police as intervening; a suspect is someone
  arrested for a violence the event reports (a shooting, an attack, a riot);
- "no group has claimed responsibility" names no actor: all such statements are one perpetrator entry, named
  as ACLED names an unidentified perpetrator ("Unidentified armed group"), marked `unnamed`, with the status
  "unknown", beside whatever group another source says claimed it.

`sources` counts independent sources (copy groups) naming the actor, not mentions; `aliases` lists the other
names the sources use for it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

from newsfuse.fuse.common import by_group, norm_name, representative
from newsfuse.model import Actor, Analysis

# "No group has claimed responsibility": the perpetrator as ACLED names one no source identifies, marked unnamed.
UNNAMED_NAME = "Unidentified armed group"
UNCLAIMED = "\x00unclaimed"  # the identity key of that perpetrator (no name normalises to it)

# When sources give an actor different statuses, the strongest attribution wins.
STATUS_RANK = {"confirmed": 4, "claimed": 3, "denied": 2, "suspected": 1, "unknown": 0}

# Roles whose actors are descriptions of people or things ("a civilian contractor", "the base") more often than
# names, and whose descriptions are merged when one says no more than the other.
DESCRIBED_ROLES = frozenset({"victim", "target", "suspect"})

_ARTICLES = frozenset({"a", "an", "the", "one", "this", "that", "its", "their", "his", "her"})
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}
# Vague amounts say no number: "dozens of protesters" may be the "37 protesters" of another source.
_VAGUE = frozenset("at least some about around more than other another dozen dozens several many scores hundreds".split())
# Words that say only that there were people: a description made of them and a count names no one.
_ANYONE = frozenset("people persons person individuals individual others".split())
# Adjectives and short names of one country, compared as one word.
_DEMONYMS = {
    "us": "american", "usa": "american", "uk": "british", "britain": "british",
    "iraqi": "iraq", "iranian": "iran", "syrian": "syria", "turkish": "turkey", "israeli": "israel",
}


def _words(name: str) -> tuple[int | None, frozenset[str]]:
    """(number stated or implied, content words) of a description; the number is None when none is said.

    Only the words after a possessive count ("the boy's father" is a father), an age is no number ("a
    25-year-old man" is one man), and a description of several people joined by "and" has no words: it is never
    merged with another.
    """
    low = name.lower().replace("’", "'")
    if re.search(r"\band\b|&", low):
        return None, frozenset()
    low = re.split(r"'s\s+", low)[-1]
    low = re.sub(r"(?<=\d),(?=\d{3})", "", low)  # "1,000 protesters"
    low = re.sub(r"\b\d+[\s-]*(?:years?|yrs?)[\s-]*old\b", " ", low)
    n = re.sub(r"[^\w\s]", " ", low)
    n = re.sub(r"\b(u) (s|k)\b", r"\1\2", n).replace("united states", "us").replace("united kingdom", "uk")
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
        if w in _VAGUE:
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


class _Entry:
    __slots__ = ("name", "role", "status", "groups", "evidence", "names", "words", "place_id", "unnamed")

    def __init__(self, act: Actor, place_id: str | None, unnamed: bool = False) -> None:
        self.name = act.name
        self.role = act.role
        self.status = act.status
        self.groups: set[str] = set()
        self.evidence: list[dict[str, Any]] = []
        self.names: dict[str, int] = {}
        self.words = [_words(act.name)]
        self.place_id = place_id
        self.unnamed = unnamed

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
        if self.unnamed:
            return {"name": UNNAMED_NAME, "role": self.role, "status": self.status, "unnamed": True,
                    "sources": len(self.groups), "aliases": [], "evidence": self.evidence}
        if self.role in DESCRIBED_ROLES or self.place_id:
            # the description that says most ("Ain al-Asad air base", not "base"), then the most used
            # ("37 protesters" over "dozens of protesters")
            said = {n: _words(n) for n in self.names}
            name = max(self.names, key=lambda n: (len(said[n][1]), said[n][0] is not None, self.names[n], n))
        else:  # one name in several spellings: the most used, then the longest
            name = max(self.names, key=lambda n: (self.names[n], len(n), n))
        aliases = sorted(n for n in {_alias_form(n) for n in self.names} if norm_name(n) != norm_name(name))
        return {
            "name": name,
            "role": self.role,
            "status": self.status,
            "sources": len(self.groups),
            "aliases": _dedupe(aliases),
            "evidence": self.evidence,
        }


def _alias_form(name: str) -> str:
    return " ".join(name.split())


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = norm_name(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


# Event types whose arrests are of people taking part in a lawful gathering, not of suspects (ACLED's "Protests":
# peaceful, with intervention, excessive force; a riot's arrests are of suspects).
DETAINED_ARE_TARGETS = frozenset({"Protests"})
# Who is taking part in the protest: only they turn from suspects into targets ("police arrested a man who stabbed a
# protester" keeps its suspect, and "no one was detained" names nobody).
_GATHERED = re.compile(
    r"(?i)\b(?:protesters?|protestors?|demonstrators?|activists?|marchers?|students?|graduates?|workers?|strikers?|"
    r"farmers?|teachers?|supporters?|participants?|journalists?|reporters?|organi[sz]ers?|youths?|crowds?|"
    r"residents?|villagers?|lawyers?|women|campaigners?|traders?|members?|nurses?|doctors?|miners?|drivers?|"
    r"pensioners?|fans?|locals?|defenders?|people|dozens|hundreds|thousands)\b"
)


def actors(
    analyses: Sequence[Analysis], groups: Mapping[str, str], event_date: str | None = None,
    event_type: str | None = None,
) -> list[dict[str, Any]]:
    """Actors merged by role and identity (module docstring); status the strongest attribution any source gives.

    With the event's day, actors named only in sentences that recall earlier happenings are left out (the
    extraction stage could not tell for an article whose date was inferred across the event).  With the event's
    ACLED type, people arrested at a protest are the intervention's targets (confirmed: they were detained).
    """
    from newsfuse.fuse.claims import background_spans

    exact: dict[tuple[str, str], _Entry] = {}
    order: list[_Entry] = []
    for group_id, members in by_group(analyses, groups).items():
        a = representative(members, lambda x: x.actors)
        background = background_spans(a, event_date)
        place_ids = {(p.span.start, p.span.end): p.gazetteer_id for p in a.places if p.gazetteer_id}
        for act in a.actors:
            if any(bs <= act.span.start < be for bs, be in background):
                continue
            if act.role in DESCRIBED_ROLES and _words(act.name)[1] <= _ANYONE:
                continue  # "nine people", "five other people": a count (fatalities, injured, quantities), no actor
            if act.role == "suspect" and event_type in DETAINED_ARE_TARGETS and _GATHERED.search(act.name):
                act = replace(act, role="target", status="confirmed")
            place_id = place_ids.get((act.span.start, act.span.end)) if act.role == "target" else None
            if place_id:
                ident = f"gz:{place_id}"
            elif act.role == "perpetrator" and act.status == "unknown":
                ident = UNCLAIMED  # "no group has claimed": one statement, however it is worded
            else:
                ident = norm_name(act.name)
            entry = exact.get((ident, act.role))
            if entry is None:
                entry = exact[(ident, act.role)] = _Entry(act, place_id, unnamed=ident == UNCLAIMED)
                order.append(entry)
            entry.add(act, group_id)
    return [e.to_json() for e in sorted(_merge_described(order), key=lambda e: (-len(e.groups), e.name))]


def _merge_described(entries: list[_Entry]) -> list[_Entry]:
    """Entries of a described role merged into the best-supported compatible entry of the same role.

    Places with a gazetteer id come first, then the best supported, so that a bare noun finds its place and a
    vague description joins the entry most sources name; the order does not depend on the articles' order.
    """
    out: list[_Entry] = []
    # targets with a name ("Ain al-Asad air base", "Balad air base"), which a bare noun may stand for
    named = [e for e in entries if e.role == "target" and (e.place_id or e.name[:1].isupper())]
    for e in sorted(entries, key=lambda e: (e.place_id is None, -len(e.groups), -len(e.words[0][1]), e.name)):
        if e.role in DESCRIBED_ROLES and not e.place_id:
            host = _host_for(e, out, named)
            if host is not None:
                host.absorb(e)
                continue
        out.append(e)
    return out


def _host_for(e: _Entry, kept: list[_Entry], named: list[_Entry]) -> _Entry | None:
    count, words = e.words[0]
    if e.role == "target" and len(words) == 1 and e.name[:1].islower():
        # a bare common noun ("the base") joins the named target it heads when exactly one is so named
        headed = [p for p in named if _heads(words, p)]
        if len(headed) == 1:
            return _final(headed[0], kept)
        if headed:
            return None
    if e.role == "target" and e.name[:1].isupper():
        return None  # a named target is joined only by its gazetteer id, or by a bare noun it heads
    for k in kept:
        if k.role != e.role or k.place_id:
            continue  # a place joins nothing else, and nothing but its bare noun joins it
        if k.compatible((count, words)):
            return k
    return None


def _final(entry: _Entry, kept: list[_Entry]) -> _Entry | None:
    """The kept entry that is or absorbed `entry` (None when it is not kept yet)."""
    return next((k for k in kept if k is entry or (entry.names.keys() <= k.names.keys() and k.role == entry.role)), None)


def _heads(noun: frozenset[str], named: _Entry) -> bool:
    """Whether a one-word description is the head (last word) of one of a named entry's names."""
    (w,) = noun
    return any(n.lower().split()[-1:] == [w] for n in named.names) if named.names else False


