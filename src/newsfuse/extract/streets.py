"""Street words: the one list of the words that end a street's name ("Main Street", "Rio Vista Dr."), with their
abbreviations, and the regular-expression pieces built from it.

The places stage (`newsfuse.extract.places`: a place name followed by a street word names the street; an unknown name
with a street word is still a place) and the event location (`newsfuse.fuse.where`: "the 300 block of Main Street in
<town>" is the scene's town; "Maryland Drive" is no state; an unknown name with a street word is no town) read the
same words.  The list is the union of the five lists those modules wrote out before; building their expressions from it
moved no GVA incident's location (eval/gva_where, all 2,742) and no GeoWebNews figure (eval/places).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each street word with its usual written abbreviations (US Postal Service forms, as news copy writes them).
STREET_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("street", ("st",)),
    ("avenue", ("ave",)),
    ("road", ("rd",)),
    ("drive", ("dr",)),
    ("lane", ("ln",)),
    ("boulevard", ("blvd",)),
    ("highway", ("hwy",)),
    ("parkway", ("pkwy",)),
    ("court", ("ct",)),
    ("place", ("pl",)),
    ("circle", ()),
    ("terrace", ()),
    ("trail", ()),
    ("pike", ()),
    ("route", ()),
    ("way", ()),
)

# Street words that are also everyday words ("appeared in court in Marietta", "on their way in", "took place in"): they
# end a street's name only after a capitalised name ("Oak Court"), never on their own.
EVERYDAY: frozenset[str] = frozenset({"court", "way", "place"})


def words(abbreviations: bool = True, everyday: bool | None = None) -> tuple[str, ...]:
    """The street words, lower case, with their abbreviations or not; `everyday` True: only the everyday ones (see
    EVERYDAY), False: all but them, None: all."""
    out: list[str] = []
    for word, abbrevs in STREET_WORDS:
        if everyday is not None and (word in EVERYDAY) != everyday:
            continue
        out.append(word)
        if abbreviations:
            out.extend(abbrevs)
    return tuple(out)


@lru_cache(maxsize=32)
def alternation(abbreviations: bool = True, everyday: bool | None = None, plural: bool = False,
                capitalised: bool = False) -> str:
    """A regex alternation (no group, no word boundaries) of the street words (`words`): `plural` writes each full
    word with an "s" ("avenues"), `capitalised` each word with its first letter upper case ("Avenue", "Ave").  Longest
    first, so that no word is cut short by another that starts it."""
    ws = words(abbreviations, everyday)
    if plural:
        full = {w for w, _ in STREET_WORDS}
        ws = tuple(w + "s" for w in ws if w in full)
    if capitalised:
        ws = tuple(w.capitalize() for w in ws)
    return "|".join(re.escape(w) for w in sorted(ws, key=lambda w: (-len(w), w)))


def is_street_word(word: str) -> bool:
    """The word (any case, a trailing period allowed: "Ave.") is a street word or one of their abbreviations."""
    return word.lower().rstrip(".") in _ALL


_ALL = frozenset(words())
