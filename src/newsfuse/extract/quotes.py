"""Quotes and attributions: who said what, as spans into the article.

Direct quotes are found from the quote marks themselves (straight, curly,
single curly and the `` '' of tokenised corpora), one quote per paragraph, so
a quote that runs over several paragraphs gives one span per paragraph.
Each quote is attributed from the words around it ("...," X said; said X;
X added: "..."), with pronouns resolved to the last person who fits and every
name expanded to its fullest form in the article ("Kirby" -> "John Kirby",
"Martinez Jr." -> "Juan Manuel Martinez Jr", "Moon" -> "Moon Jae-in").
Definite roles are resolved to the person the article gave that title ("the
spokesman" -> "Pentagon spokesman John Kirby"), a spokesman or a document to the
body behind it ("a statement released by KCNA"), and unnamed speakers ("one man,
who declined to be named") stay unnamed, also for the "he said" that follows.
Indirect attributions ("according to AFP", "police said the man ...") are
kept as `Quote(kind="indirect")` whose span is the reported clause.

Tagger slips are mended where the sentence tells: a two-to-four-word "body" with
no word of a body's name that speaks or stands in apposition is a person
("NPR's Ofeibea Quist-Arcton reports"), a title opening a "place" makes a person
("Sheriff Tom Lane"), and an entity run over a line break is cut there.  Names in
captions and link lines do not speak.  In tokenised texts (ECB+, one sentence a
line) a quote left open runs on over the following lines to its closing mark.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from spacy.attrs import IDX, LOWER
from spacy.strings import hash_string

from newsfuse.segment import split_lines
from newsfuse.model import Analysis, Quote, Span
from newsfuse.stages import Stage

# Quoted passages shorter than this many words are scare quotes or terms ("inappropriate content"), not
# quotes.  Chosen on eval/quotes dev: 3 keeps partial quotes ("a lot of pain") that the gold counts.
MIN_QUOTE_WORDS = 3
# A speech verb after a closing mark must come within this many tokens ('" Houston Police Department
# spokesman Victor Senties said', '" U.S. Sen. John Cornyn, R-Texas, said'); chosen on eval/quotes dev.
MAX_TOKENS_TO_VERB_AFTER = 12
# How many characters before an opening mark an attribution ("X said:") may start; set by hand, not swept.
MAX_CHARS_BEFORE = 220
# Title-case passages of at most this many words are names of works ("Pulp Fiction"), not quotes.
MAX_TITLE_WORDS = 6

_MARK = re.compile(r"``|''|[\"“”‘’]")

_SPEECH_BASES = (
    "say said says saying tell told tells telling add added adds adding state stated states stating "
    "explain explained explains recall recalled recalls write wrote writes writing written tweet tweeted "
    "tweets tweeting asking post posted posts announce announced announces note noted notes continue continued "
    "continues ask asked asks reply replied replies warn warned warns warning insist insisted insists claim claimed "
    "claims confirm confirmed confirms plead pleaded pleads pled beg begged describe described describes "
    "acknowledge acknowledged acknowledges deny denied denies urge urged urges declare declared declares "
    "remark remarked admit admitted admits conclude concluded concludes read reads respond responded "
    "responds argue argued argues report reported reports stress stressed stresses emphasize emphasized "
    "emphasised suggest suggested suggests testify testified vow vowed vows promise promised promises cry "
    "cried scream screamed shout shouted yell yelled exclaim exclaimed recount recounted comment commented "
    "quoted quoting apologize apologized apologised praise praised mourn mourned call called calls "
    "whisper whispered sob sobbed joke joked mused muses wonder wondered agree agreed agrees inform informed informs "
    "email emailed emails contend contended contends assert asserted asserts allege alleged alleges accuse accused "
    "accuses"
)
SPEECH_VERBS = frozenset(_SPEECH_BASES.split())
# The speech verbs as the lower-case hashes of the doc arrays: speech verbs are found with one array look-up.
_SPEECH_HASHES = frozenset(hash_string(w) for w in SPEECH_VERBS)

HONORIFICS = frozenset(
    """mr mrs ms miss dr drs prof sir dame lord lady rev reverend fr father sister brother lt gen col maj capt sgt
    cpl pvt adm cmdr gov governor sen senator rep representative president vice mayor sheriff chief officer
    deputy detective det inspector superintendent judge justice attorney councilman councilwoman
    councilmember commissioner secretary minister prime chancellor ambassador rabbi pastor bishop imam
    coach principal prosecutor trooper sergeant lieutenant general colonel major captain corporal u.s. us
    state city county assistant district mr. mrs. ms. dr. lt. gen. col. maj. capt. sgt. gov. sen. rep.
    rev. det. st. drs. the""".split()
)
# Common first names, only to break ties when "he"/"she" could mean two people.
MALE_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
    jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
    frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
    walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence
    jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy
    eugene vincent russell elijah louis bobby philip johnny ken doug tim bill mike jim tom dan steve chris
    barack donald boris vladimir xi emmanuel angela recep hassan bashar rex""".split()
)
FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
    christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria
    olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances
    gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise amber
    marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis
    kayla gladys cassandra tamara theresa hillary uma tia sherry leslie holly liz kris tymisha jennifer""".split()
)
_ORG_NOUNS = frozenset(
    """council ministry department police company firm agency government army office hospital church school
    district university service services force military navy pentagon commission committee board
    administration embassy court statement""".split()
)
_SPOKES_NOUNS = frozenset("spokesman spokeswoman spokesperson spokespeople representative representatives".split())
_DOCUMENT_NOUNS = frozenset(
    "statement report blotter release notice message post website tweet letter commentary editorial flier flyer".split()
)
# Nouns of a body that speaks under its own name when a proper noun is compounded onto them ("Japan's J-Alert
# system said", "Yonhap news agency reported").
_BODY_NOUNS = frozenset(
    """system agency newspaper network station channel media outlet group organization organisation association
    union foundation institute campaign party""".split()
)
# Prepositions that link a spokesman or a document to who is behind it ("a spokesman for", "released by").
_BEHIND_PREPS = frozenset("for by from of in".split())


@dataclass(frozen=True)
class _Mark:
    """A found quotation: inner offsets, the mark offsets around it, and whether it ran to the paragraph end."""

    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_start: int  # where the opening mark starts (== start when there is none)
    close_end: int  # where the closing mark ends (== end when the paragraph ended first)
    para: int  # paragraph index
    closed: bool
    starts_para: bool  # the opening mark is the first thing in its paragraph
    runs_on: bool = False  # left open, and the quote goes on in the lines after it (tokenised text)
    resumes: bool = False  # opened right after a quote left open in the same line: the next paragraph of it


_paragraphs = split_lines  # non-empty lines as (start, end), trimmed: the segmenter's own line split


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def find_quote_marks(text: str) -> list[_Mark]:
    """Pair quote marks paragraph by paragraph; a mark left open runs to the end of its paragraph."""
    found: list[_Mark] = []
    for pi, (ps, pe) in enumerate(_paragraphs(text)):
        open_at: int | None = None  # offset just after the opening mark
        open_mark_start = 0
        single = False
        resumed = False  # the open quote resumes one left open before it in the line
        nested = 0  # quotes opened inside the open one and not closed yet
        for m in _MARK.finditer(text, ps, pe):
            mk, s, e = m.group(), m.start(), m.end()
            before = text[s - 1] if s > ps else " "
            after = text[e] if e < pe else " "
            if open_at is None:
                if mk == "``" and not text[e:pe].strip():
                    continue  # a `` closing the line opens nothing (a quote run on from the lines above ends there)
                if mk in ("“", "``", '"'):
                    if mk == '"' and _is_word_char(before) and not _is_word_char(after) and after not in "'‘":
                        # a stray closing mark with no opener: the quote ran from the paragraph start
                        # or from a single-quote opener ('typical, average family.")
                        lead = max(text.rfind(" '", ps, s), text.rfind(" ‘", ps, s))
                        qs = lead + 2 if lead >= 0 else ps
                        found.append(_Mark(qs, s, qs - 1 if lead >= 0 else qs, e, pi, True, lead < 0))
                        continue
                    open_at, open_mark_start, single = e, s, False
                elif mk == "”" and not before.isspace():
                    lead = max(text.rfind(" '", ps, s), text.rfind(" ‘", ps, s))
                    qs = lead + 2 if lead >= 0 else ps
                    found.append(_Mark(qs, s, qs - 1 if lead >= 0 else qs, e, pi, True, lead < 0))
                elif mk == "‘" and not _is_word_char(before):
                    open_at, open_mark_start, single = e, s, True
                continue
            if single:
                if mk == "’" and not _is_word_char(after):
                    found.append(_Mark(open_at, s, open_mark_start, e, pi, True, open_mark_start == ps))
                    open_at = None
                elif mk in ("“", '"', "``"):  # a double quote inside single ones: drop the single opener
                    open_at, open_mark_start, single = e, s, False
                continue
            if mk in ("“", '"') and _reopens(text, open_at, s, e, pe):
                # (straight marks too, though '"... everywhere. "Run!" someone screamed, and we ran," said ...' is
                # then misread: a quote inside a straight quote is rarely in straight marks again, and reading only
                # curly openers so cost eval/quotes' fourth round 0.945 -> 0.937 span F1, all 823 quotes 0.968 -> 0.963)
                # '“... characters. “He was a caring ...': paragraphs of one quote run together in one line
                # (their line breaks lost); the new opener ends one paragraph of the quote and starts the next
                found.append(_Mark(open_at, s, open_mark_start, s, pi, False, open_mark_start == ps, False, resumed))
                open_at, open_mark_start, resumed = e, s, True
                continue
            if mk in ("“", '"') and _nests(text, open_at, s, e, pe):
                nested += 1  # 'I mean, not "over Christmas" - like that': a quote inside the quote
                continue
            closes = mk in ("”", "''") or (mk == '"') or (mk == "“" and after.isspace() and before.isspace()) or (
                mk == "``" and _tokenised_closer(text, s, e, pe)
            )
            if mk == "“" and not closes:
                continue  # a nested or misplaced opener inside an open quote
            if closes and nested and mk in ("”", '"') and not before.isspace():
                nested -= 1  # the end of the quote inside
                continue
            if closes:
                found.append(_Mark(open_at, s, open_mark_start, e, pi, True, open_mark_start == ps, False, resumed))
                open_at, resumed, nested = None, False, 0
        if open_at is not None:
            found.append(_Mark(open_at, pe, open_mark_start, pe, pi, False, open_mark_start == ps, False, resumed))
    if "``" in text:
        # (only where the marks tell openers from closers: in a tokenised text with straight marks a stray
        # mark would swallow the lines after it)
        found = _run_on_lines(text, found)
    if _is_tokenised(text):
        found = sorted(found + _single_quoted_lines(text, found), key=lambda x: x.start)
    return found


_SINGLE_CLOSER = re.compile(r"[,.!?] '(?= |$)", re.M)


def _single_quoted_lines(text: str, found: list[_Mark]) -> list[_Mark]:
    """In a tokenised text, a quote in straight single marks that opens a line ("'I 've done it .") and closes
    on it or a later line (", ' she told the magazine ."): one mark a line.  (Elsewhere a straight single
    mark is an apostrophe, which such texts split off with a space before it: " 's", " 've".)"""
    paras = _paragraphs(text)
    taken = {m.para for m in found}
    out: list[_Mark] = []
    pi = 0
    while pi < len(paras):
        ps, pe = paras[pi]
        if not (text.startswith("'", ps) and text[ps + 1:ps + 2].isupper()) or pi in taken:
            pi += 1
            continue
        lines: list[_Mark] = []
        for k in range(pi, min(len(paras), pi + MAX_RUN_ON_LINES)):
            ls, le = paras[k]
            if k in taken:
                break
            start = ls + 1 if k == pi else ls
            close = _SINGLE_CLOSER.search(text, start, le)
            if close is not None:
                lines.append(_Mark(start, close.start() + 1, ls, close.end(), k, True, True))
                out.extend(lines)
                pi = k
                break
            lines.append(_Mark(start, le, ls, le, k, False, True, True))
        pi += 1
    return out


def _is_tokenised(text: str) -> bool:
    """A tokenised text (ECB+: one sentence a line, punctuation split off by spaces, apostrophes too): ``
    marks, or more " , " than ", " between words."""
    if "``" in text:
        return True
    spaced = text.count(" , ") + text.count(" .\n")
    return spaced >= 2 and spaced > 2 * len(re.findall(r"\w, ", text))


# Words a quote must hold before an opener inside it is read as the start of its next paragraph.
MIN_WORDS_BEFORE_REOPEN = 3


def _reopens(text: str, open_at: int, s: int, e: int, line_end: int) -> bool:
    """Whether a double opening mark at text[s:e], inside a quote opened at `open_at`, starts the next
    paragraph of that quote: it stands after a full sentence of the quote (". “He was"), white space before
    it and a word after it, so it cannot close the quote ('said "no."') or open a nested one ('called "x"')."""
    if s == 0 or not text[s - 1].isspace() or e >= line_end or not (text[e].isalnum() or text[e] in "‘'["):
        return False
    # the quote's end only (a flattened live blog can hold one "line" of 200 KB: reading all of it per mark is quadratic)
    inner = text[max(open_at, s - _REOPEN_WINDOW):s].rstrip()
    if not inner.endswith((".", "!", "?", "…", ".)")) or inner.endswith(("..", " .")):
        return False  # (" ." is a tokenised text's full stop, where a quote's lines are its own lines)
    return open_at < s - _REOPEN_WINDOW or len(inner.split()) >= MIN_WORDS_BEFORE_REOPEN


_CLOSER_SHAPED = re.compile(r"[^\s][”\"]")
# Characters read before a reopening mark and after a nesting one: a quote's paragraph or a quote inside a quote is
# shorter, and a bounded window keeps the stage linear on pages of one very long line.  Set by hand.
_REOPEN_WINDOW = 200
_NEST_WINDOW = 600


def _nests(text: str, open_at: int, s: int, e: int, line_end: int) -> bool:
    """Whether a double mark at text[s:e], inside a quote opened at `open_at`, opens a quote inside it: white
    space before it, a word after, a word (not a comma or a full stop) right before that space, and two
    closing marks still to come in the line (its own and the outer quote's).  ('Felt we should tell y'all so
    u stop askin, "How's Michael?"' has one, and '"We are sad, "said the mother' is a closer typed apart.)"""
    if s == 0 or not text[s - 1].isspace() or e >= line_end or not text[e].isalnum():
        return False
    prev = text[open_at:s].rstrip()
    if not prev or not prev[-1].isalnum():
        return False
    closers = _CLOSER_SHAPED.finditer(text, e, min(line_end, e + _NEST_WINDOW))
    return next(closers, None) is not None and next(closers, None) is not None


# How many lines a quote left open may run on in a tokenised text (ECB+ prints one sentence a line, and a
# quote of several sentences opens on the first line and closes on the last); set by hand, not swept.
MAX_RUN_ON_LINES = 12


def _tokenised_closer(text: str, s: int, e: int, line_end: int) -> bool:
    """A `` written where '' was meant: after a comma or full stop, before the line end or a lower-case word
    ('`` Her friends ... decision , `` a friend of the actress said .')."""
    before = text[max(0, s - 2):s].strip()
    rest = text[e:line_end].lstrip()
    return before[-1:] in (",", ".", "!", "?") and (not rest or rest[:1].islower())


def _run_on_lines(text: str, found: list[_Mark]) -> list[_Mark]:
    """In a tokenised text, the lines after a quote left open, up to the line whose first mark closes it: one
    mark a line (the paragraphs of a quote), when no mark opens a new quote first."""
    paras = _paragraphs(text)
    first_mark: dict[int, _Mark] = {}
    for m in found:
        first_mark.setdefault(m.para, m)
    out: list[_Mark] = []
    added: list[_Mark] = []
    dropped: set[_Mark] = set()
    for m in found:
        if m in dropped:
            continue
        out.append(m)
        if m.closed or m.para + 1 >= len(paras):
            continue
        lines: list[_Mark] = []
        closed = False
        for pi in range(m.para + 1, min(len(paras), m.para + 1 + MAX_RUN_ON_LINES)):
            ps, pe = paras[pi]
            mk = _MARK.search(text, ps, pe)
            if mk is None:
                lines.append(_Mark(ps, pe, ps, pe, pi, False, True, True))
                continue
            if mk.group() in ("''", "”", '"') or (mk.group() == "``" and _tokenised_closer(text, mk.start(), mk.end(), pe)):
                first = first_mark.get(pi)
                # ('Nothing bad is going to happen . "': a mark closing the line, first taken for an opener)
                empty_opener = first is not None and not first.closed and first.start >= pe
                if mk.start() > ps and (first is None or empty_opener):
                    lines.append(_Mark(ps, mk.start(), ps, mk.end(), pi, True, True))
                    if empty_opener:
                        dropped.add(first)
                closed = True
            break
        if closed and lines:
            out[-1] = _Mark(m.start, m.end, m.open_start, m.close_end, m.para, False, m.starts_para, True)
            added.extend(lines)
    if not added:
        return found
    return sorted([x for x in out if x not in dropped] + added, key=lambda x: x.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_quotation(passage: str) -> bool:
    """True for speech; False for scare quotes, nicknames and titles of works ("Kill Bill: Vol. 1")."""
    words = re.findall(r"[\w’'-]+", passage)
    if len(words) < MIN_QUOTE_WORDS:
        return False
    stripped = passage.strip().rstrip(",")
    if len(words) <= MAX_TITLE_WORDS and stripped.endswith(".") and not stripped.endswith(".."):
        # every word capitalised, closed by a full stop inside the marks: a name or a title at a sentence end
        # ('aka "The Bad Astronomer."', `` The Big Lebowski . '')
        if all(w[0].isupper() for w in words) and not passage.isupper():
            return False
    if len(words) <= MAX_TITLE_WORDS and not re.search(r"[.!?…]$", stripped):
        content = [w for w in words if len(w) > 3 or w[0].isupper()]
        if content and all(w[0].isupper() or w[0].isdigit() for w in content) and not passage.isupper():
            return False
    if len(words) <= MAX_LONG_TITLE_WORDS and not re.search(r"[!?…,]$", stripped) and not passage.isupper():
        # a longer name of an event, an award or a work, every word but the short ones capitalised ("Ladies
        # Night Out Fashion Show Benefit: Design for Recovery.", "Masters of Sex.")
        content = [w for w in words if len(w) > 3]
        if len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in words if w not in _TITLE_SMALL_WORDS):
            return False
    return True


# Titles of works and events longer than `MAX_TITLE_WORDS`, told by their capitals; set by hand, not swept.
MAX_LONG_TITLE_WORDS = 12
_TITLE_SMALL_WORDS = frozenset("a an the of for and or in on at to by with from".split())


# --- names -----------------------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HONORIFICS_BARE = frozenset(h.rstrip(".") for h in HONORIFICS)


# Capitalised words that open a sentence before a name and are no part of it ("But Haruki Suminoya said").
_LEADING_FUNCTION_WORDS = frozenset(
    "but and as so then yet or when while if because though although after before now still also how why what "
    "with in on at from by for of to".split()
)


def _abbreviation(word: str) -> bool:
    """An initial, a title or a suffix written with its full stop ("J.", "Lt.", "Jr."), not a word closing a
    sentence ("July.")."""
    stem = word.rstrip(".").lower()
    return len(stem) == 1 or stem in _HONORIFIC_KEYS or stem in _SUFFIXES or "." in stem


def _name_tokens(name: str) -> list[str]:
    toks = [t for t in re.split(r"\s+", _POSSESSIVE.sub("", name.strip(" ,.;:"))) if t]
    for i in range(len(toks) - 1, 0, -1):  # "Washington Post's Amy B Wang": the name after the possessive
        if toks[i - 1].endswith(("'s", "’s")):
            toks = toks[i:]
            break
    while len(toks) > 1 and (
        toks[0].lower().rstrip(".") in _HONORIFICS_BARE or toks[0].lower() in _LEADING_FUNCTION_WORDS
    ):
        toks = toks[1:]
    return toks



@dataclass(frozen=True)
class _Entity:
    text: str
    label: str
    start: int
    end: int
    root: Any  # spaCy root token


# Capitalised words that open a role, not a name ("Neighbor Ken Yates", "Navarro County Sheriff Elmer Tanner").
_ROLE_WORDS = frozenset(
    """neighbor neighbour friend witness resident student teacher coach officer spokesman spokeswoman police
    county city state department chief sheriff mayor leader""".split()
)
# Abbreviated titles spaCy splits from their period ("Supt" "."): not in HONORIFICS, which lists full words.
_TITLE_ABBREVIATIONS = frozenset("supt insp cmdr lt sgt cpl det capt col gen maj adm gov sen rep atty asst dep".split())
_HONORIFIC_KEYS = frozenset(h.rstrip(".") for h in HONORIFICS) | _ROLE_WORDS | _TITLE_ABBREVIATIONS
# The title words that name a person's post (not "County", "State" or "the" of the honorific list).
_PERSON_ROLE_KEYS = _HONORIFIC_KEYS - frozenset(
    "state city county district department police assistant vice prime us u.s the".split()
)
_NAME_SEQ = r"((?:(?:[A-Z]\.|[A-Z][a-z]{0,3}\.|[A-Z][\w’'-]*)[^\S\n]+){0,4})"  # (a name never runs over a line break)
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
# A generational suffix written after a name ("Juan Manuel Martinez, Jr."): part of the name, since it tells
# father from son.
_SUFFIX_AFTER = re.compile(r",?\s?(Jr|Sr|II|III|IV)\b\.?")


def _suffix_after(text: str, end: int) -> str | None:
    m = _SUFFIX_AFTER.match(text, end)
    return m.group(1) if m else None


def _with_suffix(toks: list[str], text: str, end: int) -> list[str]:
    """Name tokens with the generational suffix that follows the mention in the text, if any."""
    if toks and toks[-1].lower().rstrip(".") in _SUFFIXES:
        return toks[:-1] + [toks[-1].rstrip(".")]
    suffix = _suffix_after(text, end)
    return toks + [suffix] if suffix and toks else toks


def _suffix_of(toks: Sequence[str]) -> str | None:
    return toks[-1].lower().rstrip(".") if toks and toks[-1].lower().rstrip(".") in _SUFFIXES else None


# Up to four capitalised words ending where a name starts: the run _NAME_SEQ matches, searched backwards
# from each occurrence of the name (one compiled pattern instead of one per name: compiling was a third
# of the stage's time).
_RUN_BEFORE = re.compile(_NAME_SEQ + r"\Z")
_RUN_WINDOW = 160  # characters before a name searched for its run (four words fit many times over)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _name_runs(text: str, last: str) -> list[tuple[int, int]]:
    """(start, end) of each `last` not followed by a word character, with its run of capitalised words in
    front: the matches of `re.finditer(_NAME_SEQ + re.escape(last) + r"\\b", text)`, leftmost first, a run
    never reaching back into the previous match."""
    if not last:
        return []
    occurrences: list[int] = []
    p = text.find(last)
    while p != -1:
        end = p + len(last)
        if (end < len(text) and _is_word(text[end])) != _is_word(last[-1]):  # the \\b after the name
            occurrences.append(p)
        p = text.find(last, p + 1)
    out: list[tuple[int, int]] = []
    prev_end = 0
    while True:
        best: tuple[int, int] | None = None
        for p in occurrences:
            if p < prev_end:
                continue
            if best is not None and p - _RUN_WINDOW > best[0]:
                break
            m = _RUN_BEFORE.search(text, max(prev_end, p - _RUN_WINDOW), p)
            s = m.start() if m else p
            if best is None or s < best[0] or s == best[0]:  # the same start: the greedy run reaches further
                best = (s, p)
        if best is None:
            return out
        out.append((best[0], best[1] + len(last)))
        prev_end = best[1] + len(last)


_FAMILY_FIRST = re.compile(r"\b([A-Z][a-z]+) [A-Z][a-z]+-[a-z]+\b")  # "Moon Jae-in", "Ban Ki-moon"
_HYPHEN_TAIL = re.compile(r"-[a-z]+\b")  # the rest of a hyphenated given name ("Jae" + "-in")


# Words that make a capitalised run the name of a body, not of a person ("Seattle Police Department",
# "Associated Press"): an ORG entity without any of them, two to four title-case proper nouns that speak or
# stand in apposition, is taken for a person the tagger mislabelled.  Set by hand (eval/quotes dev, third round).
_BODY_NAME_WORDS = frozenset(
    """department police office agency council ministry news times post press journal herald tribune gazette
    daily weekly magazine inc corp corporation company co ltd llc group university college institute school
    academy service services bank party association union committee commission court army navy force forces
    guard network radio tv television channel center centre foundation church hospital clinic club brigade
    board authority airlines airways motors fund organization organisation international global national
    federal state county city republic kingdom nations united world american system systems media studios
    records entertainment health care society trust agency bureau administration parliament congress senate
    house assembly government embassy reuters""".split()
)


def _titled_name(text: str) -> bool:
    """A title, then two or three title-case words that name no body: "Sheriff Tom Lane", "Gov. Jay Inslee"."""
    words = text.split()
    if len(words) < 3 or words[0].lower().rstrip(".") not in _HONORIFIC_KEYS:
        return False
    rest = _strip_roles(words)
    return 2 <= len(rest) <= 3 and all(
        w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() and w.lower() not in _BODY_NAME_WORDS
        for w in rest
    )


def _line_pieces(ent: Any) -> list[Any]:
    """An entity the tagger ran across a line break ("Elon Musk" + newline + "Musk") as one span per line."""
    pieces, start = [], ent.start
    for t in ent:
        if "\n" in t.text_with_ws or "\n" in t.text:
            if not t.is_space and t.i + 1 > start:
                pieces.append(ent.doc[start:t.i + 1])
            start = t.i + 1
    if start < ent.end:
        pieces.append(ent.doc[start:ent.end])
    out = []
    for p in pieces:
        toks = [t for t in p if not t.is_space]
        if toks:
            span = ent.doc[toks[0].i:toks[-1].i + 1]
            span.label_ = ent.label_
            out.append(span)
    return out


# Lower-case joining words of a body's name ("Seattle Against Slavery") that no personal name holds.
_NAME_FUNCTION_WORDS = frozenset("against for of and the in on at to from with by".split())


_PERSON_ROLE_NOUNS = frozenset(
    """coach father mother son daughter brother sister husband wife man woman boy girl teacher student officer
    spokesman spokeswoman resident neighbor neighbour friend witness owner driver victim lawyer attorney
    director manager principal pastor chief who""".split()
)


def _person_described(root: Any) -> bool:
    """A name that an apposition or a relative clause gives a person's role: "Smith, the coach,", "Smith,
    who lives next door"."""
    for c in root.children:
        if c.dep_ == "appos" and c.lemma_.lower() in _PERSON_ROLE_NOUNS:
            return True
        if c.dep_ == "relcl" and any(x.text.lower() == "who" for x in c.children):
            return True
    return False


def _looks_like_personal_name(ent: Any, text: str, places: frozenset[str] = frozenset()) -> bool:
    """An ORG span (`text` its words) that reads as a person's name and is used as one: two to four title-case
    proper nouns, no word of a body's name, subject of a verb or in apposition ("A spokesperson for Buhari,
    Mallam Garba Shehu,")."""
    words = text.split()
    if not 1 <= len(words) <= 4 or any(w.lower() in _BODY_NAME_WORDS for w in words):
        return False
    toks = [t for t in ent if not t.is_punct]
    # (one word will do when the sentence says it is a person: "Smith, the coach, addressed the team")
    if not (2 <= len(toks) <= 4 or (len(toks) == 1 and _person_described(ent.root))):
        return False
    for t in toks:
        w = t.text
        if t.pos_ != "PROPN" or not w[:1].isupper() or w.isupper() or not w.replace("-", "").replace("'", "").isalpha():
            return False
        if w.lower() in _BODY_NAME_WORDS or w.lower() in _HONORIFIC_KEYS or w.lower() in _NAME_FUNCTION_WORDS:
            return False
    if toks[0].text in places:  # "Seattle Against Slavery": a place opens the name of a body
        return False
    if any(t.text in ("'s", "’s") for t in ent.doc[ent.end:ent.end + 1]):
        return False
    if ent.start > 0 and ent.doc[ent.start - 1].pos_ in ("DET", "PRON"):  # "his Public Defender", "the Bad Astronomer"
        return False
    return ent.root.dep_ in ("nsubj", "nsubjpass", "appos")


class _Context:
    """What attribution needs from one article: entities in order, people, their names and genders."""

    def __init__(self, analysis: Analysis, quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.analysis = analysis
        self.text = analysis.article.text
        self.doc = analysis.doc
        self.ents: list[_Entity] = []
        self.acronyms: dict[str, str | None] = {}  # acronym speaker -> the body it stands for (_acronym_expansion)
        if self.doc is not None:
            text = self.text
            doc_ents = self.doc.ents
            places = frozenset(text[e.start_char:e.end_char] for e in doc_ents if e.label_ in ("GPE", "LOC", "NORP"))
            for whole in doc_ents:
                if whole.label_ not in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
                    continue
                pieces = _line_pieces(whole) if "\n" in text[whole.start_char:whole.end_char] else (whole,)
                for ent in pieces:
                    label = ent.label_
                    etext = text[ent.start_char:ent.end_char]
                    if label == "PERSON" and (etext.islower() or etext.lower().rstrip(".") in _HONORIFIC_KEYS):
                        continue  # "one lawman said", "said Sgt. Tom Clark": a common noun or a title, not a name
                    if label == "ORG" and _looks_like_personal_name(ent, etext, places):
                        label = "PERSON"  # "NPR's Ofeibea Quist-Arcton reports", tagged as a body
                    elif label in ("ORG", "FAC", "GPE", "NORP") and _titled_name(etext):
                        label = "PERSON"  # "Sheriff Tom Lane", tagged as a place
                    end = ent.end_char
                    if label == "PERSON":  # "Moon Jae" + "-in": the tagger stops at the hyphen
                        m = _HYPHEN_TAIL.match(text, end)
                        end = m.end() if m else end
                    self.ents.append(_Entity(text[ent.start_char:end], label, ent.start_char, end, ent.root))
        # a surname the tagger labelled a place or a body ("Mattis" NORP, "Tarantino" ORG) when the article
        # names the person in full elsewhere: a person
        surnames = {e.text.split()[-1] for e in self.ents if e.label == "PERSON" and len(e.text.split()) > 1}
        self.ents = [
            _Entity(e.text, "PERSON", e.start, e.end, e.root)
            if e.label in ("ORG", "NORP", "GPE") and e.text in surnames and e.root.pos_ == "PROPN" else e
            for e in self.ents
        ]
        self._ent_starts = [e.start for e in self.ents]
        self.people = [e for e in self.ents if e.label == "PERSON"]
        # where the report itself is (not captions, share prompts, "More:" links): names elsewhere do not speak
        self.body_starts = [x.start for x in analysis.body_sentences()]
        self.body_ends = [x.end for x in analysis.body_sentences()]
        self.gender: dict[str, str] = {}  # learnt per article: honorifics, first names, resolved pronouns
        self.speakers: list[_Speaker] = []  # attributed so far, in text order
        self.quoted: list[tuple[int, int]] = sorted(quoted)  # passages inside quote marks: names there do not speak
        self._quoted_starts = [q[0] for q in self.quoted]
        # Each person's name tokens, computed once: attribution asks for them for every quote.
        self.people_tokens = [
            (e, _with_suffix(_strip_roles(_name_tokens(e.text)), self.text, e.end)) for e in self.people
        ]
        self.people_names = {" ".join(toks) for _, toks in self.people_tokens}
        self._people_by_token: dict[str, list[tuple[_Entity, list[str]]]] = {}
        for e, toks in self.people_tokens:
            for t in {t.lower() for t in toks}:
                self._people_by_token.setdefault(t, []).append((e, toks))
        # speech verbs and reporting verbs, found in one pass: attribution asks for them window by window
        self.speech_toks: list[Any] = []
        self.indirect_toks: list[Any] = []
        # where each token starts (for finding tokens by offset with a bisection: Doc.char_span walks the doc),
        # and which tokens are speech verbs, from the doc's arrays (a token walk or a regex costs more)
        self.tok_starts: list[int] = []
        if self.doc is not None and len(self.doc):
            arr = self.doc.to_array([IDX, LOWER])
            self.tok_starts = arr[:, 0].tolist()
            for i in [k for k, h in enumerate(arr[:, 1].tolist()) if h in _SPEECH_HASHES]:
                t = self.doc[i]
                pos = t.pos_
                if pos in ("VERB", "AUX", "NOUN", "PROPN"):
                    self.speech_toks.append(t)
                if t.lower_ in _INDIRECT_VERBS and pos in ("VERB", "AUX"):
                    self.indirect_toks.append(t)
        self.speech_at = [t.idx for t in self.speech_toks]
        self.indirect_at = [t.idx for t in self.indirect_toks]
        self._mentions_cache: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self._toks_cache: dict[str, list[str]] = {}
        self._family_first: dict[str, list[tuple[int, str]]] | None = None  # "Moon" -> [(at, "Moon Jae-in")]
        for e in self.people:
            self._guess_gender(e)
        self._gender_from_pronouns()

    def _mentions_of(self, toks: list[str]) -> list[tuple[int, str]]:
        """(position, full form) of every longer name in the text that `toks` abbreviates (memoised)."""
        key = tuple(toks)
        if key not in self._mentions_cache:
            self._mentions_cache[key] = self._find_mentions(toks)
        return self._mentions_cache[key]

    def _find_mentions(self, toks: list[str]) -> list[tuple[int, str]]:
        low = [t.lower() for t in toks if t.lower() not in _SUFFIXES]
        if not low:
            return []
        suffix = _suffix_of(toks)

        def fits(full: list[str]) -> bool:
            f = [t.lower() for t in full if t.lower() not in _SUFFIXES]
            if suffix is not None and _suffix_of(full) != suffix:  # "Martinez Jr." is not "Marco Martinez"
                return False
            return (len(f) > len(low) or (suffix is not None and f == low and len(full) > len(toks))) and (
                f[-len(low):] == low or (len(low) == 1 and low[0] in f))

        out: list[tuple[int, str]] = []
        for e, ftoks in self._people_by_token.get(low[-1], ()):  # (a fitting name holds the last word)
            if fits(ftoks):
                out.append((e.start, " ".join(ftoks)))
        # a name in the report over one in a caption or a credit line ("Getty Images Massa sits down")
        out = [x for x in out if self.in_body(x[0])]
        if out or suffix is not None:  # named entities are better evidence than a run of capitalised words
            return out
        for start, end in _name_runs(self.text, toks[-1]):
            if not self.in_body(start):
                continue
            words = [(w.start(), w.group()) for w in re.finditer(r"\S+", self.text[start:end])]
            while words and (e := self.ent_at(start + words[0][0])) is not None and e.label != "PERSON":
                words = words[1:]  # "London" in "Mayor of London Sadiq Khan" is a place
            ends = [k for k, (_, w) in enumerate(words[:-1]) if w.endswith(".") and not _abbreviation(w)]
            if ends:  # "in July. Pope Francis tweeted": a word closing a sentence is no part of the name after it
                words = words[ends[-1] + 1:]
            ftoks = _strip_roles(_name_tokens(" ".join(w for _, w in words)) or [toks[-1]])
            if fits(ftoks[-3:]):
                out.append((start, " ".join(ftoks[-3:])))
        if len(toks) == 1 and toks[0][:1].isupper():
            # a family name written first, before a hyphenated given name: "Moon" -> "Moon Jae-in"
            if self._family_first is None:
                self._family_first = {}
                for m in _FAMILY_FIRST.finditer(self.text):
                    self._family_first.setdefault(m.group(1), []).append((m.start(), m.group()))
            out.extend(self._family_first.get(toks[0], []))
        return out

    def canonical(self, name: str, at: int | None = None) -> str:
        """The fullest form of `name`: "Kirby" -> "John Kirby"; of two Nathans the one spoken of last."""
        toks = self._toks_cache.get(name)
        if toks is None:  # (asked for the same few names again and again)
            toks = self._toks_cache[name] = _strip_roles(_name_tokens(name))
        if not toks:
            return name.strip()
        cands = self._mentions_of(toks)
        if not cands:
            return " ".join(toks)
        names = {f for _, f in cands}
        for sp in reversed(self.speakers):
            if sp.name in names:
                return sp.name
        before = [(p, f) for p, f in cands if at is None or p <= at]
        pool = before or cands
        # the latest mention wins; a PERSON entity over a capitalised run, then the longer form
        return max(pool, key=lambda c: (c[0], c[1] in self.people_names, len(c[1].split())))[1]

    def _guess_gender(self, e: _Entity) -> None:
        full = self.canonical(e.text, e.start)
        prev = self.text[max(0, e.start - 6):e.start].lower().split()
        word = (prev[-1] if prev else "").rstrip(".")
        first = e.text.split()[0].lower().rstrip(".")
        g = None
        if word == "mr" or first == "mr":
            g = "m"
        elif word in ("mrs", "ms", "miss") or first in ("mrs", "ms", "miss"):
            g = "f"
        else:
            ff = full.split()[0].lower()
            if ff in MALE_NAMES and ff not in FEMALE_NAMES:
                g = "m"
            elif ff in FEMALE_NAMES and ff not in MALE_NAMES:
                g = "f"
        if g and full not in self.gender:
            self.gender[full] = g

    def _gender_from_pronouns(self) -> None:
        """"Lopez, who was from Puerto Rico, was married. He was assigned to ...": a sentence whose subject
        is a name, naming no other person, followed by a sentence opening on He/She, tells that name's gender."""
        sents = self.analysis.sentences
        if self.doc is None or not sents:
            return
        starts = [x.start for x in sents]
        by_sentence: dict[int, list[_Entity]] = {}
        for e in self.people:
            by_sentence.setdefault(bisect.bisect_right(starts, e.start) - 1, []).append(e)
        for k, people in by_sentence.items():
            # "Reid , 33 , was photographed ... when her dress slipped off": the possessive pronouns of a
            # sentence whose subject is the only person it names, all of one gender, tell that person's gender
            cur = sents[k]
            subj = next((e for e in people if e.root.dep_ in ("nsubj", "nsubjpass")), None)
            if k < 0 or subj is None or subj.end > cur.end or self.in_quote(subj.start):
                continue
            found = {_POSSESSIVE_GENDER[t.lower_] for t in self.tokens_in(subj.end, cur.end)
                     if t.lower_ in _POSSESSIVE_GENDER and not self.in_quote(t.idx)}
            if len(found) != 1:
                continue
            name = self.canonical(subj.text, subj.start)
            if all(e is subj or self.canonical(e.text, e.start) == name for e in people):
                self.gender.setdefault(name, found.pop())
        if len(sents) < 2:
            return
        for cur, nxt in zip(sents, sents[1:]):
            opening = self.text[nxt.start:nxt.start + 4]
            g = "m" if opening.startswith("He ") else "f" if opening.startswith("She ") else None
            if g is None:
                continue
            named = _named_subject(self, cur.start, cur.end)
            if named is None:
                continue
            name = named[0]
            others = {self.canonical(e.text, e.start) for e in self.ents_in(cur.start, cur.end, ("PERSON",))}
            if others <= {name}:
                self.gender.setdefault(name, g)

    def ents_in(self, start: int, end: int, labels: Iterable[str] = ("PERSON", "ORG")) -> list[_Entity]:
        labels = tuple(labels)
        out = []
        for e in self.ents[bisect.bisect_left(self._ent_starts, start):]:  # (entities are in text order)
            if e.start >= end:
                break
            if e.end <= end and e.label in labels:
                out.append(e)
        return out

    def in_body(self, pos: int) -> bool:
        k = bisect.bisect_right(self.body_starts, pos) - 1
        return k >= 0 and pos < self.body_ends[k]

    def has_body(self, start: int, end: int) -> bool:
        """Whether a body sentence starts in text[start:end]."""
        k = bisect.bisect_left(self.body_starts, start)
        return k < len(self.body_starts) and self.body_starts[k] < end

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self._quoted_starts, pos) - 1  # (quotes overlap only where a stray mark nests one)
        return any(pos < qe for _, qe in self.quoted[max(0, k - 1):k + 1])

    def ent_at(self, pos: int) -> _Entity | None:
        k = bisect.bisect_right(self._ent_starts, pos) - 1  # (entities do not overlap, but for a "-in" tail)
        for e in self.ents[max(0, k - 1):k + 1][::-1]:
            if e.start <= pos < e.end:
                return e
        return None

    def tokens_in(self, start: int, end: int) -> list[Any]:
        """The tokens that start in text[start:end]."""
        if self.doc is None or end <= start:
            return []
        a, b = bisect.bisect_left(self.tok_starts, start), bisect.bisect_left(self.tok_starts, end)
        return list(self.doc[a:b]) if b > a else []


def _strip_roles(toks: list[str]) -> list[str]:
    """Drop the role words in front of a name: ["Navarro", "County", "Sheriff", "Elmer", "Tanner"] -> the last two."""
    last_role = -1
    for i, t in enumerate(toks[:-1]):
        low = t.lower().rstrip(".")
        if low in _HONORIFIC_KEYS or ("-" in low and all(p in _HONORIFIC_KEYS for p in low.split("-"))):
            last_role = i  # "Secretary-General" as well as "Sheriff"
    return toks[last_role + 1:]


# --- attribution ------------------------------------------------------------------------------------------

_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "o", "them": "o", "it": "o", "we": "o", "i": "s"}
# Possessive and reflexive pronouns, which mostly point back to the subject of their own sentence ("he"
# in a clause of it often means someone else: "Li set off to the centre where he was held").
_POSSESSIVE_GENDER = {"his": "m", "himself": "m", "her": "f", "herself": "f"}


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    start: int
    end: int
    is_org: bool = False


# Words that speak for somebody unnamed ("one said", "wrote another").
_UNNAMED_WORDS = frozenset("one some many all both each others another".split())
# An attribution that names nobody ("a spectator said", "doctors said"): stops the search for a speaker.
_UNNAMED = _Speaker(None, None, 0, 0)


def _is_possessive(ctx: _Context, e: _Entity) -> bool:
    nxt = ctx.text[e.end:e.end + 4]
    if nxt.startswith((" 's ", " ’s ")):  # a tokenised text splits the possessive off ("Reid 's rep")
        return True
    return nxt.startswith("'s") or nxt.startswith("’s") or e.text.endswith(("'s", "’s"))


def _title_before(ctx: _Context, first_tok: Any) -> str | None:
    words: list[str] = []
    i = first_tok.i - 1
    while i >= 0:
        t = ctx.doc[i]
        if t.text == "." and i > 0 and not ctx.doc[i - 1].whitespace_ and ctx.doc[i - 1].text.lower() in _HONORIFIC_KEYS:
            words.insert(0, t.text_with_ws)  # the period of "Col. Dana Whitlock", split from its abbreviation
            i -= 1
            continue
        if t.is_punct or t.is_space or t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM") or t.dep_ == "poss":
            break
        if t.ent_type_ == "PERSON" or t.text.lower() in SPEECH_VERBS:
            break
        words.insert(0, t.text_with_ws)
        i -= 1
    title = "".join(words).strip(" ,")
    return title or None


def _title_of(ctx: _Context, start: int, end: int) -> str | None:
    """Words naming a person's role next to a mention: "Pentagon spokesman John Kirby", "X, president of Y,"."""
    if ctx.doc is None:
        return None
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    inner = [t for t in span if t.text.lower().rstrip(".") in _HONORIFIC_KEYS]
    before = _title_before(ctx, span[0])
    # an abbreviation keeps the period spaCy split from it ("Col." "Dana Whitlock")
    abbreviated = [t.text + ("." if not t.whitespace_ and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].text == "." else "")
                   for t in inner]
    parts = [p for p in (before, " ".join(abbreviated)) if p]
    if parts and not _courtesy_only(" ".join(parts)):
        words = " ".join(parts).split()
        while _courtesy_only(words[-1]):
            words.pop()  # "Coalition spokesman Col.": the role; the rank is a form of address
        return " ".join(words)
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            if child.like_num:
                continue  # "Noor Abbas, 24, a pharmacy graduate": the age, then the role
            clauses = {t.i for c in child.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
            sub = [t for t in child.subtree if t.i not in clauses]  # "a graduate (who was released ...)"
            text = ctx.text[sub[0].idx:sub[-1].idx + len(sub[-1])].strip(" ,")
            if 0 < len(text.split()) <= 10 and not any(t.ent_type_ == "PERSON" for t in sub):
                return text
    return " ".join(parts) if parts else None  # "Dr", "Col.": no role said, the courtesy title at least


# Words that address a person without saying what they do: "Mr Kirby", "Dr Farouk", "Col. Whitlock".  A title made
# of these alone gives way to a role the article gives the person elsewhere ("coalition spokesman Col. Whitlock").
_COURTESY = frozenset("mr mrs ms miss dr prof sir dame lord lady rev fr col gen lt maj capt sgt cpl pvt adm cmdr".split())


def _courtesy_only(title: str) -> bool:
    return all(w.lower().rstrip(".") in _COURTESY for w in title.split())


def _person_title(ctx: _Context, full: str) -> str | None:
    """The first role the article gives this person in any mention (a courtesy title alone only when no role)."""
    if not full:
        return None
    last = full.split()[-1]
    courtesy = None
    for start, end in _name_runs(ctx.text, last):
        title = _title_of(ctx, start, end)
        if title and not _courtesy_only(title):
            return title
        courtesy = courtesy or title
    return courtesy


def _role_of(ctx: _Context, speaker: _Speaker, roles: dict[str, str | None]) -> str | None:
    """The speaker's title, or, when it says no role ("Mr", "Col.", none), the role the article gives them elsewhere."""
    title = speaker.title
    if title and title.lower() in ("the", "a", "an"):
        title = None  # "The Security Media Cell": an article, not a title
    if speaker.is_org or not speaker.name or (title and not _courtesy_only(title)):
        return title
    if speaker.name not in roles:
        roles[speaker.name] = _person_title(ctx, speaker.name)
    return roles[speaker.name] or title


def _indirect_role(ctx: _Context, name: str | None, ent: Any, roles: dict[str, str | None]) -> str | None:
    """The role of a person an indirect attribution names (None for a body or an unnamed source)."""
    if not name or ent is None or ent.label != "PERSON":
        return None
    return _role_of(ctx, _Speaker(name, None, ent.start, ent.end), roles)


def _person(ctx: _Context, name: str, start: int, end: int) -> _Speaker:
    suffix = _suffix_after(ctx.text, end)
    if suffix and not _suffix_of(_name_tokens(name)):
        name = f"{name} {suffix}"
    full = ctx.canonical(name, start)
    return _Speaker(full, _title_of(ctx, start, end) or _person_title(ctx, full), start, end)


def _named_subject(ctx: _Context, start: int, end: int) -> tuple[str, int, int] | None:
    """(full name, start, end) of a proper-noun subject of the main verb of text[start:end] that the tagger
    left without an entity ("Neighbor Xanderia Morris described ..."), else None."""
    roots = [t for t in ctx.tokens_in(start, end) if t.dep_ == "ROOT"]
    subj = next((c for r in roots[:1] for c in r.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PROPN" or ctx.in_quote(subj.idx):
        return None
    if subj.ent_type_ not in ("PERSON", "") and not any(
        sp.name and not sp.is_org and sp.name.split()[-1] == subj.text for sp in ctx.speakers
    ):  # (a name the tagger took for a people or a body is still a person once that person has spoken)
        return None
    if any(c.dep_ == "case" for c in subj.children):  # a possessive: "Lopez's wife"
        return None
    chain = [c for c in subj.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [subj]
    s0, e0 = chain[0].idx, subj.idx + len(subj)
    return ctx.canonical(ctx.text[s0:e0], s0), s0, e0


def _resolve_pronoun(ctx: _Context, pron: str, at: int) -> _Speaker | None:
    """He/she -> the latest fitting speaker or subject; they/it/we -> the latest organisation."""
    g = _PRONOUNS.get(pron.lower())
    if g is None:
        return None
    if g in ("o", "s"):
        orgs = [(e.end, _org_name(e.text), e) for e in ctx.ents
                if e.label == "ORG" and e.end <= at and at - e.end < 1500 and not ctx.in_quote(e.start)]
        orgs += [(sp.end, sp.name, None) for sp in ctx.speakers if sp.is_org and sp.name and sp.end <= at]
        if orgs:
            end, name, e = max(orgs, key=lambda o: o[0])
            return _Speaker(name, None, e.start if e else end, end, True)
        return ctx.speakers[-1] if ctx.speakers else None
    cands: list[tuple[int, int, str, int, int]] = []  # rank, position, name, start, end
    for e in ctx.people:
        if e.end > at or _is_possessive(ctx, e) or ctx.in_quote(e.start) or not ctx.in_body(e.start):
            continue
        full = ctx.canonical(e.text, e.start)
        gg = ctx.gender.get(full)
        if gg and gg != g:
            continue
        root = e.root
        head = root.head if root.dep_ in ("appos", "compound") else root
        rank = 0
        if head.dep_ in ("nsubj", "nsubjpass") or root.dep_ in ("nsubj", "nsubjpass"):
            rank = 2 if head.head.text.lower() in SPEECH_VERBS else 1
        cands.append((rank, e.end, full, e.start, e.end))
    for sp in ctx.speakers:
        if sp.name and not sp.is_org and sp.end <= at:
            gg = ctx.gender.get(sp.name)
            if gg and gg != g:
                continue
            cands.append((2, sp.end, sp.name, sp.start, sp.end))
    for name, s0, e0 in _untagged_speech_subjects(ctx, at):
        gg = ctx.gender.get(name)
        if not gg or gg == g:
            cands.append((2, e0, name, s0, e0))
    if not cands:
        return None
    sent_start = _sentence_start(ctx, at)
    same = [c for c in cands if c[0] >= 1 and c[3] >= sent_start]
    if same:  # "Gov. Rick Perry issued a statement in which he said"
        best = max(same, key=lambda c: c[1])
        ctx.gender.setdefault(best[2], g)
        return _Speaker(best[2], _person_title(ctx, best[2]), best[3], best[4])
    earlier = [x for x in ctx.analysis.sentences if x.end <= sent_start and x.role in ("body", "title")]
    while earlier and (ctx.in_quote(earlier[-1].start) or ctx.in_quote(earlier[-1].start + 1)):
        earlier.pop()  # the sentence before is a quote (from its opening mark on): one more back
    prev_start = earlier[-1].start if earlier else sent_start
    before = [c for c in cands if c[0] >= 1 and prev_start <= c[3] < sent_start]
    if not before and earlier:
        named = _named_subject(ctx, prev_start, earlier[-1].end)
        if named is not None and ctx.gender.get(named[0], g) == g:
            before = [(1, named[2], named[0], named[1], named[2])]
    if not before and earlier:
        # "The move comes as a surprise to Reunion Pictures' Matthew O'Connor, who ... <line> "...," he told
        # E! News": the one person of the pronoun's gender the sentence before names, subject or not
        fits = {c[2]: c for c in cands if prev_start <= c[3] < sent_start and ctx.gender.get(c[2]) == g
                and ctx.text[c[4]:c[4] + 1] not in ("'", "’")}
        if len(fits) == 1 and _unnamed_subject_before(ctx, at, g) is None:
            before = list(fits.values())
    if before:
        # "Neighbor Xanderia Morris described the family as ... <para> "...," she said": the subject of the
        # sentence before, over an older speaker
        best = max(before, key=lambda c: c[1])
        ctx.gender.setdefault(best[2], g)
        return _Speaker(best[2], _person_title(ctx, best[2]), best[3], best[4])
    for rank in (2, 1):
        recent = [c for c in cands if c[0] >= rank and at - c[1] < (600 if rank == 2 else 1500)]
        if recent:
            best = max(recent, key=lambda c: c[1])
            break
    else:
        near = [c for c in cands if at - c[1] < MAX_PRONOUN_BACK]
        if not near:
            return None  # nobody named within reach: a name far back (in a caption) is a guess
        best = max(near, key=lambda c: c[1])
    nominal = _unnamed_subject_before(ctx, at, g)
    if nominal is not None and (
        nominal > best[1] or (best[0] == 0 and _sentence_start(ctx, nominal) == _sentence_start(ctx, best[3]))
    ):
        # (or the unnamed person is the subject of the sentence that names someone else only as an object:
        # "Brittany Thomas' mother ... spoke to reporter Tania Dall. She said")
        # "One man, who declined to be named, said ... "...," he said": he is the man, not the last name
        return _Speaker(None, None, nominal, nominal)
    ctx.gender.setdefault(best[2], g)
    return _Speaker(best[2], _person_title(ctx, best[2]), best[3], best[4])


# How far back (characters) he/she may find a person mentioned in no subject or speaker role; set by hand, as
# the window of a recent subject in `_resolve_pronoun` (1500).
MAX_PRONOUN_BACK = 1500

_FEMALE_NOUNS = frozenset("mother woman girl wife daughter sister grandmother aunt niece girlfriend lady mom".split())
_MALE_NOUNS = frozenset("father man boy husband son brother grandfather uncle nephew boyfriend dad".split())
_PERSON_NOUNS = _FEMALE_NOUNS | _MALE_NOUNS | frozenset(
    """person witness neighbor neighbour resident friend student teacher customer passenger driver worker
    employee relative bystander official officer""".split()
)


# How far back (characters) a pronoun looks for a proper noun the tagger left without an entity that is the
# subject of a speech verb ("Musk has said there is plenty of risk ... "...," he said"); set by hand, the
# window of a recent speaker (600) in `_resolve_pronoun`.
MAX_UNTAGGED_SUBJECT_BACK = 600


def _untagged_speech_subjects(ctx: _Context, at: int) -> list[tuple[str, int, int]]:
    """(full name, start, end) of proper-noun subjects of speech verbs before `at` that carry no entity."""
    out = []
    for v in _speech_verbs(ctx, max(0, at - MAX_UNTAGGED_SUBJECT_BACK), at):
        if v.pos_ not in ("VERB", "AUX") or ctx.in_quote(v.idx) or not ctx.in_body(v.idx):
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ != "" or not subj.text[:1].isupper():
            continue
        if any(c.dep_ == "case" for c in subj.children) or ctx.in_quote(subj.idx):
            continue
        if not ctx._mentions_of([subj.text]):  # only a name the article gives in full elsewhere ("Elon Musk")
            continue
        s0, e0 = subj.idx, subj.idx + len(subj)
        out.append((ctx.canonical(subj.text, s0), s0, e0))
    return out


def _unnamed_subject_before(ctx: _Context, at: int, g: str) -> int | None:
    """Where the latest unnamed person fitting he/she is the subject, in the pronoun's sentence or the one
    before: "One man said", "a witness told", "Brittany Thomas' mother was present"; None when there is none."""
    if ctx.doc is None:
        return None
    sents = ctx.analysis.sentences
    k = next((i for i, x in enumerate(sents) if x.start <= at < x.end), None)
    if k is None:
        return None
    lo = sents[k - 1].start if k > 0 else sents[k].start
    found = None
    for t in ctx.tokens_in(lo, at):
        low = t.text.lower()
        if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "NOUN" or low not in _PERSON_NOUNS or ctx.in_quote(t.idx):
            continue
        if (g == "m" and low in _FEMALE_NOUNS) or (g == "f" and low in _MALE_NOUNS):
            continue
        if any(c.dep_ == "appos" or (c.dep_ == "compound" and c.ent_type_ == "PERSON") for c in t.children):
            continue  # "His grandmother, Rebecca Washington": named
        gendered = low in _FEMALE_NOUNS or low in _MALE_NOUNS
        indefinite = any(
            c.dep_ in ("det", "nummod") and c.text.lower() in ("a", "an", "one", "another") for c in t.children
        )
        if gendered or indefinite:
            found = t.idx
    return found


def _sentence_start(ctx: _Context, at: int) -> int:
    for s in ctx.analysis.sentences:
        if s.start <= at < s.end:
            return s.start
    return at


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def _org_name(text: str) -> str:
    t = _without_article(_POSSESSIVE.sub("", text.strip(" ,.;:")))
    t = re.sub(r"(?:\s+(?:on|in|at|of|and))+$", "", t)
    if any(w[:1].isupper() for w in t.split()):  # "Xinhua news agency" -> "Xinhua"
        t = re.sub(r"(?:\s+[a-z][\w-]*)+$", "", t)
    return t


def _full_org_name(ctx: _Context, name: str) -> str:
    """The fullest form the article gives a body: "Crime Stoppers" -> "Crime Stoppers of the Lowcountry"."""
    m = re.search(re.escape(name) + r"(?: of (?:the )?(?:[A-Z][\w'-]*\s?)+)", ctx.text)
    return m.group().strip() if m else name


def _prior_org(ctx: _Context, word: str | None, at: int, window: int = 1500) -> _Entity | None:
    """The latest organisation named before `at` (containing `word` when given)."""
    for e in reversed([e for e in ctx.ents if e.label in ("ORG", "FAC") and e.end <= at]):
        if at - e.end > window and word is None:
            return None
        if word is None or word in e.text.lower():
            return e
    return None


def _prior_org_after_noun(ctx: _Context, word: str, at: int) -> _Entity | None:
    """The latest body named right after the noun: "law firm Mossack Fonseca" for "the firm"."""
    for e in reversed([e for e in ctx.ents if e.label in ("ORG", "PERSON") and e.end <= at]):
        if re.search(r"\b" + word + r"\s+$", ctx.text[max(0, e.start - len(word) - 2):e.start].lower()):
            return e
    return None


def _document_owner(ctx: _Context, noun: Any) -> _Speaker | None:
    """Who a statement or report belongs to: "the Army's report" said earlier, else the last organisation."""
    if ctx.doc is None:
        return None
    for t in reversed([t for t in ctx.doc[: noun.i] if t.text.lower() == noun.text.lower()]):
        comp = _compound_text(ctx, t)
        if comp:  # "the Crime Stoppers flier" earlier
            return _Speaker(_full_org_name(ctx, _org_name(comp[0])), None, comp[1], comp[2], True)
        for c in t.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME"):
                sub = list(c.subtree)
                s, e = sub[0].idx, sub[-1].idx + len(sub[-1])
                return _Speaker(_org_name(ctx.text[s:e]), None, s, e, True)
    for t in reversed([t for t in ctx.doc[: noun.i] if t.text.lower() == noun.text.lower()][-3:]):
        # "In a statement, Backroads spokeswoman Liz Einbinder said": the organisation behind the statement
        if t.dep_ != "pobj" or noun.idx - t.idx > 800:
            continue
        sent = t.sent
        for v in sent:
            if _is_speech_verb(v):
                subj = _subject_of(v)
                if subj is None:
                    continue
                for x in subj.subtree:
                    if x.ent_type_ in ("ORG",) and x.i < subj.i:
                        ent = ctx.ent_at(x.idx)
                        if ent is not None:
                            return _Speaker(_org_name(ent.text), None, ent.start, ent.end, True)
    for sp in reversed(ctx.speakers):
        if sp.is_org and sp.name:
            return _Speaker(sp.name, None, sp.start, sp.end, True)
    e = _prior_org(ctx, None, noun.idx, 600)
    return _Speaker(_org_name(e.text), None, e.start, e.end, True) if e else None


def _compound_text(ctx: _Context, tok: Any) -> tuple[str, int, int] | None:
    """Capitalised words compounded onto a noun: "A London Fire Brigade spokesman" -> "London Fire Brigade"."""
    comps = [c for c in tok.subtree if c.i < tok.i and c.dep_ in ("compound", "pobj", "prep", "nmod", "amod")
             and (c.text[:1].isupper() or c.dep_ in ("prep",) or c.text in ("for", "of", "&"))]
    comps = [c for c in comps if c.dep_ != "poss"]
    while comps and not comps[0].text[:1].isupper():
        comps = comps[1:]
    while comps and not comps[-1].text[:1].isupper():
        comps = comps[:-1]
    if not comps:
        return None
    s, e = comps[0].idx, comps[-1].idx + len(comps[-1])
    return ctx.text[s:e], s, e


def _named_behind(ctx: _Context, tok: Any) -> _Speaker | None:
    """Who is behind a spokesman or a document, named after it: "a spokesman for U.N. Secretary-General Ban
    Ki-moon", "a statement released by the Korean Central News Agency", "a commentary published in the
    Rodong Sinmun newspaper"."""
    objs: list[Any] = []
    for c in tok.rights:
        if c.dep_ == "prep" and c.text.lower() in _BEHIND_PREPS:
            objs += [x for x in c.children if x.dep_ == "pobj"]
        elif c.dep_ == "acl":
            for x in c.children:
                if x.dep_ in ("agent", "prep") and x.text.lower() in _BEHIND_PREPS:
                    objs += [y for y in x.children if y.dep_ == "pobj"]
    for o in objs:
        if tok.text.lower() in _SPOKES_NOUNS:
            for c in o.children:  # "A spokesperson for Buhari, Mallam Garba Shehu, said": the spokesperson's name
                named = ctx.ent_at(c.idx) if c.dep_ == "appos" and c.i > o.i else None
                if named is not None and named.label == "PERSON":
                    return _person(ctx, named.text, named.start, named.end)
        ent = ctx.ent_at(o.idx)
        if ent is not None and ent.label == "PERSON":
            return _person(ctx, ent.text, ent.start, ent.end)
        if ent is not None and ent.label == "ORG":
            return _Speaker(_org_name(ent.text), None, ent.start, ent.end, True)
        comp = _compound_text(ctx, o)
        if comp and o.pos_ in ("NOUN", "PROPN"):
            if o.text[:1].isupper():  # "a spokesperson for West Midlands Police": the head is part of the name
                comp = (ctx.text[comp[1]:o.idx + len(o)], comp[1], o.idx + len(o))
            return _Speaker(_org_name(comp[0]), None, comp[1], comp[2], True)
    return None


def _person_after_role(ctx: _Context, org: _Entity, tok: Any) -> _Speaker | None:
    """The person closing a subject that opens on a body: "<body> deputy director <person>", only role words
    (lower-case, or titles) between them."""
    edge = tok.right_edge
    person = ctx.ent_at(edge.idx)
    if person is None or person.label != "PERSON" or person.start <= org.end:
        return None
    between = ctx.text[org.end:person.start].split()
    if not 1 <= len(between) <= 4:
        return None
    if all(w.isalpha() and (w.islower() or w.lower() in _HONORIFIC_KEYS) for w in between):
        return _person(ctx, person.text, person.start, person.end)
    return None


def _speaker_from_subject(ctx: _Context, tok: Any) -> _Speaker | None:
    """The speaker a subject token names; `_UNNAMED` for "a spectator", None when it cannot tell."""
    low = tok.text.lower()
    ent = ctx.ent_at(tok.idx)
    if tok.pos_ == "PROPN" and (ent is None or ent.label != "PERSON") and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children
    ):
        return _UNNAMED  # "explained his Public Defender": a role, capitalised, after "his"
    if (
        tok.text[:1].isupper() and low.rstrip(".") in _PERSON_ROLE_KEYS and (ent is None or ent.label != "PERSON")
        and any(c.dep_ in ("poss", "det") for c in tok.lefts)
    ):
        # "The dead soldier's Commanding Officer said": a capitalised role after a possessive or an article,
        # not a name: the person the article gave that title, else unnamed
        return _titled_person_before(ctx, tok) or _UNNAMED
    if ent is not None and not (ent.label == "PERSON" and _is_possessive(ctx, ent) and ent.end <= tok.idx):
        if ent.label == "PERSON":
            return _person(ctx, ent.text, ent.start, ent.end)
        if tok.pos_ == "PROPN" and ent.label in ("ORG", "FAC", "GPE", "NORP"):
            # "California Department of ... deputy director Millicent Tidwell told": the person the role names
            behind = _person_after_role(ctx, ent, tok)
            if behind is not None:
                return behind
            # "Navarro County Sheriff Elmer Tanner": the entity may only cover the place in front
            if tok.idx >= ent.end or ent.root.i == tok.i:
                return _Speaker(_org_name(ent.text), None, ent.start, ent.end, True)
    if ent is None:
        named = [c for c in tok.lefts if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
        if named:  # "Moon Jae-in": the entity stops short of the hyphenated word the parse made the head
            return _person(ctx, ctx.text[named[0].idx:tok.idx + len(tok)], named[0].idx, tok.idx + len(tok))
    if tok.pos_ == "PRON":
        if low in _PRONOUNS:
            sp = _resolve_pronoun(ctx, low, tok.idx)
            if sp is not None:
                return _Speaker(sp.name, sp.title, tok.idx, tok.idx + len(tok), sp.is_org)
        return None
    for c in tok.children:  # "a Microsoft human resources official named Adrienne Day"
        if c.dep_ == "acl" and c.text.lower() in ("named", "called", "identified"):
            for x in c.subtree:
                e = ctx.ent_at(x.idx) if x.i != c.i else None
                if e is not None and e.label == "PERSON":
                    return _person(ctx, e.text, e.start, e.end)
    for c in tok.children:  # "the friend, Ilona Herman" / "His grandmother, Rebecca Washington"
        if (c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")) or (
            c.dep_ == "npadvmod" and c.i > tok.i and c.ent_type_ in ("PERSON", "ORG")  # "the tabloid the Mirror"
        ):
            return _speaker_from_subject(ctx, c)
    if low in _UNNAMED_WORDS or tok.pos_ == "NUM":
        return _UNNAMED
    if low.rstrip(".") in _HONORIFIC_KEYS and (tok.text[:1].isupper() or low in _PERSON_ROLE_KEYS):
        # "Mayor of London Sadiq Khan said", "said Suffolk chief of detectives Gerard Gigante"
        lower_role = not tok.text[:1].isupper()  # (a lower-case role: only the person after it, not "Reid's rep")
        for t in tok.subtree:
            if t.i != tok.i and (t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ == "")) and t.dep_ not in ("compound",):
                if (t.ent_type_ == "PERSON" and not lower_role) or t.dep_ in ("appos", "pobj"):
                    return _speaker_from_subject(ctx, t)
        nxt = ctx.ent_at(tok.idx + len(tok) + (2 if ctx.text[tok.idx + len(tok):tok.idx + len(tok) + 1] == "." else 1))
        if nxt is not None and nxt.label == "PERSON":  # "said Sgt. Tom Clark": the name the parse cut off
            return _person(ctx, nxt.text, nxt.start, nxt.end)
    if tok.pos_ == "NOUN" and _APOSTROPHE_NAME.match(tok.text):
        return _person(ctx, tok.text, tok.idx, tok.idx + len(tok))  # "D'Alessandro said", tagged a common noun
    if tok.text[:1].isupper() and tok.pos_ == "NOUN" and not ctx._mentions_of([tok.text]):
        return _UNNAMED  # "Doctors said", a common noun opening the sentence

    if tok.text[:1].isupper() and (tok.pos_ == "PROPN" or low not in _ORG_NOUNS | _SPOKES_NOUNS | _DOCUMENT_NOUNS):
        chain = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper()] + [tok]
        s, e = chain[0].idx, tok.idx + len(tok)
        words = ctx.text[s:e].split()
        if any(w.lower() in _ORG_NOUNS or w in ("Department", "Police", "Office") for w in words[-2:]):
            return _Speaker(_org_name(ctx.text[s:e]), None, s, e, True)
        return _person(ctx, ctx.text[s:e], s, e)
    if low in _SPOKES_NOUNS:
        named = _titled_person_before(ctx, tok)
        if named is not None:  # "the spokesman said" after "Pentagon spokesman John Kirby"
            return named
        comp = _compound_text(ctx, tok)
        if comp:
            return _Speaker(_org_name(comp[0]), tok.text, comp[1], comp[2], True)
        behind = _named_behind(ctx, tok)
        if behind is not None:
            return behind
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
                inner = _speaker_from_subject(ctx, c)
                if inner is not None and inner.is_org:
                    return _Speaker(inner.name, tok.text, inner.start, inner.end, True)
        e = _prior_org(ctx, None, tok.idx, 600)
        return _Speaker(_org_name(e.text), tok.text, e.start, e.end, True) if e else _UNNAMED
    if low in _DOCUMENT_NOUNS:
        comp = _compound_text(ctx, tok)
        if comp:
            return _Speaker(_org_name(comp[0]), None, comp[1], comp[2], True)
        behind = _named_behind(ctx, tok)
        if behind is not None:
            return behind
        for c in tok.children:
            if c.dep_ == "poss":
                inner = _speaker_from_subject(ctx, c)
                if inner is not None and inner.name:
                    return inner
                return _document_owner(ctx, tok) or _UNNAMED
        return _document_owner(ctx, tok) or _UNNAMED
    if low in _BODY_NOUNS or low in _ORG_NOUNS:
        names = [
            c for c in tok.lefts
            if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "NORP", "LOC")
        ]
        if names:  # "Japan's J-Alert system", "the state-run Xinhua news agency"
            s0, e0 = names[0].left_edge.idx, names[-1].idx + len(names[-1])
            return _Speaker(_org_name(ctx.text[s0:e0]), None, s0, e0, True)
    if low in _ORG_NOUNS:
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")]
        if mods:  # "the South Korean government", "the Iraqi military": the text names the body itself
            s0 = min(m.left_edge.idx for m in mods)
            return _Speaker(ctx.text[s0:tok.idx + len(tok)], None, s0, tok.idx + len(tok), True)
        e = _prior_org(ctx, low, tok.idx) or _prior_org_after_noun(ctx, low, tok.idx)
        if e is not None:
            return _Speaker(_org_name(e.text), None, e.start, e.end, True)
        owner = [c for c in tok.lefts if c.dep_ == "poss" and c.pos_ == "NOUN"]
        if owner:  # "the sheriff's office said", no office named before: the words themselves, all of them
            s0 = owner[0].left_edge.idx
            return _Speaker(_without_article(ctx.text[s0:tok.idx + len(tok)]), None, s0, tok.idx + len(tok), True)
        if low == "police":
            # "police said" before the article names the force ("The Stamford Police Department said ..."):
            # the first police body named after
            later = next((x for x in ctx.ents if x.label == "ORG" and x.start > tok.idx and "police" in x.text.lower()
                          and x.text.split()[-1].lower() in ("department", "service", "force", "police")), None)
            if later is not None:
                return _Speaker(_org_name(later.text), None, tok.idx, tok.idx + len(tok), True)
            return _Speaker(low, None, tok.idx, tok.idx + len(tok), True)
        return _UNNAMED
    if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower()):  # "the prime minister" as PROPN
        named = _titled_person_before(ctx, tok)
        if named is not None:
            return named
    if tok.pos_ in ("NOUN", "PROPN"):
        return _UNNAMED
    return None


# How many person mentions back a definite role ("the prime minister", "the sheriff") looks for the person the
# article gave that title; set by hand, not swept (eval/quotes dev has few such speakers).
MAX_TITLED_MENTIONS_BACK = 12


# A surname with an apostrophe after its first letter or two ("O'Connor", "D’Alessandro"): no common noun.
_APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]?['’][A-Z][a-z]+$")
# Abbreviated titles in full, for "the lieutenant said" after "Lt. Mike Ross".
_TITLE_IN_FULL = {
    "lt": "lieutenant", "sgt": "sergeant", "det": "detective", "capt": "captain", "gov": "governor",
    "sen": "senator", "rep": "representative", "supt": "superintendent", "insp": "inspector", "col": "colonel",
    "gen": "general", "maj": "major", "cpl": "corporal", "dep": "deputy", "atty": "attorney", "cmdr": "commander",
}
_TITLE_RUN = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,4}\Z")  # capitalised words right before a name


def _titled_person_before(ctx: _Context, tok: Any) -> _Speaker | None:
    """"the sheriff said" after "Sheriff John Smith"; "the UN leader" after "UN Secretary-General Antonio
    Guterres": the latest person named before with that role word (or those capitalised words) in the title."""
    if not any((c.dep_ == "det" and c.text.lower() == "the") or (c.dep_ == "poss" and c.pos_ == "PROPN")
               for c in tok.children):  # (a possessive is as definite: "Venezuela's minister")
        return None
    head = tok.lemma_.lower()
    mods = {c.text.lower() for c in tok.lefts if c.dep_ in ("compound", "amod") and c.text[:1].isupper()}
    people = [e for e in ctx.people if e.end <= tok.idx and not ctx.in_quote(e.start)]
    for e in reversed(people[-MAX_TITLED_MENTIONS_BACK:]):
        # the title found for the mention, and the words right in front of it ("UN Secretary-General")
        m = _TITLE_RUN.search(ctx.text, max(0, e.start - 40), e.start)
        lead = m.group() if m else ""
        if e.root.dep_ == "appos" and e.root.head.pos_ == "NOUN":  # "A 12-year-old boy, Tyler Jones,"
            lead += " " + e.root.head.lemma_
        title = f"{_title_of(ctx, e.start, e.end) or ''} {lead}".strip()
        if not title:
            continue
        words = set(re.split(r"[\s-]+", title.lower().replace(".", "")))
        words |= {_TITLE_IN_FULL[w] for w in words if w in _TITLE_IN_FULL}  # "Lt. Mike Ross" is the lieutenant
        if head in words or (mods and mods <= words):
            return _person(ctx, e.text, e.start, e.end)
    return None


def _subject_of(verb: Any) -> Any | None:
    """The subject of a speech verb, through "and warned him" or "quoting him as saying".

    When the parse gives two ("the legal firm J.P. Damiani said"), the named one.
    """
    doc = verb.doc
    # a subject the parse found across a line break ("(Reuters)\nNorth Korea declared") is a caption's
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _line_break_between(doc, c, verb)]
    if subjects:
        named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")]
        return (named or subjects)[0]
    quoting = verb.head.head if verb.head.dep_ == "prep" and verb.head.text.lower() == "as" else verb.head
    if verb.text.lower() == "saying" and quoting.text.lower() in ("quoting", "quoted", "quote"):
        for c in quoting.children:  # "quoting him saying" / "quoting him as saying"
            if c.dep_ == "dobj":
                return c
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and _is_speech_verb(verb.head.head) and _is_speech_verb(verb):
        # "Peskov told reporters that Russia condemns such moves and said that ...": the parse joins "said"
        # to the reported verb; the speech verb it pairs with is the one above
        return _subject_of(verb.head.head)
    if verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        # "and warned him"; "X dismissed the idea, warning it could ..."
        if verb.head.i != verb.i:
            return _subject_of(verb.head)
    return None


def _is_speech_verb(tok: Any) -> bool:
    return tok.text.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")


def _line_break_between(doc: Any, a: Any, b: Any) -> bool:
    lo, hi = (a, b) if a.i < b.i else (b, a)
    return any("\n" in t.text_with_ws for t in doc[lo.i:hi.i])  # (doc.text would rebuild the whole text)


# Speech verbs whose passive subject is still the speaker ("he was quoted as saying").
_PASSIVE_SPEAKER_VERBS = frozenset("quoted cited".split())


def _passive_speaker(ctx: _Context, verb: Any, subj: Any) -> _Speaker | None:
    """For a speech verb in the passive ("Tiangong-1 was described as "a potent political symbol"", "is
    described by the network as "..."") the speaker is the agent after "by", or nobody named: the subject is
    what was spoken of or to.  None when the verb is not passive."""
    shared = (  # "was launched in 2011 and described as": the passive subject shared with the verb before
        verb.dep_ == "conj" and subj.head.i == verb.head.i and any(c.dep_ == "auxpass" for c in verb.head.children)
    )
    if subj.dep_ != "nsubjpass" or (subj.head.i != verb.i and not shared) or verb.lower_ in _PASSIVE_SPEAKER_VERBS:
        return None
    return _agent_speaker(ctx, verb)


def _agent_speaker(ctx: _Context, verb: Any) -> _Speaker:
    """Who a passive verb's agent names ("was told by X", "described by the network"), else nobody named."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in (c for c in agent.children if c.dep_ == "pobj"):
            return _speaker_from_subject(ctx, obj) or _UNNAMED
    return _UNNAMED


def _speaker_of_verb(ctx: _Context, verb: Any, start: int, end: int, after_verb: bool) -> _Speaker | None:
    subj = _subject_of(verb)
    if subj is not None:
        passive = _passive_speaker(ctx, verb, subj)
        if passive is not None:
            return passive
        sp = _speaker_from_subject(ctx, subj)
        if sp is not None:
            return sp
    elif after_verb and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text.lower() in _UNNAMED_WORDS:
        return _UNNAMED  # '"...," wrote another to a pimp from his Microsoft work email'
    return _speaker_from_window(ctx, start, end, after_verb)


def _speaker_from_window(
    ctx: _Context, start: int, end: int, after_verb: bool, people_only: bool = False
) -> _Speaker | None:
    """When the parse gives no subject: a spokesman in text[start:end] (who speaks for the body named with
    them), a person named there, else a pronoun, an organisation."""
    spokes = [t for t in ctx.tokens_in(start, end) if t.lower_ in _SPOKES_NOUNS and not ctx.in_quote(t.idx)]
    if spokes and not people_only:  # "Read More A spokeswoman for Dyfed-Powys Police said:" (the parse lost
        # the subject): the body named after the spokeswoman
        sp = _named_behind(ctx, spokes[0] if after_verb else spokes[-1])
        if sp is not None and sp.name:
            return sp
    ents = [e for e in ctx.ents_in(start, end, ("PERSON", "ORG", "FAC")) if not _is_possessive(ctx, e)]
    people = [e for e in ents if e.label == "PERSON" and not ctx.in_quote(e.start)]
    if people:
        e = people[0] if after_verb else people[-1]
        return _person(ctx, e.text, e.start, e.end)
    if people_only:
        return None
    prons = [t for t in ctx.tokens_in(start, end) if t.text.lower() in ("he", "she", "they")]
    if prons:
        t = prons[0] if after_verb else prons[-1]
        sp = _resolve_pronoun(ctx, t.text, t.idx)
        if sp is not None:
            return _Speaker(sp.name, sp.title, t.idx, t.idx + len(t), sp.is_org)
        if t.lower_ in ("he", "she"):
            return None  # a person nobody can name, not a body in the same words ('app", she said')
    if ents:
        e = ents[0] if after_verb else ents[-1]
        return _Speaker(_org_name(e.text), None, e.start, e.end, True)
    toks = [t for t in ctx.tokens_in(start, end) if not (t.is_punct or t.is_space)]
    if toks:
        # a name the parse and the tagger both missed, next to the verb: a handle ("@RealDonaldTrump
        # tweeted:") or a name the article gives in full elsewhere ("Trump tweeted Monday:")
        t = toks[0] if after_verb else next((x for x in toks if x.text[:1].isupper() or x.text[:1] == "@"), toks[0])
        if t.text.startswith("@") and len(t.text) > 2:
            return _Speaker(t.text, None, t.idx, t.idx + len(t), False)
        if t.text[:1].isupper() and t.text.isalpha() and any(f in ctx.people_names for _, f in ctx._mentions_of([t.text])):
            return _person(ctx, t.text, t.idx, t.idx + len(t))
    return None


_GOING_ON = frozenset("continue continued continues".split())


def _speech_verbs(ctx: _Context, start: int, end: int) -> list[Any]:
    """Speech verbs (or their nouns) starting in text[start:end], in text order."""
    if end <= start:
        return []
    found = ctx.speech_toks[bisect.bisect_left(ctx.speech_at, start):bisect.bisect_left(ctx.speech_at, end)]
    # "the US will continue to pressure the regime": a verb of going on, not of speaking, when a verb follows it
    return [t for t in found if not (t.lower_ in _GOING_ON and any(c.dep_ == "xcomp" for c in t.children))]


def _attribute_after(ctx: _Context, mark: _Mark, limit: int) -> _Speaker | None:
    """'"...," X said' or '"...," said X' after the closing mark."""
    toks = [t for t in ctx.tokens_in(mark.close_end, limit) if not t.is_space]
    k0 = 1 if toks and toks[0].is_punct else 0
    if len(toks) > k0 + 2 and toks[k0].text.lower() == "according" and toks[k0 + 1].text.lower() == "to":
        # '"...," according to the BBC.': the source after "according to"
        obj = next((c for c in toks[k0 + 1].children if c.dep_ == "pobj"), toks[k0 + 2])
        sp = _speaker_from_subject(ctx, obj)
        return sp if sp is not None else _UNNAMED
    for k, t in enumerate(toks[: MAX_TOKENS_TO_VERB_AFTER + 1]):
        if t.text.lower() in SPEECH_VERBS and (t.pos_ in ("VERB", "AUX") or t.text.lower() in ("said", "says", "told")):
            stop = limit
            for x in toks[k + 1:]:
                if x.text in (".", ";", "!", "?", "“", '"', "``"):
                    stop = x.idx
                    break
            # (a capitalised "adverb" before the verb is a name the tagger missed: '" Conneely said')
            inverted = k == 0 or all(x.pos_ == "PUNCT" or (x.pos_ == "ADV" and not x.text[:1].isupper()) for x in toks[:k])
            if inverted:
                return _speaker_of_verb(ctx, t, t.idx + len(t), stop, after_verb=True)
            return _speaker_of_verb(ctx, t, mark.close_end, t.idx, after_verb=False)
        if t.text in (".", "!", "?", "“", '"', "``") and not _abbreviation_period(toks, k):
            break
    return None


def _abbreviation_period(toks: list[Any], k: int) -> bool:
    """A "." that closes an abbreviation ("Police Supt. Garry McCarthy said"), not the sentence."""
    if toks[k].text != "." or k == 0 or k + 1 >= len(toks):
        return False
    prev, nxt = toks[k - 1], toks[k + 1]
    short_title = prev.text[:1].isupper() and len(prev.text) <= 5 and prev.idx + len(prev.text) == toks[k].idx
    return short_title and (prev.text.lower() in _HONORIFICS_BARE or prev.text.lower() in _TITLE_ABBREVIATIONS) and nxt.text[:1].isupper()


def _attribute_before(ctx: _Context, mark: _Mark, floor: int) -> _Speaker | None:
    """'X said: "..."', 'X added, "..."', 'quoting him as saying, "..."' before the opening mark."""
    start = max(floor, mark.open_start - MAX_CHARS_BEFORE)
    verbs = _speech_verbs(ctx, start, mark.open_start)
    if not verbs:
        return None
    v = verbs[-1]
    between = ctx.text[v.idx + len(v):mark.open_start]
    # the verb must introduce the quote: only a few words between them ("said last Wednesday:", "said in the article")
    if len(between.split()) > 6:
        return None
    cut = max(start, ctx.text.rfind(";", start, v.idx) + 1)
    sp = _speaker_of_verb(ctx, v, cut, v.idx, after_verb=False)
    if sp is None:
        sp = _speaker_from_window(ctx, v.idx + len(v), mark.open_start, after_verb=True)
    return sp


# How many sentences before the last one of the paragraph above a quote are searched for its speaker; set by
# hand (eval/quotes dev: 1, 2 and 3 give the same figure, 0.915).
MAX_PARAGRAPH_SENTENCES_BACK = 2
# Steps up the dependency tree from a quote's first word to the speech verb that governs it.
MAX_HEAD_STEPS = 8  # eval/quotes dev speaker accuracy: 3 steps 0.789, 5 0.791, 8 and 12 0.799


def _governing_speech_verb(ctx: _Context, qs: int, qe: int) -> Any | None:
    """The speech verb outside the quote whose clause holds it: 'Abe said the launch went against "..."'."""
    toks = [t for t in ctx.tokens_in(qs, qe) if not (t.is_punct or t.is_space)]
    if not toks:
        return None
    tok = toks[0]
    text = ctx.text
    for _ in range(MAX_HEAD_STEPS):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        inside = qs <= tok.idx < qe
        if not inside and _is_speech_verb(tok):
            lo, hi = min(tok.idx, qs), max(tok.idx, qs)
            # a parse joining two paragraphs is no attribution: the verb must share the quote's paragraph
            return None if "\n" in text[lo:hi] else tok
    return None


def _attribute_by_dependency(ctx: _Context, qs: int, qe: int, sentences: list[tuple[int, int]],
                             before_only: bool = False) -> _Speaker | None:
    """The subject of the governing speech verb, for quotes inside a reported clause (with `before_only`,
    only a verb in front of the quote: 'Moon also said dialogue was "impossible", Yonhap reported')."""
    verb = _governing_speech_verb(ctx, qs, qe)
    if verb is None or (before_only and verb.idx > qs):
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # 'a cult leader once accused of having "complete control ..."': a participle after a noun, in the
        # passive: its agent speaks ("described by the network as"), else nobody named
        return _agent_speaker(ctx, verb)
    subj = _subject_of(verb)
    if subj is None:
        # "From Washington, Susan Rice, ..., said that": the parse lost the subject; the person named
        # in the verb's own sentence before it, when there is one
        s0 = max(verb.sent.start_char, ctx.text.rfind("\n", 0, verb.idx) + 1)
        if verb.idx < qs:
            return _speaker_from_window(ctx, s0, verb.idx, after_verb=False, people_only=True)
        return None
    if qs <= subj.idx < qe:
        return None
    return _passive_speaker(ctx, verb, subj) or _speaker_from_subject(ctx, subj)


def _according_before(ctx: _Context, mark: _Mark) -> _Speaker | None:
    """'According to Sheriff Tom Lane, the man "had a long history of violence."': the source named after
    "according to" earlier in the quote's sentence."""
    s0 = _sentence_start(ctx, mark.open_start)
    m = None
    for m in _ACCORDING.finditer(ctx.text, s0, mark.open_start):
        pass
    if m is None or ctx.in_quote(m.start()):
        return None
    stop = ctx.text.find(",", m.end(), mark.open_start)
    stop = mark.open_start if stop < 0 else stop
    ent = next((e for e in ctx.ents if m.end() <= e.start < stop and e.label in ("PERSON", "ORG", "FAC")), None)
    if ent is None:
        return None
    titled = ent.text.split()[0].lower().rstrip(".") in _HONORIFIC_KEYS and len(_strip_roles(ent.text.split())) >= 2
    if ent.label == "PERSON" or titled:  # ("Sheriff Tom Lane" tagged as a place: a title opens a person's name)
        return _person(ctx, ent.text, ent.start, ent.end)
    return _Speaker(_org_name(ent.text), None, ent.start, ent.end, True)


def _clause_subject_before(ctx: _Context, floor: int, mark: _Mark, para_end: int, colon: bool = False) -> _Speaker | None:
    """'Lastly, Goldsmith addressed his plan ..., "I am putting more resources ..."': a whole sentence quoted
    after a clause with no speech verb, the quote closing its paragraph: the named subject of that clause.
    With `colon`, the clause ends on a colon that introduces the quote ('But Bryant wasn't done yet: "Nah
    ..."'), wherever the quote ends."""
    if not colon and ctx.text[mark.close_end:para_end].strip(" .,'’\"”"):
        return None
    toks = ctx.tokens_in(max(floor, _sentence_start(ctx, mark.open_start - 1)), mark.open_start)
    root = next((t for t in toks if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    subj = _subject_of(root) if root is not None else None
    if subj is None and colon:  # (the parse may hang the clause on a verb of the quote: its own subject)
        subj = next((t for t in reversed(toks) if t.dep_ in ("nsubj", "nsubjpass") and t.head.idx < mark.open_start), None)
        if subj is not None and (
            any(c.dep_ == "conj" for c in subj.children)
            or sum(c.dep_ in ("nsubj", "nsubjpass") for c in subj.head.children) > 1
        ):
            return None  # "The five CEOs - A, B and C - outlined their vision:": several speak at once
    if subj is None or subj.pos_ not in ("PROPN", "NOUN"):
        return None
    sp = _speaker_from_subject(ctx, subj)
    return sp if sp is not None and sp.name else None


def _previous_sentence_speaker(ctx: _Context, mark: _Mark, sentences: list[tuple[int, int]]) -> _Speaker | None:
    """'Mr. Obama said the incident ... <para> "We're heartbroken ..."': the speaker of the sentence before."""
    prev = [s for s in sentences if s[1] <= mark.open_start]
    if not prev:
        return None
    s, e = prev[-1]
    if ctx.text[e:mark.open_start].strip():  # only white space (blank lines included) between them
        return None
    if ctx.text[s:e].rstrip().endswith(":"):
        # "On Monday, the firm released a statement:" and the statement below: its subject
        roots = [t for t in ctx.tokens_in(s, e) if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
        subj = _subject_of(roots[0]) if roots else None
        if subj is not None:
            sp = _speaker_from_subject(ctx, subj)
            if sp is not None and sp.name:
                return sp
    for v in _speech_verbs(ctx, s, e):
        if ctx.in_quote(v.idx):
            continue  # ('"... I would ask them how they knew," Palmer wrote': the quote's own words)
        subj = _subject_of(v)
        if subj is not None:
            sp = _speaker_from_subject(ctx, subj)
            if sp is not None and sp.name:
                return sp
    people = [p for p in ctx.ents_in(s, e, ("PERSON",)) if not _is_possessive(ctx, p) and not ctx.in_quote(p.start)]
    if len(people) > 1:  # the names inside a relative clause ("who was friends with both A and B") do not speak
        people = [p for p in people if not any(t.dep_ in ("relcl", "acl") for t in p.root.ancestors)]
    if len(people) == 1:  # "News 2 spoke with James Glass Jr. who was friends with both."
        p = people[0]
        return _person(ctx, p.text, p.start, p.end)
    # "Morgan said a group of students met ... The fight never happened.  <para> "As soon as I heard ...":
    # the speaker of the paragraph before, when one of its earlier sentences reports someone's words
    for ps, pe in reversed(prev[-1 - MAX_PARAGRAPH_SENTENCES_BACK:-1]):
        if "\n" in ctx.text[pe:s]:
            break
        for v in _speech_verbs(ctx, ps, pe):
            if ctx.in_quote(v.idx):
                continue
            subj = _subject_of(v)
            if subj is not None:
                sp = _speaker_from_subject(ctx, subj)
                if sp is not None and sp.name and not sp.is_org:
                    return sp
        s = ps
    return None


def _continues_quote(prev: _Mark, mark: _Mark, following: int | None = None) -> bool:
    """Whether `mark` is the next paragraph of the quote `prev` left open: the line after it in a tokenised
    text, the next opener in the same line where a quote's paragraphs ran together, or (given `following`,
    the paragraph after prev's) a paragraph opening with a quote mark after a paragraph-long quote left open
    at its end, the way news prints one quote over several paragraphs."""
    if prev.closed:
        return False
    if prev.runs_on and mark.para == prev.para + 1 and mark.starts_para:
        return True
    if mark.resumes and mark.para == prev.para:
        return True
    return following is not None and prev.starts_para and mark.starts_para and mark.para == following


def _pronoun_said_after(ctx: _Context, mark: _Mark, limit: int) -> str | None:
    """The gender of the he/she that says a quote right after its closing mark ('"...," he said', '"...,"
    said she'), else None."""
    toks = [t for t in ctx.tokens_in(mark.close_end, limit)[:4] if not (t.is_punct or t.is_space)][:2]
    if len(toks) == 2 and _is_speech_verb(toks[1]) or len(toks) == 2 and _is_speech_verb(toks[0]):
        for t in toks:
            if t.lower_ in ("he", "she"):
                return _PRONOUNS[t.lower_]
    return None


# The words an acronym skips in the name it stands for ("MoD": Ministry of Defence).
_ACRONYM_SKIPS = frozenset("of the for and on in at to".split())


def _acronym_expansion(ctx: _Context, name: str) -> str | None:
    """The body an acronym speaker stands for, named in full in the article: "MoD" -> "Ministry of Defence"
    when the capitals of the acronym are the initials of the name's words (of, the, and ... skipped).
    Remembered per article: a body quoted many times is looked up once."""
    if name not in ctx.acronyms:
        ctx.acronyms[name] = _expand_acronym(ctx, name)
    return ctx.acronyms[name]


def _expand_acronym(ctx: _Context, name: str) -> str | None:
    if " " in name or not 2 <= len(name) <= 6 or sum(c.isupper() for c in name) < 2 or not name.isalpha():
        return None
    caps = "".join(c for c in name if c.isupper())
    for e in ctx.ents:
        if e.label not in ("ORG", "FAC", "GPE") or e.text == name:
            continue
        words = [w for w in re.split(r"[\s-]+", _org_name(e.text)) if w and w.lower() not in _ACRONYM_SKIPS]
        if len(words) == len(caps) and all(w[:1].upper() == c for w, c in zip(words, caps)) and all(
            w[:1].isupper() for w in words
        ):
            return _org_name(e.text)
    return None


_PARA_CLOSERS = frozenset(".!?:;\"”’'…)`")


def extract_quotes(analysis: Analysis) -> tuple[Quote, ...]:
    """Direct quotes with their speakers, then indirect attributions, for one parsed article."""
    text = analysis.article.text
    allowed = [(s.start, s.end) for s in analysis.body_sentences()]
    sentences = [(s.start, s.end) for s in analysis.sentences]
    marks = find_quote_marks(text)
    ctx = _Context(analysis, [(m.start, m.end) for m in marks])
    paras = _paragraphs(text)
    body_sentences = [(s.start, s.end) for s in analysis.sentences if s.role in ("body", "title")]

    def next_para(pi: int) -> int:
        """The paragraph after `pi`, over captions and other lines outside the report ("American tourist
        Matthew Galat woken by sirens ..." between two paragraphs of one quote)."""
        pi += 1
        while pi < len(paras) - 1 and (
            not ctx.has_body(paras[pi][0], paras[pi][1]) or text[paras[pi][1] - 1] not in _PARA_CLOSERS
        ):
            pi += 1  # (a line with no closing punctuation is a headline of a link, not a paragraph)
        return pi

    # '"I 've done it . <line> ... <line> I do n't need to do anything anymore , ' she told the magazine .":
    # the speaker named after the last paragraph of a quote speaks all of it
    chain_speaker: dict[int, _Speaker] = {}
    chain: list[int] = []
    for idx, mark in enumerate(marks):
        if chain and not _continues_quote(marks[chain[-1]], mark, next_para(marks[chain[-1]].para)):
            chain = []
        chain.append(idx)
        if mark.closed and len(chain) > 1:
            nxt_open = marks[idx + 1].open_start if idx + 1 < len(marks) and marks[idx + 1].para == mark.para else paras[mark.para][1]
            last_by = _attribute_after(ctx, mark, nxt_open)
            if last_by is not None:
                for k in chain[:-1]:
                    chain_speaker[k] = last_by
        if mark.closed:
            chain = []
    out: list[Quote] = []
    prev_mark: _Mark | None = None
    prev_speaker: _Speaker | None = None
    roles: dict[str, str | None] = {}  # speaker name -> the role the article gives them (looked up once)
    for idx, mark in enumerate(marks):
        qs, qe = _trim(text, mark.start, mark.end)
        keep = is_quotation(text[qs:qe])
        if not any(s <= qs < e or qs <= s < qe for s, e in allowed):
            continue
        if not keep and not mark.runs_on:  # a short opening line ("`` No .") still gives its speaker to the rest
            pb = marks[idx - 1].close_end if idx > 0 and marks[idx - 1].para == mark.para else paras[mark.para][0]
            if not mark.closed and text[pb:mark.open_start].rstrip().endswith(":"):
                # 'Alba shared a picture and wrote: "Hayes Alba Warren 12/31/17. <para> "Best gift ...': a name
                # opening a quote that runs on still tells who speaks the rest of it
                opened_by = _attribute_before(ctx, mark, pb)
                if opened_by is not None and opened_by is not _UNNAMED and opened_by.name:
                    ctx.speakers.append(opened_by)
                    prev_mark, prev_speaker = mark, opened_by
                continue
            if mark.closed and text[qs:qe].rstrip().endswith((",", "!", "?")):
                # '"Unbelievable," coach Muffet McGraw said. "First time ...': a one-word reply that is
                # attributed speaks for the quote after it
                nxt_open = marks[idx + 1].open_start if idx + 1 < len(marks) and marks[idx + 1].para == mark.para else paras[mark.para][1]
                short_by = _attribute_after(ctx, mark, nxt_open)
                if short_by is not None and short_by is not _UNNAMED and short_by.name:
                    ctx.speakers.append(short_by)
                    prev_mark, prev_speaker = mark, short_by
            continue
        nxt = marks[idx + 1].open_start if idx + 1 < len(marks) and marks[idx + 1].para == mark.para else paras[mark.para][1]
        prv = marks[idx - 1].close_end if idx > 0 and marks[idx - 1].para == mark.para else paras[mark.para][0]
        before_text = text[prv:mark.open_start].rstrip()
        intro = before_text.endswith((":", ",")) and bool(_speech_verbs(ctx, prv, mark.open_start))
        speaker: _Speaker | None = None
        if mark.resumes and prev_mark is not None and prev_mark.para == mark.para and not prev_mark.closed:
            speaker = prev_speaker  # the next paragraph of the quote before, run into its line
        if intro and speaker is None:
            speaker = _attribute_before(ctx, mark, prv)
        if speaker is None and idx in chain_speaker:
            speaker = chain_speaker[idx]
        if speaker is None and not intro and not mark.starts_para:
            speaker = _attribute_by_dependency(ctx, qs, qe, sentences, before_only=True)
        if speaker is None and mark.closed:
            speaker = _attribute_after(ctx, mark, nxt)
        same_para = prev_mark is not None and prev_mark.para == mark.para
        if speaker is None and not intro and same_para and prev_speaker is not None:
            between = text[prev_mark.close_end:mark.open_start].strip()
            if between.endswith(".") and _speech_verbs(ctx, prev_mark.close_end, mark.open_start):
                speaker = prev_speaker
        if speaker is None and not intro:
            speaker = _attribute_before(ctx, mark, prv)
        if speaker is None:
            speaker = _attribute_by_dependency(ctx, qs, qe, sentences)
        if speaker is None and not mark.starts_para:
            speaker = _according_before(ctx, mark)
        if speaker is None and before_text.endswith(":") and text[qs:qs + 1].isupper():
            speaker = _clause_subject_before(ctx, prv, mark, nxt, colon=True)
        if speaker is None and prev_mark is not None and prev_speaker is not None:
            continues = (not prev_mark.closed and next_para(prev_mark.para) == mark.para and mark.starts_para) or (
                prev_mark.para == mark.para
            )
            if continues:
                speaker = prev_speaker
        if speaker is None and mark.starts_para:
            speaker = _previous_sentence_speaker(ctx, mark, body_sentences)
        if speaker is None and before_text.endswith((":", ",")) and text[qs:qs + 1].isupper():
            speaker = _clause_subject_before(ctx, prv, mark, nxt)
        if speaker is None and prev_mark is not None and prev_speaker is not None and mark.starts_para:
            if next_para(prev_mark.para) == mark.para:
                speaker = prev_speaker
        if speaker is not None and speaker.name and not speaker.is_org and mark.closed:
            said_g = _pronoun_said_after(ctx, mark, nxt)
            if said_g is not None and ctx.gender.get(speaker.name, said_g) != said_g:
                speaker = None  # '"...," he said' can not be a woman the fallbacks found
        if speaker is not None and speaker.name and speaker.name.islower() and not speaker.is_org:
            speaker = None  # ("businesswoman"): a common noun is nobody's name
        if speaker is not None and speaker.is_org and speaker.name:
            full = _acronym_expansion(ctx, speaker.name)
            if full is not None:  # "the AWC said" -> "The Allendale Woman's Club"
                speaker = _Speaker(full, speaker.title, speaker.start, speaker.end, True)
        said_by = speaker  # _UNNAMED kept: the next quote of the same paragraph may continue it
        if speaker is _UNNAMED:
            speaker = None
        speaker_span = analysis.span(speaker.start, speaker.end) if speaker is not None and speaker.end > speaker.start else None
        if keep:
            out.append(
                Quote(
                    span=analysis.span(qs, qe),
                    speaker=speaker.name if speaker else None,
                    speaker_title=_role_of(ctx, speaker, roles) if speaker else None,
                    speaker_span=speaker_span,
                    kind="direct",
                )
            )
        if speaker is not None and speaker.name:
            ctx.speakers.append(speaker)
        prev_mark, prev_speaker = mark, said_by
    out.extend(extract_indirect(analysis, ctx, [(m.open_start, m.close_end) for m in marks]))
    return tuple(out)


# --- indirect attributions ---------------------------------------------------------------------------------

_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_INDIRECT_VERBS = frozenset("say said says tell told tells report reported reports confirm confirmed announce announced claim claimed".split())


def _subject_name(ctx: _Context, tok: Any) -> tuple[str, int, int] | None:
    """The name behind a subject token: its entity, else its noun phrase ("Western security sources")."""
    for e in ctx.ents:
        if e.start <= tok.idx < e.end:
            name = ctx.canonical(e.text) if e.label == "PERSON" else _org_name(e.text)
            return name, e.start, e.end
    if tok.pos_ == "PRON":
        return None
    sub = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound", "amod")]
    sub = [t for t in sub if t.dep_ not in ("det", "poss", "punct") or t.i == tok.i]
    if not sub:
        return None
    s, e = sub[0].idx, sub[-1].idx + len(sub[-1])
    return ctx.text[s:e], s, e


def extract_indirect(analysis: Analysis, ctx: _Context, quoted: Sequence[tuple[int, int]]) -> list[Quote]:
    """Reported speech without quote marks: "according to AFP", "police said the man ...", "X told AFP"."""
    if ctx.doc is None:
        return []
    text = analysis.article.text
    out: list[Quote] = []
    roles: dict[str, str | None] = {}  # person name -> the role the article gives them (looked up once)

    def inside_quote(s: int, e: int) -> bool:
        return any(qs < e and s < qe for qs, qe in quoted)

    for sent in analysis.body_sentences():
        s0, e0 = sent.start, sent.end
        if inside_quote(s0, e0):
            continue
        m = _ACCORDING.search(text, s0, e0)
        if m:
            src_s = m.end()
            stop = src_s
            while stop < e0 and text[stop] not in ",.;":
                stop += 1
            src_e = stop
            if src_e > src_s:
                # the clause reported is the rest of the sentence
                if m.start() - s0 > 10:
                    cs, ce = s0, m.start()
                else:
                    cs, ce = src_e, e0
                cs, ce = _trim(text, cs, ce)
                ce_ = ce
                while ce_ > cs and text[ce_ - 1] in ",.;: ":
                    ce_ -= 1
                cs_ = cs
                while cs_ < ce_ and text[cs_] in ", ":
                    cs_ += 1
                name_text = text[src_s:src_e].strip()
                ents = ctx.ents_in(src_s, src_e, ("PERSON", "ORG", "NORP", "GPE", "FAC"))
                name = (ctx.canonical(ents[0].text) if ents[0].label == "PERSON" else _org_name(ents[0].text)) if ents else _org_name(name_text)
                if ce_ > cs_:
                    title = _indirect_role(ctx, name, ents[0] if ents else None, roles)
                    out.append(Quote(analysis.span(cs_, ce_), name, title, analysis.span(src_s, src_e), "indirect"))
                continue
        for tok in ctx.indirect_toks[bisect.bisect_left(ctx.indirect_at, s0):bisect.bisect_left(ctx.indirect_at, e0)]:
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            subjs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not comps or not subjs:
                continue
            sub = list(comps[0].subtree)
            cs, ce = sub[0].idx, sub[-1].idx + len(sub[-1])
            cs, ce = _trim(text, cs, ce)
            while ce > cs and text[ce - 1] in ",.;: ":
                ce -= 1
            if ce - cs < 12 or inside_quote(cs, ce):
                continue
            subj = subjs[0]
            if subj.text.lower() in _PRONOUNS:
                sp = _resolve_pronoun(ctx, subj.text, subj.idx)
                named = (sp.name, subj.idx, subj.idx + len(subj)) if sp and sp.name else None
            else:
                named = _subject_name(ctx, subj)
            if named is None:
                continue
            name, ss, se = named
            person = next(iter(ctx.ents_in(ss, se, ("PERSON",))), None)
            out.append(Quote(analysis.span(cs, ce), name, _indirect_role(ctx, name, person, roles), analysis.span(ss, se), "indirect"))
            break
    return out


STAGE = Stage(
    name="quotes",
    requires=("doc", "sentences", "mentions"),
    assigns=("quotes",),
    run=lambda a: a.with_(quotes=extract_quotes(a)),
)
