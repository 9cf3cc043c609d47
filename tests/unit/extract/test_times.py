"""Time expressions: news-tense weekdays, relative months, clock times with zones, spans that cannot lie."""

from __future__ import annotations

from datetime import date

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


def _value(text: str, span: str, published: str = "1989-11-01") -> str | None:
    return _times(text, published=published)[span].value


def test_years_seasons_and_halves_spelled_or_written() -> None:
    assert _value("The year two thousand will come.", "The year two thousand") == "2000"
    assert _value("The winter of nineteen ninety-four was cold.", "The winter of nineteen ninety-four") == "1994-WI"
    assert _value("This past spring it rained.", "This past spring") == "1989-SP"
    assert _value("Last spring it rained.", "Last spring") == "1988-SP"
    assert _value("Sales in the first half of 1989 rose.", "the first half of 1989") == "1989-H1"
    assert _value("Profit for the current fiscal year rose.", "the current fiscal year") == "1989"


def test_spelled_out_ordinal_day() -> None:
    t = _times("Voters go to the polls this coming Sunday, March eighth.", published="1998-03-05")
    assert t["this coming Sunday, March eighth"].value == "1998-03-08"


def test_durations_with_halves_kinds_of_day_and_quarters() -> None:
    assert _value("It took a minute and a half.", "a minute and a half") == "PT1M30S"
    assert _value("It lasted two and a half hours.", "two and a half hours") == "PT2H30M"
    assert _value("Prices rose for eight trading days.", "eight trading days") == "P8D"
    assert _value("Sales grew over the next couple of years.", "the next couple of years") == "P2Y"
    assert _value("It lost money in the past two quarters.", "the past two quarters") == "P2Q"
    assert _value("Sales in the first nine months of the year rose.", "the first nine months of the year") == "P9M"
    assert _value("These days, he said, no one cares.", "These days") == "PRESENT_REF"


def test_sets() -> None:
    t = _times("They meet each Thursday and every July, and play on Tuesday nights.", published="1989-11-01")
    assert t["each Thursday"].value == "XXXX-WXX-4" and t["each Thursday"].kind == "set"
    assert t["every July"].value == "XXXX-07"
    assert t["Tuesday nights"].value == "XXXX-WXX-2TNI"


def test_past_perfect_plan_and_dates_of_nouns_look_back() -> None:
    # a deadline that "had been due" is over; "are investigating Sunday's shooting" is about a past Sunday
    assert _value("The offer had been due to expire Friday evening.", "Friday evening") == "1989-10-27TEV"
    assert _value("Police are investigating Sunday's shooting.", "Sunday") == "1989-10-29"
    assert _value("The trial will begin Friday.", "Friday") == "1989-11-03"


def test_page_stamps_are_marked() -> None:
    t = _times("Posted: Tuesday, January 20, 2015 10:49 AM EST\nBy Dwayne Bremer Nov 22, 2014, 00:10\n"
               "A boy was shot on Aug. 24, 2013, police said.", published="2015-01-20")
    assert t["Tuesday, January 20, 2015"].attached == "stamp"
    assert t["10:49 AM EST"].attached == "stamp"
    assert t["Nov 22, 2014"].attached == "stamp" and t["00:10"].attached == "stamp"
    assert t["Aug. 24, 2013"].attached == "event"


def test_full_dates_with_a_space_before_the_comma_resolve_without_a_publication_date() -> None:
    # tokenised corpora (ECB+) write "November 12 , 2011"; the date needs no reference date
    assert _value("The quake struck on November 12 , 2011 near the coast.", "November 12 , 2011", None) == "2011-11-12"
    assert _value("It happened December 15th , 2008.", "December 15th , 2008", None) == "2008-12-15"


def test_embedded_tweet_dates_are_stamps() -> None:
    t = _times("Police are at the scene of a shooting on Mohawk Street.\n"
               "— SCMPD (@scmpd) March 1, 2017\nThe man was shot on Feb. 28, 2017, police said.", published="2017-03-01")
    assert t["March 1, 2017"].attached == "stamp"
    assert t["Feb. 28, 2017"].attached != "stamp"


def test_not_times_video_lengths_and_ages() -> None:
    t = _times("1:48 Fresno zoo's baby rhino plays. A man in his 20s was shot at 14:40 PDT, nowhere near the park.")
    assert "1:48" not in t and not any("20s" in k for k in t) and not any(k.lower() == "now" for k in t)
    assert t["14:40 PDT"].value == "2021-03-04T14:40"


def test_written_dates_without_space_or_with_abbreviated_june() -> None:
    assert _value("Sam died Feb. 21,2015 at home.", "Feb. 21,2015", "2015-03-05") == "2015-02-21"
    assert _value("It was posted Jun. 15, 2015.", "Jun. 15, 2015", "2015-06-16") == "2015-06-15"


def test_word_scanner_finds_what_the_pattern_finds() -> None:
    text = ("Last week talks failed; earlier this month two were killed, and in mid-February a third. On Sunday, "
            "March 3, 2021 at 7:20 p.m. ET, three days ago, the '90s, the first quarter, a few weeks later, "
            "midmorning Tuesday, 12/03/2020 and 2021-03-03T07:20, every day, this past weekend, overnight.")
    assert [m.span() for m in times._recognised(text)] == [m.span() for m in times.RECOGNISER.finditer(text)]


def test_extract_does_not_import_fusion() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(times.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not any(m and m.startswith("newsfuse.fuse") for m in imported)


def test_offset_from_another_happening_is_a_duration() -> None:
    t = _times("The attack came two days before Pope Francis is due to arrive in Iraq.")
    assert t["two days before"].value == "P2D"
    assert t["two days before"].kind == "duration"
    t = _times("He was arrested three days later.")
    assert t["three days later"].value == "2021-03-07"


def test_offset_of_unknown_length() -> None:
    from newsfuse.extract.times import _offset_duration

    assert _offset_duration("a few hours before") == "PTXH"
    assert _offset_duration("a few days after") == "PXD"
    assert _offset_duration("two weeks before") == "P2W"


def test_holidays_named_as_days() -> None:
    assert _value("A man was shot on Christmas Eve in the city.", "Christmas Eve", "2014-12-26") == "2014-12-24"
    assert _value("A teen was shot Thanksgiving night, police said.", "Thanksgiving night", "2015-11-27") == "2015-11-26TNI"
    assert _value("Two were hurt by gunfire on Easter.", "Easter", "2016-03-29") == "2016-03-27"
    assert _value("He was killed on New Year's Day 2013.", "New Year's Day 2013", "2016-05-02") == "2013-01-01"
    assert _value("Shots rang out on the Fourth of July.", "the Fourth of July", "2016-07-06") == "2016-07-04"
    # the latest one unless the clause looks ahead
    assert _value("The parade will be held on Memorial Day.", "Memorial Day", "2016-05-02") == "2016-05-30"


def test_holiday_names_that_date_nothing() -> None:
    # a bare name not after "on" ("Christmas gifts"), a stretch ("the Memorial Day weekend") and a gathering that runs
    # past midnight ("a New Year's Eve party") are not the day something happened
    t = _times("He bought Christmas gifts. A New Year's Eve party ended in gunfire. "
               "Three were shot over the Memorial Day weekend.", published="2016-01-02")
    assert not any(v.value and v.value.startswith("2015-12") for v in t.values())
    assert "Christmas" not in t
    assert t.get("New Year's Eve") is None or t["New Year's Eve"].value is None


def test_holiday_dates() -> None:
    from newsfuse.extract.times import holiday_date

    assert [holiday_date("Easter", y).isoformat() for y in (2013, 2014, 2016, 2019)] == [
        "2013-03-31", "2014-04-20", "2016-03-27", "2019-04-21"]
    assert holiday_date("Thanksgiving", 2014).isoformat() == "2014-11-27"
    assert holiday_date("Black Friday", 2014).isoformat() == "2014-11-28"
    assert holiday_date("Memorial Day", 2015).isoformat() == "2015-05-25"
    assert holiday_date("Labor Day", 2016).isoformat() == "2016-09-05"
    assert holiday_date("Martin Luther King Jr. Day", 2017).isoformat() == "2017-01-16"
    assert holiday_date("Mother’s Day", 2016).isoformat() == "2016-05-08"
    assert holiday_date("Arbor Day", 2016) is None


def test_update_lines_are_stamps() -> None:
    t = _times("UPDATE (10/26/16): Early this morning gunfire hit a house.\n\n"
               "UPDATE @ 11:03 p.m. (Sept. 7): The mother spoke.\n\nUpdate, 9:45 a.m. Sunday: A teen was arrested.",
               published="2016-10-27")
    assert t["10/26/16"].attached == "stamp"
    assert t["11:03 p.m."].attached == "stamp" and t["Sept. 7"].attached == "stamp"
    assert t["9:45 a.m. Sunday"].attached == "stamp"
    assert t["Early this morning"].attached != "stamp"


def test_part_of_day_of_a_date_is_one_expression() -> None:
    t = _times("A shooting broke out at the apartments on the evening of September 18.", published="2013-11-05")
    assert t["the evening of September 18"].value == "2013-09-18TEV"
    assert "the evening" not in t


def test_verdicts_and_bookings_are_reports() -> None:
    t = _times("Berry was found guilty on Feb. 19. He was found shot on Monday. He was booked Friday.",
               published="2014-03-31")
    assert t["Feb. 19"].attached == "report"
    assert t["Monday"].attached == "event"
    assert t["Friday"].attached == "report"


def test_death_and_ambush_are_happenings() -> None:
    t = _times("The lawsuit claims the owners were negligent in her death on Aug. 25, 2014. The Dec. 6 ambush left two "
               "dead.", published="2016-08-25")
    assert t["Aug. 25, 2014"].attached == "event"
    assert t["Dec. 6"].attached == "event_noun"


def test_future_in_reported_speech() -> None:
    from newsfuse.extract import pubdate
    from newsfuse.stages import analyse_text as _analyse

    a = _analyse("Officials said the bridge would reopen on Thursday.", published="2021-03-03",
                 stages=[pubdate.STAGE, times.STAGE])
    assert [t.value for t in a.times if t.span.text == "Thursday"] == ["2021-03-04"]
    b = _analyse("Police said the man would have turned 30 on Friday.", published="2021-03-03",
                 stages=[pubdate.STAGE, times.STAGE])
    assert [t.value for t in b.times if t.span.text == "Friday"] == ["2021-02-26"]


def test_weekday_written_with_a_month_and_day_picks_the_year_it_fits() -> None:
    # 12 April is a Saturday in 2014, not in 2013: on a January 2014 page "Saturday April 12" is the coming one
    t = _times("The fire hall will host a fundraiser on Saturday April 12.", published="2014-01-13")
    assert t["Saturday April 12"].value == "2014-04-12"
    # in the simple past a wrong weekday does not move the day after the page (review: a past event put in the future)
    t = _times("The fundraiser was held on Saturday, July 12, and raised $4,000.", published="2014-01-13")
    assert t["Saturday, July 12"].value == "2013-07-12"
    # with no weekday the nearest year stands; a weekday that fits only a year away is the writer's slip
    assert _times("It was held April 12 at the fire hall.", published="2014-01-13")["April 12"].value == "2013-04-12"
    t = _times("The shooting happened at 10:00 a.m. on Wednesday, November 11.", published="2016-11-23")
    assert next(v.value for k, v in t.items() if "November 11" in k).startswith("2016-11-11")


def test_a_day_something_was_postponed_to_lies_ahead_of_the_past_tense() -> None:
    t = _times("The trial was postponed to Saturday, July 10, the court said.", published="2021-03-01")
    assert t["Saturday, July 10"].value == "2021-07-10"


def test_clock_beside_a_part_of_day_takes_its_day() -> None:
    t = _times("The teen was shot Friday night at 11 p.m. outside a club.", published="2021-03-08")
    assert t["11 p.m."].value == "2021-03-05T23:00"
    t = _times("Officers were called Tuesday evening at 6 p.m. to the house.", published="2021-03-08")
    assert t["6 p.m."].value == "2021-03-02T18:00"


def test_clock_beside_a_day_with_several_joining_words() -> None:
    t = _times("Officers were called Tuesday, at about 6 p.m., to the house.", published="2021-03-08")
    assert t["6 p.m."].value == "2021-03-02T18:00"


def test_small_hours_after_a_night_are_the_next_day() -> None:
    t = _times("The teen was shot Friday night at 2:45 a.m. outside a club.", published="2021-03-08")
    assert t["Friday night"].value == "2021-03-05TNI"
    assert t["2:45 a.m."].value == "2021-03-06T02:45"
    assert times.resolve("Saturday night at 1 a.m.", times.Context(date(2021, 3, 8))).value == "2021-03-07T01:00"
    assert times.resolve("late Friday at 12:30 a.m.", times.Context(date(2021, 3, 8))).value == "2021-03-06T00:30"
    # a clock before the day it names, an afternoon, a clock before midnight: the day named
    assert times.resolve("2 a.m. Friday", times.Context(date(2021, 3, 8))).value == "2021-03-05T02:00"
    assert times.resolve("late Friday afternoon at 1 p.m.", times.Context(date(2021, 3, 8))).value == "2021-03-05T13:00"
    assert times.resolve("Friday night at 11:30 p.m.", times.Context(date(2021, 3, 8))).value == "2021-03-05T23:30"


def test_small_hours_before_or_after_a_night_are_the_next_day() -> None:
    t = _times("A man was shot at 2 a.m. last night outside a bar, police said.", published="2021-03-08")
    assert t["2 a.m."].value == "2021-03-08T02:00"
    t = _times("A man was shot overnight Friday at 2 a.m. outside a club.", published="2021-03-08")
    assert t["2 a.m."].value == "2021-03-06T02:00"
    # "overnight" alone is the reference day's own night: its small hours stay on the reference day
    assert times.resolve("overnight at 2 a.m.", times.Context(date(2021, 3, 8))).value == "2021-03-08T02:00"


def test_midnight_after_a_night_is_the_next_day() -> None:
    t = _times("The man was shot Friday night at midnight outside a club.", published="2021-03-08")
    assert t["midnight"].value == "2021-03-06T00:00"
    assert times.resolve("Friday night at midnight", times.Context(date(2021, 3, 8))).value == "2021-03-06T00:00"
    assert times.resolve("Friday night at 12 a.m.", times.Context(date(2021, 3, 8))).value == "2021-03-06T00:00"
    assert times.resolve("Friday at midnight", times.Context(date(2021, 3, 8))).value == "2021-03-05T00:00"
    # just before midnight is still the night's own day
    t = _times("Four people were shot just before midnight Friday night in Northeast.", published="2021-03-08")
    assert t["just before midnight Friday night"].value == "2021-03-05T00:00"
    t = _times("Four people were shot Friday night just before midnight in Northeast.", published="2021-03-08")
    assert next(v.value for k, v in t.items() if "midnight" in k) == "2021-03-05T00:00"
    assert not times._after_midnight("Friday night", "midnight", lead="just before ")
    assert times._after_midnight("Friday night", "midnight", lead="shortly after ")


def test_a_night_never_moves_a_clock_past_the_reference_day() -> None:
    ctx = times.Context(date(2021, 3, 8))
    assert times.resolve("last night at 2 a.m.", ctx).value == "2021-03-08T02:00"
    assert times.resolve("late last night at 1:30 a.m.", ctx).value == "2021-03-08T01:30"
    # a bare clock on the reference day is not moved by a night word of its own span
    assert times.resolve("late at night at 2 a.m.", ctx).value == "2021-03-08T02:00"


def test_a_clock_between_two_days_takes_the_closer_one() -> None:
    t = _times("He was released Monday, at around 11 p.m. (Sunday) the shooting began.", published="2021-03-09")
    assert t["11 p.m."].value == "2021-03-07T23:00"
    t = _times("Officers were called Tuesday, at about 6 p.m., to the house.", published="2021-03-08")
    assert t["6 p.m."].value == "2021-03-02T18:00"


def test_joining_words_between_a_day_and_its_clock_are_separated() -> None:
    assert times._NEAR_GAP.fullmatch(", at about ")
    assert times._NEAR_GAP.fullmatch(" (")
    assert times._NEAR_GAP.fullmatch(" atabout ") is None
    assert times._NEAR_GAP.fullmatch(" shortlyafter ") is None


def test_a_day_before_a_when_clause_of_the_happening_dates_the_happening() -> None:
    text = "Her family had been calling for help early Sunday when shots were fired at the woman's home."
    assert _times(text, published="2016-08-03")["early Sunday"].attached == "event"
    text = "Her family had been calling for help early Sunday when the power went out at the woman's home."
    assert _times(text, published="2016-08-03")["early Sunday"].attached != "event"
    for text in ("He was walking home early Sunday when gunshots rang out.",
                 "Neighbors called 911 early Sunday when a gunman opened fire."):
        assert _times(text, published="2021-03-08")["early Sunday"].attached == "event", text
    assert _times("Neighbors called 911 early Sunday when they heard a noise.",
                  published="2021-03-08")["early Sunday"].attached != "event"
    # asked about it, or a verb further on: the day keeps what its own verb says
    for text in ("Police said Sunday, when asked about the shooting, that no arrest had been made.",
                 "Police were searching Sunday when asked about the shooting.",
                 "He was charged Sunday, when prosecutors said he fired six shots."):
        assert _times(text, published="2021-03-08")["Sunday"].attached != "event", text


def test_headline_times_read_weekdays_and_holidays_in_news_tense() -> None:
    ref = date(2017, 1, 3)  # a Tuesday
    for title, expected in (("Police ID man who died in Wednesday quintuple shooting", [("Wednesday", "2016-12-28")]),
                            ("Police investigating Franklin Co. New Year's Eve shooting",
                             [("New Year's Eve", "2016-12-31")])):
        assert [(title[s:e], r.value) for s, e, r in times.headline_times(title, ref)] == expected
    # a holiday naming a stretch or a gathering names no day
    assert times.headline_times("8 killed, 46 wounded in Labor Day weekend shootings", ref) == []


def test_headline_holiday_takes_the_place_of_the_weekday_it_holds() -> None:
    ref = date(2021, 12, 8)
    assert [("Black Friday", "2021-11-26")] == \
        [("Black Friday shooting"[s:e], r.value) for s, e, r in times.headline_times("Black Friday shooting", ref)]
    title = "Good Friday agreement anniversary marked by shooting"
    assert not any(title[s:e] == "Friday" for s, e, _ in times.headline_times(title, ref))


def test_headline_weekday_in_a_name_is_no_day() -> None:
    ref = date(2021, 12, 8)
    for title in ("Sunday school teacher shot in home", "Man killed in Sunday Times reporter's street",
                  "Friday Night Lights star shot", "Cyber Monday shooting", "Super Tuesday shooting"):
        assert times.headline_times(title, ref) == [], title
    assert [r.value for _, _, r in times.headline_times("Mother of three shot Sunday", ref)] == ["2021-12-05"]
    assert [r.value for _, _, r in times.headline_times("Bloody Sunday: 8 injured in two shootings", ref)] == ["2021-12-05"]


def test_headline_holiday_ahead_of_the_page_is_last_years() -> None:
    assert [r.value for _, _, r in times.headline_times("Christmas Eve shooting", date(2021, 12, 8))] == ["2020-12-24"]
    assert [r.value for _, _, r in times.headline_times("Thanksgiving Day shooting", date(2021, 12, 8))] == ["2021-11-25"]
    # within a day ahead (time zones, a late stamp) it stays
    assert [r.value for _, _, r in times.headline_times("Christmas Eve shooting", date(2021, 12, 23))] == ["2021-12-24"]
