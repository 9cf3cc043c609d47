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

from newsfuse.model import Analysis, Quote, Span
from newsfuse.stages import Stage

# Quoted passages shorter than this many words are scare quotes or terms ("inappropriate content"), not
# quotes.  Chosen on eval/quotes dev: 3 keeps partial quotes ("a lot of pain") that the gold counts.
MIN_QUOTE_WORDS = 3
# A speech verb after a closing mark must come within this many tokens ('" Houston Police Department
# spokesman Victor Senties said'); chosen on eval/quotes dev (8: no missed attribution, no false one).
MAX_TOKENS_TO_VERB_AFTER = 8
# How many characters before an opening mark an attribution ("X said:") may start; eval/quotes dev.
MAX_CHARS_BEFORE = 220
# Title-case passages of at most this many words are names of works ("Pulp Fiction"), not quotes.
MAX_TITLE_WORDS = 6

OPENERS = ("“", "``", '"', "‘")
CLOSERS = ("”", "''", '"', "’")
_MARK = re.compile(r"``|''|[\"“”‘’]")

_SPEECH_BASES = (
    "say said says saying tell told tells telling add added adds adding state stated states stating "
    "explain explained explains recall recalled recalls write wrote writes writing written tweet tweeted "
    "tweets tweeting post posted posts announce announced announces note noted notes continue continued "
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
    """mr mrs ms miss dr prof sir dame lord lady rev reverend fr father sister brother lt gen col maj capt sgt
    cpl pvt adm cmdr gov governor sen senator rep representative president vice mayor sheriff chief officer
    deputy detective det inspector superintendent judge justice attorney councilman councilwoman
    councilmember commissioner secretary minister prime chancellor ambassador rabbi pastor bishop imam
    coach principal prosecutor trooper sergeant lieutenant general colonel major captain corporal u.s. us
    state city county assistant district mr. mrs. ms. dr. lt. gen. col. maj. capt. sgt. gov. sen. rep.
    rev. det. st. the""".split()
)
MALE_WORDS = frozenset("he him his himself mr mr. sir father son brother husband boy man uncle king lord".split())
FEMALE_WORDS = frozenset(
    "she her hers herself mrs mrs. ms ms. miss mother daughter sister wife girl woman aunt queen lady dame".split()
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


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end), trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


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
                elif mk == "”":
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


def _name_tokens(name: str) -> list[str]:
    toks = [t for t in re.split(r"\s+", _POSSESSIVE.sub("", name.strip(" ,.;:"))) if t]
    while len(toks) > 1 and toks[0].lower().rstrip(".") in {h.rstrip(".") for h in HONORIFICS}:
        toks = toks[1:]
    return toks


def clean_name(name: str) -> str:
    """A person's name without honorifics, titles or a possessive ("Sheriff Doug Cox's" -> "Doug Cox")."""
    return " ".join(_name_tokens(name))


@dataclass(frozen=True)
class _Entity:
    text: str
    label: str
    start: int
    end: int
    root: Any  # spaCy root token


class _Context:
    """What attribution needs from one article: entities in order, people and their genders."""

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
        self.full_names = self._full_names()
        self.gender = self._genders()

    def _full_names(self) -> list[str]:
        names = {clean_name(e.text) for e in self.people}
        return sorted((n for n in names if n and n[0].isupper()), key=lambda n: (-len(n.split()), n))

    def canonical(self, name: str) -> str:
        """The fullest form of `name` in the article: "Kirby" -> "John Kirby", "Mr. Obama" -> "Barack Obama"."""
        toks = _name_tokens(name)
        if not toks:
            return name.strip()
        low = [t.lower() for t in toks]
        for full in self.full_names:  # longest first
            ftoks = [t.lower() for t in full.split()]
            if len(ftoks) < len(low):
                continue
            if ftoks[-len(low):] == low or (len(low) == 1 and low[0] in ftoks):
                return full
        return " ".join(toks)

    def _genders(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self.people:
            full = self.canonical(e.text)
            g = None
            prev = self.text[max(0, e.start - 6):e.start].lower().split()
            word = prev[-1] if prev else ""
            first = e.text.split()[0].lower().rstrip(".")
            if word.rstrip(".") in ("mr",) or first == "mr":
                g = "m"
            elif word.rstrip(".") in ("mrs", "ms", "miss") or first in ("mrs", "ms", "miss"):
                g = "f"
            else:
                ff = full.split()[0].lower()
                if ff in MALE_NAMES and ff not in FEMALE_NAMES:
                    g = "m"
                elif ff in FEMALE_NAMES and ff not in MALE_NAMES:
                    g = "f"
            if g and full not in out:
                out[full] = g
        return out

    def ents_in(self, start: int, end: int, labels: Iterable[str] = ("PERSON", "ORG")) -> list[_Entity]:
        labels = tuple(labels)
        return [e for e in self.ents if e.start >= start and e.end <= end and e.label in labels]

    def tokens_in(self, start: int, end: int) -> list[Any]:
        if self.doc is None:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return [] if span is None else [t for t in span if start <= t.idx < end]


# --- attribution ------------------------------------------------------------------------------------------

_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "o", "them": "o", "it": "o", "we": "o", "i": "s"}


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    start: int
    end: int
    is_org: bool = False


def _is_possessive(ctx: _Context, e: _Entity) -> bool:
    nxt = ctx.text[e.end:e.end + 2]
    return nxt.startswith("'s") or nxt.startswith("’s") or e.text.endswith(("'s", "’s"))


def _title_of(ctx: _Context, e: _Entity) -> str | None:
    """Words naming a person's role next to a mention: "Pentagon spokesman John Kirby", "X, president of Y,"."""
    if ctx.doc is None:
        return None
    span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return None
    words: list[str] = []
    i = span.start - 1
    while i >= 0:
        t = ctx.doc[i]
        if t.is_punct or t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM") or t.dep_ == "poss":
            break
        if t.ent_type_ in ("PERSON",) or t.text.lower() in ("said", "says", "—"):
            break
        words.insert(0, t.text_with_ws)
        i -= 1
    # honorific words inside the entity itself ("Sheriff Doug Cox" tagged as one PERSON)
    inner = [t.text_with_ws for t in span if t.text.lower() in HONORIFICS]
    title = ("".join(words) + "".join(inner)).strip(" ,")
    if title and title.lower() not in ("the", "a", "an"):
        return title
    # appositive after the name: "Kris Hoce, president of Morton Plant Hospital, said"
    j = span.end
    if j < len(ctx.doc) and ctx.doc[j].text == ",":
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i:
                sub = list(child.subtree)
                text = ctx.text[sub[0].idx:sub[-1].idx + len(sub[-1])].strip(" ,")
                if 0 < len(text.split()) <= 10 and not any(t.ent_type_ == "PERSON" for t in sub):
                    return text
    return None


def _person_title(ctx: _Context, full: str) -> str | None:
    """The first role the article gives this person in any mention."""
    last = full.split()[-1].lower() if full else ""
    for e in ctx.people:
        if e.text and _name_tokens(e.text) and _name_tokens(e.text)[-1].lower() == last and ctx.canonical(e.text) == full:
            title = _title_of(ctx, e)
            if title:
                return title
    return None


def _gender_of_speaker(ctx: _Context, name: str) -> str | None:
    return ctx.gender.get(name)


def _resolve_pronoun(ctx: _Context, pron: str, at: int, history: Sequence[_Speaker]) -> _Speaker | None:
    """He/she -> the most recent fitting subject or speaker; they/it/we -> the last organisation speaking."""
    g = _PRONOUNS.get(pron.lower())
    if g is None:
        return None
    if g == "o":
        for sp in reversed(history):
            if sp.is_org and sp.name:
                return _Speaker(sp.name, sp.title, sp.start, sp.end, True)
        orgs = [e for e in ctx.ents if e.label == "ORG" and e.end <= at]
        if orgs:
            e = orgs[-1]
            return _Speaker(_org_name(e.text), None, e.start, e.end, True)
        return history[-1] if history else None
    # people mentioned before `at`, most recent first: subjects and speakers before others
    cands: list[tuple[int, int, str, _Entity]] = []
    for e in ctx.people:
        if e.end > at or _is_possessive(ctx, e):
            continue
        full = ctx.canonical(e.text)
        gg = ctx.gender.get(full)
        if gg and g in ("m", "f") and gg != g:
            continue
        subj = 1 if e.root.dep_ in ("nsubj", "nsubjpass") or e.root.head.dep_ in ("nsubj", "nsubjpass") else 0
        cands.append((subj, e.end, full, e))
    for sp in history:
        if sp.name and not sp.is_org and sp.end <= at:
            gg = ctx.gender.get(sp.name)
            if gg and g in ("m", "f") and gg != g:
                continue
            cands.append((1, sp.end, sp.name, None))  # type: ignore[arg-type]
    if not cands:
        return None
    recent_subjects = [c for c in cands if c[0] == 1 and at - c[1] < 1500]
    best = max(recent_subjects or cands, key=lambda c: c[1])
    return _Speaker(best[2], _person_title(ctx, best[2]), best[3].start if best[3] else best[1], best[3].end if best[3] else best[1])


def _org_name(text: str) -> str:
    t = _POSSESSIVE.sub("", text.strip(" ,.;:"))
    return re.sub(r"^(?:the|The)\s+", "", t)


def _speaker_from_window(
    ctx: _Context, start: int, end: int, verb: Any, history: Sequence[_Speaker], after_verb: bool
) -> _Speaker | None:
    """The speaker named in text[start:end]: a person first, then a pronoun, an organisation, a noun."""
    ents = [e for e in ctx.ents_in(start, end, ("PERSON", "ORG", "NORP", "GPE", "FAC")) if not _is_possessive(ctx, e)]
    people = [e for e in ents if e.label == "PERSON"]
    toks = ctx.tokens_in(start, end)
    prons = [t for t in toks if t.text.lower() in _PRONOUNS and t.text.lower() not in ("i", "we", "it")]
    # "them"/"her" as objects only count when nothing better is there
    if after_verb:
        pick_p = people[0] if people else None
        pick_pron = prons[0] if prons else None
    else:
        pick_p = people[-1] if people else None
        pick_pron = prons[-1] if prons else None
    if pick_p is not None and (pick_pron is None or (pick_p.start < pick_pron.idx) == after_verb or not after_verb and pick_p.end > pick_pron.idx):
        full = ctx.canonical(pick_p.text)
        return _Speaker(full, _title_of(ctx, pick_p) or _person_title(ctx, full), pick_p.start, pick_p.end)
    if pick_pron is not None:
        sp = _resolve_pronoun(ctx, pick_pron.text, pick_pron.idx, history)
        if sp is not None:
            return _Speaker(sp.name, sp.title, pick_pron.idx, pick_pron.idx + len(pick_pron), sp.is_org)
    orgs = [e for e in ents if e.label in ("ORG", "FAC", "GPE", "NORP")]
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ == ""]
    noun_words = {t.text.lower() for t in nouns}
    if orgs:
        e = orgs[0] if after_verb else orgs[-1]
        title = next((t.text for t in nouns if t.text.lower() in _SPOKES_NOUNS), None)
        return _Speaker(_org_name(e.text), title, e.start, e.end, True)
    spokes = noun_words & _SPOKES_NOUNS
    org_nouns = noun_words & _ORG_NOUNS
    doc_nouns = noun_words & _DOCUMENT_NOUNS
    if spokes or doc_nouns or org_nouns:
        words = org_nouns - _DOCUMENT_NOUNS
        prior = [e for e in ctx.ents if e.label == "ORG" and e.end <= start]
        for w in sorted(words):
            for e in reversed(prior):
                if w in e.text.lower():
                    return _Speaker(_org_name(e.text), next(iter(spokes), None), e.start, e.end, True)
        if spokes or doc_nouns:
            for sp in reversed(history):
                if sp.is_org and sp.name:
                    return _Speaker(sp.name, next(iter(spokes), None), start, end, True)
            if prior and start - prior[-1].end < 600:
                e = prior[-1]
                return _Speaker(_org_name(e.text), next(iter(spokes), None), e.start, e.end, True)
        if words and nouns:
            t = next(t for t in nouns if t.text.lower() in words)
            if t.text.lower() == "police":
                return _Speaker("police", None, t.idx, t.idx + len(t), True)
    return None


def _speech_verbs(ctx: _Context, start: int, end: int) -> list[Any]:
    return [t for t in ctx.tokens_in(start, end) if t.text.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")]


def _attribute_after(ctx: _Context, mark: _Mark, limit: int, history: Sequence[_Speaker]) -> _Speaker | None:
    """'"...," X said' or '"...," said X' after the closing mark."""
    toks = [t for t in ctx.tokens_in(mark.close_end, limit) if not t.is_space]
    for k, t in enumerate(toks[: MAX_TOKENS_TO_VERB_AFTER + 1]):
        if t.text.lower() in SPEECH_VERBS and (t.pos_ in ("VERB", "AUX") or t.text.lower() in ("said", "says", "told")):
            if k == 0 or all(x.pos_ in ("ADV", "PUNCT") for x in toks[:k]):
                # inverted: '" said Sheriff Doug Cox' / '" said the friend, Ilona Herman.'
                stop = limit
                for x in toks[k + 1:]:
                    if x.text in (".", ";", "!", "?") and not x.text[0].isalpha():
                        stop = x.idx
                        break
                    if x.text in ("“", '"', "``"):
                        stop = x.idx
                        break
                return _speaker_from_window(ctx, t.idx + len(t), stop, t, history, after_verb=True)
            return _speaker_from_window(ctx, mark.close_end, t.idx, t, history, after_verb=False) or (
                _speaker_from_window(ctx, t.idx + len(t), limit, t, history, after_verb=True)
                if toks and toks[0].text in (",",) else None
            )
        if t.text in (".", "!", "?") or t.text in ("“", '"', "``"):
            break
    return None


def _attribute_before(ctx: _Context, mark: _Mark, floor: int, history: Sequence[_Speaker]) -> _Speaker | None:
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
    # clause start: the sentence, cut at the previous quote or a semicolon
    cut = max(start, ctx.text.rfind(";", start, v.idx) + 1)
    sp = _speaker_from_window(ctx, cut, v.idx, v, history, after_verb=False)
    if sp is None:
        sp = _speaker_from_window(ctx, v.idx + len(v), mark.open_start, v, history, after_verb=True)
    return sp


def _sentence_bounds(analysis: Analysis) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in analysis.sentences]


def _previous_sentence_speaker(ctx: _Context, mark: _Mark, sentences: list[tuple[int, int]], history: Sequence[_Speaker]) -> _Speaker | None:
    """'Mr. Obama said the incident ... <para> "We're heartbroken ..."': the speaker of the sentence before."""
    prev = [s for s in sentences if s[1] <= mark.open_start]
    if not prev:
        return None
    s, e = prev[-1]
    if mark.open_start - e > 6:
        return None
    for v in _speech_verbs(ctx, s, e):
        sp = _speaker_from_window(ctx, s, v.idx, v, history, after_verb=False)
        if sp is not None and sp.name:
            return sp
    return None


def extract_quotes(analysis: Analysis) -> tuple[Quote, ...]:
    """Direct quotes with their speakers, then indirect attributions, for one parsed article."""
    text = analysis.article.text
    allowed = [(s.start, s.end) for s in analysis.body_sentences()]
    sentences = _sentence_bounds(analysis)
    ctx = _Context(analysis)
    marks = find_quote_marks(text)
    paras = _paragraphs(text)
    out: list[Quote] = []
    history: list[_Speaker] = []
    prev_mark: _Mark | None = None
    prev_speaker: _Speaker | None = None
    for idx, mark in enumerate(marks):
        qs, qe = _trim(text, mark.start, mark.end)
        passage = text[qs:qe]
        if not is_quotation(passage):
            continue
        if not any(s <= qs < e or qs <= s < qe for s, e in allowed):
            continue
        nxt = marks[idx + 1].open_start if idx + 1 < len(marks) and marks[idx + 1].para == mark.para else paras[mark.para][1]
        prv = marks[idx - 1].close_end if idx > 0 and marks[idx - 1].para == mark.para else paras[mark.para][0]
        speaker: _Speaker | None = None
        before_text = text[prv:mark.open_start].rstrip()
        intro = before_text.endswith((":", ",")) and bool(_speech_verbs(ctx, prv, mark.open_start))
        if intro:
            speaker = _attribute_before(ctx, mark, prv, history)
        if speaker is None and mark.closed:
            speaker = _attribute_after(ctx, mark, nxt, history)
        if speaker is None and not intro:
            speaker = _attribute_before(ctx, mark, prv, history)
        if speaker is None and prev_mark is not None and prev_speaker is not None:
            continues = (not prev_mark.closed and prev_mark.para == mark.para - 1 and mark.starts_para) or (
                prev_mark.para == mark.para
            )
            if continues:
                speaker = prev_speaker
        if speaker is None and mark.starts_para:
            speaker = _previous_sentence_speaker(ctx, mark, sentences, history)
        if speaker is None and prev_mark is not None and prev_speaker is not None and mark.starts_para:
            if prev_mark.para == mark.para - 1:
                speaker = prev_speaker
        speaker_span: Span | None = None
        if speaker is not None and speaker.end > speaker.start:
            speaker_span = analysis.span(speaker.start, speaker.end)
        out.append(
            Quote(
                span=analysis.span(qs, qe),
                speaker=speaker.name if speaker else None,
                speaker_title=speaker.title if speaker else None,
                speaker_span=speaker_span,
                kind="direct",
            )
        )
        if speaker is not None:
            history.append(speaker)
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
                sp = _resolve_pronoun(ctx, subj.text, subj.idx, [])
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
