"""Publication date when the input gave none: from a dated line, the first sentences, or the URL.

Relative expressions ("on Wednesday") need a reference date; this stage supplies one when the
article carries its date only in the text ("Updated: 2017-09-15", "Posted: Tuesday, January 28,
2014") or in its URL (/2017/09/15/).  It returns None when nothing supports a date: no guessing.
"""

from __future__ import annotations

import re
from datetime import date

from newsfuse.model import Analysis, InferredDate
from newsfuse.stages import Stage

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_FULL_DATES = (
    (re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(rf"(?i)\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)((?:19|20)\d{{2}})\b"), ("mon", "d", "y")),
    (re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+((?:19|20)\d{{2}})\b"), ("d", "mon", "y")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b"), ("m", "d", "y")),
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A labelled date line: the page's own statement of when it was published or updated.
_LABEL = re.compile(r"(?i)\b(posted|published|created|updated|last\s+updated|modified|first\s+published|date)\s*(?:on|:)?\s*")
# What stands before the date of a dateline: the place in capitals, perhaps the outlet, then a comma ("BAGHDAD, ",
# "PARAGOULD, AR (KAIT), "), or the place and its state with the date in brackets ("SAVANNAH, GA (", "PAOLI, Ind. (").
_DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:\([A-Za-z ]+\))?,\s*|[A-Z][A-Z .'’-]{1,40},\s*[A-Z][A-Za-z.]{1,14}\s*\(\s*")
_URL_DATES = (
    # a one-digit day must end a path segment: "/2014/06/5_people-shot" is a month folder, not June 5
    re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{2}(?=[/_.-]|$)|\d(?=/|$))"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[-_.])"),
)
# How far into the text a date still counts as the article's own (dateline and first sentences);
# set by hand from a look at ../shared/data/gva pages (posted/updated lines sit in the first lines); not swept.
LEAD_CHARS = 600
LEAD_SENTENCES = 3
# A given `published` at most this many days after the web-archive crawl of the page is a late stamp of a page
# that was up by the crawl day, which then is the reference date; further apart, the given date is a later
# re-stamp and nothing dates the page (None).  eval/gva_when dev (2,200 incidents): +1 incident at 2 (a "Halloween
# night" report stamped a day after its crawl); any gap would gain one more but dates a month-old page's
# "Thursday" as the week before the crawl.
CRAWL_SLACK_DAYS = 2


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def full_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, date]]:
    """Every complete calendar date (day, month and year) in text[start:end], as (start, end, date)."""
    end = len(text) if end is None else end
    out: list[tuple[int, int, date]] = []
    if not _YEAR.search(text, start, end):
        return out  # every pattern holds a year: one search rules out a text without one
    for pattern, order in _FULL_DATES:
        for m in pattern.finditer(text, start, end):
            parts = dict(zip(order, m.groups()))
            month = _MONTHS[parts["mon"][:3].lower()] if "mon" in parts else int(parts["m"])
            d = _date(int(parts["y"]), month, int(parts["d"]))
            if d is not None and not any(s <= m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), d))
    return sorted(out)


def date_from_url(url: str | None) -> date | None:
    """A date written in a URL path (/2017/09/15/, /2017-09-15/, /20170915/); web-archive prefixes skipped."""
    if not url:
        return None
    path = re.sub(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", "", url)
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            d = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d is not None:
                return d
    return None


_ARCHIVE_STAMP = re.compile(r"web\.archive\.org/web/((?:19|20)\d{2})(\d{2})(\d{2})")


def archive_date(url: str | None) -> date | None:
    """The crawl day of a web-archive copy (web.archive.org/web/20140112222729/...): the page existed by then."""
    m = _ARCHIVE_STAMP.search(url or "")
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def reference_day(analysis: Analysis) -> date | None:
    """The date relative expressions resolve against, with a given `published` checked against the page itself.

    The page's own dateline wins; a `published` later than the web-archive crawl of the page, or
    later than the date in its URL, is an archive or crawl date, not the publication date: then the
    URL date, else the date inferred for the article, else the crawl day when the given date is at most
    CRAWL_SLACK_DAYS after it (None otherwise: no guessing).
    """
    own = dateline(analysis)
    if own is not None:
        return date.fromisoformat(own.value[:10])
    given = _parse_day(analysis.article.published)
    url_day = date_from_url(analysis.article.url)
    crawled = archive_date(analysis.article.url)
    if given is not None:
        if url_day is not None and url_day < given:
            return url_day
        if crawled is None or given <= crawled:
            return given
        if url_day is not None:
            return url_day
    elif url_day is not None:
        return url_day
    inferred = analysis.published_inferred
    if inferred is not None:
        return _parse_day(inferred.value)
    if given is not None and crawled is not None and (given - crawled).days <= CRAWL_SLACK_DAYS:
        # stamped a day after the copy was crawled (a time zone, a feed's delay): the page was up by the crawl day
        return crawled
    return None


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def dateline(analysis: Analysis) -> InferredDate | None:
    """The date the page states for itself in its lead ("Posted: Tuesday, January 28, 2014", "BAGHDAD, March 3, 2021")."""
    found = _lead_dates(analysis)
    return found[0] if found and found[0].method == "dateline" else None


def infer_published(analysis: Analysis) -> InferredDate | None:
    """The publication date from the article itself, when the input gave none (None if unsupported)."""
    if analysis.article.published:
        return None
    found = _lead_dates(analysis)
    return found[0] if found else None


def _lead_dates(analysis: Analysis) -> list[InferredDate]:
    """Dates the article gives for itself, best first: labelled dateline, URL, first full date of the lead."""
    text = analysis.article.text
    sentences = analysis.sentences
    lead_end = min(len(text), LEAD_CHARS)
    if len(sentences) > LEAD_SENTENCES:
        lead_end = min(lead_end, max(sentences[LEAD_SENTENCES - 1].end, 1))
    lead_end = max(lead_end, min(len(text), 200))
    dates = full_dates(text, 0, lead_end)
    labelled = []
    for start, end, d in dates:
        before = text[max(0, start - 40):start]
        label = None
        for m in _LABEL.finditer(before):
            if not text[max(0, start - 40) + m.end():start].strip(" ,\t") or re.fullmatch(
                r"[A-Za-z]{3,9},?\s*", text[max(0, start - 40) + m.end():start]
            ):
                label = m.group(1).lower()
        line_start = text.rfind("\n", 0, start) + 1
        if label is None and _DATELINE_BEFORE.fullmatch(text, line_start, start):
            label = "dateline"
        if label is not None:
            labelled.append((1 if "updated" in label or label == "modified" else 0, start, end, d))
    out = []
    if labelled:
        _, start, end, d = min(labelled)
        out.append(InferredDate(d.isoformat(), "dateline", (analysis.span(start, end),)))
    url_date = date_from_url(analysis.article.url)
    if url_date is not None:
        out.append(InferredDate(url_date.isoformat(), "url", ()))
    if dates:
        start, end, d = dates[0]
        out.append(InferredDate(d.isoformat(), "text", (analysis.span(start, end),)))
    return out


STAGE = Stage(
    "pubdate",
    requires=("doc", "sentences"),
    assigns=("published_inferred",),
    run=lambda a: a.with_(published_inferred=infer_published(a)),
)
