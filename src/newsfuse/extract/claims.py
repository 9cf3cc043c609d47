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
from bisect import bisect_left, bisect_right
from typing import Any, Iterable

from newsfuse.extract.times import DATING_PRECISIONS as PERIOD_PRECISIONS
from newsfuse.model import Analysis, Claim, Sentence
from newsfuse.stages import Stage

# A sentence is a claim only with this many word tokens (shorter lines are labels and fragments).
MIN_CLAIM_WORDS = 4
# The signature line of an embedded post: a dash, a name and the account handle in brackets.
_EMBED_SIGNATURE = re.compile(r"^\s*[—–-]{1,2}\s*[^\n]{0,80}\(@\w{1,15}\)")

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
# The same patterns for lower-cased text: several times faster than matching with (?i).
_HEDGES_LOWER = re.compile(HEDGE_PATTERNS.pattern.replace("(?ix)", "(?x)", 1))
_MONTH_DAY_LOWER = re.compile(_MONTH_DAY.pattern.replace("(?i)", ""))
_DIGIT = re.compile(r"\d")
_ORDINAL_DIGITS = re.compile(r"(?i)^(\d{1,2})(?:st|nd|rd|th)$")
_WEEKDAY_LOWER = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
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


class _Tokens:
    """The token attributes the claim slots read, for a whole Doc at once (one `to_array`, no Token objects).

    Reading `tok.lemma_`, `tok.dep_`... through spaCy Token objects cost most of this stage; the lists
    below hold the same values, indexed by token position in the Doc.
    """

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, ORTH, POS

        self.doc = doc
        rows = doc.to_array([ORTH, LOWER, LEMMA, ENT_TYPE, DEP, POS, IDX, HEAD, IS_ALPHA, LIKE_NUM, IS_PUNCT, IS_SPACE, IS_STOP])
        strings = doc.vocab.strings
        cols = rows.T.tolist()

        def lookup(values: list[int]) -> list[str]:
            table = {h: strings[h] if h else "" for h in set(values)}
            return [table[h] for h in values]

        self.text = lookup(cols[0])
        self.lower = lookup(cols[1])
        self.lemma = [x.lower() for x in lookup(cols[2])]
        self.ent = lookup(cols[3])
        self.dep = lookup(cols[4])
        self.pos = lookup(cols[5])
        self.idx = cols[6]
        n = len(self.text)
        self.head = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(cols[7])]  # HEAD is a relative offset
        self.word = [bool(a or b) for a, b in zip(cols[8], cols[9])]
        self.skip = [bool(a or b) for a, b in zip(cols[10], cols[11])]  # punctuation or space
        self.stop = [bool(x) for x in cols[12]]
        self.ends = [self.idx[i] + len(self.text[i]) for i in range(n)]

    def range_of(self, start: int, end: int) -> range:
        """Token positions overlapping the characters [start, end) (spaCy's `char_span(..., "expand")`)."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.idx, end)
        return range(first, last)


def _attribution(toks: _Tokens, positions: range, text: str, quote_speakers: Iterable[str]) -> str | None:
    """Who the sentence is attributed to: a quote's speaker, 'according to X', or the subject of 'said'."""
    for speaker in quote_speakers:
        if speaker:
            return speaker
    m = _ACCORDING_TO.search(text)
    if m:
        return m.group(1).strip()
    for i in positions:
        if toks.lemma[i] in SAY_LEMMAS and toks.pos[i] == "VERB":
            for child in toks.doc[i].children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN"):
                    sub = child.doc[child.left_edge.i:child.right_edge.i + 1]
                    if len(sub) <= 8:
                        return sub.text
    return None


_NEG_HEAD_DEPS = frozenset(("ROOT", "ccomp", "conj", "xcomp", "relcl"))
_NEG_HEAD_POS = frozenset(("VERB", "AUX", "ADJ", "NOUN"))


_DENYING_WORDS = frozenset(("no", "nobody", "none", "nothing", "never", "neither", "nor"))


def _negation(toks: _Tokens, positions: range, text: str) -> tuple[str, list[str]]:
    """The polarity of a sentence's main statement ('negative' for "did not", "no one was", "never") and the
    canonical lemmas of the words it negates ("were not taken" -> ["take"]); none listed when the whole
    statement is denied ("is not a staff writer", "no arrests have been made"), which then denies anything."""
    negative, words, whole = False, set(), False
    for i in positions:
        if toks.dep[i] == "neg":
            h = toks.head[i]
            if toks.dep[h] in _NEG_HEAD_DEPS and toks.pos[h] in _NEG_HEAD_POS:
                negative = True
                if toks.pos[h] == "AUX" or toks.stop[h]:
                    whole = True  # the copula or an auxiliary: what is denied is the predicate, not one word
                else:
                    lemma = toks.lemma[h].rstrip(".")
                    words.add(CANONICAL.get(lemma, lemma))
        elif toks.lower[i] in _DENYING_WORDS:
            whole = True
    if _NEGATIVE_WORDS.search(text):
        negative = True
    return ("negative", [] if whole else sorted(words)) if negative else ("positive", [])


_SKIPPED_ORDINAL_NOUNS = frozenset(("degree", "floor", "grade", "street", "avenue", "district", "ward", "round", "half", "quarter"))


def _ordinals(toks: _Tokens, positions: range) -> list[dict[str, Any]]:
    """Ordinal counts with what they count: "the second attack" -> {what: attack, value: 2}."""
    out = []
    n = len(toks.text)
    for i in positions:
        low = toks.lower[i]
        value = ORDINALS.get(low)
        if value is None:
            if not low[:1].isdigit():
                continue
            m = _ORDINAL_DIGITS.match(low)
            value = int(m.group(1)) if m else None
        if value is None or toks.pos[i] in ("ADV", "VERB"):
            continue
        what = ""
        h = toks.head[i]
        if toks.pos[h] == "NOUN" and h > i:
            what = toks.lemma[h]
        if what == "time":
            what = ""
        if what in _SKIPPED_ORDINAL_NOUNS:
            continue
        if value == 1 and not what:
            continue  # "the first by a pontiff", "the first to ...": a distinction, not a count of a series
        out.append({"what": what, "value": value, "text": toks.text[i]})
    return out


def _month_days(text: str) -> list[str]:
    """Day-of-month mentions as 'MM-DD' ("Jan. 27", "27 January"), from lower-cased text."""
    out: list[str] = []
    if not _DIGIT.search(text):
        return out
    for m in _MONTH_DAY_LOWER.finditer(text):
        month = MONTHS[m.group(1) or m.group(4)]  # the text is already lower-cased
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


def claim_terms(toks: _Tokens, positions: range, place_spans: list[tuple[int, int, str]]) -> list[str]:
    """Normalised content terms: lemmas, numbers as digits ("ten" -> "10"), places as their key."""
    terms: list[str] = []
    used_places: set[str] = set()
    for i in positions:
        if toks.skip[i]:
            continue
        if place_spans:
            idx = toks.idx[i]
            for start, end, key in place_spans:
                if start <= idx < end and key not in used_places:
                    used_places.add(key)
                    terms.append(key)
        low = toks.lower[i]
        value = number_value(toks.text[i])
        if value is not None and low != "one" or (low == "one" and toks.dep[i] == "nummod"):
            terms.append(str(int(value)) if value is not None and value.is_integer() else low)
            continue
        lemma = toks.lemma[i]
        if toks.stop[i] or lemma in _NON_TERMS or not any(ch.isalnum() for ch in toks.text[i]):
            continue
        lemma = lemma.rstrip(".")
        lemma = CANONICAL.get(lemma, lemma)
        terms.append(NAME_PREFIX + lemma if toks.ent[i] in _NAME_LABELS else lemma)
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
    periods_in = by_sentence.group(
        t for t in analysis.times if t.value and t.precision in PERIOD_PRECISIONS and t.attached != "stamp"
    )
    places_in = by_sentence.group(analysis.places)
    place_mentions_in = by_sentence.group(m for m in analysis.mentions if m.label in _PLACE_LABELS)
    names_in = by_sentence.group(m for m in analysis.mentions if m.label in _NAME_LABELS)
    speakers_in: dict[int, list[str]] = {}  # the speakers of the quotes overlapping each body sentence
    for q in analysis.quotes:
        j = max(0, bisect_right(by_sentence.starts, q.span.start) - 1)
        while j < len(body) and body[j].start < q.span.end:
            if q.span.start < body[j].end:
                speakers_in.setdefault(j, []).append(q.speaker or "")
            j += 1
    toks = _Tokens(doc)
    for k, sent in enumerate(body):
        positions = toks.range_of(sent.start, sent.end)
        if sum(toks.word[i] for i in positions) < MIN_CLAIM_WORDS:
            continue
        stext = text[sent.start:sent.end]
        if _EMBED_SIGNATURE.match(stext):
            continue  # "— OIR Spokesman Col. Dana Whitlock (@OIRSpox_DW) March 3, 2021": who posted a tweet, not a claim
        numbers = [
            {"what": q.what, "value": q.value, "qualifier": q.qualifier, "unit": q.unit, "text": q.span.text}
            for q in quantities_in.get(k, ())
        ]
        casualties = [
            {"kind": c.kind, "value": c.value, "qualifier": c.qualifier, "text": c.span.text}
            for c in casualties_in.get(k, ())
        ]
        if not analysis.casualties:
            casualties = _fallback_casualties(list(doc[positions.start:positions.stop]), stext)
        dates = sorted({t.value for t in times_in.get(k, ())})
        lowered = stext.lower()
        month_days = sorted(set(_month_days(lowered)))
        weekdays = sorted(set(_WEEKDAY_LOWER.findall(lowered))) if "day" in lowered else []
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
        speakers = speakers_in.get(k, ())
        hedges = sorted(set(_HEDGES_LOWER.findall(lowered)))
        polarity, negated = _negation(toks, positions, stext)
        slots = {
            "numbers": numbers,
            "casualties": casualties,
            "dates": dates,
            "periods": sorted({t.value for t in periods_in.get(k, ())}),
            "month_days": month_days,
            "weekdays": weekdays,
            "places": places,
            "names": names,
            "ordinals": _ordinals(toks, positions),
            "hedges": hedges,
            "negated": negated,
            "terms": claim_terms(toks, positions, place_spans),
            "sentence_index": index_of[(sent.start, sent.end)],
        }
        out.append(
            Claim(
                span=analysis.span(sent.start, sent.end),
                slots=slots,
                polarity=polarity,
                hedged=bool(hedges),
                attribution=_attribution(toks, positions, stext, speakers),
            )
        )
    return tuple(out)


STAGE = Stage(
    name="claims",
    requires=("doc", "sentences"),
    assigns=("claims",),
    run=lambda a: a.with_(claims=extract_claims(a)),
)
