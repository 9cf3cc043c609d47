"""Quantities: counts with what they count and how sure the count is.

"at least 10 rockets", "seven 500lb bombs", "2,500 US troops", "dozens of protesters",
"a 122mm rocket".  Every Quantity is a span into the article; numbers that are
dates, times, money, percentages, ages or ordinals are left to other stages.

Vague counts follow ACLED's fatality conventions (its FAQ "Fatalities", 2023:
"tens" = 10, "dozens" = 12, "hundreds" = 100, and so on); for "several" and
"many" we use 10, which is how we read ACLED's codebook (2019 edition) on
unspecified plural counts, and for "a few" / "a couple of" 3 and 2 (our own
rule: the smallest honest reading).  All vague counts carry qualifier "about".
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import LIKE_NUM, LOWER

from newsfuse.model import Analysis, Quantity
from newsfuse.stages import Stage

UNITS: dict[str, str] = {
    "mm": "mm", "millimetre": "mm", "millimeter": "mm", "cm": "cm", "m": "m", "km": "km", "kilometre": "km",
    "kilometer": "km", "mile": "mile", "miles": "mile", "lb": "lb", "lbs": "lb", "pound": "lb", "kg": "kg",
    "kilogram": "kg", "ton": "ton", "tonne": "ton", "calibre": "calibre", "caliber": "calibre", "metre": "m",
    "meter": "m", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "inch", "mph": "mph",
}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "both": 2, "pair": 2, "couple": 2, "dozen": 12, "twin": 2,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague counts -> the number coded (see the module docstring for the source of each).
VAGUE_COUNTS: dict[str, int] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
    "several": 10, "many": 10, "numerous": 10, "multiple": 2, "few": 3, "couple": 2, "some": 3,
}

QUALIFIER_WORDS: list[tuple[str, str]] = [
    ("at least", "at least"), ("more than", "at least"), ("over", "at least"), ("upwards of", "at least"),
    ("no fewer than", "at least"), ("no less than", "at least"), ("in excess of", "at least"),
    ("at most", "at most"), ("up to", "at most"), ("no more than", "at most"), ("fewer than", "at most"),
    ("less than", "at most"), ("as many as", "at most"), ("under", "at most"),
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("roughly", "about"),
    ("some", "about"), ("nearly", "about"), ("almost", "about"), ("an estimated", "about"),
    ("close to", "about"), ("estimated", "about"), ("an approximate", "about"), ("perhaps", "about"),
]

_QUAL_RE = re.compile(
    r"(?i)\b(" + "|".join(sorted((re.escape(w) for w, _ in QUALIFIER_WORDS), key=len, reverse=True)) + r")\s+$"
)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_NUM_UNIT = re.compile(r"(?i)^(\d+(?:\.\d+)?)[-\s]?(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")$")
# vague words read as counts only when they count a noun ("dozens of protesters"); "many", "some" are too loose
VAGUE_NUMERALS = frozenset({"tens", "dozens", "hundreds", "thousands", "millions", "several"})
_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
_NOT_COUNTED = frozenset(
    "year years month months day days hour hours minute minutes week weeks percent % times am pm p.m. a.m.".split()
)
_MONTH_WORDS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july august "
    "september october november december".split()
)


def parse_number(words: str) -> tuple[int | float | None, bool]:
    """Value of a number expression ("2,500", "twenty-five", "two hundred", "dozens") and whether it is vague."""
    w = words.strip().lower().replace("\u2011", "-")
    if not w:
        return None, False
    if _DIGITS.match(w):
        v = float(w.replace(",", ""))
        return (int(v) if v.is_integer() else v), False
    if w in VAGUE_COUNTS:
        return VAGUE_COUNTS[w], True
    total = 0
    current = 0
    seen = False
    for part in re.split(r"[\s-]+", w):
        if part in ("and",):
            continue
        if _DIGITS.match(part):
            current += float(part.replace(",", ""))
            seen = True
        elif part == "dozen" and current:
            current *= 12  # "two dozen" is 24, not 2 + 12
            seen = True
        elif part in NUMBER_WORDS:
            current += NUMBER_WORDS[part]
            seen = True
        elif part in SCALES:
            current = max(current, 1) * SCALES[part]
            if SCALES[part] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None, False
    if not seen:
        return None, False
    v = total + current
    return (int(v) if float(v).is_integer() else v), False


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier phrase ending just before `start` ("at least ") and where it begins."""
    window = text[max(0, start - 25):start]
    m = _QUAL_RE.search(window)
    if not m:
        return None, start
    phrase = m.group(1).lower()
    qual = dict(QUALIFIER_WORDS)[phrase]
    return qual, start - (len(window) - m.start())


_PARTITIVE_HEADS = frozenset({"the", "them", "those", "these", "its", "their", "his", "her", "our", "us", "whom", "which"})
_NOT_ALONE = frozenset({"a", "an", "no", "single", "pair", "couple", "both", "twin"})
_NUMBER_LOWERS = (frozenset(NUMBER_WORDS) | frozenset(SCALES) | VAGUE_NUMERALS) - _NOT_ALONE


def _numeric_flags(doc: Any) -> list[bool]:
    """Per token of the Doc: can it be part of a number ("2,500", "twenty", "hundred", "dozens")?

    Read through one `to_array` call: most tokens are words, and building a Token object for each was most
    of this stage's time.
    """
    strings = doc.vocab.strings
    ids = {strings.add(w) for w in _NUMBER_LOWERS}
    not_alone = {strings.add(w) for w in _NOT_ALONE}
    arr = doc.to_array([LIKE_NUM, LOWER]).tolist() if len(doc) else []
    return [bool((like and low not in not_alone) or low in ids) for like, low in arr]


def _number_tokens(sent: Any, numeric: list[bool]) -> list[list[Any]]:
    """Runs of tokens forming one number ("two hundred", "2,500", "twenty - five").

    `numeric` holds `_numeric_flags` of the sentence's Doc.
    """
    doc = sent.doc
    n = len(doc)
    runs: list[list[Any]] = []
    cur: list[Any] = []
    for i in range(sent.start, sent.end):
        if numeric[i]:
            tok = doc[i]
            nxt_low = doc[i + 1].lower_ if i + 1 < n else ""
            measure = _NUM_UNIT.match(tok.text) or (_DIGITS.match(tok.text) and nxt_low in UNITS and nxt_low != "m")
            if measure:  # "500lb" is a measure of its own, not part of "seven"
                if cur:
                    runs.append(cur)
                runs.append([tok])
                cur = []
                continue
            cur.append(tok)
        elif cur and i + 1 < n and doc[i].text == "-" and doc[i + 1].like_num:
            cur.append(doc[i])
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _head_noun(last: Any) -> Any | None:
    """The noun a number counts, skipping a unit in between ("seven 500lb bombs" counts bombs)."""
    head = _head_noun_raw(last)
    while head is not None and head.lower_ in UNITS and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head
    if head is not None and head.lower_ in UNITS:
        for j in range(head.i + 1, min(len(head.doc), head.i + 3)):
            if head.doc[j].pos_ == "NOUN":
                return head.doc[j]
    return head


def _head_noun_raw(last: Any) -> Any | None:
    doc = last.doc
    if last.dep_ in ("nummod", "quantmod") and last.head.pos_ in ("NOUN", "PROPN") and last.head.i > last.i:
        return last.head
    # "dozens of protesters", "hundreds of people": the noun is the object of "of"
    nxt = last.i + 1
    if nxt < len(doc) and doc[nxt].lower_ == "of":
        for child in doc[nxt].children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                return child
    # fall back: the first noun within three tokens that follows
    for j in range(last.i + 1, min(len(doc), last.i + 4)):
        t = doc[j]
        if t.pos_ in ("NOUN",) and t.tag_ in ("NNS", "NN"):
            return t
        if t.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "CCONJ", "DET"):
            break
    return None


def extract_quantities(analysis: Analysis) -> tuple[Quantity, ...]:
    """Counted quantities in the body sentences, each a span from qualifier to counted noun."""
    doc = analysis.doc
    if doc is None:
        return ()
    text = analysis.article.text
    skip_chars: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in _SKIP_ENTS:
            skip_chars.update(range(ent.start_char, ent.end_char))
    out: list[Quantity] = []
    seen: set[tuple[int, int]] = set()
    numeric = _numeric_flags(doc)
    for sent in analysis.body_sentences():
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        for run in _number_tokens(span, numeric):
            first, last = run[0], run[-1]
            if first.idx in skip_chars:
                continue
            raw = text[first.idx:last.idx + len(last)]
            unit: str | None = None
            m = _NUM_UNIT.match(raw)
            if m:  # "122mm", "500lb"
                value, vague = parse_number(m.group(1))
                unit = UNITS[m.group(2).lower()]
            else:
                value, vague = parse_number(raw)
            if value is None:
                continue
            nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
            # ages ("23-year-old", "John, 23,") and number ranges are not counts
            if nxt is not None and nxt.text == "-" and last.i + 2 < len(doc) and doc[last.i + 2].lower_ in ("year", "years", "month", "week", "day"):
                continue
            # a part of a group named elsewhere ("one of the Iran-aligned factions", "six of them") is not a count of
            # the group (kept for claims, marked); a vague count of it is ("dozens of the protesters")
            # ("all 12 of the miners", "the three of them" are the whole group)
            partitive = bool(nxt is not None and nxt.lower_ == "of" and last.i + 2 < len(doc)
                             and doc[last.i + 2].lower_ in _PARTITIVE_HEADS and last.lower_ not in VAGUE_NUMERALS
                             and not (first.i > 0 and doc[first.i - 1].lower_ in ("all", "the", "both")))
            if unit is None and nxt is not None and nxt.lower_ in UNITS and nxt.lower_ not in ("m",):
                unit = UNITS[nxt.lower_]
                head = _head_noun(nxt) if nxt.i + 1 < len(doc) else None
                if head is None:
                    head = nxt
                end_tok = head
            else:
                head = _head_noun(last)
                if head is None:
                    continue
                end_tok = head
            if head.lower_ in _NOT_COUNTED or head.lower_.rstrip(".") in _MONTH_WORDS:
                continue  # durations, rates and dates ("15 FEB 2021") are not counts
            qual, qstart = qualifier_before(text, first.idx)
            start = qstart if qual else first.idx
            if first.lower_ == "dozen" and first.i > 0 and doc[first.i - 1].lower_ in ("a", "one"):
                start = min(start, doc[first.i - 1].idx)
            end = end_tok.idx + len(end_tok)
            if end <= start or (start, end) in seen:
                continue
            seen.add((start, end))
            if qual is None:
                qual = "about" if vague else "exact"
            what = head.text.lower() if unit is None or head is not nxt else unit
            out.append(Quantity(span=analysis.span(start, end), what=what, value=float(value), qualifier=qual, unit=unit,
                                partitive=partitive))
    return tuple(out)


def vague_count(word: str) -> int | None:
    """The number coded for a vague count word ("dozens" -> 12), or None."""
    return VAGUE_COUNTS.get(word.lower())


STAGE = Stage(
    name="quantities",
    requires=("doc", "sentences"),
    assigns=("quantities",),
    run=lambda a: a.with_(quantities=extract_quantities(a)),
)
