"""Segmentation: lines and sentences with exact offsets, each with a role.

Cleaning marks, it never deletes: a share prompt stays in the text and is
marked `boilerplate`; a caption that repeats the lead is marked `duplicate`
(pointing at the sentence it repeats) so later stages can skip it while the
offsets of every other sentence stay valid.
"""

from __future__ import annotations

import re
import unicodedata

from newsfuse.model import Sentence

# Abbreviations after which a period does not end a sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col sgt capt maj cmdr adm gov sen rep rev st jr sr co corp inc ltd
    no vs etc jan feb mar apr jun jul aug sep sept oct nov dec mt ft pt fig dept univ est approx
    u.s u.k u.n a.m p.m e.g i.e"""
    .split()
)

# Lines that are page furniture rather than reporting.  Chosen on the noise seen in
# ../shared/data/news-clusters and gva (share prompts, photo credits, captcha text).
BOILERPLATE_PATTERNS = re.compile(
    r"""(?ix)
    ^\s*(?:(?:e-?mail|share|print|tweet|facebook|twitter|whatsapp)\s*[:|]\s*)?  # "Email: A friend wanted you to see ..."
    (?:
        enlarge\ this\ image | toggle\ caption | hide\ caption | image\ caption | media\ caption
      | (?:a\ )?friend\ wanted\ you\ to\ see | share\ (?:this|on)\b | share\ via | tweet\ this
      | click\ (?:here|to) | sign\ up | subscribe | follow\ us | read\ more | related\ (?:stories|coverage|articles)
      | advertisement | copyright\b | ©\ ? | all\ rights\ reserved | you\ must\ enter\ the\ characters
      | message\s*:\s*\* | comments?\b\s*$ | updated\s*: | posted\s*: | published\s*: | last\ updated
      | email\ this | print\ this | more\ from | recommended | skip\ to | back\ to\ top
      | watch\s*: | video\s*: | listen\s*: | getty\ images | \(?(?:image|photo|picture)s?\s*(?:credit)?\s*:
      | \w[\w\ ]{0,40}\|\s*updated
    )
    """
)
CAPTION_PATTERNS = re.compile(
    r"(?i)\((?:image|photo|picture|pic)s?\s*:|\bphoto(?:graph)?\s*(?:by|:)|\b(?:AP|AFP|Reuters|Getty)\s+(?:Photo|Images)\b|/\s*(?:AP|AFP|Reuters|Getty)\)?\s*$"
)

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*")


def split_lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end), trimmed of surrounding white space (CRLF aware)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J. Smith", "U.S.")."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]` as absolute (start, end) offsets."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end()
        if stop < end and not text[stop].isspace():
            continue  # "3.5", "U.S.-led", "yahoo.com"
        if m.group().startswith(".") and len(m.group().rstrip("\"'”’)]")) == 1 and _is_abbreviation(text, m.start()):
            continue
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end and text[nxt].islower():
            continue  # "... said Mr. so-and-so. and then" is rare; a lower-case start is a continuation
        if stop - cur > 0:
            out.append((cur, stop))
        cur = nxt
    if cur < end:
        out.append((cur, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def normalise_for_match(s: str) -> str:
    """Lower-cased words only: how two sentences are compared for repeats."""
    s = unicodedata.normalize("NFKC", s).lower()
    return " ".join(_WORD.findall(s))


# A repeat must have at least this many words: short lines ("Baghdad", "Reuters") repeat legitimately.
# Chosen on ../shared/data/news-clusters captions, which repeat leads of 8+ words.
MIN_REPEAT_WORDS = 5


def segment(text: str, title: str | None = None) -> tuple[Sentence, ...]:
    """Split `text` into sentences and give each its role (title, body, caption, boilerplate, duplicate)."""
    title_norm = normalise_for_match(title) if title else ""
    raw: list[tuple[int, int, int, str]] = []  # start, end, line index, role
    lines = split_lines(text)
    for li, (ls, le) in enumerate(lines):
        line = text[ls:le]
        line_role = "body"
        if BOILERPLATE_PATTERNS.search(line) or (len(line) < 200 and "http" in line and " " not in line.strip()):
            line_role = "boilerplate"
        elif CAPTION_PATTERNS.search(line):
            line_role = "caption"
        elif li == 0 and title_norm and normalise_for_match(line) == title_norm:
            line_role = "title"
        for s, e in split_sentences(text, ls, le):
            raw.append((s, e, li, line_role))

    line_sentence_counts: dict[int, int] = {}
    for _, _, li, _ in raw:
        line_sentence_counts[li] = line_sentence_counts.get(li, 0) + 1

    # Repeats: keep as `body` the copy that sits in the longest line (the paragraph), mark the others.
    first_seen: dict[str, int] = {}
    roles = [r for _, _, _, r in raw]
    dup_of: list[int | None] = [None] * len(raw)
    for i, (s, e, li, role) in enumerate(raw):
        if role in ("boilerplate", "title"):
            continue
        key = normalise_for_match(text[s:e])
        if len(key.split()) < MIN_REPEAT_WORDS:
            continue
        if key == title_norm:
            roles[i] = "duplicate"
            continue
        if key not in first_seen:
            first_seen[key] = i
            continue
        j = first_seen[key]
        j_line_len = lines[raw[j][2]][1] - lines[raw[j][2]][0]
        i_line_len = lines[li][1] - lines[li][0]
        if i_line_len > j_line_len and line_sentence_counts[li] > line_sentence_counts[raw[j][2]]:
            roles[j], dup_of[j] = "duplicate", i
            first_seen[key] = i
            _mark_caption_line(raw, roles, raw[j][2])
        else:
            roles[i], dup_of[i] = "duplicate", j
            _mark_caption_line(raw, roles, li)
    return tuple(Sentence(s, e, roles[i], dup_of[i]) for i, (s, e, _, _) in enumerate(raw))


def _mark_caption_line(raw: list[tuple[int, int, int, str]], roles: list[str], line: int) -> None:
    """A short line that repeats a body sentence is a caption: its other sentences are caption text."""
    members = [k for k, r in enumerate(raw) if r[2] == line]
    if len(members) <= 3:
        for k in members:
            if roles[k] == "body":
                roles[k] = "caption"
