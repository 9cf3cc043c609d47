"""What the clusterer compares: a sparse weighted term vector and a day per article.

Terms live in one hashed space (`HASH_BITS`), so the document-frequency table that gives IDF is a fixed
array that is learned online, article by article (no background corpus to ship, memory that does
not grow with the vocabulary).  Three kinds of term:
- words of the title and body sentences (captions, boilerplate and repeats skipped), stop words out;
- named entities (PERSON, ORG, GPE, LOC, FAC, NORP; `e:` + normalised name), and a person's surname;
- resolved places (`p:` + gazetteer id), once the places stage sets them.
Words and entities of the title and lead count more than those of later paragraphs, so an article
that recalls earlier events as background still sits with its own event; the title most (TITLE_WEIGHT), so a
headline over a body lost to a paywall notice still names its event.
Link keys (`link_keys`) are set apart from the vector: a participant's full name, an address, the event's day with its
town, which tie a follow-up to its event across months.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import Iterable

from newsfuse.extract.streets import is_street_word
from newsfuse.model import Analysis

HASH_BITS = 21  # 2M buckets: collisions among a news vocabulary of ~10^5 terms stay rare
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# Title and the first LEAD_SENTENCES body sentences weigh LEAD_WEIGHT times a later sentence.
# eval/clusters dev (light pass) at threshold 0.12 / 0.16, weights 1 / 2 / 3: news-clusters
# 0.937/0.937/0.931, 0.915/0.912/0.906; ecbplus 0.813 x3, 0.852/0.852/0.868: about neutral on these
# sets, kept at 2 because it keeps background paragraphs from pulling an article over (unit test).
LEAD_SENTENCES = 3
LEAD_WEIGHT = 2.0
# Title words weigh TITLE_WEIGHT times a later sentence's.  Archived local pages often keep a real headline over a
# body that is a paywall or sign-up notice; a heavy title keeps such an article with its event.  eval/clusters dev
# (full), B-cubed F1 news-clusters / gva (ecbplus has no titles) at 2 (the lead weight) / 3 / 4 / 6 / 8 / 10 / 12 /
# 20: 0.939 / 0.917, 0.942 / 0.917, 0.944 / 0.917, 0.944 / 0.922, 0.948 / 0.924, 0.948 / 0.922, 0.950 / 0.923,
# 0.954 / 0.919 (gva precision falls past 12).
TITLE_WEIGHT = 8.0
# An entity mention adds an entity term of this weight (on top of its words).  eval/clusters dev
# (light) at threshold 0.14, weights 1.5 / 3 / 5: news-clusters 0.929/0.909/0.897, ecbplus 0.849/0.850/0.850.
ENTITY_WEIGHT = 1.5
# Resolved places and months of time expressions (full pipeline only).  eval/clusters dev (full),
# place 0 / 1.5 x time 0 / 1: news-clusters 0.912/0.911/0.918/0.914, ecbplus 0.836/0.834/0.836/0.834: noise level.
PLACE_WEIGHT = 1.5
TIME_WEIGHT = 1.0
# Terms kept per article (highest weights): bounds the cost of a comparison.  eval/clusters dev (light),
# 40 / 60 / 100: gva 0.912/0.911/0.914, news-clusters 0.886/0.904/0.918, ecbplus 0.854/0.852/0.849.
MAX_TERMS = 100
# A dated time expression in the lead within this many days before publication is the event's day.
EVENT_DAY_LOOKBACK = 7
# The event day counts as day-precise (cluster EXACT_DAY_PENALTY) only when the parse attaches its expression to the
# event (times stage `attached`), not to the report ("police said Tuesday").  eval/clusters dev: see EXACT_DAY_PENALTY.
EXACT_ATTACHED = frozenset({"event", "event_noun"})
# Participants (victims, suspects) whose surnames compare articles ("v:" persons): those the text says were killed,
# injured or arrested (a 'victim' of political news named no one hurt).  eval/clusters dev: see PARTICIPANT_PENALTY.
PARTICIPANT_STATUS = frozenset({"killed", "injured", "arrested"})

# Link keys (`link_keys`): what a follow-up (an arrest, a trial, a vigil days or months later) shares with the first
# reports of its event while a look-alike event (another shooting that day, another town) does not: the full name of a
# participant (first and last name of someone the participants stage says was killed, injured or arrested, or makes a
# victim: LINK_ROLES), a house-number address ("1200 block of N. 38th Street"), and the event's day written in the
# follow-up with a town ("the March 3 shooting in Larose").  eval/clusters dev, pairs of articles sharing such a key,
# same / other gold event: gva 368 / 5 (names of victims or suspects), 82 / 6 (addresses), 659 / 50 (day and town, any
# day of the text); ecbplus 630 / 5, 10 / 0, 34 / 0; news-clusters 19 / 5, -, 476 / 94 (same-day events of one city:
# hence a day is looked up only when it lies LINK_DATE_MIN_BACK or more before publication, and only against an event's
# own day).  A name one side gives a participant and the other only mentions: gva 183 / 16 but ecbplus 481 / 204
# (look-alike events share their celebrities): not a key.  Clustering, B-cubed F1 dev gva / ecbplus / news-clusters /
# gva --stream (cluster.LINK_BONUS 0.05, a linked event's penalties waived, as first built): names of participants by
# status only 0.9502 / 0.9085 / 0.9574 / 0.9278, also victims 0.9514 / 0.9080 / 0.9610 / 0.9281, also suspects 0.9524 /
# 0.9061 / 0.9610 / 0.9288 (ecbplus: two firings of one coach).  At LINK_BONUS 0.1, names by status: LINK_MAX_CITIES 2
# / 3 / 4 / 6 / any: gva 0.9481 / 0.9496 / 0.9496 / 0.9502 / 0.9502, news-clusters 0.9574 but 0.9525 for any (a
# supermoon article naming six cities).  With the final settings: LINK_MAX_CITIES 3 / 6 / 10: gva 0.9505 / 0.9512 /
# 0.9512; LINK_MAX_ADDRESSES 1 / 2 / 3 / any: stream 0.9295 / 0.9297 / 0.9297 / 0.9281 (a city's round-up of the
# night's shootings); LINK_DATE_MIN_BACK 1 / 2 / 4: equal.  Also tried: only days the parse attaches to the event
# (times `attached`): gva 0.9496 -> 0.9489; towns of the title and lead only for the day looked up: stream 0.9281 ->
# 0.9268.
LINK_ROLES: frozenset[str] = frozenset({"victim"})
LINK_DATE_MIN_BACK = 2
LINK_DATE_MAX_BACK = 800  # cluster.DORMANT_DAYS: no event older is still held
LINK_MAX_CITIES = 6  # an article naming more towns (or its lead more) gives no day-and-town key
LINK_MAX_ADDRESSES = 2  # an article giving more addresses gives none (a round-up names no one event)
_LINK_CITY_PRECISION = frozenset({"city", "site"})
_LINK_NAME = re.compile(r"[^\W\d_][\w'’-]*[^\W_]", re.UNICODE)
_NAME_SUFFIX = frozenset("jr sr ii iii iv".split())
_HOUSE_BEFORE = re.compile(r"\b(\d{1,6})\s+(?:block\s+of\s+)?(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?$")

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|\b(?:19|20)\d\d\b", re.UNICODE)
# Function words and reporting verbs: they say nothing about which event an article reports.
_STOP = frozenset(
    """a about above after again against all almost also although always am among an and another any are
    around as at back be became because been before being below between both but by can cannot could did
    do does doing done down during each either else enough even ever every few for from further get gets
    got had has have having he her here hers herself him himself his how however i if in into is it its
    itself just last least less like made make many may me might more most much must my myself near neither
    never no nor not now of off often on once one only or other others our ours ourselves out over own per
    perhaps rather same she should since so some still such than that the their theirs them themselves then
    there these they this those though through thus to too toward under until up upon us very via was we
    well were what whatever when where whether which while who whom whose why will with within without would
    yet you your yours yourself two three four five first second new old year years week weeks day days time
    said says say told tells according reported report reports news monday tuesday wednesday thursday friday
    saturday sunday today yesterday morning night evening afternoon mr mrs ms also""".split()
)
_MASK = (1 << HASH_BITS) - 1
# A street named in the title or lead: up to three capitalised words, then a street type.  Its key is the name
# without house numbers, compass words or the type, its last word ("1200 block of N. 38th Street" -> "s:38th"), so
# that two spellings of one street agree; words up to a preposition are dropped (title case: "Man Shot On Elm Street").
_STREET = re.compile(
    r"\b((?:[A-Z0-9][\w'’.-]*\s+){1,3})(?:Street|Avenue|Ave|Road|Rd|Drive|Boulevard|Blvd|Lane|Ln|Court|Ct|Parkway|Pkwy|"
    r"Highway|Hwy|Terrace|Circle|Pike|Place|Way|St(?!\.?\s+[A-Z])|Dr(?!\.?\s+[A-Z]))\b"
)
# An age given in the title or lead ("3-year-old", "6 month old", "aged 14"): look-alike local shootings (a toddler
# shot in one part of town, a teenager in another) differ there, reports of one event agree.
_AGE = re.compile(
    r"\b(\d{1,3})[\s-]+(years?|yrs?|months?)[\s-]+old\b|\baged\s+(\d{1,3})\b|\b(?:boy|girl|man|woman|teen|teenager|"
    r"child|toddler|baby|infant|son|daughter|mother|father|mom|dad|brother|sister|student|officer|deputy),\s+(\d{1,3}),",
    re.IGNORECASE,
)
# Not kept: giving no ages for a title or lead about charges, arrests or a trial (whose ages are mostly the suspect's,
# so "Riverton man, 22, charged" cannot join "Girl, 3, shot"): eval/clusters gva dev 0.939 -> 0.935 (test 0.933 -> 0.939).
# Kept instead: only the ages of the people a shooting hit are compared.  An age is a suspect's or shooter's when the
# first cue word after it in its clause is one of arrest, charge or a suspect noun ("Man, 31, charged", "a 24-year-old
# man was arrested", "18-year-old suspect"), or an active verb of harm after "who" ("a 17-year-old who they say killed",
# not "who was shot"), or "identified as the gunman"; or when "by", an arrest verb or a search stands right before it
# ("shot by 7-year-old brother", "police arrest 19-year-old", "looking for 30-year-old"); "of" right before it ("death
# of 3-year-old") makes it a victim's whatever follows.  eval/clusters dev (full), B-cubed F1 gva / --stream, every age
# compared vs victims' ages only: 0.9392 / 0.9206 vs 0.9392 / 0.9205 (before OUTLET_TAIL), 0.9398 / 0.9247 (stream P/R
# 0.9382 / 0.9117) vs 0.9398 / 0.9247 (0.9375 / 0.9122) after it, with cluster.AGE_BONUS 0.04 0.9405 / 0.9253 vs 0.9405
# / 0.9251: no dev figure moves (news-clusters and ecbplus give no such ages); kept because a follow-up that names the
# suspect's age ("Man, 31, charged") is no look-alike of a first report giving the victim's.
_AGE_SUSPECT_AFTER = frozenset(
    """charged charges arrested arrest arrests held indicted accused booked jailed sentenced convicted pleads pleaded
    plead faces facing face surrenders surrendered detained suspected wanted sought guilty custody confesses admits
    gets appears appear turned turns suspect suspects shooter gunman killer""".split()
)
_AGE_VICTIM_AFTER = frozenset(
    """shot killed kills dies died dead death wounded injured hurt hospitalized hit struck slain found critical
    stable recovering remains identified shooting fatally accidentally shoots victim victims""".split()
)
_AGE_AGENT_VERBS = frozenset("shot killed kills shoots fatally opened fired gunned wounded".split())  # after "who"
_AGE_PASSIVE = frozenset("was were been being is are got gets".split())
_AGE_SUSPECT_BEFORE = re.compile(
    r"\b(?:by|arrest|arrests|arrested|charge|charges|charged|against|suspect|suspects|shooter|gunman|(?:looking|searching|"
    r"search|hunt|manhunt)\s+for)\s+(?:(?:a|an|the|his|her|their)\s+)?$", re.IGNORECASE
)
_AGE_VICTIM_BEFORE = re.compile(r"\bof\s+(?:(?:a|an|the|his|her|their)\s+)?$", re.IGNORECASE)
_AGE_CUE_WORDS = 6  # words after an age searched for its first cue word (its noun and a name, "man ... was arrested")
_CLAUSE_END = re.compile(r"[.;:!?\n|]|\s[-–—]\s")
_CUE_WORD = re.compile(r"[A-Za-z]+")
_SUSPECT_NOUNS = frozenset("suspect gunman shooter killer".split())
# A title's tail that names the outlet ("... shooting - WMC Action News 5 - Memphis, Tennessee", "... | Continuous News and
# StormTracker Weather"): cut at the first separator whose tail (at most OUTLET_TAIL_WORDS words) has an outlet word.
# Weighed as a title (TITLE_WEIGHT), such a tail made two reports of one station look alike; it is weighed as the lead
# (LEAD_WEIGHT: it still says where the station is).  eval/clusters dev (full), B-cubed F1 gva / --stream from 0.9392 /
# 0.9206 (tail in the title): dropped 0.9390 / 0.9232, weighed as later text 0.9385 / 0.9235, as the lead 0.9398 /
# 0.9247 (news-clusters and ecbplus unchanged: 0.9574 / 0.9085).
_TITLE_SEP = re.compile(r"\s[-|–—]\s")
_OUTLET_WORD = re.compile(
    r"\b(?:[KW][A-Z]{2,3}(?:-?TV|-DT|\d*)?|News|NEWS|Now|TV|Weather|Sports|Channel|ABC|CBS|NBC|FOX|Fox|CW|Radio|"
    r"Headlines|Online)\b|\w\.(?:com|net|org)\b"
)
OUTLET_TAIL_WORDS = 14
_STREET_DROP = frozenset(
    """n n. s s. e e. w w. ne nw se sw north south east west northeast northwest southeast southwest the a an on at in
    near of off block and along to from by jr sr""".split()
)


@lru_cache(maxsize=1 << 18)
def term_id(term: str) -> int:
    """The stable hashed id of a term (crc32, folded to HASH_BITS)."""
    return zlib.crc32(term.encode("utf-8")) & _MASK


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """Raw weighted term frequencies of one article, before IDF."""

    tf: dict[int, float]
    day: int | None
    # Disagreement evidence (see OnlineClusterer): whether `day` comes from a day-precise expression
    # of the text the parse attaches to the event (not the publication date), the places of the title and lead
    # ("c:" country, "a:" admin1, "g:" gazetteer id, "s:" street; "y:" an age the title or lead gives, see `ages`)
    # and the people named (surnames; "v:" + surname for a participant the text says was killed, injured or arrested).
    day_exact: bool = False
    places: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    # Term ids of named entities and resolved places: what may reopen an event after its window.
    anchors: frozenset[int] = frozenset()
    # No publication date in the article's metadata: `day`, if any, was read from the text alone (a date
    # line, an inferred publication date, a dated expression).  Such a day places the article (day penalties,
    # gaps) but does not move the stream's clock (what closes events): a date the text names may lie years
    # back, and closing every live event on its word split ECB+ events (eval/clusters).
    undated: bool = False
    # Link keys (see LINK_DATE_MIN_BACK): `links` are what the article identifies its event by (participants' full
    # names "n:", addresses "h:", its own event day with a town of its lead "d:"), indexed with its event; `link_refs`
    # are the links it looks events up by: its names and addresses, and the earlier days its text names with a town.
    links: frozenset[str] = frozenset()
    link_refs: frozenset[str] = frozenset()


def parse_day(value: str | None) -> int | None:
    """Proleptic ordinal of an ISO date (first 10 characters), None when absent or unreadable."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def event_day(analysis: Analysis) -> int | None:
    """The day the event happened: a day-precise date in the lead shortly before publication, else published."""
    return event_day_exact(analysis)[0]


def event_day_exact(analysis: Analysis) -> tuple[int | None, bool]:
    """`event_day` and whether it was read from a day-precise expression of the lead."""
    published = parse_day(analysis.reference_date)
    if not analysis.times:
        return published, False
    lead_end = _lead_end(analysis)
    for t in analysis.times:
        if t.span.start >= lead_end or t.precision != "day":
            continue
        d = parse_day(t.value)
        if d is None:
            continue
        if published is None or 0 <= published - d <= EVENT_DAY_LOOKBACK:
            return d, t.attached in EXACT_ATTACHED
    return published, False


def _lead_end(analysis: Analysis) -> int:
    body = [s for s in analysis.body_sentences() if s.role == "body"]
    if not body:
        return 0
    return body[min(LEAD_SENTENCES, len(body)) - 1].end


def _words(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        if len(w) > 2 and w not in _STOP:
            out.append(w)
    return out


def streets(text: str) -> set[str]:
    """Keys ("s:" + name) of the streets a text names (see _STREET)."""
    out: set[str] = set()
    for m in _STREET.finditer(text):
        words = m.group(1).split()
        for i in range(len(words) - 1, -1, -1):
            if words[i].lower() in _STREET_DROP:
                words = words[i + 1 :]
                break
        core = [w.lower().rstrip(".") for w in words if not w.isdigit() and w.lower() not in _STREET_DROP]
        if core:
            out.add("s:" + core[-1])
    return out


def strip_outlet(title: str) -> str:
    """A title without the outlet's name trailing it (see _OUTLET_WORD)."""
    for m in _TITLE_SEP.finditer(title):
        tail = title[m.end() :]
        if len(tail.split()) <= OUTLET_TAIL_WORDS and _OUTLET_WORD.search(tail):
            return title[: m.start()]
    return title


def ages(text: str) -> set[str]:
    """Keys ("y:" + age in years, "y:0." + months) of the ages a text gives the people a shooting hit ("a 3-year-old
    girl", "a 6-month-old boy", "aged 14", "Girl, 2, shot"); a suspect's or shooter's age is left out
    (`age_is_suspects`)."""
    out: set[str] = set()
    for m in _AGE.finditer(text):
        n, unit, aged = m.group(1), m.group(2), m.group(3) or m.group(4)
        if age_is_suspects(text, m.start(), m.end()):
            continue
        if aged:
            out.add("y:" + aged)
        elif unit.lower().startswith("month"):
            out.add("y:0." + n)
        elif int(n) < 100:  # "the 100-year-old church" is no person's age
            out.add("y:" + n)
    return out


def age_is_suspects(text: str, start: int, end: int) -> bool:
    """Whether the age text[start:end] ("31-year-old", "Man, 31,") is given a suspect or shooter (see _AGE_SUSPECT_AFTER)."""
    before = text[max(0, start - 40) : start]
    if _AGE_VICTIM_BEFORE.search(before):
        return False
    if _AGE_SUSPECT_BEFORE.search(before):
        return True
    after = text[end : end + 120]
    stop = _CLAUSE_END.search(after)
    if stop:
        after = after[: stop.start()]
    words = [w.lower() for w in _CUE_WORD.findall(after)]
    who = passive = False
    for i, w in enumerate(words[:_AGE_CUE_WORDS]):
        if w == "who":
            who = True
        elif w in _AGE_PASSIVE:
            passive = True
        if who and not passive and w in _AGE_AGENT_VERBS:
            return True
        if w in _AGE_VICTIM_AFTER:
            return w == "identified" and words[i + 1 : i + 2] == ["as"] and not _SUSPECT_NOUNS.isdisjoint(words[i + 2 : i + 4])
        if w in _AGE_SUSPECT_AFTER:
            return True
    return False


def article_terms(analysis: Analysis) -> ArticleTerms:
    """Weighted term frequencies (words, entities, places) of one article, lead counted more."""
    text = analysis.article.text
    sentences = analysis.body_sentences()
    lead_end = _lead_end(analysis)
    title_parts: list[str] = []
    lead_parts: list[str] = []
    rest_parts: list[str] = []
    for title in ([analysis.article.title] if analysis.article.title and not any(s.role == "title" for s in sentences)
                  else [text[s.start : s.end] for s in sentences if s.role == "title"]):
        kept = strip_outlet(title) or title
        title_parts.append(kept)
        if len(kept) < len(title):
            lead_parts.append(title[len(kept) :])  # the outlet's name: weighed as the lead
    for s in sentences:
        if s.role != "title":
            (lead_parts if s.end <= lead_end else rest_parts).append(text[s.start : s.end])
    counts: dict[str, float] = {}
    anchors: set[str] = set()
    persons: set[str] = set()
    places: set[str] = set()
    for parts, weight in ((title_parts, TITLE_WEIGHT), (lead_parts, LEAD_WEIGHT), (rest_parts, 1.0)):
        for w, c in Counter(_words("\n".join(parts))).items():
            counts[w] = counts.get(w, 0.0) + weight * c
    starts = [s.start for s in sentences]
    for m in analysis.mentions:
        if m.label not in ENTITY_LABELS:
            continue
        i = bisect_right(starts, m.span.start) - 1
        if i < 0 or m.span.start >= sentences[i].end:
            continue  # in a caption, boilerplate or repeat
        name = (m.entity or m.span.text).lower().strip()
        if not name:
            continue
        weight = ENTITY_WEIGHT * (LEAD_WEIGHT if m.span.start < lead_end else 1.0)
        counts["e:" + name] = counts.get("e:" + name, 0.0) + weight
        anchors.add("e:" + name)
        if m.label == "PERSON":
            persons.add(name.rsplit(" ", 1)[-1])
        if m.label == "PERSON" and " " in name:
            last = "e:" + name.rsplit(" ", 1)[1]
            counts[last] = counts.get(last, 0.0) + weight
    for p in analysis.places:
        if p.gazetteer_id:
            key = "p:" + p.gazetteer_id
            counts[key] = counts.get(key, 0.0) + PLACE_WEIGHT * (LEAD_WEIGHT if p.span.start < lead_end else 1.0)
            anchors.add(key)
        if p.span.start < lead_end and p.country_code:
            places.add("c:" + p.country_code)
            if p.admin1 and p.precision != "country":
                places.add(f"a:{p.country_code}.{p.admin1}")
            if p.gazetteer_id and p.precision in ("city", "site"):
                places.add("g:" + p.gazetteer_id)
    for t in analysis.times:
        v = t.value or ""
        if len(v) >= 7 and v[:4].isdigit() and v[4] == "-" and v[5:7].isdigit():
            key = "t:" + v[:7]  # the month an expression points at: tells look-alike events of other years apart
            counts[key] = counts.get(key, 0.0) + TIME_WEIGHT
    tf: dict[int, float] = {}
    for term, c in counts.items():
        k = term_id(term)
        tf[k] = tf.get(k, 0.0) + c
    head = "\n".join(title_parts + lead_parts)
    places |= streets(head)
    places |= ages(head)
    for part in analysis.participants:  # victims and suspects named in the text ("v:" + surname)
        if part.name and " " in part.name.strip() and part.status in PARTICIPANT_STATUS:
            persons.add("v:" + part.name.lower().split()[-1])
    day, exact = event_day_exact(analysis)
    links, refs = link_keys(analysis, day, (p[2:] for p in places if p[:2] == "g:"))
    return ArticleTerms(tf=tf, day=day, day_exact=exact, places=frozenset(places), persons=frozenset(persons),
                        anchors=frozenset(term_id(t) for t in anchors),
                        undated=parse_day(analysis.article.published) is None, links=links, link_refs=refs)


def full_name(name: str) -> str | None:
    """A person's name as "first last" (lower case, middle names, initials and suffixes out), None for one word."""
    words = [w for w in _LINK_NAME.findall(unicodedata.normalize("NFKC", name).lower()) if w not in _NAME_SUFFIX]
    return f"{words[0]} {words[-1]}" if len(words) >= 2 else None


def _address_key(number: str, words: list[str]) -> str | None:
    core = [w.lower().rstrip(".") for w in words if w.lower().rstrip(".") not in _STREET_DROP]
    return f"h:{number} {core[-1]}" if core else None


def place_addresses(analysis: Analysis) -> set[str]:
    """Keys ("h:" + house number + street name) of the addresses an article gives, read from the places stage's streets:
    a street after a house number ("the 1100 block of N. 38th Street") or starting with one ("2272 Scottwood Ave").
    (A regular expression over the whole text found 504 such keys on gva dev where this finds 439, 434 of them the
    same, at a seventh of the cost: 9 against 66 microseconds an article.)"""
    out: set[str] = set()
    text = analysis.article.text
    for p in analysis.places:
        words = p.name.split()
        if len(words) < 2 or not is_street_word(words[-1]):
            continue
        if words[0].isdigit():
            number, words = words[0], words[1:-1]
        else:
            m = _HOUSE_BEFORE.search(text, max(0, p.span.start - 32), p.span.start)
            if m is None:
                continue
            number, words = m.group(1), words[:-1]
        key = _address_key(number, words)
        if key:
            out.add(key)
    return out


def link_keys(analysis: Analysis, day: int | None, lead_cities: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(links, link_refs) of an article (see ArticleTerms)."""
    own: set[str] = set()
    for part in analysis.participants:
        if part.status in PARTICIPANT_STATUS or part.role in LINK_ROLES:
            name = full_name(part.name)
            if name:
                own.add("n:" + name)
    found = place_addresses(analysis)
    if len(found) <= LINK_MAX_ADDRESSES:  # more: a round-up of a city's shootings, whose addresses name no one event
        own |= found
    refs = set(own)
    lead_cities = set(lead_cities)
    if day is not None and len(lead_cities) <= LINK_MAX_CITIES:
        own.update(f"d:{day}|{c}" for c in lead_cities)
    published = parse_day(analysis.reference_date)
    if published is not None and analysis.times:
        cities = {p.gazetteer_id for p in analysis.places if p.gazetteer_id and p.precision in _LINK_CITY_PRECISION}
        if cities and len(cities) <= LINK_MAX_CITIES:
            for t in analysis.times:
                if t.precision != "day":
                    continue
                d = parse_day(t.value)
                if d is not None and LINK_DATE_MIN_BACK <= published - d <= LINK_DATE_MAX_BACK:
                    refs.update(f"d:{d}|{c}" for c in cities)
    return frozenset(own), frozenset(refs)


def weigh(tf: dict[int, float], idf: dict[int, float]) -> dict[int, float]:
    """L2-normalised log-TF x IDF vector, cut to the MAX_TERMS heaviest terms."""
    vec = {k: math.log1p(v) * idf[k] for k, v in tf.items()}
    if len(vec) > MAX_TERMS:
        vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS])
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}
