"""Claims: sentence-level statements with the slots that let them be compared across articles.

A claim is one body sentence that states something: its numbers and what they
count, its dates, places, names and ordinals ("the second attack"), whether it
is negated, hedged ("reportedly", "is thought to") and who it is attributed to
("according to the Pentagon", "police said").  The slots are plain JSON so the
cross-article alignment (`newsfuse.fuse.claims`) works after the spaCy Doc has
been dropped.  Fields of earlier stages (quantities, casualties, times, places,
quotes) are used when present; otherwise the slots fall back to the Doc.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Iterable

from newsfuse.model import Analysis, Claim, Sentence
from newsfuse.stages import Stage

# A sentence is a claim only with this many word tokens (shorter lines are labels and fragments).
MIN_CLAIM_WORDS = 4

HEDGE_PATTERNS = re.compile(
    r"""(?ix)\b(?:
        purportedly | reportedly | allegedly | apparently | possibly | presumably | unconfirmed | rumou?red
      | (?:is|are|was|were)\ (?:thought|believed|said|suspected|understood|reported|alleged)\ to
      | (?:may|might|could)\ (?:have|be)\b | too\ early\ to | (?:it\ is|it\ was|remains|remained)\ unclear
      | not\ (?:yet\ )?(?:known|clear|confirmed) | appears?\ to | appeared\ to | seem(?:s|ed)?\ to
      | likely | unverified | claimed\ responsibility | according\ to\ (?:unconfirmed|initial|preliminary)
      | suspected | believed
    )\b"""
)

SAY_LEMMAS = frozenset(
    "say tell report state confirm announce add claim according note explain write tweet allege deny".split()
)
KILL_WORDS = frozenset(
    "killed kill kills dead died die dies death deaths fatal fatally slain murdered homicide homicides "
    "fatalities fatality lives".split()
)
INJURY_WORDS = frozenset(
    "injured injuring injure injuries injury wounded wounding wound wounds hurt hospitalized hospitalised "
    "hospital".split()
)
NUMBER_WORDS = {
    "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 12, "both": 2,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH_DAY = re.compile(
    r"(?i)\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
)
_ORDINAL_DIGITS = re.compile(r"(?i)^(\d{1,2})(?:st|nd|rd|th)$")
_WEEKDAY = re.compile(r"(?i)\b(" + "|".join(WEEKDAYS) + r")\b")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_NEGATIVE_WORDS = re.compile(r"(?i)\b(?:no\s+one|nobody|never|none\s+of)\b")
_NO_ONE = re.compile(
    r"(?i)\b(?:no\s+one|nobody|none)\b[^.;]{0,40}?\b(killed|dead|died|injured|wounded|hurt)\b"
    r"|\bno\s+(?:other\s+)?(injuries|deaths|casualties|fatalities|one\s+else)\b"
)
_ACCORDING_TO = re.compile(r"(?i)\baccording\s+to\s+((?:the\s+)?[^,.;:]{2,60})")
# News paraphrase: words that report the same happening map to one term ("wounded" ~ "injured",
# "died" ~ "killed", "gunfire" ~ "shoot"); chosen by reading the same-fact pairs of
# eval/data/contradiction_pairs.jsonl (same F1 rose on eval/contradictions).
CANONICAL = {
    **dict.fromkeys("injure wound hurt injury injured wounded".split(), "injure"),
    **dict.fromkeys("kill die dead death fatal fatally slay slain deceased".split(), "kill"),
    **dict.fromkeys("shoot gunfire gunshot shooting shot fire".split(), "shoot"),
    **dict.fromkeys("hospital hospitalize hospitalized".split(), "hospital"),
    **dict.fromkeys("child kid boy girl toddler".split(), "child"),
    **dict.fromkeys("police officer deputy sheriff authority official investigator detective".split(), "police"),
    **dict.fromkeys("suspect gunman shooter".split(), "suspect"),
    **dict.fromkeys("arrest detain apprehend custody".split(), "arrest"),
    **dict.fromkeys("charge accuse".split(), "charge"),
    **dict.fromkeys("transport take airlift fly".split(), "take"),
}
# Reporting verbs say who speaks, not what happened: left out of the compared terms.
_NON_TERMS = frozenset({"say", "accord", "tell", "add", "report"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def number_value(word: str) -> float | None:
    """A count written in digits or as a small number word ("ten" -> 10.0), else None."""
    w = word.lower().replace(",", "")
    if w[:1].isdigit() and _DECIMAL.fullmatch(w):
        return float(w)
    if w in NUMBER_WORDS and w != "no":
        return float(NUMBER_WORDS[w])
    return None


def _in(span_start: int, span_end: int, sent: Sentence) -> bool:
    return sent.start <= span_start and span_end <= sent.end


class _BySentence:
    """Items (with a `.span`) grouped by the sentence that holds them, found by bisection over sentence starts."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def group(self, items: Iterable[Any]) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = {}
        for item in items:
            i = bisect_right(self.starts, item.span.start) - 1
            if i >= 0 and _in(item.span.start, item.span.end, self.sentences[i]):
                out.setdefault(i, []).append(item)
        return out


def casualty_kind(word: str) -> str | None:
    """'killed' or 'injured' for a word that reports deaths or injuries."""
    w = word.lower()
    if w in KILL_WORDS:
        return "killed"
    if w in INJURY_WORDS:
        return "injured"
    return None


def _fallback_casualties(tokens: list[Any], text: str) -> list[dict[str, Any]]:
    """Counts of killed / injured read from the tokens when the casualties stage gave nothing."""
    out: list[dict[str, Any]] = []
    for i, tok in enumerate(tokens):
        value = number_value(tok.text)
        if value is None or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        if i > 0 and tokens[i - 1].lower_ in ("no", "of"):
            continue  # "no one was hurt" is read below; "one of the victims" is not a count
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if nxt in ("-", "year", "years") or (nxt == "-" and i + 2 < len(tokens)):
            continue  # ages: "23-year-old"
        kind = None
        for j in range(i + 1, min(len(tokens), i + 7)):  # "two people were killed", "three others wounded"
            kind = casualty_kind(tokens[j].text)
            if kind or tokens[j].text in (";", ".") or tokens[j].lower_ in ("and", "but"):
                break
        if kind is None:
            for j in range(max(0, i - 3), i):  # "killed two people"
                kind = casualty_kind(tokens[j].text) or kind
        if kind:
            out.append({"kind": kind, "value": int(value), "qualifier": "exact", "text": tok.text})
    for m in _NO_ONE.finditer(text):
        word = (m.group(1) or m.group(2) or "").lower()
        kind = "killed" if word in ("killed", "dead", "died", "deaths", "fatalities") else "injured"
        if word in ("casualties",):
            out.append({"kind": "killed", "value": 0, "qualifier": "exact", "text": m.group(0)})
        if word != "one else":
            out.append({"kind": kind, "value": 0, "qualifier": "exact", "text": m.group(0)})
    return out


def _attribution(tokens: list[Any], text: str, quote_speakers: Iterable[str]) -> str | None:
    """Who the sentence is attributed to: a quote's speaker, 'according to X', or the subject of 'said'."""
    for speaker in quote_speakers:
        if speaker:
            return speaker
    m = _ACCORDING_TO.search(text)
    if m:
        return m.group(1).strip()
    for tok in tokens:
        if tok.lemma_.lower() in SAY_LEMMAS and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN"):
                    sub = child.doc[child.left_edge.i:child.right_edge.i + 1]
                    if len(sub) <= 8:
                        return sub.text
    return None


def _polarity(tokens: list[Any], text: str) -> str:
    """'negative' when the main statement is negated ("did not", "no one was", "never")."""
    for tok in tokens:
        if tok.dep_ == "neg" and tok.head.dep_ in ("ROOT", "ccomp", "conj", "xcomp", "relcl") and tok.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return "negative"
    if _NEGATIVE_WORDS.search(text):
        return "negative"
    return "positive"


def _ordinals(tokens: list[Any]) -> list[dict[str, Any]]:
    """Ordinal counts with what they count: "the second attack" -> {what: attack, value: 2}."""
    out = []
    for tok in tokens:
        low = tok.lower_
        m = _ORDINAL_DIGITS.match(low)
        value = ORDINALS.get(low) or (int(m.group(1)) if m else None)
        if value is None or tok.pos_ in ("ADV", "VERB"):
            continue
        what = ""
        if tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
            what = tok.head.lemma_.lower()
        elif tok.pos_ == "NOUN" or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ != "NOUN":
            what = ""  # elided: "the fourth in less than three weeks"
        if what in ("time",):
            what = ""
        if what in ("degree", "floor", "grade", "street", "avenue", "district", "ward", "round", "half", "quarter"):
            continue
        out.append({"what": what, "value": value, "text": tok.text})
    return out


def _month_days(text: str) -> list[str]:
    """Day-of-month mentions as 'MM-DD' ("Jan. 27", "27 January")."""
    out = []
    for m in _MONTH_DAY.finditer(text):
        month = MONTHS[(m.group(1) or m.group(4)).lower()]
        day = int(m.group(2) or m.group(3))
        if 1 <= day <= 31:
            out.append(f"{month:02d}-{day:02d}")
    return out


def place_key(name: str, gazetteer_id: str | None) -> str:
    """The key two mentions of one place share: the gazetteer id, else the normalised name."""
    if gazetteer_id:
        return f"gz:{gazetteer_id}"
    low = re.sub(r"(?i)\b(?:the|air\s*base|airbase|base|city|county)\b", " ", name.lower())
    return "nm:" + " ".join(re.findall(r"\w+", low))


# Terms inside a person or organisation name carry this prefix: the alignment weighs them down, since
# every sentence of one event names the same people.
NAME_PREFIX = "name:"


def claim_terms(tokens: list[Any], place_spans: list[tuple[int, int, str]]) -> list[str]:
    """Normalised content terms: lemmas, numbers as digits ("ten" -> "10"), places as their key."""
    terms: list[str] = []
    used_places: set[str] = set()
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        for start, end, key in place_spans:
            if start <= tok.idx < end and key not in used_places:
                used_places.add(key)
                terms.append(key)
        value = number_value(tok.text)
        if value is not None and tok.lower_ != "one" or (tok.lower_ == "one" and tok.dep_ == "nummod"):
            terms.append(str(int(value)) if value is not None and value.is_integer() else tok.lower_)
            continue
        if tok.is_stop or not any(ch.isalnum() for ch in tok.text) or tok.lemma_.lower() in _NON_TERMS:
            continue
        lemma = tok.lemma_.lower().rstrip(".")
        lemma = CANONICAL.get(lemma, lemma)
        terms.append(NAME_PREFIX + lemma if tok.ent_type_ in _NAME_LABELS else lemma)
    return terms


def extract_claims(analysis: Analysis) -> tuple[Claim, ...]:
    """One claim per body sentence that states something, with its slots, polarity, hedge and source."""
    doc = analysis.doc
    if doc is None:
        return ()
    text = analysis.article.text
    out: list[Claim] = []
    index_of = {(s.start, s.end): i for i, s in enumerate(analysis.sentences)}
    body = sorted(analysis.body_sentences(), key=lambda s: s.start)
    by_sentence = _BySentence(body)
    quantities_in = by_sentence.group(analysis.quantities)
    casualties_in = by_sentence.group(c for c in analysis.casualties if c.value is not None)
    times_in = by_sentence.group(t for t in analysis.times if t.value and t.precision == "day")
    places_in = by_sentence.group(analysis.places)
    place_mentions_in = by_sentence.group(m for m in analysis.mentions if m.label in _PLACE_LABELS)
    names_in = by_sentence.group(m for m in analysis.mentions if m.label in _NAME_LABELS)
    for k, sent in enumerate(body):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        tokens = list(span)
        words = [t for t in tokens if t.is_alpha or t.like_num]
        if len(words) < MIN_CLAIM_WORDS:
            continue
        stext = text[sent.start:sent.end]
        numbers = [
            {"what": q.what, "value": q.value, "qualifier": q.qualifier, "text": q.span.text}
            for q in quantities_in.get(k, ())
        ]
        casualties = [
            {"kind": c.kind, "value": c.value, "qualifier": c.qualifier, "text": c.span.text}
            for c in casualties_in.get(k, ())
        ]
        if not analysis.casualties:
            casualties = _fallback_casualties(tokens, stext)
        dates = sorted({t.value for t in times_in.get(k, ())})
        month_days = sorted(set(_month_days(stext)))
        weekdays = sorted({m.group(1).lower() for m in _WEEKDAY.finditer(stext)})
        place_spans: list[tuple[int, int, str]] = []
        places: list[dict[str, Any]] = []
        for p in places_in.get(k, ()):
            key = place_key(p.name, p.gazetteer_id)
            place_spans.append((p.span.start, p.span.end, key))
            places.append({"name": p.name, "key": key})
        if not analysis.places:
            for m in place_mentions_in.get(k, ()):
                key = place_key(m.entity or m.span.text, None)
                place_spans.append((m.span.start, m.span.end, key))
                places.append({"name": m.entity or m.span.text, "key": key})
        names = sorted({m.entity or m.span.text for m in names_in.get(k, ())})
        speakers = [q.speaker or "" for q in analysis.quotes if q.span.start < sent.end and sent.start < q.span.end]
        hedges = sorted({m.group(0).lower() for m in HEDGE_PATTERNS.finditer(stext)})
        slots = {
            "numbers": numbers,
            "casualties": casualties,
            "dates": dates,
            "month_days": month_days,
            "weekdays": weekdays,
            "places": places,
            "names": names,
            "ordinals": _ordinals(tokens),
            "hedges": hedges,
            "terms": claim_terms(tokens, place_spans),
            "sentence_index": index_of[(sent.start, sent.end)],
        }
        out.append(
            Claim(
                span=analysis.span(sent.start, sent.end),
                slots=slots,
                polarity=_polarity(tokens, stext),
                hedged=bool(hedges),
                attribution=_attribution(tokens, stext, speakers),
            )
        )
    return tuple(out)


STAGE = Stage(
    name="claims",
    requires=("doc", "sentences"),
    assigns=("claims",),
    run=lambda a: a.with_(claims=extract_claims(a)),
)
