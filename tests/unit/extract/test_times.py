"""Time expressions: news-tense weekdays, relative months, clock times with zones, spans that cannot lie."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import pubdate, times
from newsfuse.model import Place
from newsfuse.stages import analyse_text

STAGES = [pubdate.STAGE, times.STAGE]


def _times(text: str, published: str | None = "2021-03-04", **kw):
    return {t.span.text: t for t in analyse_text(text, published=published, stages=STAGES, **kw).times}


def test_bare_weekday_is_latest_past_one() -> None:
    t = _times("Rockets hit the base on Wednesday, officials said.")
    assert t["Wednesday"].value == "2021-03-03"
    assert t["Wednesday"].precision == "day"


def test_weekday_in_forward_looking_clause_is_next_one() -> None:
    t = _times("The trial will begin on Friday in Baghdad.")
    assert t["Friday"].value == "2021-03-05"
    t = _times("The trial will begin on Monday in Baghdad.")
    assert t["Monday"].value == "2021-03-08"


def test_month_of_last_year() -> None:
    t = _times("The first attack came in January of last year.")
    assert t["January of last year"].value == "2020-01"
    assert t["January of last year"].precision == "month"


def test_relative_expressions() -> None:
    t = _times("Last week talks failed; earlier this month two were killed, and in mid-February a third.")
    assert t["Last week"].value == "2021-W08"
    assert t["earlier this month"].value == "2021-03"
    assert t["mid-February"].value == "2021-02"


def test_absolute_dates_and_durations() -> None:
    t = _times("Talks ran from 3 March 2021 for three days; the summit is on 2021-03-10.")
    assert t["3 March 2021"].value == "2021-03-03"
    assert t["3 March 2021"].anchored is False
    assert t["three days"].value == "P3D" and t["three days"].kind == "duration"
    assert t["2021-03-10"].value == "2021-03-10"


def test_local_time_with_place_timezone_and_gmt() -> None:
    text = "Rockets struck Al Asad Air Base in Iraq on Wednesday at 7.20am local time (4.20am GMT)."
    a = analyse_text(text, published="2021-03-04", stages=[pubdate.STAGE])
    start = text.index("Iraq")
    iraq = Place(a.span(start, start + 4), "Iraq", country_code="IQ", precision="country", timezone="Asia/Baghdad")
    a = times.STAGE.run(a.with_(places=(iraq,)))
    got = {t.span.text: t for t in a.times}
    assert got["7.20am local time"].value == "2021-03-03T07:20"
    assert got["7.20am local time"].tz == "+03:00"
    assert got["4.20am GMT"].value == "2021-03-03T04:20"
    assert got["4.20am GMT"].tz == "+00:00"


def test_local_and_gmt_corroborate_without_place() -> None:
    t = _times("Rockets struck on Wednesday at 7.20am local time (4.20am GMT).")
    assert t["7.20am local time"].tz == "+03:00"


def test_no_reference_date_gives_null_not_a_guess() -> None:
    t = _times("Rockets hit the base on Wednesday and again yesterday.", published=None)
    assert t["Wednesday"].value is None
    assert t["yesterday"].value is None


def test_prices_are_not_clock_times() -> None:
    assert "1.65" not in _times("Shares rose to 1.65 dollars on Tuesday.")


_PIECES = ["Wednesday", " March 3", ", 2021", " last week", " 7.20am", " local time", " (4.20am GMT)", "\r\n", "é\u0301", "😀", " ", "-"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), max_size=25).map("".join))
def test_spans_are_exact_on_arbitrary_text(text: str) -> None:
    a = analyse_text(text or " ", published="2021-03-04", stages=STAGES)
    for t in a.times:
        assert a.article.text[t.span.start:t.span.end] == t.span.text


def test_last_month_name_is_the_latest_one_before_the_reference() -> None:
    t = _times("Sales fell last June and rose last December.", published="1989-11-02")
    assert t["last June"].value == "1989-06"
    assert t["last December"].value == "1988-12"


def test_unquantified_stretches_are_vague_references() -> None:
    t = _times("Prices rose in recent years and may fall in coming months.")
    assert t["recent years"].value == "PAST_REF"
    assert t["coming months"].value == "FUTURE_REF"


def test_month_in_past_clause_is_behind_the_reference() -> None:
    t = _times("Since KKR bought RJR in February for $25 billion, it has sold assets.", published="1989-10-30")
    assert t["February"].value == "1989-02"
    t = _times("The index stayed within 70 points of its record high set on Aug. 6.", published="1998-02-06")
    assert t["Aug. 6"].value == "1997-08-06"


def test_quarters_named_with_their_year() -> None:
    t = _times("Profit in this year's third quarter rose, while the year-ago quarter had a loss.", published="1989-11-01")
    assert t["this year's third quarter"].value == "1989-Q3"
    assert t["year-ago quarter"].value == "1988-Q3"


def test_fiscal_year_ended_and_fractional_durations() -> None:
    t = _times("Revenue for the year ended March 31 rose. He served 2 1/2 years. Prices rose in recent months.",
               published="1989-11-01")
    assert t["the year"].value == "P1Y" and t["the year"].kind == "duration"
    assert t["2 1/2 years"].value == "P2Y6M"
    assert t["recent months"].value == "PXM"
