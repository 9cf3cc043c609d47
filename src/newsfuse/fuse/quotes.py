"""Merge the direct quotes of one event's articles: one entry per distinct quote, listing every outlet.

Outlets carry the same quote with different quote marks, spacing and punctuation, and often cut it short
("We are aware of the reports" vs the whole sentence), so two quotes are the same when their normalised
words are nearly equal or one is contained in the other; speakers are merged by name ("Kirby" ~
"John Kirby") and the fullest form is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from rapidfuzz import fuzz

from newsfuse.model import Analysis, Quote

# Two whole quotes are one when their normalised texts score at least this (rapidfuzz ratio, 0-100).
# Set by hand on news-clusters stories carried by several outlets (punctuation and spelling variants score
# 92-100, different quotes of one speaker below 70); no merge evaluation exists yet.
SAME_QUOTE_RATIO = 90.0
# One quote is a truncation of another when the shorter one matches inside the longer one at least this well
# (rapidfuzz partial_ratio) ...
CONTAINED_RATIO = 95.0
# ... and has at least this many words, so that short fragments ("we are aware") do not glue quotes together.
MIN_CONTAINED_WORDS = 5

_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|rev|lt|gen|col|sgt|capt|gov|sen|rep|the)\.?\s+", re.I)


@lru_cache(maxsize=1 << 16)  # quotes are compared pairwise within an event: normalise each text once
def normalise_quote(text: str) -> str:
    """Lower-cased words only, with quote marks, dashes and spacing unified."""
    t = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[\w']+", t))


@lru_cache(maxsize=1 << 14)
def normalise_speaker(name: str | None) -> str:
    """A speaker's name without honorifics, case or a possessive."""
    if not name:
        return ""
    n = unicodedata.normalize("NFKC", name).replace("’", "'").strip(" ,.").lower()
    n = re.sub(r"'s$", "", n)
    prev = None
    while prev != n:
        prev, n = n, _HONORIFIC.sub("", n)
    return " ".join(n.replace(".", "").split())


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when the names can be one person: equal, or one the tail of the other ("Kirby" ~ "John Kirby")."""
    x, y = normalise_speaker(a).split(), normalise_speaker(b).split()
    if not x or not y:
        return True  # an unknown speaker fits anyone
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return long_[-len(short):] == short or (len(short) == 1 and short[0] in long_)


def same_quote(a: str, b: str) -> bool:
    """Equal after normalising, nearly so, or one a truncation of the other."""
    na, nb = normalise_quote(a), normalise_quote(b)
    if not na or not nb:
        return False
    # score_cutoff lets rapidfuzz stop early; a score under the cut-off comes back as 0
    if na == nb or fuzz.ratio(na, nb, score_cutoff=SAME_QUOTE_RATIO) >= SAME_QUOTE_RATIO:
        return True
    shorter = na if len(na) <= len(nb) else nb
    longer = nb if shorter is na else na
    return (
        shorter.count(" ") + 1 >= MIN_CONTAINED_WORDS
        and fuzz.partial_ratio(shorter, longer, score_cutoff=CONTAINED_RATIO) >= CONTAINED_RATIO
    )


@dataclass
class _Group:
    members: list[Quote] = field(default_factory=list)

    def matches(self, q: Quote) -> bool:
        # the speaker test first: it is the cheaper one
        return any(same_speaker(q.speaker, m.speaker) and same_quote(q.span.text, m.span.text) for m in self.members)


def _fullest(names: Sequence[str]) -> str | None:
    """The longest form among compatible names, the most frequent breaking ties."""
    if not names:
        return None
    counts = Counter(names)
    return max(counts, key=lambda n: (len(normalise_speaker(n).split()), counts[n], -names.index(n)))


def merge_quotes(analyses: Sequence[Analysis]) -> list[dict[str, Any]]:
    """CONTRACT `quotes` entries for one event: [{"speaker", "speaker_title", "text", "articles", "evidence"}]."""
    groups: list[_Group] = []
    for a in analyses:
        for q in a.quotes:
            if q.kind != "direct":
                continue
            for g in groups:
                if g.matches(q):
                    g.members.append(q)
                    break
            else:
                groups.append(_Group([q]))
    out: list[dict[str, Any]] = []
    for g in groups:
        speakers = [m.speaker for m in g.members if m.speaker]
        titles = [m.speaker_title for m in g.members if m.speaker_title]
        text = max((m.span.text for m in g.members), key=lambda t: (len(normalise_quote(t)), t))
        articles: list[str] = []
        for m in g.members:
            if m.span.article not in articles:
                articles.append(m.span.article)
        out.append(
            {
                "speaker": _fullest(speakers),
                "speaker_title": Counter(titles).most_common(1)[0][0] if titles else None,
                "text": text.strip(),
                "articles": articles,
                "evidence": [m.span.to_json() for m in g.members],
            }
        )
    return out
