"""Event date: the event's place on round-up pages, court days, clock times "the day before", reported dates of the
happening, and the helpers fuse.timeline shares with fuse.when."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from newsfuse.extract import pubdate, times
from newsfuse.fuse import when
from newsfuse.fuse.when import clip_lines, event_date, ordered_starts, period_start, sentence_of
from newsfuse.model import Place
from newsfuse.stages import analyse_text

STAGES = [pubdate.STAGE, times.STAGE]

# Three Kentucky towns, 20 to 70 km apart (points rounded)
TOWNS = {
    "Frankfort": ("geonames:4292188", "Franklin County", 38.20, -84.87),
    "Lawrenceburg": ("geonames:4297581", "Anderson County", 38.04, -84.90),
    "Owingsville": ("geonames:4303441", "Bath County", 38.14, -83.76),
    "Lexington": ("geonames:4297983", "Fayette County", 38.05, -84.46),
}
FRANKFORT = {"name": "Frankfort", "admin1": "Kentucky", "admin2": "Franklin County", "country_code": "US",
             "lat": 38.20, "lon": -84.87, "precision": "city", "gazetteer_id": "geonames:4292188"}


def _a(text: str, article_id: str = "a", published: str | None = "2014-12-26"):
    return analyse_text(text, published=published, article_id=article_id, stages=STAGES)


def _with_towns(a):
    """The analysis with each known town's mentions as resolved places (what the places stage gives)."""
    found = []
    for name, (gid, county, lat, lon) in TOWNS.items():
        start = a.article.text.find(name)
        while start >= 0:
            found.append(Place(span=a.span(start, start + len(name)), name=name, gazetteer_id=gid, lat=lat, lon=lon,
                               country_code="US", admin1="Kentucky", admin2=county, precision="city"))
            start = a.article.text.find(name, start + 1)
    return a.with_(places=tuple(sorted(found, key=lambda p: p.span.start)))


ROUNDUP = ("Police confirmed one man was shot Sunday night in Lawrenceburg after an argument. "
           "A man was airlifted after a motorcycle crash Sunday afternoon in Owingsville. "
           "A teen was accidentally shot and killed Thursday night during a gathering in Frankfort.")


def test_on_a_round_up_page_the_date_told_of_the_event_town_wins() -> None:
    a = _with_towns(_a(ROUNDUP))
    assert event_date([a])["value"] == "2014-12-21"  # without the place, the lead's Sunday
    assert event_date([a], location=FRANKFORT)["value"] == "2014-12-25"


def test_one_other_town_is_no_round_up() -> None:
    # a single other town (where the victim lived, where the suspect was caught) says nothing of which happening a
    # date tells: the candidates stay as they are
    a = _with_towns(_a("A Lexington teen was shot Sunday night at a party, police said. "
                       "The shooting in Frankfort is under investigation."))
    cands = when._candidates(a)
    assert when._placed(a, cands, FRANKFORT) == cands
    b = _with_towns(_a(ROUNDUP))
    assert when._placed(b, when._candidates(b), FRANKFORT) != when._candidates(b)


def test_other_town_dates_weigh_less_but_stay_candidates() -> None:
    a = _with_towns(_a(ROUNDUP))
    plain = {c[3].span.text: c[2] for c in when._candidates(a)}
    placed = {c[3].span.text: c[2] for c in when._placed(a, when._candidates(a), FRANKFORT)}
    assert placed["Sunday night"] == plain["Sunday night"] * when.OTHER_PLACE_WEIGHT
    assert placed["Thursday night"] == plain["Thursday night"]


def test_a_court_day_weighs_less_than_the_day_of_the_shooting() -> None:
    a = _a("Howard sniffled back tears Friday afternoon after he entered the county magistrate court. "
           "He wore a gray shirt. His lawyer stood beside him. The room was full. Relatives sat in the back. "
           "Nobody spoke. The lights were dim. A clerk read the names. "
           "The mother told investigators the gun went off shortly after 3 p.m. Thursday.", published="2015-05-01")
    weights = {c[3].span.text: c[2] for c in when._candidates(a)}
    assert weights["Friday afternoon"] < weights["3 p.m. Thursday"]
    assert event_date([a])["value"] == "2015-04-30"


def test_a_clock_time_the_day_before_is_on_the_day_before() -> None:
    a = _a("Two teens were charged in the death of a boy. The boy was pronounced dead Saturday morning at the "
           "hospital. Police said he had been shot about 1:25 p.m. the day before.", published="2016-08-08")
    days = {c[3].span.text: c[0].isoformat() for c in when._candidates(a)}
    assert days["1:25 p.m."] == "2016-08-05"


def test_a_written_date_of_the_happening_hung_on_a_report_verb_is_not_discounted() -> None:
    # "charged ... and is accused of killing ... on Jan. 26": the parse may hang the date on "charged"
    a = _a("Johnson pleaded not guilty at his arraignment Monday. He has been charged with murder and is accused "
           "of killing Ernest Edwards at a bar on Jan. 26. His widow said Monday it is devastating.",
           published="2013-03-18")
    a = a.with_(times=tuple(replace(t, attached="report") for t in a.times))
    weights = {c[3].span.text: c[2] for c in when._candidates(a)}
    assert weights["Jan. 26"] > 5 * max(w for t, w in weights.items() if t != "Jan. 26")
    assert event_date([a])["value"] == "2013-01-26"
    # a month and day hung on a report verb a day or two before the report is when it was said
    b = _a("The man killed in the shooting was identified, police said on March 16.", published="2013-03-18")
    b = b.with_(times=tuple(replace(t, attached="report") for t in b.times))
    assert [round(c[2], 6) for c in when._candidates(b)] == [round(when.REPORTING_WEIGHT * when.RECENT_PAST_WEIGHT, 6)]


def test_shared_helpers() -> None:
    assert period_start("2021-03-03T07:20") == (date(2021, 3, 3), 0)
    assert period_start("2021-W09") == (date(2021, 3, 1), 1)
    assert period_start("2021-03") == (date(2021, 3, 1), 2)
    assert period_start("2021") == (date(2021, 1, 1), 3)
    assert period_start("P3D") is None
    a = _a("A man was shot Tuesday. Police said Wednesday the gunman fled.")
    body = a.body_sentences()
    starts = ordered_starts(body)
    assert starts == [s.start for s in body]
    wednesday = next(t for t in a.times if t.span.text == "Wednesday")
    assert sentence_of(body, wednesday, starts) == sentence_of(body, wednesday) == (1, body[1])
    text = "Story\n1:42 Crash closes I-95\n0:33 Festival in the park\n"
    assert [text[s:e] for s, e in clip_lines(text)] == ["1:42 Crash closes I-95", "0:33 Festival in the park"]
    assert clip_lines("14:05 The governor declared an emergency.\n15:10 Schools closed.\n") == []


def test_court_words_are_read_as_courts_and_custody_only():
    from newsfuse.fuse.when import _COURT

    for text in ("met at the food court on Saturday", "on Court Street Monday", "charged at officers Monday",
                 "police charged protesters Sunday", "died in police custody Sunday"):
        assert not _COURT.search(text), text
    for text in ("entered Bibb County Magistrate Court Friday", "was denied bond Thursday", "was charged Friday",
                 "charged with murder", "was taken into custody Friday"):
        assert _COURT.search(text), text


def test_the_day_before_something_else_moves_no_clock_time():
    from newsfuse.fuse.when import _DAY_BEFORE_AFTER

    assert _DAY_BEFORE_AFTER.match(" the day before.") and _DAY_BEFORE_AFTER.match(" the night before, police said")
    assert not _DAY_BEFORE_AFTER.match(" the night before Thanksgiving")
    assert not _DAY_BEFORE_AFTER.match(" the day before he died")


def test_a_region_or_a_country_is_no_town_to_weigh_dates_against() -> None:
    """With the event located at a county, a state or a country, the towns a page names are inside it: no round-up."""
    a = _with_towns(_a("A state trooper was shot Thursday night in Lawrenceburg during a traffic stop. He died Friday "
                       "morning at a hospital, police said. Officers from Frankfort and Owingsville joined the search."))
    assert event_date([a])["value"] == "2014-12-25"
    for coarse in ({"name": "Kentucky", "admin1": "Kentucky", "country_code": "US", "precision": "region",
                    "lat": 37.5, "lon": -85.3, "gazetteer_id": "iso:US-KY"},
                   {"name": "United States", "country_code": "US", "precision": "country", "gazetteer_id": "iso:US"}):
        assert event_date([a], location=coarse)["value"] == event_date([a])["value"]


def test_charges_and_custody_told_many_ways_are_court_words():
    from newsfuse.fuse.when import _COURT, _DAY_BEFORE_AFTER

    for text in ("arrested and charged Friday with first-degree murder", "Police charged him Thursday with murder",
                 "The suspect is now in custody", "was placed in custody Monday", "Police took him into custody"):
        assert _COURT.search(text), text
    for text in (" the night before — around 11 p.m.", " the day before around 1:25 p.m.", " the day before\n\nPolice"):
        assert _DAY_BEFORE_AFTER.match(text), text
