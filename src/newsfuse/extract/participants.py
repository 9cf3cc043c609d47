"""Participants: the named people an incident happened to or was done by, Gun Violence Archive style.

A person name (spaCy PERSON) becomes a participant when the text ties it to the
incident: an age ("John Smith, 23,", "23-year-old John Smith") or a victim or
suspect cue in its sentence.  Officials, spokespeople and relatives quoted about
the incident are left out.  Role, status and gender come from the words around
each mention; mentions of one person ("John Smith" ... "Smith") are merged, not those of one surname with other
first names ("Amy Buckley", "Abigail Buckley").

Names the small model cuts short or joins are mended (`_mended`: "Pablo [Antonio Serrano-Vitorino]", 'Emilio "Milo"
Flores', "Deona and Keona Luke"), and names it misses or mislabels are read from the frames news gives victims and
suspects: an age beside them, "identified as ...", "arrested ...", "... was shot" (`FRAMED_NAME`).  Kin named by a
first name alone take the surname of the person named before them ("Michael Stasko shot his wife, Melissa": `KIN_NAMES`).
Drug arrests of a police blotter, people named only in sentences led by a date (recaps of other happenings: `DATE_LED`)
and people first named far down a long page (`FAR_INTO_PAGE`) are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsfuse.model import Analysis, Participant
from newsfuse.stages import Stage

TITLES = frozenset(
    """officer officers sgt sgt. sergeant lt lt. lieutenant capt capt. captain chief detective det det. sheriff
    spokesman spokeswoman spokesperson mayor attorney prosecutor judge coroner dr dr. rev rev. reverend pastor gov gov.
    governor sen sen. senator rep rep. representative president cpl cpl. corporal trooper agent commissioner superintendent
    reporter councilman councilwoman alderman investigator lawyer examiner cmdr commander major maj maj. col col. colonel
    director secretary minister principal coach manager owner professor dean bishop father sheriff's police fbi atf
    deputies spokesmen sgt.s chaplain officials official constable marshal ranger warden patrolman dispatcher charge
    atty atty. gen gen. peace magistrate ald ald.""".split()
)
RELATIVE = re.compile(
    r"^\s*,\s*(?:the\s+)?(?:\w+['’]s?\s+)?(?:(?:grand|step)?(?:mother|father|mom|dad|aunt|uncle|sister|brother|cousin|grandmother|grandfather|neighbou?r|friend|pastor|girlfriend|boyfriend|fiancee?|wife|husband|son|daughter|niece|nephew)|spokes\w+|who\s+(?:lives|witnessed|saw|heard|knew|owns|works))\b",
    re.I,
)
# "April Wilson, the special prosecutor who filed charges", "Bryan Mason, a nine-year veteran of the force": a name in
# apposition to an office of the courts or the police is an official, not a participant.  (With the credits after a
# slash, "DNAinfo/Alex Nitkin", six false names fewer on eval/gva_facts dev and no true one lost.)
OFFICIAL_AFTER = re.compile(
    r"^\s*,\s*(?:the|an?)\s+(?:[\w'’-]+\s+){0,2}?(?:prosecutor|(?:defense\s+)?attorney|lawyer|judge|coroner|mayor|medical\s+examiner"
    r"|(?:[\w-]+\s+)?veteran\s+of\s+the\s+(?:[A-Z][\w'’.-]*\s+){0,2}(?:force|department|police|sheriff))\b"
    # "Elizabeth Carter, a lieutenant at the Texas Department of Public Safety", "Drew Mikulaschek, Director of Trauma
    # Services at Lee Memorial Hospital"
    r"|^\s*,\s*(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,2}?(?:director|spokes\w+|lieutenant|captain|superintendent|commissioner|administrator|chief)\s+(?:of|for|at|with)\b",
    re.I,
)
# (not a ward or a district: "Ald. Jane Doe (3rd)")
AGE_AFTER = re.compile(r"^\s*(?:,|\()\s*(?:a|an|age|aged)?\s*(\d{1,2})(?!\d|st\b|nd\b|rd\b|th\b)\s*(?:-year-old\b)?", re.I)
AGE_BEFORE = re.compile(r"\b(\d{1,2})[- ]year[- ]old\s+(?:[\w'’-]+,?\s+){0,3}$", re.I)

VICTIM_VERBS = frozenset("shoot kill stab murder wound injure hit strike slay beat wound hospitalize rob attack".split())
ARREST_VERBS = frozenset("arrest charge book accuse indict detain sentence convict plead face surrender jail hold apprehend extradite identify".split())
KILL_CUES = re.compile(r"\b(?:killed|died|dies|dead|death|fatal(?:ly)?|slain|murdered|homicide|body|pronounced|did\s+not\s+survive|deceased|succumbed)\b", re.I)
# (not "gunshot wound": on eval/gva_facts dev it marks as injured victims GVA lists as killed, status accuracy 0.8354
# without, 0.8264 with, for two more names found)
INJ_CUES = re.compile(r"\b(?:wounded|injured|injuries|hurt|hospital|condition|grazed|treated|shot\s+in\s+the|survived|recovering)\b", re.I)
SUSPECT_CUES = re.compile(r"\b(?:arrested|charged|charges?|suspects?|accused|booked|custody|jail|shooter|gunman|indicted|pleaded|sentenced|convicted|warrant|faces|wanted|surrendered|allegedly|detained|bond|bail)\b", re.I)
ARREST_CUES = re.compile(r"\b(?:arrested|charged|booked|custody|jailed|jail|indicted|detained|surrendered|apprehended|taken\s+into|held\s+(?:on|without)|bond|bail|pleaded|sentenced|convicted)\b", re.I)
VICTIM_CUES = re.compile(r"\b(?:victims?|killed|died|dead|wounded|injured|shot|hospital|condition|identified|slain|body|struck|(?:gunshot|bullet)\s+wounds?)\b", re.I)
UNHARMED_CUES = re.compile(r"\b(?:unharmed|uninjured|not\s+(?:hurt|injured)|escaped\s+injury)\b", re.I)
MALE = re.compile(r"\b(?:man|men|boy|he|his|him|himself|male|father|son|brother|husband|boyfriend|mr\.?|grandfather|uncle|nephew)\b", re.I)
FEMALE = re.compile(r"\b(?:woman|women|girl|she|her|hers|herself|female|mother|daughter|sister|wife|girlfriend|mrs\.?|ms\.?|grandmother|aunt|niece)\b", re.I)
_GENDER = re.compile(rf"(?P<m>{MALE.pattern})|(?P<f>{FEMALE.pattern})", re.I)
# Lines that are not prose about the incident: tweets, bylines, captions with times, sign-offs.
NOT_PROSE = re.compile(r"@\w|\(@|^\s*[—–-]\s|^\s*\d{1,2}:\d\d\s|\bChief\s+of\s+Police\s*$", re.M)
# "his mother, Jane Doe", "their daughter Rebecca": relatives named as such are not participants.
LEFT_RELATIVE = re.compile(
    r"\b(?:his|her|their|the\s+(?:victim|suspect|boy|girl|man|woman)['’]s|[A-Z]\w+['’]s)\s+(?:[\w-]+\s+)?"
    r"(?:(?:grand|step)?(?:mother|father|mom|dad|aunt|uncle|sister|brother|cousin|parents?)(?:-in-law)?|neighbou?r|pastor|fiancee?|attorney|lawyer)\s*,?\s*$"
)
# ... unless their own clause says they were hit: "his twin brother Jaylen Smith, 16, was wounded".  Measured with
# eval/gva_facts dev (2,200 incidents), names P/R 0.7810/0.6388 without, 0.7811/0.6391 with.
RELATIVES_HURT = True
RELATIVE_HURT = re.compile(r"(?:\s*,\s*\d{1,2}\s*,)?\s+(?:was|were)\s+(?:\w+ly\s+)?(?:shot|killed|wounded|injured)\b")
# Sentences about other happenings: an earlier shooting recalled with its year, the year's statistics (not a year
# of birth: "Erica Symlar, born in 1973, ... treated and released").
# Chosen on eval/gva_facts dev (victims of other shootings named in background paragraphs).
OTHER_EVENT = re.compile(
    r"\b(?:(?<!born\s)(?:in|since|during)\s+(?:the\s+(?:summer|spring|fall|autumn|winter)\s+of\s+)?(?:19|20)\d\d\b(?!\s+(?:shooting|killing|slaying|death|incident))"
    r"|so\s+far\s+this\s+year|(?:earlier|later)\s+this\s+year|last\s+year|years\s+ago|(?:\w+(?:th|st|nd|rd))\s+(?:homicide|child|person|victim|shooting)"
    # other happenings told beside this one: "killed in separate shootings", "victims of several other homicides", "12
    # days after police in Baton Rouge fatally shot ..." (not "last month": follow-ups date the event itself so)
    r"|separate\s+(?:shootings|incidents|attacks)|other\s+(?:homicides|shootings|killings)|\b\d+\s+(?:days|weeks|months)\s+(?:after|before)\b)",
    re.I,
)
# "according to Phoenix police Sgt. Trent Crump, ...": the source of a statement, with its titles in between
# (eval/gva_facts dev names precision 0.7139 reading only "according to" right before the name, 0.7158 with this,
# recall unchanged); read in the text, not the sentence, since the small model may end a sentence at "Sgt."
ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?:(?:[\w'’-]+|[A-Z][a-z]{0,4}\.)\s+){0,4}$")
# Bylines, photo credits and broadcast reporters: "Joel Hilton/WAVY", "(Kevin Johnson -- Santa Cruz Sentinel)",
# "Photo by John Smith", "told News 5 WCYB's Olivia Bailey", "Channel 2's Liz Artz", "View Full Caption DNAinfo/Alex Nitkin",
# "told 1010 WINS’ Jane Doe", "Sources told NBC News’ John Roe", "CBS’ Jane Doe" (call letters: K or W and two or
# three letters more; not any word in capitals ending in S: "VICTIMS’").
CREDIT_BEFORE = re.compile(
    r"(?:\b(?i:photos?|credit|courtesy|video|graphic|image)\s*(?i:by|of|:|/)?\s*:?\s*|\b(?i:by):\s*|(?:^|\s)/\s+|(?<=[A-Za-z])/"
    r"|\b(?:[A-Z]{2,}[\w-]*|[A-Z][a-z]*\d+|\d+|News|Channel\s+\d+)['’]s\s+|\b(?:[KW][A-Z]{1,2}S|CBS|News)['’]\s+)$"
)
# (also "Jim Donnelly/correspondent")
CREDIT_AFTER = re.compile(r"^\s*(?:/\s*[A-Za-z]|--\s*[A-Z]|\|\s*[A-Z])")
# A byline naming several people: "By Alexa Ashwell, Angela Hong and Tina Terry" (the text of the line before a name)
BYLINE_LIST = re.compile(r"^\s*(?:By|BY|by):?\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*))+$")
# "report" too: reporters named in broadcast copy ("WCBS 880's Monica Miller reported")
# (and "recalled", "pointed out", "recounted": "Margie Malabet recalled the frantic scene")
SPEECH_VERBS = frozenset("say tell add explain note state write post confirm report recall recount point".split())


@dataclass
class _Person:
    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    strong_roles: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    genders: list[str] = field(default_factory=list)
    strengths: set[str] = field(default_factory=set)
    speaker: bool = False
    # named only in sentences led by a calendar date (DATE_LED): of another happening unless named elsewhere too
    dated_only: bool = False


NOT_NAME_WORDS = re.compile(
    r"\b(?:Hospital|Center|Centre|Medical|Police|Fire|County|Hills|Meadows?|Street|St|Avenue|Avenues|Ave|Road|Rd|Park|Trauma|Health|"
    r"Memorial|University|School|Church|Department|Dept|Office|News|Twitter|Facebook|Assault|Shot|Shooting|Apartments?|Court|Lane|Drive|"
    r"Boulevard|Blvd|Highway|Streets|Island|Lake|River|City|Township|Village|Mall|Club|Bar|Glock|Smith\s*&|Wesson|Ruger|Remington"
    # charges, institutions and page furniture the small model takes for names
    r"|Murder|Manslaughter|Homicide|Battery|Robbery|Burglary|Possession|Firearms?|Weapons?|Degree|Felony|Endangerment"
    r"|Newsletters?|Email|Caption|Photo|Video|(?<=\w\s)Christian|Academy|Elementary|Station|Inn|Spa|Precinct|District|Stoppers"
    r"|Tribune|Herald|Gazette|Journal|Funeral|Cemetery|Pope|Chapel|Ministries|Foundation|Associated|Press"
    # headings and agencies ("Civilian Victims", "Clarksville PD", "Gwinnett Swat"): eval/gva_facts dev names
    # precision 0.7181 -> 0.7201, recall unchanged
    r"|Victims?|PD|SWAT|Swat|Coroner|Sheriff|Metro|Cathedral"
    # descriptions framed as names ("identified as Hispanic Male")
    r"|Male|Female|Hispanic|Caucasian"
    # headline words ("Miami Boy Killed", "Boy Recovering", "Shots Fired", "Deadly Weekend"), schools and places ("Wenonah
    # HS", "Fort Wayne", "Joint Base ...", "Clarkson Aves", "East Baton Rouge Parish") and page furniture ("Featured
    # Gallery"); none is in a name eval/gva_facts dev matched
    r"|(?<!-)(?:Killed|Kills|Recovering|Kicked|Dies|Dead|Deadly|Wounded|Injured|Injures|Shots|Fired|Being|Family|Weekend|HS|Aves|Area|Fort"
    r"|Saints?|Base|Parish|Gallery|Featured|Mug|Mugshot|Multiple|Junior|Place|Patrol|Trucking|Roundup|Donuts|Struck|Slain)(?!-))\b"
    r"|^(?:Aunt|Uncle|Grandma|Grandpa)\b|\b(?:Man|Boy|Girl|Woman|Teen)$|^[NSEW]\.\s"
)


# Sentence words the small model takes into a name ("Both Harger, 32, and Ramirez, 34, died"); eval/gva_facts dev
# names precision 0.7238 -> 0.7240.
# (and, with the framed names, page furniture and services: "Share Achassity McKee", "Embed Boy", "Navy Petty Officer")
NOT_FIRST_WORDS = frozenset(
    "both and but when while after before then neither either if as so the since share embed tweet watch navy army".split()
)


_ROMAN = frozenset({"II", "III", "IV"})
# "Hill" is a surname ("Damon Guy Hill", "Kincaid-Hill") as often as the end of a place's name: two words ending in it
# are taken for a person only with an age beside them (eval/gva_facts dev names P/R 0.7503/0.6222 -> 0.7508/0.6222).
_TWO_WORD_HILL = re.compile(r"^[A-Z][\w'’]*\s+Hill$")
# lower-case particles inside a name: "Sergio Valencia del Toro", "Ludwig van Beethoven".  The suffixes (_ROMAN),
# "Christian" as a first name, years of birth and gunshot wounds as cues (then of the injured too, since withdrawn) took
# eval/gva_facts dev names P/R from 0.7498/0.6068 to 0.7506/0.6155; these particles and the surname "Hill" (no longer among NOT_NAME_WORDS) from
# 0.7509/0.6207 to 0.7503/0.6222 (F1 0.6796 -> 0.6803).
_PARTICLES = frozenset({"de", "del", "della", "da", "dos", "das", "di", "la", "le", "van", "von", "der", "den", "bin", "ibn", "al"})


def _is_name(text: str) -> bool:
    toks = text.split()
    if not toks or _NOT_NAME_CHARS.search(text) or NOT_NAME_WORDS.search(text) or toks[0].lower() in NOT_FIRST_WORDS:
        return False
    if any(len(t) > 2 and t.isupper() and t not in _ROMAN for t in toks):  # station call signs, "PPOLICE" (not "Phillips III")
        return False
    return all(t[:1].isupper() or (t in _PARTICLES and 0 < i < len(toks) - 1) for i, t in enumerate(toks) if t[:1].isalpha()) and any(len(t) > 1 for t in toks)


def _same(a: str, b: str) -> bool:
    """Same person within one article: equal, same surname, or a lone first name of the full name."""
    ta, tb = a.lower().replace(".", "").split(), b.lower().replace(".", "").split()
    if ta == tb:
        return True
    if ta[-1] != tb[-1]:
        return (len(ta) == 1 and ta[0] == tb[0]) or (len(tb) == 1 and tb[0] == ta[0])
    if len(ta) == 1 or len(tb) == 1:
        return True
    if FIRST_NAMES_SPELLED:
        return first_names_agree(ta[0], tb[0]) or ta[0] in tb[1:-1] or tb[0] in ta[1:-1]
    return ta[0][0] == tb[0][0]


# Whether two spelled-out first names must agree (up to an initial or a short form, `first_names_agree`) for two
# mentions with one surname to be one person: "Amy Buckley" and "Abigail Buckley" are sisters, not one woman.
# Measured with eval/gva_facts dev (2,200 incidents), names P/R 0.7753/0.6222 with first initials only, 0.7735/0.6269
# with this (also in newsfuse.fuse.what.same_person); first names agreeing only by an initial or a short form, without
# the spellings FIRST_NAME_STEM / FIRST_NAME_SLIP_LEN allow: 0.7674/0.6266.
FIRST_NAMES_SPELLED = True


def first_names_agree(a: str, b: str) -> bool:
    """Lower-cased first names of one person: equal, initials of the other ("j" / "john", "cj" / "charles"), a
    short form that begins the other ("chris" / "christopher", "fred" / "freddy"), or spellings of one name: a
    common beginning of FIRST_NAME_STEM letters ("randy" / "randall", "brittney" / "brittany") or one slip from
    FIRST_NAME_SLIP_LEN letters ("akielah" / "akeilah", "rachel" / "rachael"), a common short form (`_SHORT_FORMS`:
    "mike" / "michael") or one `spelling_key` ("mohammed" / "muhammad", "yusuf" / "youssef").  Not "timothy" /
    "timea", "brian" / "brandon", nor names one consonant apart ("jayden" / "jaylen", "jamal" / "jamar")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short[0] if len(short) <= 2 else short):
        return True
    if _consonant_swap(a, b):
        return False  # "jayden" / "jaylen", "jamal" / "jamar": twins' names
    if a[:FIRST_NAME_STEM] == b[:FIRST_NAME_STEM] and len(short) >= FIRST_NAME_STEM:
        return True
    if _SHORT_FORMS.get(a, a) == _SHORT_FORMS.get(b, b):
        return True  # "mike" / "michael", "bill" / "william"
    ka, kb = spelling_key(a), spelling_key(b)
    if ka == kb and len(ka) >= FIRST_NAME_KEY_LEN:
        return True  # "mohammed" / "muhammad", "yusuf" / "youssef", "aleksandr" / "alexander"
    return len(short) >= FIRST_NAME_SLIP_LEN and a[0] == b[0] and _one_edit(a, b)


# Common short forms of first names and the name they stand for (a short form that begins its name, "chris" /
# "christopher", needs none)
_SHORT_FORMS = {
    short: full
    for full, shorts in {
        "michael": "mike mikey mick", "william": "bill billy will willie liam", "robert": "bob bobby rob robbie bert",
        "richard": "rick ricky dick rich richie", "james": "jim jimmy jamie", "john": "jack johnny jon",
        "anthony": "tony", "joseph": "joe joey", "charles": "chuck charlie chas", "edward": "ed eddie ted ned",
        "elizabeth": "liz lizzie beth betty betsy eliza", "margaret": "peggy maggie meg", "henry": "hank harry",
        "lawrence": "larry", "gerald": "jerry", "stephen": "steve stevie steven", "andrew": "andy drew",
        "david": "dave davey", "nicholas": "nick nicky", "katherine": "kate katie kathy cathy catherine kathryn",
        "rebecca": "becky becca", "alexander": "alex sasha", "christina": "tina", "patricia": "patty trish",
        "susan": "sue susie", "deborah": "debbie deb debra", "thomas": "tom tommy", "daniel": "dan danny",
    }.items()
    for short in (full, *shorts.split())
}
# Letters folded by `spelling_key`: ways of writing one sound in transliterated names
_KEY_FOLDS = (("ph", "f"), ("x", "ks"), ("ck", "k"), ("q", "k"))
_VOWELS = frozenset("aeiouy")
# a spelling key must keep this many letters to join two names ("dean" / "dion" keep 2, "brian" / "bryan" 3);
# with the short forms, eval/gva_facts dev (2,200 incidents) names P/R 0.7803/0.6385 without the key, 0.7810/0.6388 with
FIRST_NAME_KEY_LEN = 3


def spelling_key(name: str) -> str:
    """A lower-cased name with its vowels after the first letter dropped and doubled letters folded: one key for
    the spellings of a transliterated name ("mohammed", "muhammad", "mohamed": "mhmd")."""
    for x, y in _KEY_FOLDS:
        name = name.replace(x, y)
    out = name[:1]
    for c in name[1:]:
        if c not in _VOWELS and c != out[-1]:
            out += c
    return out


def _consonant_swap(a: str, b: str) -> bool:
    """Whether two names of one length differ by one consonant put for another: twins' names ("jayden" / "jaylen",
    "jamal" / "jamar"), not a misspelling."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 and a[diff[0]] not in _VOWELS and b[diff[0]] not in _VOWELS and a[diff[0]] + b[diff[0]] not in _LIKE_SOUNDS


# consonants written for one another in one name: "isabella" / "izabella", "erica" / "erika", "marcus" / "markus"
_LIKE_SOUNDS = frozenset({"sz", "zs", "ck", "kc", "cs", "sc", "kq", "qk"})


# (chosen on eval/gva_facts dev, see FIRST_NAMES_SPELLED: the spellings GVA and the press give one person,
# "Isabella" / "Izabella"; a stem of three letters would join "Timothy" and "Timea")
FIRST_NAME_STEM = 4
FIRST_NAME_SLIP_LEN = 4


def _one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion, deletion or swap of neighbours."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) <= 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _same_full(a: str, b: str) -> bool:
    """Same person by full name: same surname and the same first name (or one side's surname alone).  Stricter than
    `_same` (first initials): "Vernon Gillum" is not "Verneisha Gillum"."""
    ta, tb = a.lower().replace(".", "").split(), b.lower().replace(".", "").split()
    return ta[-1] == tb[-1] and (len(ta) == 1 or len(tb) == 1 or ta[0] == tb[0])


# The left contexts that give a mention its role (compiled once: looking patterns up by string cost a tenth of
# this stage)
_SUSPECT_LEFT = re.compile(r"\b(?:suspect|shooter|gunman|accused|man\s+charged)\s*,?\s*(?:as\s+)?(?:was\s+identified\s+as\s+)?$")
_SUSPECT_ID_LEFT = re.compile(r"identified\s+the\s+(?:suspect|shooter|gunman)\s+as\s+$")
_VICTIM_LEFT = re.compile(r"\b(?:victims?|deceased|dead\s+(?:man|woman))\s*,?\s*(?:as\s+)?$")
_VICTIM_ID_LEFT = re.compile(r"identified\s+(?:the\s+)?(?:victims?|(?:dead\s+)?(?:man|woman|boy|girl|teen)|deceased)\b[^.;]{0,30}?\bas\s+(?:[\w'’-]+\s+){0,3}$")
_DEATH_OF_LEFT = re.compile(r"\b(?:death|killing|murder|slaying|shooting\s+death)\s+of\s+(?:[\w'’-]+\s+){0,3}$")
_SHOT_WORD = re.compile(r"\bshot\b", re.I)
_NOT_NAME_CHARS = re.compile(r"\d|@|http|/|[\"“”]")


def _role_and_status(ent: Any, sent_text: str, text: str, sent_start: int | None = None) -> tuple[str | None, set[str], str]:
    """Role (victim/suspect), statuses and cue strength of one mention.

    Strength is "strong" when the role comes from the mention's own verb or an apposition ("the victim,
    John Smith"), "weak" when only from the words of its sentence, "speaker" when the mention is the
    subject of a speech verb ("John Smith said"), else "none".
    """
    root = ent.root
    dep = root.dep_
    tok = root
    hops = 0
    while tok.dep_ in ("compound", "appos", "conj", "poss", "pobj", "prep", "nmod") and tok.head is not tok and hops < 4:
        tok = tok.head
        hops += 1
    verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd") else (tok if tok.pos_ in ("VERB", "AUX") else None)
    dep = tok.dep_
    role: str | None = None
    statuses: set[str] = set()
    lemma = verb.lemma_.lower() if verb is not None else ""
    if lemma in SPEECH_VERBS and dep == "nsubj":
        return None, set(), "speaker"
    if sent_start is None:  # (the caller's sentence start spares a walk over the sentence)
        sent_start = ent.sent.start_char
    if ACCORDING_TO.search(text[max(0, ent.start_char - 60):ent.start_char]):  # the model may end a sentence at "Sgt."
        return None, set(), "speaker"
    if lemma in ARREST_VERBS and dep in ("nsubjpass", "dobj"):
        role = "suspect"
        if lemma != "identify":
            statuses.add("arrested")
        else:
            role = None
    elif lemma in VICTIM_VERBS:
        role = "victim" if dep in ("nsubjpass", "dobj") else ("suspect" if dep == "nsubj" else None)
    elif lemma == "die" and dep == "nsubj":
        role = "victim"
        statuses.add("killed")
    # appositions and "identified ... as": "the suspect, John Smith", "identified the victim as John Smith"
    left = sent_text[: ent.start_char - sent_start].lower()[-60:]
    if _SUSPECT_LEFT.search(left) or _SUSPECT_ID_LEFT.search(left):
        role = "suspect"
    elif (
        _VICTIM_LEFT.search(left)
        or _VICTIM_ID_LEFT.search(left)
        or _DEATH_OF_LEFT.search(left)
    ):
        role = "victim"
    strength = "strong" if role else "none"
    sus, vic, killed, injured, arrested, unharmed = _sentence_cues(sent_text)
    if role is None:
        if sus and sus >= vic:
            role = "suspect"
        elif vic:
            role = "victim"
        strength = "weak" if role else "none"
    if role == "victim":
        if killed:
            statuses.add("killed")
        elif injured:
            statuses.add("injured")
    if role == "suspect" and arrested:
        statuses.add("arrested")
    if unharmed:
        statuses.add("unharmed")
    return role, statuses, strength


@lru_cache(maxsize=512)
def _sentence_cues(sent_text: str) -> tuple[int, int, bool, bool, bool, bool]:
    """A sentence's suspect and victim cue counts and its killed / injured / arrested / unharmed cues (read once for
    all the names of a sentence)."""
    return (
        len(SUSPECT_CUES.findall(sent_text)), len(VICTIM_CUES.findall(sent_text)), bool(KILL_CUES.search(sent_text)),
        bool(INJ_CUES.search(sent_text) or _SHOT_WORD.search(sent_text)), bool(ARREST_CUES.search(sent_text)),
        bool(UNHARMED_CUES.search(sent_text)),
    )


@lru_cache(maxsize=512)
def _set_aside(sent_text: str) -> bool:
    """Whether a sentence is no prose about the incident (NOT_PROSE), tells of other happenings (OTHER_EVENT) or of
    drug charges with no violence in it (DRUG_ONLY)."""
    if DRUG_ONLY_SET_ASIDE and DRUG_WORDS.search(sent_text) and not VIOLENCE_WORDS.search(sent_text):
        return True
    return bool(NOT_PROSE.search(sent_text) or OTHER_EVENT.search(sent_text))


def _date_led(sent_text: str) -> bool:
    """Whether a sentence is led by a calendar date (DATE_LED), so names no one of the story by itself."""
    return DATE_LED_SET_ASIDE and bool(DATE_LED.match(sent_text))


# A sentence led by a calendar date tells of another happening in a timeline or a recap ("Aug. 23: Joseph Doe, 24, is
# shot and killed ...", "On June 7, Jane Doe, 34, and her son were shot ..."); a report of the event itself leads with
# its weekday ("On Sunday, ...").  Measured with eval/gva_facts dev (2,200 incidents), with DRUG_ONLY_SET_ASIDE, names
# P/R 0.7809/0.6394 -> 0.7869/0.6391 (616 -> 594 false names, one true name lost).  Such a sentence names no one by
# itself, but it still tells of people the article names elsewhere: a follow-up dates the event so ("On August 9th,
# 2016, 73-year-old Jane Doe was shot and killed during a drill ..."; "... accidentally shot Jane Doe"), and setting
# it aside whole took her death (the CI subset of eval/gva_facts: status of matched people 0.8372 -> 0.8140).  Keeping
# what it tells of people named elsewhere, on dev: names P/R 0.7929/0.6414 -> 0.7924/0.6417, status 0.8676 -> 0.8678.
# A report may lead with its date too ("On June 7, John Doe, 24, was shot ..."): the first sentence of the body is
# never set aside, and the others only when the page names someone kept outside such sentences (a timeline or a
# recap beside the story), so a page of dated sentences alone keeps its people.
DATE_LED_SET_ASIDE = True
# The months are spelled out whole or cut short ("Mar[a-z]*" would take "Marcus 12,"), and a date with its
# year takes the year ("June 8, 2016 — John Doe ..." is a dateline, not "June 8," leading a recap).
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
DATE_LED = re.compile(
    r"\s*(?:(?:On|In|Back\s+in)\s+)?" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,\s+\d{4}\s*[:,]|\s*[:,](?!\s*\d{4}))"
)
# A sentence of drug charges without a word of gunfire, weapons or harm is a police blotter's other arrest ("Speeding Pot
# Bust: John Doe, 26, of Trenton, was arrested after police found him in possession of marijuana"): GVA lists none of
# them.  (Measured with DATE_LED_SET_ASIDE, above.)
DRUG_ONLY_SET_ASIDE = True
DRUG_WORDS = re.compile(
    r"(?i)\b(?:drugs?|marijuana|pot|weed|cocaine|crack|heroin|methamphetamine|meth|narcotics?|paraphernalia"
    r"|controlled\s+substances?|hypodermic)\b"
)
VIOLENCE_WORDS = re.compile(
    r"(?i)\b(?:shoot\w*|shot|shots|gun\w*|firearms?|pistols?|rifles?|handguns?|weapons?|kill\w*|murder\w*|homicides?|death"
    r"|dead|died|wound\w*|injur\w*|victims?|slay\w*|slain|fatal\w*|revolvers?|armed|ammunition|ammo|calib(?:er|re)"
    r"|robs?|robb\w*|stab\w*|beat(?:s|en|ing)?|assault\w*|attack\w*)\b"
)


# Which people are kept, by the cues of their mentions.  A role from the mention's own verb or apposition
# keeps a person; otherwise a sentence-level role or an age keeps them unless they are ever a speaker
# (witnesses, officials, relatives quoted "X, 26, said").  Chosen on eval/gva_facts dev (2,200 incidents),
# names P/R/F1: this 0.582/0.578/0.580; weak cue + age only 0.682/0.489/0.569; weak cue only
# 0.593/0.552/0.572; before (no speaker rule) 0.536/0.601/0.567.
# Whether bylines, photo credits and named broadcast reporters (CREDIT_BEFORE / CREDIT_AFTER) are left out.
# Chosen on eval/gva_facts dev (2,200 incidents), names P/R: 0.7114/0.6140 without, 0.7158/0.6140 with.
CREDITS_DROPPED = True


# Whether a speaker with an age whose mentions make them a victim who was hit ("found Christopher Chatman, 26, suffering
# from a gunshot wound ... Chatman told police") is kept: the wounded often talk to the police or the press.  Measured
# with eval/gva_facts dev (2,200 incidents), names P/R 0.7502/0.6175 without, 0.7503/0.6222 with.
HURT_SPEAKERS_KEPT = True


# Whether a person one mention shows to be an official ("spokeswoman Jane Doe", "Jane Doe, the prosecutor"), a witness
# ("Jane Doe, who witnessed ...") or a byline is left out in their other mentions too ("Doe said"), unless a mention's
# own verb makes them a victim.  Not relatives ("his brother, Kenneth Guidry, was shot") nor police ranks ("Sgt. Lee
# Jundt"): they are as often the victims or the shooter.  With the headline words of NOT_NAME_WORDS, the bylines of
# several names and titles split from their full stop, eval/gva_facts dev names P/R 0.7508/0.6222 -> 0.7607/0.6222
# (sticking relatives and police ranks too: 0.7658/0.6164, not taken).
OTHERS_STICK = True
# the titles of people who speak of an incident rather than take part in it (not "owner", "manager", "pastor": a
# shop's owner or a library's manager is as often a victim)
STICKY_TITLES = frozenset(
    """spokesman spokeswoman spokesperson mayor attorney prosecutor judge coroner sheriff reporter commissioner
    superintendent gov governor sen senator rep representative president lawyer examiner dispatcher councilman
    councilwoman alderman ald dr rev reverend magistrate""".split()
)
_WITNESS_AFTER = re.compile(r"^\s*,\s*(?:the\s+)?(?:\w+['’]s?\s+)?(?:spokes\w+|who\s+witnessed)\b", re.I)


def _kept(p: "_Person") -> bool:
    if "strong" in p.strengths:
        return True
    if HURT_SPEAKERS_KEPT and p.speaker and p.ages and "victim" in p.roles and p.statuses & {"injured", "killed"}:
        return True
    return not p.speaker and ("weak" in p.strengths or bool(p.ages))


# Entity labels the small spaCy model gives names it does not recognise as people ("Raynord Daniel" ORG,
# "Sean Durcan" NORP, "Crystal Bowman" PRODUCT): such a name is taken when an age sits next to it.
MISLABELLED = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC"})
# a capitalised word before one of these is a place or school modifying a person: "a 20-year-old Des Moines man"
PERSON_NOUN_AFTER = re.compile(r"^\s+(?:man|woman|men|women|boy|girl|teen|teenager|student|resident|residents|native|youth|child|mother|father|couple|family|freshman|sophomore|junior|senior)\b", re.I)
# A lone word is a town ("a 17-year-old from Dorchester", "Terrell Lockett of Cheektowaga", "a 10-year-old Oshkosh
# girl") or a child's first name ("her 3-year-old son Xander", "Laura, 5, Leigh, 4, and Karen, 2"), not a surname
# GVA would list, when one of these stands before it (or a person noun after it).
LONE_BEFORE = re.compile(
    r"(?:\b(?:of|from|in|on)|\b(?:sons?|daughters?|grandsons?|granddaughters?|girls|boys|children|child|brother|sister|nephew|niece|"
    r"step(?:son|daughter)|wife|husband|girl|boy|named|aka|and)\s*,?(?:\s+\d{1,2}[- ](?:year|month)[- ]old)?)\s*$",
    re.I,
)
# a capitalised word of a name, with a capital inside too: "Smith", "LeMarcus", "McGraw", "O'Neal", "Dixon-Lackey"
# (written so that a failed match backtracks little: a capital inside comes within the first three letters)
_NAME_WORD = r"[A-Z](?:[a-z'’]{1,3}[A-Z])?[a-z'’]++(?:-[A-Z](?:[a-z'’]{1,3}[A-Z])?[a-z'’]++)?"
_NAME = rf"(?-i:{_NAME_WORD}(?:[ \t]+[\"“][A-Z][^\"“”\n]{{0,20}}[\"”])?(?:[ \t]+(?:[A-Z]\.|{_NAME_WORD})){{1,3}})"
# names the model tags as nothing at all, recognised by an age next to them: "LeMarcus McGraw, 17,", "17-year-old Caleb Arwood"
# (two patterns, each beginning with what it needs, so the search skips ahead fast; a name must begin a word, which
# `_word_start` checks)
NAME_WITH_AGE = re.compile(rf"(?P<a>{_NAME})(?:\s+(?:Jr|Sr)\.?|\s+III)?\s*,\s*(?:age\s+)?\d{{1,2}}\s*[,.;)]")
AGE_WITH_NAME = re.compile(rf"\b\d{{1,2}}[- ]year[- ]old\s+(?P<b>{_NAME})\b")


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_’'-")


def _sentence_start(text: str, i: int) -> bool:
    """Whether position i begins a line or follows a sentence's full stop ("... home. John Doe was shot")."""
    return i == 0 or text[i - 1] == "\n" or (text[i - 1] in " \t" and i >= 2 and (text[i - 2] in ".!?" or (text[i - 2] in '"”’' and text[i - 3:i - 2] in (".", "!", "?"))))

# Names the model tags as something else or nothing, in the frames news gives victims and suspects: "identified
# as", "the victim is", "arrested", "the death of" before, "was shot" / "was arrested" after ("Police arrested
# Marquez Banks", "The boy was identified Monday as Noah Sarver", "Tiana Carruthers was shot several times").  The
# words are then checked as any name is (`_is_name`, places, titles).  Measured with eval/gva_facts dev (2,200
# incidents), names P/R 0.7785/0.6306 without, 0.7786/0.6362 with.
FRAMED_NAMES = True
# entity types of words that are not a person's name though framed as one
# (not the labels the model gives names it does not know, ORG, NORP, PRODUCT ...: "arrested Marquez Banks" is ORG,
# "identified Monday as Noah Sarver" ORG; rejecting those too took eval/gva_facts dev names P/R from 0.7810/0.6388 to
# 0.7812/0.6356, and rejecting words inside a longer ORG entity to 0.7810/0.6379.  Organisations framed as people
# are mostly names used as descriptions, which `_describes_noun` rejects: "detained Red Crescent paramedics".)
_NOT_PERSON_TYPES = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"})
FRAMED_NAME = re.compile(
    r"(?:\bidentified\b[^.;\n]{0,40}?\bas|\bvictims?\s+(?:is|was|as)|\b(?:arrested|indicted|booked|detained|charged)"
    rf"|\b(?:death|killing|murder|slaying)\s+of)[ \t]+(?:{_NAME}(?:,[ \t]+{_NAME})*,?[ \t]+and[ \t]+)?(?P<b>{_NAME})(?![\w’'-])"
)
# (the subject of a sentence, at a line's start or after a sentence's full stop: `_sentence_start`)
FRAMED_SUBJECT = re.compile(
    rf"(?P<a>{_NAME})[ \t]+(?:was|has\s+been|had\s+been)\s+(?:fatally\s+|critically\s+|accidentally\s+)?"
    r"(?:shot|killed|arrested|charged|indicted|booked|wounded|injured|struck|pronounced|found\s+(?:dead|shot|suffering))\b"
)


# Capitalised words in a place's position, which the small model often takes for a person: "in a Twin Falls
# apartment", "taken to Ben Taub", "the 300 block of South Homan", "Brandon Stallings, 18, of Prince Frederick",
# and bylines ("By Russell Mills").  Chosen on eval/gva_facts dev (2,200 incidents), names P/R: 0.6771/0.6164 without,
# 0.6961/0.6164 with.
# (and the second street of a corner, "the corner of Bingham Street and Francis Place", "a nearby Walgreens",
# "drove to a nearby Dunkin Donuts", "went to Jackson North")
PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|near|inside|outside|nearby)\s+(?:the\s+|a\s+|an\s+)?|\b(?:corner|intersection)\s+of\s+[^,.;]{1,40}?\s+and\s+|\b(?:went|drove|ran|walked|go|going)\s+to\s+(?:a\s+(?:nearby\s+)?)?|\b(?:taken|rushed|transported|flown|airlifted)\s+to\s+|\bblock\s+of\s+|\d{1,2}\s*,\s+of\s+|^\s*By\s+|\n\s*By\s+)$")
# (and a town before its police: "Waukegan police are searching", "Prince William police announced".  These places,
# OF_A_FORCE, BRACKETED credits, RANK_LIST, the officials in apposition to an office and the speakers who recall, with
# other happenings in OTHER_EVENT: eval/gva_facts dev names P/R 0.7607/0.6222 -> 0.7680/0.6219)
PLACE_AFTER = re.compile(r"^\s+(?:neighbou?rhood|apartments?|area|home\s+of|high-rise|complex|library|reports\b|has\s+(?:the\s+latest|more)|is\s+live\b|(?-i:police|sheriff['’]s)\b|streets?\b|(?-i:St|Ave|Blvd|Rd)\.)", re.I)
# "Capt. John Cook of the East Palo Alto Police Department": an officer of a named force (an official unless shot)
OF_A_FORCE = re.compile(r"^\s+of\s+the\s+(?:[A-Z][\w'’.-]*\s+){0,4}(?:Police|Sheriff['’]s|Fire)\s+(?:Department|Office|Bureau)\b")
# A name alone in brackets is a photo credit: "(Danny Iudici)"
BRACKETED = re.compile(r"^\)")
# The names after a plural rank are officers': "Officers Russell Braun, Paige Young and Randall Richardson"
RANK_LIST = re.compile(r"\b(?:Officers|Deputies|Detectives|Troopers|Agents|Sgts\.)\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:,\s*(?:[A-Z][\w'’.-]*\s+){1,3})*?(?:,\s*)?(?:and\s+)?$")


# Words that are not part of a name though capitalised next to one: days, months, and the like.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec today tonight".split()
)
_QUOTES = frozenset('"“”\'‘’')
# A nickname in quotes inside a name: 'Jose "Junior" Martinez', 'Ivan “J.P.” Cole' (GVA writes it; the press too)
NICKNAME = re.compile(r"\s+[\"“‘'][^\"“”‘’']{1,24}[\"”’']\s+")
# Whether name spans the small model cuts short are mended (`_mended`): a first name, a nickname in quotes or a
# surname left out beside the span ("Pablo [Antonio Serrano-Vitorino]", "[Laura Elizabeth] "Beth" Mulford",
# "18-year-old [Kenneth Malik] Wise"), and two people joined ("Deona and Keona Luke") parted.  Measured with
# eval/gva_facts dev (2,200 incidents), names P/R 0.7735/0.6269 without, 0.7785/0.6306 with (before the framed names;
# with them, "Clarence and [Shauna Washington]" and nicknames inside unlabelled names took 0.7786/0.6362 to
# 0.7787/0.6385).
NAME_SPANS_MENDED = True


# Capitalised words before a name that are its bearer's office, trade or tie, not a first name ("Magistrate Jane
# Rice", "Firefighter Kevin Swain", "Gunman Alex Buckner", "Boyfriend Roy Ralston"): never taken into the name.
ROLE_WORDS = frozenset(
    """deputy deputies magistrate firefighter firefighters referee justice boyfriend girlfriend husband wife gunman shooter
    suspect victim victims olympian navy army marine marines airman soldier private nurse doctor teacher coach pastor
    report courtesy photo image mr mrs ms miss brother sister mother father son daughter uncle aunt cousin grandmother
    grandfather friend neighbor neighbour student senior junior freshman sophomore resident witness defendant inmate
    rapper singer actor actress star player quarterback former late teen teenager toddler baby infant mom dad grandma
    grandpa twin twins brothers sisters couple siblings cousins parents""".split()
)
# After a surname the model left out, the words that go on with the sentence about the person: "18-year-old Kenneth
# Malik Wise of High Point", "... Wise, 18," (not a town or the next sentence's first word: "Charles Lawson Chicago").
_AFTER_ADDED_SURNAME = re.compile(r"^(?:\s*(?:,|\()\s*(?:age\s+)?\d{1,2}\b|\s+(?:of|was|is|who|has|had|were)\b)")


def _name_word(tok: Any) -> bool:
    """A token that can continue a name beside a span: a capitalised proper noun, not a day, title or place word."""
    return (
        tok.is_title and tok.is_alpha and tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON")
        and tok.lower_ not in _CALENDAR and tok.lower_ not in TITLES and tok.lower_ not in NOT_FIRST_WORDS
        and tok.lower_ not in ROLE_WORDS and not NOT_NAME_WORDS.search(tok.text)
    )


def _first_name_before_and(doc: Any, i: int) -> bool:
    """Whether the capitalised word at i, before "and" and a full name, is a first name sharing that surname: not a
    surname itself (a capitalised word before it, or a surname the model found in a name elsewhere), not a place
    after "in" / "of" ("residents of Smithfield and ..."), not a title or day."""
    tok = doc[i]
    if tok.pos_ != "PROPN" or any(e.label_ == "PERSON" and e[-1].text == tok.text and not e.start <= i < e.end for e in doc.ents):
        return False  # "He and ...", and a surname of someone else ("Moore and Fischer Hoisington")
    if tok.lower_ in _CALENDAR or tok.lower_ in TITLES or tok.lower_ in ROLE_WORDS or tok.lower_ in NOT_FIRST_WORDS or NOT_NAME_WORDS.search(tok.text):
        return False
    before = doc[i - 1] if i > tok.sent.start else None
    if before is not None and ((before.is_title and before.lower_ not in ROLE_WORDS) or before.text in ",;"):
        return False  # "John Smith and [Mary Jones]", "Smith, Lee and [Mary Jones]"
    return not (tok.ent_type_ in ("GPE", "LOC", "FAC") and before is not None and before.lower_ in ("in", "at", "from", "near", "to", "of"))


def _mended(doc: Any, span: Any) -> list[tuple[Any, str | None]]:
    """A name span with the words the model left out put back, or the two people of "Deona and Keona Luke"; each
    with the name to read when it is not the span's own text.  (Sentence bounds are read from the tokens' flags:
    `span.sent` costs a walk over the sentence.)"""
    start, end = span.start, span.end
    if end - start >= 4 and doc[start + 1].lower_ == "and" and doc[start].is_title and all(doc[k].lower_ != "and" for k in range(start + 2, end)):
        # "Deona and Keona Luke": the surname is the second's last words
        second = doc[start + 2:end]
        return [(doc[start:start + 1], doc[start].text + " " + " ".join(t.text for t in second[1:])), (second, None)]
    if end - start >= 2 and doc[start].lower_ in ROLE_WORDS:
        start += 1  # "[Twins] Deona": a role word is no first name
    if (end - start == 1 and end + 2 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].ent_iob_ == "B"
            and doc[end + 1].ent_type_ == "PERSON" and _first_name_before_and(doc, start)):
        last = end + 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        if last > end + 1:  # "Mark and Lisa Thompson", "Twins Deona and Keona Luke": the first shares the surname
            return [(doc[start:end], doc[start].text + " " + doc[last].text)]
    if start > 0 and not doc[start].is_sent_start:
        before = doc[start - 1]
        if (end - start >= 2 and start >= 2 and before.lower_ == "and" and not before.is_sent_start and doc[start - 2].is_title
                and doc[start - 2].is_alpha and doc[start - 2].ent_type_ != "PERSON" and _first_name_before_and(doc, start - 2)):
            # "the bodies of Clarence and [Shauna Washington]", "twins Deona and [Keona Luke]": two people of one surname
            first = doc[start - 2]
            return [(doc[first.i:first.i + 1], first.text + " " + span.text.split()[-1]), (span, None)]
        if end - start >= 2 and before.whitespace_ == " " and _name_word(before):
            start -= 1  # "Pablo [Antonio Serrano-Vitorino], 36"
    if end < len(doc) and not doc[end].is_sent_start and doc[end - 1].whitespace_ == " ":
        nxt = doc[end]
        if nxt.text in _QUOTES:
            close = None
            for j in range(end + 1, min(end + 6, len(doc))):
                if doc[j].is_sent_start:
                    break
                if doc[j].text in _QUOTES:
                    close = j
                    break
            if (close is not None and close + 1 < len(doc) and not doc[close + 1].is_sent_start and doc[close].whitespace_ == " "
                    and _name_word(doc[close + 1])):
                end = close + 2  # '[Laura Elizabeth] "Beth" Mulford'
        elif (span.end - span.start >= 2 and _name_word(nxt)
              and _AFTER_ADDED_SURNAME.match(doc.text[nxt.idx + len(nxt):nxt.idx + len(nxt) + 12])):
            end += 1  # "18-year-old [Kenneth Malik] Wise of High Point"
    return [(span if (start, end) == (span.start, span.end) else doc[start:end], None)]


def _describes_noun(doc: Any, span: Any) -> bool:
    """Whether capitalised words stop right before a lower-case common noun they describe: a name used as a
    description ("Proud Boys leader", "Uber Eats driver", "Downtown Portland protesters"), not a person."""
    if span.end >= len(doc) or doc[span.end - 1].whitespace_ != " ":
        return False
    nxt = doc[span.end]
    return nxt.pos_ == "NOUN" and nxt.is_lower and nxt.is_alpha and not nxt.ent_type_


def _candidates(doc: Any, text: str) -> list[tuple[Any, str | None]]:
    """Name spans: PERSON entities, mislabelled entities with an age beside them, and unlabelled names with an age;
    each with the name to read when it is not the span's own text (see `_mended`)."""
    out: list[Any] = []
    given: dict[tuple[int, int], str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" and ent.label_ not in MISLABELLED:
            continue
        span = ent
        of = next((t.i for t in ent if t.lower_ == "of" and t.i > ent.start), None)
        if of is not None:  # "Dominique Jerard Finch of Dorchester", "Jaquan Cortez Portier of Hopeton" (PERSON)
            span = doc[ent.start:of]
        if ent.label_ == "PERSON":
            if NAME_SPANS_MENDED:
                for part, name in _mended(doc, span):
                    out.append(part)
                    if name:
                        given[(part.start, part.end)] = name
            else:
                out.append(span)
            continue
        if not 2 <= len(span) <= 4:
            continue
        after = text[span.end_char: span.end_char + 20]
        before = text[max(0, span.start_char - 20):span.start_char]
        if (AGE_AFTER.match(after) or AGE_BEFORE.search(before)) and not PERSON_NOUN_AFTER.match(after):
            out.append(span)
    covered = [(c.start_char, c.end_char) for c in out]
    framed: list[Any] = []
    if FRAMED_NAMES:
        framed = [*FRAMED_NAME.finditer(text), *(m for m in FRAMED_SUBJECT.finditer(text) if _sentence_start(text, m.start()))]
    with_age = [m for m in NAME_WITH_AGE.finditer(text) if _word_start(text, m.start())]
    for m in (*with_age, *AGE_WITH_NAME.finditer(text), *framed):
        g = next(k for k in ("a", "b") if m.groupdict().get(k))
        a, b = m.start(g), m.end(g)
        if any(x < b and a < y for x, y in covered):
            continue
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and m.re not in (NAME_WITH_AGE, AGE_WITH_NAME) and (
            _CALENDAR.intersection(m.group(g).lower().split()) or any(t.ent_type_ in _NOT_PERSON_TYPES for t in span)
            or _describes_noun(doc, span)
        ):
            continue  # "arrested Tuesday Morning", "the death of Santa Cruz resident ...", "arrested Ku Klux Klan members"
        if span is not None and len(span) and not PERSON_NOUN_AFTER.match(text[b:b + 20]):
            out.append(span)
            covered.append((a, b))
    return [(c, given.get((c.start, c.end))) for c in sorted(out, key=lambda e: e.start_char)]


# How a person's role is chosen from the roles of their mentions.  Chosen on eval/gva_facts dev role accuracy:
# mentions whose own verb or apposition gives the role first, then the most frequent, then the first: 0.8971;
# the most frequent, then the first: 0.8837 (2,200 incidents).
def ROLE_KEY(p: "_Person", v: str) -> tuple[int, int, int]:
    return (p.strong_roles.count(v), p.roles.count(v), -p.roles.index(v))


# Whether the word between "police" / "sheriff" / "county" and a name must be no verb for the name to be taken as an
# official's ("police Cmdr. Jane Doe", not "Police found John Roe, 26, suffering from a gunshot wound").  Measured with
# eval/gva_facts dev (2,200 incidents), names P/R 0.7503/0.6222 without, 0.7504/0.6228 with.
TITLE_NEEDS_NOUN = True


# A person first named this many characters past the start of the body is of another story of a long page (a police
# blotter, a year's list of homicides, "more stories" below the article), unless a verb of their own mention says they
# were killed or hurt and no one kept stands this far above them (`_hurt_by_own_verb`: the long report of one mass
# shooting may name no one before the list of its dead, far down the page).  Measuring from the person kept before
# instead cost dev names P 0.7922 -> 0.7873, recall unchanged (a long blotter's items follow one another closely).  Chosen on eval/gva_facts
# dev (2,200 incidents), with DATE_LED_SET_ASIDE, DRUG_ONLY_SET_ASIDE and KIN_NAMES, names P/R (F1): 8,000 characters
# 0.7917/0.6411 (0.7085), 5,000 0.7983/0.6376 (0.7090), 3,000 0.8099/0.6280 (0.7075); alone, 8,000 took 0.7809/0.6394
# to 0.7860/0.6388.  8,000 is kept: below it the long reports of one mass shooting lose the victims they list
# further down (four true names of the CI subset at 5,000), and the recall of every shorter limit is lower.
FAR_INTO_PAGE = 8000


def _hurt_by_own_verb(p: _Person) -> bool:
    """Whether a mention's own verb or apposition makes the person a victim who was killed or hurt."""
    return "victim" in p.strong_roles and bool(p.statuses & {"killed", "injured"})


# Whether a lone word with an age ("Castro, 17,") is kept as a participant (unless LONE_BEFORE or a person noun
# after it says it is a town or a child's first name).  Chosen on eval/gva_facts dev (2,200 incidents), names P/R
# (F1): lone words kept as they come 0.6969/0.6175 (0.6546, before "report" became a speech verb); none kept
# 0.7125/0.6143 (0.6598); kept but for towns and first names 0.7102/0.6167 (0.6601).
LONE_WITH_AGE = True


def _gender_in(near: str) -> str | None:
    """The gender the words of `near` tell more of ("man", "his" ... "woman", "her" ...), or None on a tie."""
    mm = ff = 0
    for g in _GENDER.finditer(near):  # (one pass for both: MALE and FEMALE words never overlap)
        if g.lastgroup == "m":
            mm += 1
        else:
            ff += 1
    return "male" if mm > ff else ("female" if ff > mm else None)


def _most_common(values: list[Any]) -> Any:
    """The most frequent value, ties to the earliest; None for no values."""
    return max(values, key=lambda v: (values.count(v), -values.index(v))) if values else None


def extract_participants(analysis: Analysis) -> tuple[Participant, ...]:
    """Named participants with age, gender, role and status, one per person, in order of first mention."""
    doc = analysis.doc
    if doc is None:
        return ()
    text = analysis.article.text
    body = sorted((s.start, s.end) for s in analysis.body_sentences())
    body_starts = [a for a, _ in body]
    people: list[_Person] = []
    others: list[str] = []  # names a mention showed to be an official's, a relative's or a byline's
    for ent, given in _candidates(doc, text):
        raw = given or (NICKNAME.sub(" ", ent.text) if NAME_SPANS_MENDED else ent.text)
        if not _is_name(raw):
            continue
        k = bisect_right(body_starts, ent.start_char) - 1
        if k < 0 or ent.end_char > body[k][1]:
            continue
        name = re.sub(r"['’]s$", "", raw.strip())
        if len(name) < 3:
            continue
        if len(name.split()) == 1 and (LONE_BEFORE.search(text[max(0, ent.start_char - 40):ent.start_char]) or PERSON_NOUN_AFTER.match(text[ent.end_char:ent.end_char + 20])):
            continue
        prev = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        prev2 = doc[ent.start - 2].lower_ if ent.start > 1 else ""
        if not prev and ent.start > 1 and doc[ent.start - 1].text == "." and prev2 in STICKY_TITLES:
            # "Rev. Jane Doe", "Dr. John Roe" split as "Rev" "." (not the police ranks: "Cpl. Bryan Shaw" is as often
            # an officer shot)
            prev, prev2 = prev2, (doc[ent.start - 3].lower_ if ent.start > 2 else "")
        # "police spokesperson Jane Doe", "county Coroner John Roe"; not "Police found John Roe" (a verb between)
        titled = prev in TITLES or prev + "." in TITLES or bool(RANK_LIST.search(text[max(0, ent.start_char - 80):ent.start_char])) or bool(OF_A_FORCE.match(text[ent.end_char:ent.end_char + 80])) or (
            prev2 in ("police", "sheriff", "county") and prev[:1].isalpha() and prev not in ("said", "say", "says", "identified", "arrested", "charged")
            and not (TITLE_NEEDS_NOUN and doc[ent.start - 1].pos_ in ("VERB", "AUX"))
        )
        first = name.split()[0].lower().rstrip(".")
        if first in TITLES or first + "." in TITLES:  # "Sergeant H. Garcia" taken whole
            if first in STICKY_TITLES:
                others.append(" ".join(name.split()[1:]))
            continue
        after = text[ent.end_char: ent.end_char + 80]
        if RELATIVE.match(after) or OFFICIAL_AFTER.match(after):
            if OFFICIAL_AFTER.match(after) or _WITNESS_AFTER.match(after):
                others.append(name)
            continue
        if PLACE_BEFORE.search(text[max(0, ent.start_char - 40):ent.start_char]) or PLACE_AFTER.match(after):
            continue
        if CREDITS_DROPPED and (
            CREDIT_BEFORE.search(text[max(0, ent.start_char - 40):ent.start_char]) or CREDIT_AFTER.match(after)
            or (text[ent.start_char - 1:ent.start_char] == "(" and BRACKETED.match(after))
            or BYLINE_LIST.match(text[text.rfind("\n", 0, ent.start_char) + 1:ent.start_char])
        ):
            others.append(name)
            continue
        sent = ent.sent
        sent_text = text[sent.start_char:sent.end_char]
        age: int | None = None
        m = AGE_AFTER.match(after)
        if m:
            age = int(m.group(1))
        else:
            m2 = AGE_BEFORE.search(text[max(sent.start_char, ent.start_char - 60):ent.start_char])
            if m2:
                age = int(m2.group(1))
        if age is None and _TWO_WORD_HILL.match(name):
            continue  # "Hickory Hill", "Holly Hill": a place, unless an age says a person ("17-year-old Ketrell Hill")
        dated = _date_led(sent_text) and sent.start_char >= body[0][1]
        if _set_aside(sent_text) or (LEFT_RELATIVE.search(text[max(sent.start_char, ent.start_char - 50):ent.start_char])
                                     and not (RELATIVES_HURT and RELATIVE_HURT.match(text, ent.end_char, sent.end_char))):
            continue
        role, statuses, strength = _role_and_status(ent, sent_text, text, sent.start_char)
        if titled and not (strength == "strong" and role == "victim"):
            if prev in STICKY_TITLES:
                others.append(name)
            continue  # officials, unless the mention itself is of an officer shot ("Officer Mike Flamion was shot")
        gender = None
        if prev in ("mr", "mr."):
            gender = "male"
        elif prev in ("mrs", "ms", "miss", "mrs.", "ms."):
            gender = "female"
        else:
            gender = _gender_in(text[max(sent.start_char, ent.start_char - 40): min(sent.end_char, ent.end_char + 40)])
        person = next((p for p in people if _same(p.name, name)), None)
        fresh = person is None
        if person is None:
            person = _Person(name)
            people.append(person)
        elif len(name.split()) > len(person.name.split()):
            person.name = name
        person.spans.append((ent.start_char, ent.end_char))
        person.dated_only = dated and (fresh or person.dated_only)
        if age is not None:
            person.ages.append(age)
        if role:
            person.roles.append(role)
            if strength == "strong":
                person.strong_roles.append(role)
        person.statuses |= statuses
        if gender:
            person.genders.append(gender)
        person.strengths.add(strength)
        if strength == "speaker":
            person.speaker = True
    if KIN_NAMES:
        _kin_people(doc, text, body, people)
    undated = any(_kept(p) and not p.dated_only for p in people)
    out: list[Participant] = []
    kept_at: list[int] = []  # where the people kept so far are first named
    for p in people:
        # a lone word is kept only with an age (LONE_WITH_AGE): single tokens are mostly places or first names of others
        if not _kept(p) or (p.dated_only and undated) or (len(p.name.split()) < 2 and not (LONE_WITH_AGE and p.ages)):
            continue
        first_at = p.spans[0][0]
        prev_at = max((a for a in kept_at if a < first_at), default=None)
        if first_at - body[0][0] > FAR_INTO_PAGE and not (
                _hurt_by_own_verb(p) and (prev_at is None or first_at - prev_at <= FAR_INTO_PAGE)):
            continue  # first named far down a long page: another story of the page
        # "police Sgt. Kenneth Parnell" ... "Parnell also fired": an official in every mention (not a titled victim:
        # "Judge Imran Qureshi ... Qureshi, 58, died on the way to hospital")
        hurt = "victim" in p.roles and bool(p.statuses & {"killed", "injured"})
        if OTHERS_STICK and "victim" not in p.strong_roles and not hurt \
                and any(len(o.split()) > 1 and _same_full(p.name, o) for o in others):
            continue
        # the most frequent value; a tie goes to the first mentioned (a set's order would vary between runs)
        role = max(p.roles, key=lambda v: ROLE_KEY(p, v)) if p.roles else None
        statuses = set(p.statuses)
        if role == "victim":
            statuses.discard("arrested")
        if "killed" in statuses:
            statuses.discard("injured")
        status = ",".join(s for s in ("killed", "injured", "arrested", "unharmed") if s in statuses) or None
        gender = _most_common(p.genders)
        age = _most_common(p.ages)
        start, end = p.spans[0]
        out.append(Participant(analysis.span(start, end), p.name, age, gender, role, status))
        kept_at.append(first_at)
    return tuple(out)


# Whether the kin a sentence names by a first name alone are taken, with the surname of the person named before them:
# "Michael Stasko fatally shot his wife, Melissa, and their 8-year-old daughter, Mellie" (GVA lists "Melissa Stasko"),
# "killing 30-year-old Jane Doe and her five-year-old son, Colton".  Only in a sentence that tells of harm (a victim
# cue or _HARM: not "John Doe said his wife, Mary, was at home"), and only when a person with a full name stands before
# the kin word in the sentence.  Measured with eval/gva_facts dev (2,200 incidents) as first shipped (owner the nearest
# person before, with DATE_LED_SET_ASIDE, DRUG_ONLY_SET_ASIDE and FAR_INTO_PAGE): names P/R 0.7933/0.6394 without,
# 0.7924/0.6417 with (about 2,195 -> 2,203 true names, 572 -> 577 false), status 0.8679 -> 0.8678.
KIN_NAMES = True
_KIN_AGE = r"(?:(?P<{}>\d{{1,2}}|[a-z]+)[- ](?P<{}_unit>year|month)[- ]old\s+)"
KIN_FIRST = re.compile(
    r"\b(?P<pron>his|her|their)\s+" + _KIN_AGE.format("age", "age") + r"?(?:(?:infant|baby|young|little|twin)\s+)?"
    r"(?:wife|husband|son|daughter|stepson|stepdaughter|baby|boy|girl|grandson|granddaughter)\s*,?\s+"
    + _KIN_AGE.format("age2", "age2") + r"?(?P<n>[A-Z][a-z]{2,})\b(?![ \t]+[A-Z]|['’-])"
)
_WORD_AGES = {w: n for n, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
    " nineteen".split(), 1)}
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# harm told by a verb the victim cues leave out ("accused of killing ... and her son, Colton")
_HARM = re.compile(r"(?i)\b(?:kill\w*|shoot\w*|murder\w*|slay\w*)\b")
# a word after the first name that makes it a place or a subject of its own ("his wife, Chicago police said",
# "his wife, Authorities said")
_KIN_NOT_NAME_AFTER = re.compile(r"\s+(?:police|said|says|officials|authorities)\b")
# spaCy's labels of the first name that say it is a place or a people, no person's (not ORG: the small model gives it
# to first names too, "her five-year-old son, Colton")
_KIN_NOT_NAME_LABELS = frozenset({"GPE", "LOC", "NORP"})
# the kin's own clause: the one who did it ("killed by his son, Mark"), taken in ("his son, Mark, was arrested") or hit
# ("her daughter, Lily, was wounded")
_KIN_BY = re.compile(r"\bby\s+$")
_KIN_OWN_VERB = re.compile(
    r"\s*,\s*(?:\d{1,2}\s*,\s*)?(?:who\s+)?(?:was|were|is|has\s+been|had\s+been)\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:(?P<held>arrested|charged|booked|detained|jailed|accused|taken\s+into\s+custody)"
    r"|(?P<hit>shot|killed|wounded|injured|hurt|hit|struck|stabbed|slain|murdered))\b"
)
_KIN_KILLED = re.compile(r"(?i)[^.;]{0,40}?\b(?:killed|slain|murdered|fatally|died|dead)\b")


def _kin_age(m: re.Match[str]) -> int | None:
    """The age of a kin phrase's "five-year-old" or "8-year-old" (a baby of months is 0), or None."""
    for g in ("age", "age2"):
        word = m.group(g)
        if word:
            n = int(word) if word.isdigit() else _WORD_AGES.get(word)
            if n is None:
                return None
            return n if m.group(g + "_unit") == "year" else n // 12
    return None


_PRONOUN_GENDER = {"his": "male", "her": "female"}
# the parser's labels of "him" or "her" taken as an object ("opened fire on her and her daughter")
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "obj", "iobj"})


def _kin_owner(doc: Any, text: str, sent_start: int, kin_start: int, pron: str, people: list[_Person]) -> _Person | None:
    """Whose kin "his wife" or "her daughter" names: the nearest fully named person before it in the sentence whose
    gender agrees with the pronoun, else the nearest whose gender is not known, unless "him" or "her" as an object
    stands between them and the kin phrase (it points past them: "Jane Doe was killed when John Roe opened fire on her
    and her daughter, Lily" names Lily Doe, not Lily Roe).  None when no one fits: the surname is not guessed.

    A person's gender is read here before their mentions in this sentence and around those of other sentences: the
    words between a mention and the kin phrase tell of the people it acts on."""
    before = sorted(
        ((s0, e0, p) for p in people if len(p.name.split()) >= 2 for s0, e0 in p.spans if sent_start <= s0 and e0 <= kin_start),
        key=lambda x: x[0], reverse=True,
    )
    owners: list[tuple[int, _Person]] = []
    for _, e0, p in before:
        if not any(p is o for _, o in owners):
            owners.append((e0, p))
    want = _PRONOUN_GENDER.get(pron.lower())
    if not owners or want is None:
        return owners[0][1] if owners else None
    unknown: list[tuple[int, _Person]] = []
    for e0, p in owners:
        seen = [_gender_in(text[max(sent_start, s0 - 40):s0] if sent_start <= s0 < kin_start else text[max(0, s0 - 40):e0 + 40])
                for s0, e0 in p.spans]
        g = _most_common([x for x in seen if x])
        if g == want:
            return p
        if g is None:
            unknown.append((e0, p))
    objects = [t.idx for t in doc if t.lower_ == ("him" if want == "male" else "her") and t.dep_ in _OBJECT_DEPS
               and sent_start <= t.idx < kin_start]
    return next((p for e0, p in unknown if not any(e0 <= i for i in objects)), None)


def _kin_people(doc: Any, text: str, body: list[tuple[int, int]], people: list[_Person]) -> None:
    """Add to `people` the kin named by a first name after "his wife", "their daughter" ... (KIN_FIRST), each with
    the surname of the person the pronoun points to (`_kin_owner`), with the role and status of their own clause
    ("was arrested", "was wounded", "killed by his son, Mark") or else as victims of the sentence's harm.

    The mention's span is the first name alone (the name read is longer than the span's text, as for "Deona and
    Keona Luke")."""
    for bs, be in body:
        sent = text[bs:be]
        if _set_aside(sent):
            continue
        dated = _date_led(sent) and bs > body[0][0]
        for m in KIN_FIRST.finditer(sent):
            first = m.group("n")
            low = first.lower()
            if low in _CALENDAR or low in TITLES or low in NOT_FIRST_WORDS or NOT_NAME_WORDS.search(first) \
                    or _KIN_NOT_NAME_AFTER.match(sent, m.end()):
                continue
            span = doc.char_span(bs + m.start("n"), bs + m.end("n"), alignment_mode="expand")
            if span is not None and any(t.ent_type_ in _KIN_NOT_NAME_LABELS for t in span):
                continue
            owner = _kin_owner(doc, text, bs, bs + m.start(), m.group("pron"), people)
            if owner is None:
                continue
            toks = [t for t in owner.name.split() if t.rstrip(".") not in _SUFFIXES]
            _, vic, killed, injured, _, _ = _sentence_cues(sent)
            if len(toks) < 2 or toks[0] == first or not (vic or _HARM.search(sent)):
                continue
            name = f"{first} {toks[-1]}"
            if _same(name, owner.name):
                continue  # "Christopher Smith ... shot his son, Chris": not the owner's own mention
            own = _KIN_OWN_VERB.match(sent, m.end())
            if _KIN_BY.search(sent, 0, m.start()) or (own and own.group("held")):
                role, statuses = "suspect", ({"arrested"} if own and own.group("held") else set())
            elif own:
                role, statuses = "victim", ({"killed"} if _KIN_KILLED.match(sent, own.start("hit")) else {"injured"})
            else:
                role, statuses = "victim", ({"killed"} if killed else ({"injured"} if injured else set()))
            person = next((p for p in people if _same(p.name, name)), None)
            fresh = person is None
            if person is None:
                person = _Person(name)
                people.append(person)
            person.spans.append((bs + m.start("n"), bs + m.end("n")))
            person.dated_only = dated and (fresh or person.dated_only)
            age = _kin_age(m)
            if age is not None:
                person.ages.append(age)
            person.roles.append(role)
            person.statuses |= statuses
            person.strengths.add("weak")


STAGE = Stage(
    name="participants",
    requires=("doc", "sentences"),
    assigns=("participants",),
    run=lambda a: a.with_(participants=extract_participants(a)),
)
