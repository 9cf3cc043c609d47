"""When an event happened: vote the articles' time expressions into one dated record.

The date of the main happening is the one stated early (title, lead) and attached to an event
verb, not a background date recalled later ("last January", "a year ago").  Each article's
candidates (with the weekdays or holidays its headline names when the text does not repeat it) are
weighted by position and attachment, then summed across articles; given the event's voted
location, a date told of another town on a page of several happenings counts less.  Precision
follows ACLED: day when a day is stated, else week, month or year.  Also: dated happenings for
the timeline, and publication dates inferred across the articles of one event.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from statistics import median
from typing import Any, Mapping, Sequence

from newsfuse.extract.gazetteer import haversine_km, name_key
from newsfuse.model import Analysis, InferredDate, Place, Sentence, Span, TimeEx

# Weight of a time expression by where it stands: the title, then body sentence i decays as
# 1 / (1 + POSITION_DECAY * i).  Set by hand; swept on eval/gva_when dev (2,200 incidents): POSITION_DECAY 0.5 gives
# 0.8727 (0.8691 at 0.2, 0.8714 at 0.3, 0.8709 at 0.7, 0.8682 at 1.0); TITLE_WEIGHT moves nothing between 0.5 and 2
# (+1 incident at 3.0), since few GVA pages have a title sentence.
TITLE_WEIGHT = 1.5
POSITION_DECAY = 0.5
# A date this many days or more before the reference date is background, not the reported happening (a weekday
# five or six days back is more often last week's other news than this report's event).  Swept together on
# eval/gva_when dev (2,200 incidents): 0.8505 at (8 days, 0.15), 0.8523 at (5, 0.15), 0.8541 at (5, 0.5); at 0.5:
# 0.8518 at 4 days, 0.8532 at 6, 0.8509 at 7 and 8; at 5 days: 0.8514 at 0.25, 0.8536 at 0.6, 0.8527 at 0.8.
BACKGROUND_DAYS = 5
BACKGROUND_WEIGHT = 0.5
FUTURE_WEIGHT = 0.1  # a date after publication is a plan or a court date, not the event
# No report tells of a happening after it was written: a day later than every article's reference date (plus this
# margin for time zones and late-night stamps) never wins the vote, and with nothing else the reference date is used
# ("to celebrate a traditional St. Patrick's Day" in an advert of an undated page).  eval/gva_when dev (2,200
# incidents): 0.8605 -> 0.8614 (2 gained, none lost; the same at 2 days).
FUTURE_MARGIN_DAYS = 1
# A date attached to a reporting or state verb ("said Tuesday", "was in critical condition Tuesday")
# is when it was said, often the day after the event.  Chosen on eval/gva_when dev (first 300): 0.748 vs 0.728 at
# 0.4, 0.707 at 1.0 (0.25 then); swept again on all 2,200 dev incidents once more verbs read as reports
# (extract.times REPORT_VERBS): 0.8645 at 0.25, 0.8650 at 0.2, 0.8659 at 0.1, 0.8664 at 0.05, 0.8659 at 0.02.
REPORTING_WEIGHT = 0.1
# A date attached to the happening itself ("was shot Sunday", "Sunday's shooting") is the event day.
# What a date is attached to comes from the times stage (`TimeEx.attached`, see extract.times.attachment_of).
EVENT_WEIGHT = 2.0  # chosen on eval/gva_when dev (first 300 incidents): 0.748 vs 0.707 at 1.0, 0.744 at 2.5
# A clock time with no day of its own takes the day named before it; with none, it counts this much.
BARE_CLOCK_WEIGHT = 0.3  # set by hand; checked on eval/gva_when dev
# An article written more than STALE_DAYS after the first one of its event is a follow-up: its
# relative dates name the trial or the funeral, not the event.
# STALE_WEIGHT: eval/gva_when dev (2,200 incidents): 0.8768 at 0.2 (set by hand), 0.8773 at 0.1 to 0.15 (1 gained,
# none lost), 0.8764 at 0.05 and 0 (2 lost).
STALE_DAYS = 7
STALE_WEIGHT = 0.15
BACKGROUND_CUES = re.compile(r"(?i)\b(?:ago|anniversary|since|last\s+year|previously|earlier\s+this\s+year|in\s+(?:19|20)\d\d)\b")
# A sentence about the happening itself: a calendar date written out in it ("killed June 5, 2014", "died
# February 21") names the event even in a follow-up written weeks later (eval/gva_when dev, all 2,200
# incidents: +2 incidents; it addresses the follow-up misses of the error analysis).  A month and day without
# the year ("were shot and killed ... on March 28") counts too: eval/gva_when dev 0.8541 -> 0.8550 (2 gained,
# none lost).
EVENT_CUES = re.compile(r"(?i)\b(?:shot|shoot|shooting|shootings|gunfire|gunshots?|killed|wounded|opened\s+fire|fired|slain|"
                        r"died|dead|homicide|murder(?:ed)?)\b")
# A clock time ("at 6:45 p.m. Monday", "about 9 p.m. Saturday") times the happening, whatever verb the parser
# hangs it on ("police reported finding...", "the gunshot was heard..."): no reporting discount, and this
# factor when not already attached to an event word.  eval/gva_when dev (2,200 incidents): 0.8409 -> 0.8455
# at 1.5 (0.8427 at 1.0, 0.8432 at 2.0).
CLOCK_WEIGHT = 1.5
# One article, about one vote: an article whose day-precise candidates weigh more than ARTICLE_CAP in all is
# scaled down to it, so a long report (a roundup, a follow-up full of dates) does not outvote several short ones.
# eval/gva_when dev (2,200 incidents): 0.8482 without, 0.8495 at 1.5, 0.8505 at 2, 0.8486 at 2.5, 0.8482 at 5.
ARTICLE_CAP = 2.0
# (An article whose dates are all discounted was once scaled up to a floor of 0.25 so that a short first report
# counts as a witness: +2 incidents on eval/gva_when dev, but ten wire snippets that only report a day then outvote
# the report (review repro, tests/unit/fuse/test_when.py); restricted to days told of the happening it gained
# nothing, so there is no floor.)
# A date in a sentence that says nothing of the happening (no EVENT_CUES word) and is not attached to an event
# verb, a clock time or a reporting verb ("turned himself in Thursday morning", "classmates wore camouflage
# Tuesday", "McCarthy told reporters Tuesday morning" when the parse misses the verb) is about what followed.
# eval/gva_when dev (2,200 incidents): 0.8550 -> 0.8577 at 0.5 (9 gained, 3 lost); 0.8573 at 0.4, 0.8568 at 0.6,
# 0.8564 at 0.3, 0.8568 at 0.7; a wider cue list (injured, victim, hospital, incident...) gave 0.8564.
UNCUED_WEIGHT = 0.5
WRITTEN_DATE_EVENT = True
# A day named relative to the moment of writing ("last night", "overnight", "today", "this morning") moves with the
# page's reference date, which is often the day after the page was first written (an update, a next-day print
# edition): it counts for this much.  eval/gva_when dev (2,200 incidents): 0.8686 -> 0.8700 at 0.5 (3 gained, 1
# lost); 0.8705 at 0.1, 0.8700 at 0.0, 0.2, 0.3, 0.45 and 0.6, 0.8695 at 0.75, 0.8677 at 1.5.
DEICTIC_WEIGHT = 0.5
_DEICTIC = re.compile(r"(?i)\b(?:today|tonight|yesterday|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b")
# A day two to four days before the reference date (short of BACKGROUND_DAYS) is a report written some days after
# the event, whose day of writing holds the follow-ups ("was arrested Monday", "classmates wore camouflage
# Tuesday"): it counts this much more.  eval/gva_when dev (2,200 incidents): 0.8700 -> 0.8718 at 1.3 (4 gained,
# none lost); 0.8714 at 1.1 and 1.2, 0.8718 at 1.5, 0.8705 at 2.0, 0.8695 at 0.8.  (The same factor on the
# reference day itself: 0.8686 at 0.85, 0.8673 at 1.2.)
RECENT_PAST_WEIGHT = 1.3
# A day counted back or forward from a moment of the story ("the son they brought home from the hospital two days
# earlier", "shot ... about 1:25 p.m. the day before") was resolved against the page's reference date, which it is
# not counted from: it is no candidate.  eval/gva_when dev (2,200 incidents): 0.8723 -> 0.8727 (1 gained, none lost).
NARRATIVE_OFFSETS_DROPPED = True
_NARRATIVE_OFFSET = re.compile(r"(?i)\b(?:earlier|later|before|after)\s*$")
# A bare clock time followed by "the day before" ("Mario was pronounced dead Saturday morning ... he had been shot
# about 1:25 p.m. the day before") is on the day before the one named before it.  eval/gva_when dev (2,200
# incidents): 0.8768 -> 0.8773 (1 gained, none lost).
CLOCK_DAY_BEFORE = True
# ("the night before Thanksgiving", "the day before he died" are told from something else: not read)
_DAY_BEFORE_AFTER = re.compile(r"(?i)[ \t,]*(?:on\s+)?(?:the\s+(?:day|night|evening|morning|afternoon)\s+before"
                               r"(?=\s*(?:[,.;:)\]—–-]|\n|$)|\s+(?:and|but|when|as|while|after|at|in|near|on|around|about|"
                               r"outside|inside|shortly|just)\b)|"
                               r"the\s+previous\s+(?:day|night|evening|morning|afternoon))\b")
# A date in a sentence about the courts or custody ("sniffled back tears Friday afternoon after he entered Bibb
# County Magistrate Court", "was denied bond Thursday afternoon") dates what followed the event, unless it is stated
# for the happening itself (see `names_event`): it counts this much.  eval/gva_when dev (2,200 incidents): 0.8759
# without -> 0.8773 at 0.3 (3 gained, none lost); 0.8773 at 0.2, 0.8764 at 0.5; at 0.1 2 more gained and 2 lost.  The
# same in sentences with no event word only: 0.8750; without the custody words (jail, booked, custody, charged):
# 1 fewer gained; with arrest words too (arrested, surrendered): 1 lost.
COURT_WEIGHT = 0.3
# Court and custody words, not "food court", "Court Street", "charged at officers", "police charged protesters" or
# "died in police custody" (an event of its own).  Narrowed so after a review found those misfires on plain event
# sentences: eval/gva_when dev 0.8773 -> 0.8768 (one incident), kept for the sentences it no longer misreads.
_COURT = re.compile(r"(?i)(?<!food )(?<!basketball )(?<!tennis )\bcourt\b(?!\s+(?:st(?:reet)?|road|rd|drive|ave(?:nue)?)\b)|"
                    r"\b(?:arraign\w*|judge|bond|bail|hearing|pleaded|plea|indicted|sentenced|jail|booked|remanded)\b|"
                    r"(?<!died )(?<!died while )\bin(?:to)?\s+(?:police\s+)?custody\b|"
                    r"\bcharged\s+(?:\w+\s+){0,2}?(?:with|in)\b|\b(?:was|were|been|be|is|are|being)\s+(?:formally\s+|later\s+)?charged\b")
# A month and day written out in a sentence about the happening, well before the report (BACKGROUND_DAYS), names the
# happening even when the parse hangs it on a reporting verb ("He's been charged ... and is accused of killing
# Ernest Edwards at the Nite Owl ... on Jan. 26", "were negligent in Vacca's death on Aug. 25, 2014"): no reporting
# discount.  eval/gva_when dev (2,200 incidents): 0.8759 -> 0.8773 (3 gained, none lost; the same at any age from 1
# to 14 days).
REPORTED_DATE_NAMES_EVENT = True
# A day on or after the page's reference date that a plan in its own clause leads up to ("She is expected to turn
# herself in to police Wednesday", "who will be arraigned Friday") is a plan, not the happening: no candidate (a day
# two or more days ahead already counts FUTURE_WEIGHT).  Only a plan word before the date in the date's clause (from
# the last comma, semicolon or colon) with no happening word (EVENT_CUES) between them: "is expected to survive"
# after the date, "will not say whether the shooting on Wednesday", "due to", "going to" are no plans (review
# repros in tests/unit/fuse/test_when.py).  eval/gva_when dev (2,200 incidents): 0.8768 -> 0.8777 with the first,
# sentence-wide version (2 gained, none lost); with this clause version and no article floor the vote gives 0.8782.
PLANNED_DAYS_DROPPED = True
_PLANNED = re.compile(r"(?i)\b(?:will(?!\s+(?-i:[A-Z]))|'ll|shall|scheduled|slated|expected\s+to|set\s+to|plans?\s+to)\b")
_CLAUSE_BREAK = re.compile(r"[,;:(]|\band\s+(?:was|were|is|are|had|has|have)\b")  # ("... and was taken to")


def _planned(sentence_text: str, date_start: int) -> bool:
    """Whether a plan word leads up to the date at `date_start` (sentence offset) inside its clause, with no
    happening word between them."""
    before = sentence_text[:date_start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    clause = before[breaks[-1] if breaks else 0:]
    plans = list(_PLANNED.finditer(clause))
    return bool(plans) and not EVENT_CUES.search(clause, plans[-1].end())


PRECISION_RANK = {"minute": 0, "hour": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 3}
CONTRACT_PRECISION = {0: "day", 1: "week", 2: "month", 3: "year"}


# Reference dates and candidates of the articles seen last, by identity: `with_inferred` and `event_date` both read
# them for the same Analysis objects (reading the dateline is the costly part).  An entry holds its Analysis, so its
# id cannot be reused while cached; the caches are emptied when they reach this many entries.
CACHE_ENTRIES = 512
# A candidate: (day, precision rank, weight, expression, index of its body sentence).
Candidate = tuple[date, int, float, TimeEx, int]
_REF_CACHE: dict[int, tuple[Analysis, date | None]] = {}
_CANDIDATE_CACHE: dict[tuple[int, bool, date | None], tuple[Analysis, list[Candidate]]] = {}
_LAYOUT_CACHE: dict[int, tuple[Analysis, tuple[Sentence, ...], list[int] | None]] = {}


def _ref(a: Analysis) -> date | None:
    """The article's reference date, checked against its dateline, URL and archive copy (see pubdate)."""
    from newsfuse.extract.pubdate import reference_day

    hit = _REF_CACHE.get(id(a))
    if hit is not None and hit[0] is a:
        return hit[1]
    if len(_REF_CACHE) >= CACHE_ENTRIES:
        _REF_CACHE.clear()
    value = reference_day(a)
    _REF_CACHE[id(a)] = (a, value)
    return value


def body_layout(a: Analysis) -> tuple[Sequence[Sentence], list[int] | None]:
    """The article's body sentences and their `ordered_starts`, read once per article (the candidates, the place
    mentions and the timeline all look up sentences in them)."""
    hit = _LAYOUT_CACHE.get(id(a))
    if hit is not None and hit[0] is a:
        return hit[1], hit[2]
    if len(_LAYOUT_CACHE) >= CACHE_ENTRIES:
        _LAYOUT_CACHE.clear()
    body = tuple(a.body_sentences())
    starts = ordered_starts(body)
    _LAYOUT_CACHE[id(a)] = (a, body, starts)
    return body, starts


def sentence_of(body: Sequence[Sentence], t: TimeEx | Place, starts: Sequence[int] | None = None
                ) -> tuple[int, Sentence] | None:
    """(index among an article's body sentences, sentence) holding a time expression (or a place mention, by where
    its span starts); None outside the body.

    `body`: the article's `body_sentences()`.  `starts`: their start offsets when they follow one another without
    overlap (`ordered_starts`; a binary search then finds the sentence), else None (a scan)."""
    if starts is not None:
        i = bisect_right(starts, t.span.start) - 1
        return (i, body[i]) if i >= 0 and t.span.start < body[i].end else None
    for i, s in enumerate(body):
        if s.start <= t.span.start < s.end:
            return i, s
    return None


def ordered_starts(body: Sequence[Sentence]) -> list[int] | None:
    """Start offsets of sentences that follow one another without overlap (None otherwise): the `starts` argument
    of `sentence_of`."""
    starts = [s.start for s in body]
    ok = all(body[i].end <= body[i + 1].start for i in range(len(body) - 1))
    return starts if ok else None


_DAY_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})(?:-WE)?")
_MONTH_VALUE = re.compile(r"(\d{4})-(\d{2})")
_YEAR_VALUE = re.compile(r"(\d{4})")
_CLOCK_VALUE = re.compile(r"T(\d{2}):(\d{2})")
_CLOCK_WORD = re.compile(r"(?i)\d|\bnoon\b|\bmidnight\b")
_THIS_LAST = re.compile(r"(?i)\b(?:this|last)\b")
_NEXT_THIS = re.compile(r"(?i)\b(?:next|this|coming)\b")


def period_start(value: str) -> tuple[date, int] | None:
    """First day of the period a TimeML date value names ("2021-03-03T07:20", "2021-W09", "2021-03", "2021"), with its
    contract precision rank (0 day, 1 week, 2 month, 3 year: the keys of CONTRACT_PRECISION); None for any other value
    (a duration, a season, a reference such as PAST_REF)."""
    m = _DAY_VALUE.match(value)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), 0
    m = _WEEK_VALUE.fullmatch(value)
    if m:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if value.endswith("WE") else 1), 1
    m = _MONTH_VALUE.fullmatch(value)
    if m:
        return date(int(m.group(1)), int(m.group(2)), 1), 2
    m = _YEAR_VALUE.fullmatch(value)
    if m:
        return date(int(m.group(1)), 1, 1), 3
    return None


def _period_last(first: date, rank: int) -> date:
    """Last day of the week (rank 1), month (2) or year (3) that begins on `first`."""
    if rank == 1:
        # a weekend ("2021-W09-WE", see `period_start`) is its Saturday and its Sunday, not the week from that Saturday:
        # "over the weekend" on a Monday's page does not hold the Monday (eval/gva_when dev: no exact day gained or
        # lost; one incident within a day that was not)
        return first + timedelta(days=1 if first.weekday() == 5 else 6)
    if rank == 2:
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first.replace(month=12, day=31)


_DAY_WORD = re.compile(r"(?i)\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\d{1,2}/\d{1,2}|\d{4}|"
                       r"\b(?:today|tonight|yesterday|tomorrow|overnight|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


_MONTH_DAY = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}/\d{1,2}")


def _is_bare_clock(t: TimeEx) -> bool:
    """A clock time with no day of its own ("about 11 p.m."; not "11 p.m. Sunday", "late last night")."""
    return (t.kind == "time" and bool(_CLOCK_WORD.search(t.span.text))
            and not _DAY_WORD.search(t.span.text) and not _THIS_LAST.search(t.span.text))


_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
# Words of a clause about what is yet to come: a weekday after the reference date stays in the future.
_AHEAD_CUES = re.compile(r"(?i)\b(?:will|'ll|shall|due|scheduled|slated|expected|plans?|planned|set\s+(?:to|for)|going\s+to|"
                         r"next|funeral|vigil|memorial|services?|hearing|court|arraign\w*|trial|rally|march|meeting)\b")


def _reads_past(t: TimeEx, day: date, ref: date, sentence_text: str) -> bool:
    """A bare weekday the times stage put in the coming week ("wounded four teenagers on Monday appears to...",
    "are investigating a shooting Thursday night") in a sentence about the shooting itself, with nothing in it
    about what is yet to come: news reports what happened, so it is the weekday of the past week.
    eval/gva_when dev (2,200 incidents): 0.8459 -> 0.8482 exact day (5 gained, none lost)."""
    if not t.anchored or not 0 < (day - ref).days <= 7 or not _WEEKDAY.search(t.span.text):
        return False
    if _MONTH_DAY.search(t.span.text) or _NEXT_THIS.search(t.span.text):
        return False
    return bool(EVENT_CUES.search(sentence_text)) and not _AHEAD_CUES.search(sentence_text)


# A line of a page's video list ("1:01 Jury still out on man's 2nd murder trial for 2008 fatal shooting Pause"): a
# clip length and the headline of another story, so no time expression on it dates this report's event.
# eval/gva_when dev (2,200 incidents): 0.8664 -> 0.8673 (2 gained, none lost).
_CLIP_LINE = re.compile(r"(?m)^[ \t]*\d{1,2}:\d{2}[ \t]+(?![ap]\.?m\b|[AP]\.?M\b|hours\b|hrs\b|GMT\b|UTC\b|[ECMP][SD]T\b)\S")


def clip_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of a video list on the page: two or more lines opening with a clip's length,
    most of them under ten minutes ("1:42 Crash closes I-95"); a live blog's stamps ("14:05 The governor
    declared...") are hours of the day, not lengths, and stay.  No time expression on these lines dates the
    page's own story (each is another story's headline)."""
    out, short = [], 0
    for m in _CLIP_LINE.finditer(text):
        end = text.find("\n", m.start())
        out.append((m.start(), len(text) if end < 0 else end))
        short += int(text[m.start():m.start() + 6].lstrip()[:2].rstrip(":")) < 10
    return out if len(out) >= 2 and 2 * short > len(out) else []


_NOT_GIVEN: Any = object()

def _candidates(a: Analysis, stale: bool = False, ref: Any = _NOT_GIVEN) -> list[Candidate]:
    """(day, precision rank, weight, expression, body sentence index) for each dated expression of one article.

    `stale`: the article was written well after the others of its event (a follow-up on a trial),
    so its relative dates ("Monday") name later happenings, not the event.  `ref`: the article's reference
    date when the caller has it already (None: it has none).  The list is cached (see CACHE_ENTRIES): do not
    change it.
    """
    if ref is _NOT_GIVEN:
        ref = _ref(a)
    key = (id(a), stale, ref)
    hit = _CANDIDATE_CACHE.get(key)
    if hit is not None and hit[0] is a:
        return hit[1]
    if len(_CANDIDATE_CACHE) >= CACHE_ENTRIES:
        _CANDIDATE_CACHE.clear()
    out = _weighed_candidates(a, stale, ref)
    _CANDIDATE_CACHE[key] = (a, out)
    return out


# A month and day written without a year ("the Dec. 6 shooting") after the article has told that month with its year
# ("in December 2014", "on Dec. 1, 2014") is of that year when the times stage put it in the year after (a late
# follow-up, whose reference date is months after the story: the nearest "Dec. 6" to a June 2016 page is December 2015).
# Only the year before: a told year further back, or one ahead, is most often another story of the page (an earlier
# case, a court date).  eval/gva_when dev (2,200 incidents): 0.8805 -> 0.8809 (1 gained, none lost; with any other
# told year: the same gain, and 23 dates moved, several wrongly).  Only years told where a candidate may stand (a body
# sentence, not the page's stamp nor a video list's line: a caption's "December 2014" dates no body date), and only
# for a day at least TOLD_YEAR_MIN_AGE_DAYS before the reference date: a recent day ("was shot and killed on Dec. 30"
# on a Jan. 5 page, after "survived a shooting in December 2014") is the story's own.  See `told_year_days`.
# TOLD_YEAR_MIN_AGE_DAYS: eval/gva_when dev (2,200 incidents) 0.8809 at any age from 0 to 180 days (0.8805 at 365);
# of the 7 dates of dev it moves at 0, the two wrongly moved are 2 and 24 days old, the right ones 51 to 205 days.
TOLD_YEAR_ANCHORS = True
TOLD_YEAR_MIN_AGE_DAYS = 45
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")


def told_year_days(a: Analysis, ref: Any = _NOT_GIVEN) -> dict[tuple[int, int], date]:
    """The days of an article's month-day expressions moved back to the year it told that month with (see
    TOLD_YEAR_ANCHORS), by (start, end) of their spans: the event date's candidates and the timeline both read them.
    `ref`: the article's reference date when the caller has it already."""
    if not TOLD_YEAR_ANCHORS or not any(_YEAR_IN.search(t.span.text) for t in a.times):
        return {}
    if ref is _NOT_GIVEN:
        ref = _ref(a)
    if ref is None:
        return {}
    body, starts = body_layout(a)
    clips = clip_lines(a.article.text) if ":" in a.article.text else []
    told: dict[int, int] = {}  # month -> the year the article last told it with
    out: dict[tuple[int, int], date] = {}
    for t in sorted(a.times, key=lambda x: x.span.start):
        if t.kind not in ("date", "time") or not t.value or t.attached == "stamp":
            continue
        if clips and any(s <= t.span.start < e for s, e in clips):
            continue
        start = period_start(t.value)
        if start is None or sentence_of(body, t, starts) is None:
            continue
        day, rank = start
        if rank in (0, 2) and not t.anchored and _YEAR_IN.search(t.span.text):
            told[day.month] = day.year  # "December 2014", "Dec. 1, 2014": the year that month was told in
        elif rank == 0 and t.anchored and told.get(day.month) == day.year - 1 \
                and (ref - day).days >= TOLD_YEAR_MIN_AGE_DAYS \
                and _MONTH_DAY.search(t.span.text) and not _YEAR_IN.search(t.span.text):
            try:
                out[(t.span.start, t.span.end)] = day.replace(year=day.year - 1)  # "Dec. 6" after "in December 2014"
            except ValueError:
                pass  # February 29
    return out


def _weighed_candidates(a: Analysis, stale: bool, ref: date | None) -> list[Candidate]:
    """What `_candidates` returns, computed."""
    out: list[Candidate] = []
    last_day: date | None = None
    body, starts = body_layout(a)
    clips = clip_lines(a.article.text) if ":" in a.article.text else []
    cues: dict[int, tuple[bool, bool, bool]] = {}  # sentence index -> (an event, a background, a court cue) in it
    moved = told_year_days(a, ref)
    for t in sorted(a.times, key=lambda x: x.span.start):
        if t.kind not in ("date", "time") or not t.value:
            continue
        if clips and any(s <= t.span.start < e for s, e in clips):
            continue
        start = period_start(t.value)
        if start is None:
            continue
        day, rank = start
        if moved:
            day = moved.get((t.span.start, t.span.end), day)  # "Dec. 6" after "in December 2014": of that December
        where = sentence_of(body, t, starts)
        if where is None:
            continue
        i, sentence = where
        if t.attached == "stamp":
            continue  # the page's own posted/updated stamp says when it was written, not what happened
        sentence_text = a.article.text[sentence.start:sentence.end]
        if NARRATIVE_OFFSETS_DROPPED and rank == 0 and t.anchored and _NARRATIVE_OFFSET.search(t.span.text):
            continue  # "two days earlier", "the day before": counted from the story's moment, not the page's date
        if ref is not None and rank == 0 and _reads_past(t, day, ref, sentence_text):
            day -= timedelta(days=7)
        weight = TITLE_WEIGHT if sentence.role == "title" else 1.0 / (1.0 + POSITION_DECAY * i)
        if _is_bare_clock(t) and (ref is None or day == ref):
            # "about 11 p.m." left on the reference day by the times stage (no day named right beside it):
            # its day is the one named before it
            if last_day is None:
                weight *= BARE_CLOCK_WEIGHT
            else:
                day = last_day
                if CLOCK_DAY_BEFORE and _DAY_BEFORE_AFTER.match(a.article.text, t.span.end):
                    day -= timedelta(days=1)  # "shot ... about 1:25 p.m. the day before"
        elif rank == 0 and (ref is None or day <= ref) and not (t.attached == "report" and day == ref):
            # a day after the reference date ("plans to release his name on Tuesday") is not the day the clock
            # times that follow belong to (eval/gva_when dev: +1, and none lost once "the evening of September 18"
            # is one expression); nor is a report of the day of writing ("his condition was not known Monday",
            # "will likely remain in the hospital overnight"): eval/gva_when dev (2,200 incidents) 0.8677 -> 0.8686
            # (3 gained, 1 lost; skipping every report date instead: 0.8645, 9 gained, 13 lost)
            last_day = day
        attached = t.attached
        if i not in cues:
            cues[i] = _sentence_cues(sentence_text)
        cue, background_cue, court = cues[i]
        written = rank == 0 and bool(_MONTH_DAY.search(t.span.text))
        reported_old = (REPORTED_DATE_NAMES_EVENT and attached == "report" and written and ref is not None
                        and (ref - day).days >= BACKGROUND_DAYS)
        names_event = rank == 0 and (attached == "event_noun" or (attached == "event" and written)
                                     or (cue and (not t.anchored or written) and (attached != "report" or reported_old)))
        if ref is not None:
            if names_event and day <= ref:
                # "accused in the May 25 shooting", "was shot and killed Nov. 2": an old date stated for the
                # happening itself is the event of a follow-up report, not background
                # (eval/gva_when dev, first 300 incidents: 0.764 -> 0.780 exact day)
                pass
            elif (ref - day).days >= BACKGROUND_DAYS and rank == 0 or (rank > 0 and day.year < ref.year):
                weight *= BACKGROUND_WEIGHT
            elif (day - ref).days > 1:
                weight *= FUTURE_WEIGHT
            elif PLANNED_DAYS_DROPPED and day >= ref and _planned(sentence_text, t.span.start - sentence.start):
                continue  # "She is expected to turn herself in Wednesday" on Wednesday's page: a plan, not the event
        if background_cue:
            weight *= 0.5
        clocked = t.kind == "time" and _clock(t) is not None
        if attached in ("event", "event_noun"):
            weight *= EVENT_WEIGHT
        elif clocked:
            weight *= CLOCK_WEIGHT
        elif attached == "report" and not (names_event and reported_old):
            weight *= REPORTING_WEIGHT
        elif not cue:
            weight *= UNCUED_WEIGHT
        if _DEICTIC.search(t.span.text) and not _WEEKDAY.search(t.span.text) and not _MONTH_DAY.search(t.span.text):
            weight *= DEICTIC_WEIGHT
        if ref is not None and rank == 0 and 2 <= (ref - day).days < BACKGROUND_DAYS:
            weight *= RECENT_PAST_WEIGHT
        if stale and t.anchored and not names_event:
            weight *= STALE_WEIGHT
        if court and not names_event:
            weight *= COURT_WEIGHT
        out.append((day, rank, weight, t, i))
    if HEADLINE_DAY_WEIGHT and a.article.title:
        out.extend(_headline_candidates(a, ref, stale))
    return out


# A weekday or a holiday the page's headline names ("Police ID man who died in Wednesday quintuple shooting",
# "Police investigating Franklin Co. New Year's Eve shooting") when the text does not open with that headline (an
# archived page whose text is now clutter or another story, a lead that names no day): a candidate of its own, as a
# title sentence would be (TITLE_WEIGHT times this), with the cue, court, background and follow-up discounts of the
# text's candidates; no evidence span (the headline is not in the text).  A calendar date in a headline is left out:
# it is most often the page's own ("From April 15: ...", "February 12, 2017 Police Blotter", an obituary's "June 20,
# 2014 -...").  eval/gva_when dev (2,200 incidents): 0.8777 -> 0.8805 at 1.0 (6 gained, none lost; 5 gained at 0.5,
# the same 6 at 2.0; with calendar dates too: 2 of them lost); test 0.8727 -> 0.8782 (3 gained, none lost).
HEADLINE_DAY_WEIGHT = 1.0
HEADLINE_SENTENCE = -1  # the body-sentence index a headline's candidate carries (it stands in no sentence)
# The text "opens with its headline" when the headline's first _HEADLINE_KEY_CHARS characters stand in its first
# _TEXT_HEAD_CHARS (set by hand: a page's headline, when repeated, comes after a dateline or a line of navigation at
# most), both read as their words only (`_plain`: entities unescaped, case folded, letters and digits), the headline
# whole or without the outlet's name after its last " - " or " | " ("Man wounded in Friday shooting - WXYZ News").
_TEXT_HEAD_CHARS = 1000
_HEADLINE_KEY_CHARS = 40
_OUTLET_SUFFIX = re.compile(r"\s+[-|–—]\s+(?:(?!\s[-|–—]\s).)*$")
_HEADLINE_SEPARATOR = re.compile(r"\s+[-|–—]\s+")
_HEADLINE_PART_CHARS = 20
_WORD_CHARS = re.compile(r"[^\W_]+")
# A headline telling of what is yet to come ("Vigil planned Saturday for teen killed in shooting", "Funeral set for
# Saturday for man shot by police"): its days are the plan's, not the happening's (the words `_reads_past` reads as
# such in a sentence, outside the headline's own day names: "Memorial Day shooting" is no memorial), unless the day
# qualifies the happening's noun ("Vigil mourns girl killed in Tuesday shooting", "accused of Fourth of July shooting
# ... to stand trial").  eval/gva_when dev (2,200 incidents): 0.8809 either way (3 dev pages lose their headline day:
# "... due in court Wednesday", "... set to reopen Wednesday after shooting", "... Friday's high speed chase
# arraigned"; test: none, both pages it would have touched keep their day by the noun rule).
HEADLINE_AHEAD_DROPPED = True
_DAY_OF_HAPPENING = re.compile(r"(?i)(?:['’]s?)?(?:\s+(?!(?:for|to|in|at|of|on|after|before|by|with)\b)[\w-]+)?\s+"
                               r"(?:shootings?|killings?|slayings?|homicides?|murders?|gunfire|attacks?|stabbings?|"
                               r"deaths?|violence|rampage|massacre|robbery|carjacking)\b")


def _plain(text: str) -> str:
    """A text's words only, for comparing a headline with the page's text: HTML entities unescaped, case folded,
    quotes and punctuation gone ("Mother’s Day" and "MOTHER'S DAY" read alike)."""
    return " ".join(_WORD_CHARS.findall(html.unescape(text).casefold()))


def _opens_with_headline(title: str, text: str) -> bool:
    """Whether the page's text repeats its headline near its start (see _TEXT_HEAD_CHARS): the whole headline, or the
    part before its outlet's name, or the part before its first " - " / " | " when that is of some length
    (_HEADLINE_PART_CHARS: "Crime - ..." is a section's name)."""
    head = _plain(text[:_TEXT_HEAD_CHARS])
    keys = {_plain(title)[:_HEADLINE_KEY_CHARS]}
    for part in (_OUTLET_SUFFIX.sub("", title), _HEADLINE_SEPARATOR.split(title, 1)[0]):
        key = _plain(part)[:_HEADLINE_KEY_CHARS]
        if part != title and len(key) >= _HEADLINE_PART_CHARS:
            keys.add(key)
    return any(k and k in head for k in keys)


def _headline_candidates(a: Analysis, ref: date | None, stale: bool) -> list[Candidate]:
    """Days the page's headline names when the page's text does not repeat it (an archived page whose text is now
    clutter or another story, a headline worded apart from the lead)."""
    from newsfuse.extract.times import headline_times, names_holiday

    title = a.article.title or ""
    if not (_WEEKDAY.search(title) or names_holiday(title)):
        return []
    if _opens_with_headline(title, a.article.text):
        return []  # the text opens with its headline: its days are among the text's own candidates
    found = headline_times(title, ref, FUTURE_MARGIN_DAYS)
    if HEADLINE_AHEAD_DROPPED and found:
        rest = "".join(" " if any(s <= k < e for s, e, _ in found) else c for k, c in enumerate(title))
        if _AHEAD_CUES.search(rest):  # "Vigil planned Saturday for teen killed in shooting": the plan's day
            found = [(s, e, r) for s, e, r in found if _DAY_OF_HAPPENING.match(title, e)]
    out: list[Candidate] = []
    cue, _, court = _sentence_cues(title)
    for start, end, r in found:
        span_text = title[start:end]
        if r.kind not in ("date", "time") or _DEICTIC.search(span_text) or _MONTH_DAY.search(span_text) \
                or not (_WEEKDAY.search(span_text) or names_holiday(span_text)):
            continue  # a weekday or a holiday: a calendar date in a headline is most often the page's own
        got = period_start(r.value or "")
        if got is None or got[1] != 0:
            continue
        day = got[0]
        if ref is not None and day > ref + timedelta(days=FUTURE_MARGIN_DAYS):
            continue
        weight = TITLE_WEIGHT * HEADLINE_DAY_WEIGHT
        if not cue:
            weight *= UNCUED_WEIGHT
        if court:
            weight *= COURT_WEIGHT
        if ref is not None and (ref - day).days >= BACKGROUND_DAYS:
            weight *= BACKGROUND_WEIGHT
        if stale and r.anchored:
            weight *= STALE_WEIGHT
        # (the span's offsets are into the title, not the text: `event_date` gives it as `title_evidence`, never as
        # text evidence)
        t = TimeEx(Span(a.id, start, end, span_text), r.value, "day", None, r.kind, r.anchored, "headline")
        out.append((day, 0, weight, t, HEADLINE_SENTENCE))
    return out


# Words each cue pattern needs (lower case): a sentence holding none of them is not searched (the court pattern, with
# its look-behinds, costs most of the candidates' time).  tests/unit/fuse/test_when.py checks the patterns agree.
_EVENT_WORDS = ("shot", "shoot", "gunfire", "gunshot", "killed", "wounded", "fire", "slain", "died", "dead", "homicide",
                "murder")
_BACKGROUND_WORDS = ("ago", "anniversary", "since", "last", "previously", "earlier", "19", "20")
_COURT_WORDS = ("court", "arraign", "judge", "bond", "bail", "hearing", "plea", "indicted", "sentenced", "jail", "booked",
                "remanded", "custody", "charged")


def _sentence_cues(sentence_text: str) -> tuple[bool, bool, bool]:
    """Whether a sentence tells of the happening (EVENT_CUES), of background (BACKGROUND_CUES), of the courts (_COURT)."""
    low = sentence_text.lower()
    return (any(w in low for w in _EVENT_WORDS) and bool(EVENT_CUES.search(sentence_text)),
            any(w in low for w in _BACKGROUND_WORDS) and bool(BACKGROUND_CUES.search(sentence_text)),
            any(w in low for w in _COURT_WORDS) and _tells_of_courts(sentence_text))


# A "Court" named after something ("a shooting at Pershing Court Manor", "in the 200 block of Dewey Court") is a place,
# not a court of law; these words before "Court" make it one ("Bibb County Magistrate Court", "Superior Court").
# eval/gva_when dev (2,200 incidents): 1,931 either way (the sentences are mostly about the happening, with an event
# word that exempts them already); kept since 69 of the 17,332 dated sentences of dev no longer read as court news.
PLACE_COURTS = True
_COURT_KINDS = frozenset(
    "superior district circuit magistrate magistrates magistrates' magistrates’ municipal county supreme juvenile "
    "family criminal civil federal appeals appellate appeal probate pleas city justice bond drug traffic claims state "
    "chancery sessions session general recorder's recorder’s recorders housing youth police mayor's mayor’s town "
    "village tribal high commonwealth divorce domestic small the crown sheriff coroner's coroner’s coroners "
    "constitutional military revolutionary administrative international european special".split())
_WORD_BEFORE = re.compile(r"([A-Za-z'’]+)[ \t]+$")


def _tells_of_courts(sentence_text: str) -> bool:
    """Whether a sentence tells of the courts or custody (_COURT), a place named "... Court" aside."""
    for m in _COURT.finditer(sentence_text):
        if PLACE_COURTS and sentence_text[m.start()] == "C" and m.end() - m.start() == 5:
            before = _WORD_BEFORE.search(sentence_text, max(0, m.start() - 30), m.start())
            word = before.group(1) if before else ""
            of_what = sentence_text.startswith(" of ", m.end())  # "Texas Court of Criminal Appeals": a court
            if word[:1].isupper() and not word.isupper() and word.lower() not in _COURT_KINDS and not of_what:
                continue
        return True
    return False


# On a page that tells of happenings in several towns (a round-up of the weekend's shootings, a station's page with
# its other stories), a date in a sentence that names another town and not the event's own (nor a region holding it:
# its county, its state) is the date of that town's happening: it counts this much.  Only on a page naming at least
# OTHER_TOWNS_MIN other towns or counties (one other town is most often the hospital's or the victim's home town), a
# town at least OTHER_TOWN_KM from the event's place (nearer, it is most often a neighbourhood of the event's city
# the gazetteer knows as a town); a mention after "of"/"from" (a home town) or in a sentence about a hospital counts
# for no place.  eval/gva_when dev (2,200 incidents, the location of `fuse.where.event_location`): 0.8759 without ->
# 0.8773 at 0.3 (5 gained, 2 lost, both where the voted town is not GVA's); 0.8768 at 0.2 and 0.5; OTHER_TOWNS_MIN 1:
# 2 more lost, 3: 1 fewer gained and lost; OTHER_TOWN_KM 0 the same, 30: 1 lost (without the neighbourhood and home
# town guards, with 1 other town enough: 5 gained, 12 lost).  With OTHER_PLACE_CARRY, a sentence naming no place is
# about the place named last before it: 0.8750 (5 lost), so off.
OTHER_PLACE_WEIGHT = 0.3
OTHER_TOWNS_MIN = 2
OTHER_TOWN_KM = 15.0
OTHER_PLACE_CARRY = False
_HOME_TOWN = re.compile(r"(?i)\b(?:of|from)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|nearby\s+)?$")
_QUARTER_AFTER = re.compile(r"(?i)[\s-]*(?:neighbou?rhoods?|section|community\s+area|district|area)\b")
_CARE = re.compile(r"(?i)\b(?:hospital|medical\s+cent(?:er|re)|trauma\s+cent(?:er|re)|clinic)\b")


class _EventPlace:
    """The event's voted location, a town or a site (`event_date` reads no other), read once for the place mentions of
    its articles (see `_placed`)."""

    __slots__ = ("gazetteer_id", "key", "admin1", "admin2", "country_code", "lat", "lon")

    def __init__(self, location: Mapping[str, Any]) -> None:
        self.gazetteer_id = location.get("gazetteer_id")
        self.key = name_key(location.get("name") or "")
        self.admin1, self.admin2 = location.get("admin1"), location.get("admin2")
        self.country_code = location.get("country_code")
        self.lat, self.lon = location.get("lat"), location.get("lon")

    def holds(self, p: Place) -> bool | None:
        """Whether a place mention names the event's place or a region holding it (True), another town or county
        (False), or neither (None: a street, a building, a far region, an unresolved name, a nearby town)."""
        gid = p.gazetteer_id
        if gid and gid == self.gazetteer_id:
            return True
        if self.key:
            if name_key(p.name or "") == self.key:  # (name_key caches short names itself)
                return True
        if not gid or (self.country_code and p.country_code != self.country_code):
            return None
        if p.precision in ("city", "site"):
            if None not in (p.lat, p.lon, self.lat, self.lon) and \
                    haversine_km(p.lat, p.lon, self.lat, self.lon) < OTHER_TOWN_KM:  # type: ignore[arg-type]
                return None
            return False
        if p.precision == "region" and p.admin2 and self.admin2:  # a county
            return (p.admin1, p.admin2) == (self.admin1, self.admin2)
        return None


def _placed(a: Analysis, cands: list[Candidate], location: Mapping[str, Any] | _EventPlace) -> list[Candidate]:
    """The candidates, with those told of another town than the event's weighed down (OTHER_PLACE_WEIGHT)."""
    place = location if isinstance(location, _EventPlace) else _EventPlace(location)
    if not a.places or not (place.key or place.gazetteer_id):
        return cands
    told = [(p, h) for p in a.places if (h := place.holds(p)) is not None]
    if len({p.gazetteer_id for p, h in told if not h}) < OTHER_TOWNS_MIN:
        return cands  # no round-up (most pages): nothing more to read
    body, starts = body_layout(a)
    text = a.article.text
    named: dict[int, list[bool]] = defaultdict(list)  # sentence index -> (about the event?) of its places
    others: set[str] = set()
    for p, holds in told:
        where = sentence_of(body, p, starts)
        if where is None:
            continue
        s = where[1]
        if not holds and (_HOME_TOWN.search(text, max(s.start, p.span.start - 30), p.span.start)
                          or _QUARTER_AFTER.match(text, p.span.end, p.span.end + 20)
                          or _CARE.search(text, s.start, s.end)):
            continue
        named[where[0]].append(holds)
        if not holds:
            others.add(p.gazetteer_id or "")
    if len(others) < OTHER_TOWNS_MIN:
        return cands
    elsewhere: dict[int, bool] = {}
    current = False
    for i in range(len(body)):
        if i in named:
            current = not any(named[i])
        elif not OTHER_PLACE_CARRY:
            current = False
        elsewhere[i] = current
    return [(day, rank, weight * OTHER_PLACE_WEIGHT, t, i) if elsewhere.get(i) else (day, rank, weight, t, i)
            for day, rank, weight, t, i in cands]


def _stale(refs: dict[str, date | None]) -> set[str]:
    """Ids of articles (by their reference dates) written more than STALE_DAYS after the earliest dated one."""
    known = [d for d in refs.values() if d is not None]
    if len(known) < 2:
        return set()
    first = min(known)
    return {i for i, d in refs.items() if d is not None and (d - first).days > STALE_DAYS}


def _clock(t: TimeEx) -> str | None:
    m = _CLOCK_VALUE.search(t.value or "")
    return f"{m.group(1)}:{m.group(2)}" if m else None


def event_date(analyses: Sequence[Analysis], location: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The contract `date` object of an event: voted day (or coarser period), time, zone and evidence.

    `evidence`: the spans of the text that back the voted day, best first (at most five).  A day that a page's
    headline names (a weekday or a holiday its text does not repeat, see HEADLINE_DAY_WEIGHT) stands in no span of
    the text: it is given in `title_evidence` (`{"title_of", "start", "end", "text"}`: offsets into the title of the article
    `title_of` names, as the casualty reports give a title's count); voted from headlines alone, the day has `evidence: []`.

    `location`: the event's voted location (the contract object of `fuse.where.event_location`), when known: on a
    page telling of several happenings in several towns, a date told of another town counts less (see
    OTHER_PLACE_WEIGHT)."""
    votes: dict[tuple[int, date], float] = defaultdict(float)
    support: dict[tuple[int, date], list[tuple[float, TimeEx]]] = defaultdict(list)
    titled: dict[tuple[int, date], list[tuple[float, TimeEx]]] = defaultdict(list)  # headlines' days (see above)
    by_id = {a.id: _ref(a) for a in analyses}  # once per article: reading the dateline is the costly part
    stale = _stale(by_id)
    # a town's or a site's location only: a region or a country holds the towns a page names, it is no other town
    place = _EventPlace(location) if location and location.get("precision") in ("city", "site") \
        and OTHER_PLACE_WEIGHT != 1.0 else None
    for a in analyses:
        cands = _candidates(a, a.id in stale, by_id[a.id])
        if place is not None:
            cands = _placed(a, cands, place)
        total = sum(c[2] for c in cands if c[1] == 0)
        norm = ARTICLE_CAP / total if total > ARTICLE_CAP else 1.0
        for day, rank, weight, t, i in cands:
            weight *= norm
            votes[(rank, day)] += weight
            # a headline's day stands in no text span: title evidence
            (titled if i == HEADLINE_SENTENCE else support)[(rank, day)].append((weight, t))
    refs = sorted(d for d in by_id.values() if d is not None)
    if refs:
        votes = {k: v for k, v in votes.items() if k[1] <= refs[-1] + timedelta(days=FUTURE_MARGIN_DAYS)}
    if refs and votes and min(rank for rank, _ in votes) == 3:
        # The best the articles give is a whole year: one before the first report's year ("born in 1973", "Since
        # 1965, KYW Newsradio has been...") dates background, not this event, and is dropped (the first reference
        # date then stands, as it does for a year that holds it).  eval/gva_when dev (2,200 incidents): +1, none lost.
        votes = {k: v for k, v in votes.items() if k[1].year >= refs[0].year}
    if votes:
        best_rank = min(rank for rank, _ in votes)
        (rank, day), _ = max(((k, v) for k, v in votes.items() if k[0] == best_rank), key=lambda kv: (kv[1], -kv[0][1].toordinal()))
        if rank > 0 and refs and day <= refs[0] <= _period_last(day, rank):
            # Nothing dates the event to the day, and the week, month or year voted ("2016" of a copyright line,
            # "this month") holds the first reference date: that date says the same, to the day (eval/gva_when dev
            # (2,200 incidents): 0.8614 -> 0.8632, 4 gained, none lost; taking the reference date whatever the
            # period gained 3 more but drops what a report says of a past month: "the protests in February").
            votes = {}
    if not votes:
        value = refs[0].isoformat() if refs else None
        return {"value": value, "time": None, "tz": None, "precision": "week" if value else "year", "evidence": []}
    backing = sorted(support[(rank, day)], key=lambda wt: -wt[0])
    clocks: dict[str, float] = defaultdict(float)
    zones: dict[str, str] = {}
    for weight, t in backing:
        c = _clock(t)
        if c:
            clocks[c] += weight
            if t.tz and c not in zones:
                zones[c] = t.tz
    # a local time and its GMT equivalent name one moment: prefer the local reading (it has its zone)
    time_value = max(clocks, key=lambda c: (c in zones and zones[c] != "+00:00", clocks[c])) if clocks else None
    out = {
        "value": day.isoformat(),
        "time": time_value,
        "tz": zones.get(time_value) if time_value else None,
        "precision": CONTRACT_PRECISION[rank],
        "evidence": [t.span.to_json() for _, t in backing[:5]],
    }
    if titled.get((rank, day)):
        # keyed `title_of`, not `article`: these offsets are into a title, and a span object ({article, start, end,
        # text}) always resolves into its article's text (`store.records.all_spans`)
        out["title_evidence"] = [{"title_of": t.span.article, "start": t.span.start, "end": t.span.end, "text": t.span.text}
                                 for _, t in sorted(titled[(rank, day)], key=lambda wt: -wt[0])[:5]]
    return out


# Days after the event day a report may be published and still call it by its weekday.
WEEKDAY_HORIZON = 6
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def infer_published_across(analyses: Sequence[Analysis]) -> dict[str, InferredDate]:
    """Reference dates for undated articles of one event, from what the dated ones say.

    An undated article that names a weekday ("Wednesday") or a full date, where a dated article
    of the same event gives that day ("March 3, 2021"), is taken to be published within the week
    after it: the dated articles' median reference date, held inside that window.
    """
    by_id = {a.id: _ref(a) for a in analyses}
    dated = [a for a in analyses if by_id[a.id] is not None]
    undated = [a for a in analyses if by_id[a.id] is None]
    if not dated or not undated:
        return {}
    refs = sorted(by_id[a.id] for a in dated)  # type: ignore[type-var]
    ref_mid = refs[len(refs) // 2]
    known_days: dict[date, float] = defaultdict(float)
    for a in dated:
        for day, rank, weight, _, _ in _candidates(a, ref=by_id[a.id]):
            if rank == 0:
                known_days[day] += weight
    out: dict[str, InferredDate] = {}
    for a in undated:
        best: tuple[float, date, list[TimeEx]] | None = None
        for day, score in known_days.items():
            agreeing = [t for t in a.times if _agrees(t, day)]
            if agreeing and (best is None or score > best[0]):
                best = (score, day, agreeing)
        if best is None:
            continue
        _, day, agreeing = best
        value = min(max(ref_mid, day), day + timedelta(days=WEEKDAY_HORIZON))
        out[a.id] = InferredDate(value.isoformat(), "cross-article", tuple(t.span for t in agreeing))
    return out


def _agrees(t: TimeEx, day: date) -> bool:
    """Whether an expression of an undated article names this day (its weekday, or the full date)."""
    if t.value and re.match(r"\d{4}-\d{2}-\d{2}", t.value) and not t.anchored:
        return t.value[:10] == day.isoformat()
    low = t.span.text.lower()
    names = [i for i, w in enumerate(_WEEKDAY_NAMES) if re.search(rf"\b{w}\b", low)]
    return len(names) == 1 and names[0] == day.weekday() and not re.search(r"\b(?:next|last|every|each)\b", low)


def with_inferred(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses with cross-article publication dates set and their times re-resolved."""
    from newsfuse.extract.times import extract_times

    inferred = infer_published_across(analyses)
    out = []
    for a in analyses:
        if a.id in inferred:
            a = a.with_(published_inferred=inferred[a.id])
            # Re-resolved without the Doc: keep what the parse said each expression dates.
            attached = {(t.span.start, t.span.end): t.attached for t in a.times}
            times = tuple(replace(t, attached=attached.get((t.span.start, t.span.end))) for t in extract_times(a))
            a = a.with_(times=times)
        out.append(a)
    return out
