"""Actors: who did it, to whom, who responded, and how firmly the text attributes it.

Roles: perpetrator, target, victim, suspect, responder.  Status of an attribution:
claimed ("X claimed responsibility"), denied ("X denied involvement"), suspected
("blamed on X", "X is thought to", "fit the profile of previous assaults by X"),
unknown ("no group has claimed responsibility"), confirmed (X is the stated subject
of the attack with no hedge).  Each actor is a span of its name in the text.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from newsfuse.extract.times import recalled_sentences
from newsfuse.model import Actor, Analysis
from newsfuse.stages import Stage

ATTACK_VERBS = frozenset(
    "attack fire launch bomb shell strike shoot kill ambush raid storm target hit kidnap abduct abduct behead execute "
    "massacre stab assault detonate explode seize capture overrun besiege torch loot burn rape open carry".split()
)
RESPONDER_NOUNS = re.compile(
    r"\b(?:police|officers|deputies|troopers|firefighters|paramedics|emergency\s+(?:services|crews|responders)|first\s+responders|ambulances?|rescuers|rescue\s+workers|medics|swat|security\s+forces|fire\s+department)\b",
    re.I,
)
GROUP_NOUNS = re.compile(
    r"\b(?:(?:a|an|the|two|three|several|unknown|unidentified|masked|armed|suspected)\s+)*(?:[\w-]+\s+)?(?:gunm[ae]n|militants?|militias?|insurgents?|rebels?|fighters|attackers?|assailants?|shooters?|bombers?|jihadists?|terrorists?|extremists?|troops|soldiers|forces|army|police|protesters|rioters|mob|suspects?)\b",
    re.I,
)
CLAIMED = re.compile(r"\b(?:claimed|claims|claiming|has\s+claimed|have\s+claimed|took|taken|accepted)\s+(?:\w+\s+)?(?:responsibility|credit)\b", re.I)
NO_CLAIM = re.compile(r"\bno\s+(?:one|group|organi[sz]ation|party|faction)\s+(?:has\s+|had\s+|immediately\s+|yet\s+)*(?:claimed|taken|accepted)\b|\b(?:not|no)\s+(?:\w+\s+)?(?:yet\s+)?(?:been\s+)?claimed\b", re.I)
DENIED = re.compile(
    r"\b(?:(?:denied|denies|denying|rejected|rejects)\s+(?:on\s+\w+\s+)?(?:any\s+)?(?:involvement|responsibility|role|link|claims?|accusations?|that)"
    r"|distanced\s+(?:itself|themselves|himself|herself)\s+from\s+(?:the\s+|this\s+|that\s+|any\s+)?(?:\w+\s+)?"
    r"(?:attacks?|strikes?|bombings?|shootings?|killings?|assaults?|violence|incident))\b",
    re.I,
)
SUSPECTED = re.compile(
    r"\b(?:suspected|suspect|blamed|blames|blaming|accused|accuses|believed\s+to\s+(?:be|have)|thought\s+to|is\s+thought|are\s+thought|likely|probably|fit\s+the\s+profile|bore\s+the\s+hallmarks|hallmarks\s+of|alleged(?:ly)?|attributed)\b",
    re.I,
)
_ACTOR_LABELS = frozenset({"ORG", "NORP", "GPE", "PERSON"})


# Words that stand for someone else: a relative pronoun stands for its antecedent, a spokesman for his group.
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
_SPEAKER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official", "leader", "commander"})
# Where an announcement is made, not what was attacked ("announced the attack on Twitter").
_CHANNELS = frozenset({"twitter", "facebook", "telegram", "instagram", "youtube", "tiktok", "x", "television", "tv", "radio", "social media"})


def _stand_in(tok: Any) -> Any | None:
    """The actor a token stands for: the antecedent of "which"/"that", the group of "a spokesman for X"; None
    for a pronoun with no antecedent in the sentence."""
    low = tok.lower_
    if low in _RELATIVE_PRONOUNS or tok.tag_ in ("WDT", "WP"):
        verb, antecedent = tok.head, tok.head.head
        if verb.dep_ != "relcl" or antecedent.pos_ not in ("NOUN", "PROPN"):
            return None
        # the parser attaches "..., in the Kurdistan region, which killed" to the nearest noun: a place
        # there is more often a wrong attachment than an actor
        return None if antecedent.ent_type_ in ("GPE", "LOC", "FAC") else antecedent
    if tok.pos_ == "PRON":
        return None
    if low in _SPEAKER_NOUNS:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "for":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        return _antecedent(pobj)
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                return child
    if tok.pos_ == "NOUN" and _GROUP_HEADS.match(tok.text):
        # "a little-known group, Saraya Awliya al-Dam, claimed": the name in apposition, not "group"
        named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return _antecedent(tok)


# What happened, not who did it: "blamed the attack on X" names X, never the attack.
_EVENT_NOUNS = re.compile(r"(?i)^(?:attacks?|strikes?|bombings?|shootings?|killings?|incidents?|violence|blasts?|explosions?|assaults?|raids?|rockets?|fire)$")
# Who is said to stand behind a claimant: "a front for X", "a proxy for X".
_BEHIND = re.compile(r"\b(?:front|proxy)\s+(?:group\s+|organi[sz]ation\s+)?for\s+", re.I)


def _stands_for_a_group(front: Any) -> bool:
    """Whether "front"/"proxy" is said of a group ("it may be a front for", "X, a front for"), not of a place
    ("Mosul was the last front for Islamic State fighters")."""
    if front.dep_ == "appos":
        return front.head.ent_type_ not in ("GPE", "LOC", "FAC")
    if front.dep_ != "attr":
        return False
    subjects = [c for c in front.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(c.ent_type_ not in ("GPE", "LOC", "FAC") for c in subjects)


_WEAPONS = re.compile(
    r"(?i)^(?:rockets?|missiles?|shells?|mortars?|drones?|bombs?|rounds|shots|bullets?|grenades?|projectiles?|"
    r"munitions?|ieds?|explosives?|katyushas?)$"
)
_DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "such"})
_GROUP_HEADS = re.compile(
    r"(?i)^(?:groups?|factions?|militias?|organi[sz]ations?|movements?|outfits?|networks?|militants?|insurgents?|"
    r"rebels?|fighters|extremists?|jihadists?|terrorists?)$"
)
# Heads of a demonstrative phrase that refers back to an organisation ("that group", "those factions"); a person
# noun ("that suspect", "this gunman") stays its own phrase.
_ORG_HEADS = re.compile(r"(?i)^(?:groups?|factions?|militias?|organi[sz]ations?|movements?|outfits?|networks?)$")
_REPORTING_LEMMAS = frozenset({"say", "report", "tell", "announce", "add", "state", "quote", "cite", "write"})
ANTECEDENT_SENTENCES = 2  # how many sentences before a demonstrative phrase its antecedent may be; set by hand


def _window_start(tok: Any) -> int:
    """The first token of the sentence ANTECEDENT_SENTENCES before the token's own: where looking back stops."""
    doc = tok.doc
    sent = tok.sent
    for _ in range(ANTECEDENT_SENTENCES):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _is_demonstrative(tok: Any) -> bool:
    return any(c.lower_ in _DEMONSTRATIVES and c.dep_ in ("det", "amod", "predet") for c in tok.children)


def _named_group(tok: Any) -> Any | None:
    """The head of a named organisation at `tok`: an ORG or NORP entity, or a name given as an example or an
    apposition of a group noun ("factions such as Kataib al-Furat", "Kataib al-Furat, an Iran-aligned faction",
    whatever label the tagger gave the name)."""
    if not tok.ent_type_ or tok.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"):
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    root = doc[start:end].root
    if root.dep_ == "amod" or RESPONDER_NOUNS.search(doc[start:end].text):
        return None  # "the Israeli military", "the Iraqi group"; the police are no group's antecedent
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _REPORTING_LEMMAS:
        return None  # "Reuters reported": who reports, not who is reported on
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return None
    if tok.ent_type_ in ("ORG", "NORP"):
        return root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "as" and _GROUP_HEADS.match(head.head.text):
        return root  # "factions such as X"
    if root.dep_ == "appos" and _GROUP_HEADS.match(head.text):
        return root
    if any(c.dep_ == "appos" and _GROUP_HEADS.match(c.text) for c in root.children):
        return root
    return None


_OWN_WORDS = frozenset({"prep", "amod", "compound", "nmod", "poss", "nummod", "acl", "appos"})


def _named_place(tok: Any) -> tuple[int, int]:
    """The span of a target: for a bare "the base", "the embassy", the named place or body given just before
    (this sentence or the two before it) whose name ends in that noun ("Ain al-Asad air base", "Al Asad Airbase");
    else the noun's own phrase.  A noun with words of its own ("the embassy in Kabul") is its own place."""
    if (tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            or any(c.dep_ in _OWN_WORDS for c in tok.children)):
        return _phrase_span(tok)
    doc = tok.doc
    first = _window_start(tok)
    noun = tok.lower_
    for ent in reversed(doc.ents):
        if ent.end_char > tok.idx or ent.label_ not in ("FAC", "ORG", "GPE", "LOC"):
            continue
        if ent.start < first:
            break
        last = ent.text.split()[-1].lower()
        if last == noun or (last.endswith(noun) and len(noun) >= 4):
            start = ent.start_char + (4 if ent.text[:4].lower() == "the " else 0)
            return start, ent.end_char
    return _phrase_span(tok)


def _self_named(tok: Any) -> Any | None:
    """The name a group phrase gives itself: "a group calling itself Ashab al-Raya", "a group known as X"."""
    for acl in tok.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in ("call", "know", "name"):
            continue
        for c in acl.children:
            if c.dep_ in ("oprd", "attr", "xcomp") and c.pos_ == "PROPN":
                return c
            if c.dep_ == "prep" and c.lower_ == "as":
                for pobj in c.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                        return pobj
    return None


def _antecedent(tok: Any) -> Any | None:
    """Who a group phrase names: the name it gives itself ("a group calling itself X"), or for a demonstrative
    ("that group", "such groups", "those factions") the nearest earlier named organisation or group phrase, in
    its sentence or the ANTECEDENT_SENTENCES before it, None when there is none (the phrase names nobody).
    Any other token is returned as it is."""
    if tok.pos_ == "NOUN" and (named := _self_named(tok)) is not None:
        return named
    if tok.pos_ != "NOUN" or not _ORG_HEADS.match(tok.text) or not _is_demonstrative(tok):
        return tok
    doc = tok.doc
    own = range(tok.left_edge.i, tok.right_edge.i + 1)  # "that Iraqi group": its own words are no antecedent
    first = _window_start(tok)
    for j in range(tok.i - 1, first - 1, -1):
        if j in own:
            continue
        cand = doc[j]
        named = _named_group(cand)
        if named is not None:
            return named
        if cand.pos_ == "NOUN" and _GROUP_HEADS.match(cand.text) and not _is_demonstrative(cand):
            return cand
    return None


def _dated(prep: Any) -> bool:
    """A prepositional phrase that gives a date or time ("on Monday"), not a person or place."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _blamed(on: Any) -> list[Any]:
    """Who "blamed ... on X" names: X (or what X refers back to) and the examples it gives ("such as Y")."""
    out = []
    for pobj in on.children:
        who = _antecedent(pobj) if pobj.dep_ == "pobj" else None
        if who is not None:
            out.append(who)
            out.extend(_examples(who))
    return out


def _examples(tok: Any) -> list[Any]:
    """The names a group phrase gives as examples: "hardline factions such as Kataib al-Furat"."""
    out = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "as" and any(c.lower_ == "such" for c in child.children):
            out.extend(c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN")
    return out


def _subject_phrase(verb: Any) -> list[Any]:
    """Noun phrases governing a verb as its subject (active) or agent (passive)."""
    out = []
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            out.append(child)
        if child.dep_ == "agent":
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return [s for s in (_stand_in(t) for t in out) if s is not None]


def _object_phrase(verb: Any) -> list[Any]:
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            out.append(child)
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "at"):
            # "an attack on the base", not "detained dozens on Wednesday" or "at 3 a.m."
            out.extend(c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME"))
    return out


def _phrase_span(tok: Any) -> tuple[int, int]:
    """Character range of the noun phrase headed by `tok` (determiners and modifiers, not clauses)."""
    counted = tok.like_num or tok.lower_ in _COUNT_WORDS  # "Dozens of protesters": the people, not the number
    of_phrase = {t.i for c in tok.children if counted and c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}
    keep = [t for t in tok.subtree
            if t.dep_ not in ("relcl", "acl", "punct", "cc", "conj", "appos", "prep") or t is tok or t.i in of_phrase]
    left = min(t.i for t in keep)
    right = max([tok.i, *of_phrase])
    for t in tok.rights:
        if t.dep_ in ("compound", "amod", "nummod", "flat"):
            right = max(right, t.i)
    doc = tok.doc
    # leading articles, and comparatives that rank rather than name ("a larger Iran-backed militia")
    while left < tok.i and (doc[left].dep_ in ("det", "poss", "punct", "predet") and doc[left].lower_ in ("the", "a", "an", ",", "'s")
                            or doc[left].tag_ in ("JJR", "JJS")):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


_COUNT_WORDS = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "many", "some", "dozen"})
_LEADING_CREDIT = re.compile(r"\(?[^()]{0,40}\)\s*")  # "(Image: AP) Police": a caption credit before the name


def _is_actor_like(tok: Any) -> bool:
    return tok.ent_type_ in _ACTOR_LABELS or bool(GROUP_NOUNS.search(tok.text)) or tok.lower_ in ("gunman", "gunmen", "shooter", "attacker", "attackers", "militants", "police")


# A sentence whose every dated happening ended this many days before publication recalls an earlier event:
# its attackers and targets are not this event's.  Set by hand on the sample corpus (a report published a few
# days after the event still calls it "last week").
BACKGROUND_DAYS = 10


def background_sentences(analysis: Analysis) -> list[tuple[int, int]]:
    """(start, end) of the body sentences that only date happenings well before the article's own date."""
    ref = analysis.reference_date
    if not ref:
        return []
    try:
        return recalled_sentences(analysis, date.fromisoformat(ref), BACKGROUND_DAYS)
    except ValueError:
        return []


def extract_actors(analysis: Analysis) -> tuple[Actor, ...]:
    """Actors with role and attribution status, from the body sentences that are about this event."""
    doc = analysis.doc
    if doc is None:
        return ()
    text = analysis.article.text
    found: dict[tuple[int, int, str], Actor] = {}
    background = background_sentences(analysis)

    def add(start: int, end: int, role: str, status: str) -> None:
        m = _LEADING_CREDIT.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
        name = text[start:end].strip()
        if not name or len(name) > 80 or name.replace(",", "").isdigit():
            return
        key = (start, end, role)
        old = found.get(key)
        rank = {"claimed": 4, "denied": 3, "suspected": 2, "unknown": 1, "confirmed": 0}
        if old is None or rank[status] > rank[old.status]:
            found[key] = Actor(analysis.span(start, end), name, role, status)

    for sent in analysis.body_sentences():
        if (sent.start, sent.end) in background:
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        s = text[sent.start:sent.end]
        hedged = bool(SUSPECTED.search(s))
        if NO_CLAIM.search(s):
            m = NO_CLAIM.search(s)
            assert m is not None
            add(sent.start + m.start(), sent.start + m.end(), "perpetrator", "unknown")
        for tok in span:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            lemma = tok.lemma_.lower()
            window = text[tok.idx: min(sent.end, tok.idx + 60)]
            if lemma in ("claim", "take", "accept") and CLAIMED.match(window):
                for subj in _subject_phrase(tok):
                    if any(c.lower_ in ("no", "none") for c in subj.children) or subj.lower_ in ("none", "nobody"):
                        continue  # "no group has claimed": recorded above as unknown
                    add(*_phrase_span(subj), "perpetrator", "claimed")
                continue
            if lemma in ("deny", "reject", "distance") and DENIED.match(window):
                for subj in _subject_phrase(tok):
                    add(*_phrase_span(subj), "perpetrator", "denied")
                continue
            if lemma in ("blame", "accuse"):
                # "X was blamed / accused" and "accused X of": X is suspected; "blamed the attack on X": X is.
                # In "blamed for attacks on the embassy" the embassy is a target, not a suspect.
                # "blamed the attack on X" and "the attack was blamed on X": X, not the attack
                # "X was blamed for attacks on bases and on the embassy": with "for", the "on" phrase is what was hit
                preps = {c.lower_ for c in tok.children if c.dep_ == "prep" and not _dated(c)}
                blamed_on = lemma == "blame" and "on" in preps and "for" not in preps
                for child in tok.children:
                    if child.dep_ in ("nsubjpass", "dobj") and not blamed_on:
                        if _EVENT_NOUNS.match(child.text):
                            # "blamed the attack on X" with "on X" parsed as part of the attack
                            for prep in child.children:
                                if prep.dep_ == "prep" and prep.lower_ == "on":
                                    for who in _blamed(prep):
                                        add(*_phrase_span(who), "perpetrator", "suspected")
                            continue
                        who = _stand_in(child)
                        if who is not None:
                            add(*_phrase_span(who), "perpetrator", "suspected")
                    if blamed_on and child.dep_ == "prep" and child.lower_ == "on" and not _dated(child):
                        for who in _blamed(child):
                            add(*_phrase_span(who), "perpetrator", "suspected")
                continue
            if lemma in ("suspect", "think", "believe") and any(c.dep_ == "nsubjpass" for c in tok.children):
                for c in tok.children:
                    if c.dep_ == "nsubjpass" and _is_actor_like(c):
                        add(*_phrase_span(c), "perpetrator", "suspected")
                continue
            if lemma in ("arrest", "detain", "charge", "apprehend"):
                for obj in _object_phrase(tok):
                    add(*_phrase_span(obj), "suspect", "suspected")
                for subj in _subject_phrase(tok):
                    if RESPONDER_NOUNS.search(subj.text) or subj.ent_type_ == "ORG":
                        add(*_phrase_span(subj), "responder", "confirmed")
                continue
            if lemma in ("respond", "arrive", "rush", "evacuate", "rescue", "investigate", "treat", "dispatch"):
                for subj in _subject_phrase(tok):
                    if RESPONDER_NOUNS.search(text[slice(*_phrase_span(subj))]):
                        add(*_phrase_span(subj), "responder", "confirmed")
                continue
            if lemma in ATTACK_VERBS:
                if lemma in ("open", "carry") and not re.match(r"(?i)\w+\s+(?:fire|out)", window):
                    continue
                for subj in _subject_phrase(tok):
                    if _is_actor_like(subj):
                        add(*_phrase_span(subj), "perpetrator", "suspected" if hedged else "confirmed")
                for obj in _object_phrase(tok):
                    if _WEAPONS.match(obj.text):
                        continue  # "Rockets were fired at the base": what was fired, not what was hit
                    if obj.ent_type_ not in ("DATE", "TIME", "CARDINAL") and (obj.ent_type_ in _ACTOR_LABELS or obj.ent_type_ == "FAC" or obj.pos_ == "PROPN"):
                        add(*_named_place(obj), "target", "confirmed")
        # "an attack on the base", "targeting US forces"
        for m in re.finditer(r"\b(?:attacks?|assaults?|strikes?|raids?)\s+(?:on|against)\s+", s, re.I):
            start = sent.start + m.end()
            tok = next((t for t in span if t.idx >= start), None)
            if tok is not None and tok.dep_ in ("pobj", "det", "compound", "amod"):
                head = tok if tok.dep_ == "pobj" else tok.head
                if head.lower_ in _CHANNELS:
                    continue
                attack = next((t for t in span if t.idx >= sent.start + m.start()), None)
                if attack is not None and attack.head.lemma_.lower() in ("blame", "accuse"):
                    continue  # "blamed the attack on X": X is who is blamed, not what was hit
                if head.dep_ == "pobj" and (head.ent_type_ in _ACTOR_LABELS | {"FAC"} or head.pos_ == "PROPN" or head.lower_ in ("base", "forces", "troops", "embassy", "convoy", "village", "church", "mosque", "school")):
                    add(*_named_place(head), "target", "confirmed")
        # "it may be a front for a larger Iran-backed militia": the group said to stand behind is suspected
        for m in _BEHIND.finditer(s):
            front = next((t for t in span if t.idx == sent.start + m.start()), None)
            if front is None or not _stands_for_a_group(front):
                continue
            tok = next((t for t in span if t.idx >= sent.start + m.end()), None)
            while tok is not None and tok.dep_ != "pobj" and tok.head is not tok and tok.head.idx >= sent.start + m.end():
                tok = tok.head
            if tok is not None and tok.dep_ == "pobj" and _is_actor_like(tok):
                add(*_phrase_span(tok), "perpetrator", "suspected")
    # victims are the casualty statements' "who"
    for r in analysis.casualties:
        if any(bs <= r.span.start < be for bs, be in background):
            continue
        if r.who and r.value and r.kind in ("killed", "injured") and r.how != "suicide":
            i = r.span.text.find(r.who)
            if i >= 0:
                start = r.span.start + i
                add(start, _noun_phrase_end(doc, start + len(r.who)), "victim", "confirmed")
    return tuple(sorted(found.values(), key=lambda a: (a.span.start, a.role)))


def _noun_phrase_end(doc: Any, end: int) -> int:
    """`end`, moved to the head noun a description's last word modifies: "a US civilian| contractor"."""
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if last is None or len(last) == 0:
        return end
    tok = last[-1]
    while tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN") \
            and tok.head.i - tok.i <= 2:
        tok = tok.head
    return max(end, tok.idx + len(tok))


STAGE = Stage(
    name="actors",
    requires=("doc", "sentences", "casualties", "times"),
    assigns=("actors",),
    run=lambda a: a.with_(actors=extract_actors(a)),
)
