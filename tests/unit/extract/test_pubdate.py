"""Publication date inferred from a dateline, the lead or the URL, and null when nothing supports it."""

from __future__ import annotations

from newsfuse.extract import pubdate, times
from newsfuse.stages import analyse_text


def _infer(text: str, **kw):
    return analyse_text(text, stages=[pubdate.STAGE, times.STAGE], **kw)


def test_updated_line() -> None:
    a = _infer("Updated: 2017-09-15\nA man was shot on Wednesday.")
    assert a.published_inferred.value == "2017-09-15"
    assert a.published_inferred.method == "dateline"
    assert a.published_inferred.evidence[0].text == "2017-09-15"
    assert {t.span.text: t.value for t in a.times}["Wednesday"] == "2017-09-13"


def test_posted_line_prefers_posted_over_updated() -> None:
    a = _infer("Posted: Tuesday, January 28, 2014 8:18 PM EST Updated: Friday, February 28, 2014\n\nA teen was shot.")
    assert a.published_inferred.value == "2014-01-28"


def test_url_date() -> None:
    a = _infer("A man was shot Wednesday.", url="https://example.com/news/2017/09/15/shooting.html")
    assert a.published_inferred.value == "2017-09-15"
    assert a.published_inferred.method == "url"
    assert a.published_inferred.evidence == ()
    assert pubdate.date_from_url("https://x.org/2017-09/15/a").isoformat() == "2017-09-15"


def test_full_date_in_first_sentence() -> None:
    a = _infer("Ten rockets struck the base on March 3, 2021, officials said.")
    assert a.published_inferred.value == "2021-03-03"
    assert a.published_inferred.method == "text"


def test_nothing_supports_a_date() -> None:
    assert _infer("A man was shot Wednesday.").published_inferred is None


def test_given_published_is_kept() -> None:
    assert _infer("Updated: 2017-09-15\nText.", published="2017-09-16").published_inferred is None


def test_published_after_the_archive_copy_is_not_the_publication_date() -> None:
    url = "http://web.archive.org/web/20141012222957/http://www.example.com/news/baby-shot"
    a = _infer("A boy was shot Thursday.", published="2016-08-15", url=url)
    assert pubdate.archive_date(url).isoformat() == "2014-10-12"
    assert pubdate.reference_day(a) is None  # contradicted, and nothing else dates it
    assert {t.span.text: t.value for t in a.times}["Thursday"] is None


def test_url_date_earlier_than_published_wins() -> None:
    url = "http://web.archive.org/web/20150101000000/http://example.com/2014/05/10/shooting.html"
    a = _infer("A man was shot Friday.", published="2014-06-02", url=url)
    assert pubdate.reference_day(a).isoformat() == "2014-05-10"
    assert {t.span.text: t.value for t in a.times}["Friday"] == "2014-05-09"


def test_one_digit_day_must_end_a_url_segment() -> None:
    assert pubdate.date_from_url("http://x.com/news/2014/06/5_people_shot") is None
    assert pubdate.date_from_url("http://x.com/2014/3/4/a").isoformat() == "2014-03-04"


def test_created_line_is_a_dateline() -> None:
    a = _infer("Updated: 01/26/2015 10:24 PM Created: 01/25/2015 1:24 PM\nA boy was found at 11:07 a.m. Sunday.",
               published="2017-01-29", url="http://web.archive.org/web/20150128225228/http://example.com/story.shtml")
    assert pubdate.reference_day(a).isoformat() == "2015-01-25"
    assert {t.span.text: t.value for t in a.times}["11:07 a.m. Sunday"] == "2015-01-25T11:07"


def test_full_date_with_comma_and_no_space() -> None:
    assert pubdate.full_dates("Sam died Feb. 21,2015.")[0][2].isoformat() == "2015-02-21"


def test_dateline_with_the_state_and_the_date_in_brackets() -> None:
    url = "http://web.archive.org/web/20161008222202/http://scmpd.org:80/metro-investigates-shooting/"
    a = _infer("SAVANNAH, GA (December 2, 2015): Detectives are investigating a shooting early Wednesday morning.",
               published="2017-01-10", url=url)
    assert pubdate.reference_day(a).isoformat() == "2015-12-02"
    assert {t.span.text: t.value for t in a.times}["early Wednesday morning"].startswith("2015-12-02")


def test_published_a_day_after_the_archive_copy_takes_the_crawl_day() -> None:
    url = "http://web.archive.org/web/20161102164334/http://www.example.com/content/news/bodies-found.html"
    a = _infer("Two bodies were discovered on Halloween night.", published="2016-11-03", url=url)
    assert pubdate.reference_day(a).isoformat() == "2016-11-02"
    assert {t.span.text: t.value for t in a.times}["Halloween night"] == "2016-10-31TNI"


def test_full_dates_need_a_year_and_keep_their_offsets() -> None:
    assert pubdate.full_dates("Posted Tuesday, January 28 at 8:18 PM. A man was shot on 1/28.") == []
    text = "A man was shot Jan. 28. Posted: January 28, 2014; updated 2014-01-29 and 1/30/2014."
    found = pubdate.full_dates(text)
    assert [d.isoformat() for _, _, d in found] == ["2014-01-28", "2014-01-29", "2014-01-30"]
    assert [text[s:e] for s, e, _ in found] == ["January 28, 2014", "2014-01-29", "1/30/2014"]
    assert pubdate.full_dates(text, 0, 30) == []  # the year falls outside the range searched
