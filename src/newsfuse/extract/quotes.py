"""Quotes and attributions: who said what, as spans into the article.

Direct quotes are found from the quote marks themselves (straight, curly,
single curly and the `` '' of tokenised corpora), one quote per paragraph, so
a quote that runs over several paragraphs gives one span per paragraph.
Each quote is attributed from the words around it ("...," X said; said X;
X added: "..."), with pronouns resolved to the last person who fits and every
name expanded to its fullest form in the article ("Kirby" -> "John Kirby").
Indirect attributions ("according to AFP", "police said the man ...") are
kept as `Quote(kind="indirect")` whose span is the reported clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

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
    "continues ask asked asks reply replied replies warn warned warns insist insisted insists claim claimed "
    "claims confirm confirmed confirms plead pleaded pleads pled beg begged describe described describes "
    "acknowledge acknowledged acknowledges deny denied denies urge urged urges declare declared declares "
    "remark remarked admit admitted admits conclude concluded concludes read reads respond responded "
    "responds argue argued argues report reported reports stress stressed stresses emphasize emphasized "
    "emphasised suggest suggested suggests testify testified vow vowed vows promise promised promises cry "
    "cried scream screamed shout shouted yell yelled exclaim exclaimed recount recounted comment commented "
    "quoted quoting apologize apologized apologised praise praised mourn mourned call called calls "
    "whisper whispered sob sobbed joke joked mused muses wonder wondered agree agreed agrees"
)
SPEECH_VERBS = frozenset(_SPEECH_BASES.split())

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
    barack donald boris vladimir xi kim emmanuel angela recep hassan bashar rex""".split()
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
    """council ministry department police company agency government army office hospital church school
    district university service services force military navy pentagon commission committee board
    administration embassy court statement""".split()
)
_SPOKES_NOUNS = frozenset("spokesman spokeswoman spokesperson spokespeople representative representatives".split())
_DOCUMENT_NOUNS = frozenset("statement report blotter release notice message post website tweet letter".split())


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
        for m in _MARK.finditer(text, ps, pe):
            mk, s, e = m.group(), m.start(), m.end()
            before = text[s - 1] if s > ps else " "
            after = text[e] if e < pe else " "
            if open_at is None:
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
            closes = mk in ("”", "''") or (mk == '"') or (mk == "“" and after.isspace() and before.isspace())
            if mk == "“" and not closes:
                continue  # a nested or misplaced opener inside an open quote
            if closes:
                found.append(_Mark(open_at, s, open_mark_start, e, pi, True, open_mark_start == ps))
                open_at = None
        if open_at is not None:
            found.append(_Mark(open_at, pe, open_mark_start, pe, pi, False, open_mark_start == ps))
    return found


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
    if len(words) <= MAX_TITLE_WORDS and not re.search(r"[.!?…]$", stripped):
        content = [w for w in words if len(w) > 3 or w[0].isupper()]
        if content and all(w[0].isupper() or w[0].isdigit() for w in content) and not passage.isupper():
            return False
    return True


# --- names -----------------------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HONORIFICS_BARE = frozenset(h.rstrip(".") for h in HONORIFICS)


def _name_tokens(name: str) -> list[str]:
    toks = [t for t in re.split(r"\s+", _POSSESSIVE.sub("", name.strip(" ,.;:"))) if t]
    while len(toks) > 1 and toks[0].lower().rstrip(".") in _HONORIFICS_BARE:
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
    county city state department chief sheriff mayor""".split()
)
# Abbreviated titles spaCy splits from their period ("Supt" "."): not in HONORIFICS, which lists full words.
_TITLE_ABBREVIATIONS = frozenset("supt insp cmdr lt sgt cpl det capt col gen maj adm gov sen rep atty asst dep".split())
_HONORIFIC_KEYS = frozenset(h.rstrip(".") for h in HONORIFICS) | _ROLE_WORDS | _TITLE_ABBREVIATIONS
_NAME_SEQ = r"((?:(?:[A-Z]\.|[A-Z][a-z]{0,3}\.|[A-Z][\w’'-]*)\s+){0,4})"
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
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


class _Context:
    """What attribution needs from one article: entities in order, people, their names and genders."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.article.text
        self.doc = analysis.doc
        self.ents: list[_Entity] = []
        if self.doc is not None:
            for ent in self.doc.ents:
                if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
                    self.ents.append(_Entity(ent.text, ent.label_, ent.start_char, ent.end_char, ent.root))
        self.people = [e for e in self.ents if e.label == "PERSON"]
        self.gender: dict[str, str] = {}  # learnt per article: honorifics, first names, resolved pronouns
        self.speakers: list[_Speaker] = []  # attributed so far, in text order
        self.quoted: list[tuple[int, int]] = []  # passages inside quote marks: names there do not speak
        # Each person's name tokens, computed once: attribution asks for them for every quote.
        self.people_tokens = [(e, _strip_roles(_name_tokens(e.text))) for e in self.people]
        self.people_names = {" ".join(toks) for _, toks in self.people_tokens}
        self._mentions_cache: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        for e in self.people:
            self._guess_gender(e)

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

        def fits(full: list[str]) -> bool:
            f = [t.lower() for t in full if t.lower() not in _SUFFIXES]
            return len(f) > len(low) and (f[-len(low):] == low or (len(low) == 1 and low[0] in f))

        out: list[tuple[int, str]] = []
        for e, ftoks in self.people_tokens:
            if fits(ftoks):
                out.append((e.start, " ".join(ftoks)))
        if out:  # named entities are better evidence than a run of capitalised words
            return out
        for start, end in _name_runs(self.text, toks[-1]):
            words = [(w.start(), w.group()) for w in re.finditer(r"\S+", self.text[start:end])]
            while words and (e := self.ent_at(start + words[0][0])) is not None and e.label != "PERSON":
                words = words[1:]  # "London" in "Mayor of London Sadiq Khan" is a place
            ftoks = _strip_roles([w for _, w in words] or [toks[-1]])
            if fits(ftoks[-3:]):
                out.append((start, " ".join(ftoks[-3:])))
        return out

    def canonical(self, name: str, at: int | None = None) -> str:
        """The fullest form of `name`: "Kirby" -> "John Kirby"; of two Nathans the one spoken of last."""
        toks = _strip_roles(_name_tokens(name))
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

    def ents_in(self, start: int, end: int, labels: Iterable[str] = ("PERSON", "ORG")) -> list[_Entity]:
        labels = tuple(labels)
        return [e for e in self.ents if e.start >= start and e.end <= end and e.label in labels]

    def ent_at(self, pos: int) -> _Entity | None:
        for e in self.ents:
            if e.start <= pos < e.end:
                return e
        return None

    def tokens_in(self, start: int, end: int) -> list[Any]:
        if self.doc is None or end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return [] if span is None else [t for t in span if start <= t.idx < end]


def _strip_roles(toks: list[str]) -> list[str]:
    """Drop the role words in front of a name: ["Navarro", "County", "Sheriff", "Elmer", "Tanner"] -> the last two."""
    last_role = -1
    for i, t in enumerate(toks[:-1]):
        if t.lower().rstrip(".") in _HONORIFIC_KEYS:
            last_role = i
    return toks[last_role + 1:]


# --- attribution ------------------------------------------------------------------------------------------

_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "o", "them": "o", "it": "o", "we": "o", "i": "s"}


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    start: int
    end: int
    is_org: bool = False


# An attribution that names nobody ("a spectator said", "doctors said"): stops the search for a speaker.
_UNNAMED = _Speaker(None, None, 0, 0)


def _is_possessive(ctx: _Context, e: _Entity) -> bool:
    nxt = ctx.text[e.end:e.end + 2]
    return nxt.startswith("'s") or nxt.startswith("’s") or e.text.endswith(("'s", "’s"))


def _title_before(ctx: _Context, first_tok: Any) -> str | None:
    words: list[str] = []
    i = first_tok.i - 1
    while i >= 0:
        t = ctx.doc[i]
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
    parts = [p for p in (before, " ".join(t.text for t in inner)) if p]
    if parts:
        return " ".join(parts)
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            sub = list(child.subtree)
            text = ctx.text[sub[0].idx:sub[-1].idx + len(sub[-1])].strip(" ,")
            if 0 < len(text.split()) <= 10 and not any(t.ent_type_ == "PERSON" for t in sub):
                return text
    return None


def _person_title(ctx: _Context, full: str) -> str | None:
    """The first role the article gives this person in any mention."""
    if not full:
        return None
    last = full.split()[-1]
    for start, end in _name_runs(ctx.text, last):
        title = _title_of(ctx, start, end)
        if title:
            return title
    return None


def _person(ctx: _Context, name: str, start: int, end: int) -> _Speaker:
    full = ctx.canonical(name, start)
    return _Speaker(full, _title_of(ctx, start, end) or _person_title(ctx, full), start, end)


def _resolve_pronoun(ctx: _Context, pron: str, at: int) -> _Speaker | None:
    """He/she -> the latest fitting speaker or subject; they/it/we -> the latest organisation."""
    g = _PRONOUNS.get(pron.lower())
    if g is None:
        return None
    if g in ("o", "s"):
        orgs = [(e.end, _org_name(e.text), e) for e in ctx.ents if e.label == "ORG" and e.end <= at and at - e.end < 1500]
        orgs += [(sp.end, sp.name, None) for sp in ctx.speakers if sp.is_org and sp.name and sp.end <= at]
        if orgs:
            end, name, e = max(orgs, key=lambda o: o[0])
            return _Speaker(name, None, e.start if e else end, end, True)
        return ctx.speakers[-1] if ctx.speakers else None
    cands: list[tuple[int, int, str, int, int]] = []  # rank, position, name, start, end
    for e in ctx.people:
        if e.end > at or _is_possessive(ctx, e) or any(qs <= e.start < qe for qs, qe in ctx.quoted):
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
    if not cands:
        return None
    sent_start = _sentence_start(ctx, at)
    same = [c for c in cands if c[0] >= 1 and c[3] >= sent_start]
    if same:  # "Gov. Rick Perry issued a statement in which he said"
        best = max(same, key=lambda c: c[1])
        ctx.gender.setdefault(best[2], g)
        return _Speaker(best[2], _person_title(ctx, best[2]), best[3], best[4])
    for rank in (2, 1):
        recent = [c for c in cands if c[0] >= rank and at - c[1] < (600 if rank == 2 else 1500)]
        if recent:
            best = max(recent, key=lambda c: c[1])
            break
    else:
        best = max(cands, key=lambda c: c[1])
    ctx.gender.setdefault(best[2], g)
    return _Speaker(best[2], _person_title(ctx, best[2]), best[3], best[4])


def _sentence_start(ctx: _Context, at: int) -> int:
    for s in ctx.analysis.sentences:
        if s.start <= at < s.end:
            return s.start
    return at


def _org_name(text: str) -> str:
    t = _POSSESSIVE.sub("", text.strip(" ,.;:"))
    t = re.sub(r"^(?:the|The)\s+", "", t)
    return re.sub(r"(?:\s+(?:on|in|at|of|and))+$", "", t)


def _prior_org(ctx: _Context, word: str | None, at: int, window: int = 1500) -> _Entity | None:
    """The latest organisation named before `at` (containing `word` when given)."""
    for e in reversed([e for e in ctx.ents if e.label in ("ORG", "FAC") and e.end <= at]):
        if at - e.end > window and word is None:
            return None
        if word is None or word in e.text.lower():
            return e
    return None


def _document_owner(ctx: _Context, noun: Any) -> _Speaker | None:
    """Who a statement or report belongs to: "the Army's report" said earlier, else the last organisation."""
    if ctx.doc is None:
        return None
    for t in reversed([t for t in ctx.doc[: noun.i] if t.text.lower() == noun.text.lower()]):
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
            if v.text.lower() in SPEECH_VERBS and v.pos_ in ("VERB", "AUX"):
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


def _speaker_from_subject(ctx: _Context, tok: Any) -> _Speaker | None:
    """The speaker a subject token names; `_UNNAMED` for "a spectator", None when it cannot tell."""
    low = tok.text.lower()
    ent = ctx.ent_at(tok.idx)
    if ent is not None and not (ent.label == "PERSON" and _is_possessive(ctx, ent) and ent.end <= tok.idx):
        if ent.label == "PERSON":
            return _person(ctx, ent.text, ent.start, ent.end)
        if tok.pos_ == "PROPN" and ent.label in ("ORG", "FAC", "GPE", "NORP"):
            # "Navarro County Sheriff Elmer Tanner": the entity may only cover the place in front
            if tok.idx >= ent.end or ent.root.i == tok.i:
                return _Speaker(_org_name(ent.text), None, ent.start, ent.end, True)
    if tok.pos_ == "PRON":
        if low in _PRONOUNS:
            sp = _resolve_pronoun(ctx, low, tok.idx)
            if sp is not None:
                return _Speaker(sp.name, sp.title, tok.idx, tok.idx + len(tok), sp.is_org)
        return None
    for c in tok.children:  # "the friend, Ilona Herman" / "His grandmother, Rebecca Washington"
        if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON"):
            return _speaker_from_subject(ctx, c)
    if low in ("one", "some", "many", "all", "both", "each", "others", "another") or tok.pos_ == "NUM":
        return _UNNAMED
    if low.rstrip(".") in _HONORIFIC_KEYS and tok.text[:1].isupper():  # "Mayor of London Sadiq Khan said"
        for t in tok.subtree:
            if t.i != tok.i and (t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ == "")) and t.dep_ not in ("compound",):
                if t.ent_type_ == "PERSON" or t.dep_ in ("appos", "pobj"):
                    return _speaker_from_subject(ctx, t)
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
        comp = _compound_text(ctx, tok)
        if comp:
            return _Speaker(_org_name(comp[0]), tok.text, comp[1], comp[2], True)
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
        for c in tok.children:
            if c.dep_ == "poss":
                inner = _speaker_from_subject(ctx, c)
                if inner is not None and inner.name:
                    return inner
                return _document_owner(ctx, tok) or _UNNAMED
        return _document_owner(ctx, tok) or _UNNAMED
    if low in _ORG_NOUNS:
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")]
        if mods:  # "the South Korean government", "the Iraqi military": the text names the body itself
            s0 = min(m.left_edge.idx for m in mods)
            return _Speaker(ctx.text[s0:tok.idx + len(tok)], None, s0, tok.idx + len(tok), True)
        e = _prior_org(ctx, low, tok.idx)
        if e is not None:
            return _Speaker(_org_name(e.text), None, e.start, e.end, True)
        return _Speaker(low, None, tok.idx, tok.idx + len(tok), True) if low == "police" else _UNNAMED
    if tok.pos_ in ("NOUN", "PROPN"):
        return _UNNAMED
    return None


def _subject_of(verb: Any) -> Any | None:
    """The subject of a speech verb, through "and warned him" or "quoting him as saying".

    When the parse gives two ("the legal firm J.P. Damiani said"), the named one.
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")]
        return (named or subjects)[0]
    if verb.text.lower() == "saying" and verb.head.text.lower() in ("quoting", "quoted", "quote"):
        for c in verb.head.children:
            if c.dep_ == "dobj":
                return c
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i and verb.dep_ != "advcl":
        return _subject_of(verb.head)
    return None


def _speaker_of_verb(ctx: _Context, verb: Any, start: int, end: int, after_verb: bool) -> _Speaker | None:
    subj = _subject_of(verb)
    if subj is not None:
        sp = _speaker_from_subject(ctx, subj)
        if sp is not None:
            return sp
    return _speaker_from_window(ctx, start, end, after_verb)


def _speaker_from_window(ctx: _Context, start: int, end: int, after_verb: bool) -> _Speaker | None:
    """When the parse gives no subject: a person named in text[start:end], else a pronoun, an organisation."""
    ents = [e for e in ctx.ents_in(start, end, ("PERSON", "ORG", "FAC")) if not _is_possessive(ctx, e)]
    people = [e for e in ents if e.label == "PERSON"]
    if people:
        e = people[0] if after_verb else people[-1]
        return _person(ctx, e.text, e.start, e.end)
    prons = [t for t in ctx.tokens_in(start, end) if t.text.lower() in ("he", "she", "they")]
    if prons:
        t = prons[0] if after_verb else prons[-1]
        sp = _resolve_pronoun(ctx, t.text, t.idx)
        if sp is not None:
            return _Speaker(sp.name, sp.title, t.idx, t.idx + len(t), sp.is_org)
    if ents:
        e = ents[0] if after_verb else ents[-1]
        return _Speaker(_org_name(e.text), None, e.start, e.end, True)
    return None


def _speech_verbs(ctx: _Context, start: int, end: int) -> list[Any]:
    return [t for t in ctx.tokens_in(start, end) if t.text.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")]


def _attribute_after(ctx: _Context, mark: _Mark, limit: int) -> _Speaker | None:
    """'"...," X said' or '"...," said X' after the closing mark."""
    toks = [t for t in ctx.tokens_in(mark.close_end, limit) if not t.is_space]
    for k, t in enumerate(toks[: MAX_TOKENS_TO_VERB_AFTER + 1]):
        if t.text.lower() in SPEECH_VERBS and (t.pos_ in ("VERB", "AUX") or t.text.lower() in ("said", "says", "told")):
            stop = limit
            for x in toks[k + 1:]:
                if x.text in (".", ";", "!", "?", "“", '"', "``"):
                    stop = x.idx
                    break
            inverted = k == 0 or all(x.pos_ in ("ADV", "PUNCT") for x in toks[:k])
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


# Steps up the dependency tree from a quote's first word to the speech verb that governs it.
MAX_HEAD_STEPS = 8  # eval/quotes dev speaker accuracy: 3 steps 0.789, 5 0.791, 8 and 12 0.799


def _governing_speech_verb(ctx: _Context, qs: int, qe: int) -> Any | None:
    """The speech verb outside the quote whose clause holds it: 'Abe said the launch went against "..."'."""
    toks = [t for t in ctx.tokens_in(qs, qe) if not (t.is_punct or t.is_space)]
    if not toks:
        return None
    tok = toks[0]
    for _ in range(MAX_HEAD_STEPS):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        inside = qs <= tok.idx < qe
        if not inside and tok.text.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _attribute_by_dependency(ctx: _Context, qs: int, qe: int, sentences: list[tuple[int, int]]) -> _Speaker | None:
    """The subject of the governing speech verb, for quotes inside a reported clause."""
    verb = _governing_speech_verb(ctx, qs, qe)
    if verb is None:
        return None
    subj = _subject_of(verb)
    if subj is None or qs <= subj.idx < qe:
        return None
    return _speaker_from_subject(ctx, subj)


def _previous_sentence_speaker(ctx: _Context, mark: _Mark, sentences: list[tuple[int, int]]) -> _Speaker | None:
    """'Mr. Obama said the incident ... <para> "We're heartbroken ..."': the speaker of the sentence before."""
    prev = [s for s in sentences if s[1] <= mark.open_start]
    if not prev:
        return None
    s, e = prev[-1]
    if mark.open_start - e > 6:
        return None
    for v in _speech_verbs(ctx, s, e):
        subj = _subject_of(v)
        if subj is not None:
            sp = _speaker_from_subject(ctx, subj)
            if sp is not None and sp.name:
                return sp
    people = [p for p in ctx.ents_in(s, e, ("PERSON",)) if not _is_possessive(ctx, p)]
    if len(people) == 1:  # "News 2 spoke with James Glass Jr. who was friends with both."
        p = people[0]
        return _person(ctx, p.text, p.start, p.end)
    return None


def extract_quotes(analysis: Analysis) -> tuple[Quote, ...]:
    """Direct quotes with their speakers, then indirect attributions, for one parsed article."""
    text = analysis.article.text
    allowed = [(s.start, s.end) for s in analysis.body_sentences()]
    sentences = [(s.start, s.end) for s in analysis.sentences]
    ctx = _Context(analysis)
    marks = find_quote_marks(text)
    ctx.quoted = [(m.start, m.end) for m in marks]
    paras = _paragraphs(text)
    out: list[Quote] = []
    prev_mark: _Mark | None = None
    prev_speaker: _Speaker | None = None
    for idx, mark in enumerate(marks):
        qs, qe = _trim(text, mark.start, mark.end)
        if not is_quotation(text[qs:qe]):
            continue
        if not any(s <= qs < e or qs <= s < qe for s, e in allowed):
            continue
        nxt = marks[idx + 1].open_start if idx + 1 < len(marks) and marks[idx + 1].para == mark.para else paras[mark.para][1]
        prv = marks[idx - 1].close_end if idx > 0 and marks[idx - 1].para == mark.para else paras[mark.para][0]
        before_text = text[prv:mark.open_start].rstrip()
        intro = before_text.endswith((":", ",")) and bool(_speech_verbs(ctx, prv, mark.open_start))
        speaker: _Speaker | None = None
        if intro:
            speaker = _attribute_before(ctx, mark, prv)
        if speaker is None and mark.closed:
            speaker = _attribute_after(ctx, mark, nxt)
        if speaker is None and not intro:
            speaker = _attribute_before(ctx, mark, prv)
        if speaker is None:
            speaker = _attribute_by_dependency(ctx, qs, qe, sentences)
        if speaker is None and prev_mark is not None and prev_speaker is not None:
            continues = (not prev_mark.closed and prev_mark.para == mark.para - 1 and mark.starts_para) or (
                prev_mark.para == mark.para
            )
            if continues:
                speaker = prev_speaker
        if speaker is None and mark.starts_para:
            speaker = _previous_sentence_speaker(ctx, mark, sentences)
        if speaker is None and prev_mark is not None and prev_speaker is not None and mark.starts_para:
            if prev_mark.para == mark.para - 1:
                speaker = prev_speaker
        if speaker is _UNNAMED:
            speaker = None
        speaker_span = analysis.span(speaker.start, speaker.end) if speaker is not None and speaker.end > speaker.start else None
        out.append(
            Quote(
                span=analysis.span(qs, qe),
                speaker=speaker.name if speaker else None,
                speaker_title=speaker.title if speaker else None,
                speaker_span=speaker_span,
                kind="direct",
            )
        )
        if speaker is not None and speaker.name:
            ctx.speakers.append(speaker)
        prev_mark, prev_speaker = mark, speaker
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
                    out.append(Quote(analysis.span(cs_, ce_), name, None, analysis.span(src_s, src_e), "indirect"))
                continue
        for tok in ctx.tokens_in(s0, e0):
            if tok.text.lower() not in _INDIRECT_VERBS or tok.pos_ not in ("VERB", "AUX"):
                continue
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
            out.append(Quote(analysis.span(cs, ce), name, None, analysis.span(ss, se), "indirect"))
            break
    return out


STAGE = Stage(
    name="quotes",
    requires=("doc", "sentences", "mentions"),
    assigns=("quotes",),
    run=lambda a: a.with_(quotes=extract_quotes(a)),
)
