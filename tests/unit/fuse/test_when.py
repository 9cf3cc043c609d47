"""Event date voted across articles, timeline items, and publication dates inferred across articles."""

from __future__ import annotations

from datetime import date

import jsonschema

from newsfuse.extract import pubdate, times
from newsfuse.fuse.timeline import timeline
from newsfuse.fuse.when import _headline_candidates, event_date, infer_published_across, with_inferred
from newsfuse.stages import analyse_text
from newsfuse.store.records import all_spans
from newsfuse.store.schema import event_schema

STAGES = [pubdate.STAGE, times.STAGE]


def _a(text: str, article_id: str, published: str | None = "2021-03-04"):
    return analyse_text(text, published=published, article_id=article_id, stages=STAGES)


def test_main_happening_beats_background_dates() -> None:
    a = _a("Rockets hit Al Asad air base on Wednesday at 7.20am local time (4.20am GMT). "
           "Last January, a similar attack killed two. The base was also attacked a year ago.", "a")
    b = _a("Ten rockets struck the base on March 3, 2021, officials said on Thursday.", "b")
    d = event_date([a, b])
    assert d["value"] == "2021-03-03"
    assert d["precision"] == "day"
    assert d["time"] == "07:20" and d["tz"] == "+03:00"
    assert all(e["text"] == a.article.text[e["start"]:e["end"]] or e["text"] == b.article.text[e["start"]:e["end"]] for e in d["evidence"])


def test_month_precision_when_no_day() -> None:
    d = event_date([_a("Protests spread across the city in February.", "a")])
    assert d["value"] == "2021-02-01" and d["precision"] == "month"


def test_no_times_falls_back_to_publication_week() -> None:
    d = event_date([_a("Protesters gathered in the square.", "a")])
    assert d["value"] == "2021-03-04" and d["precision"] == "week" and d["evidence"] == []


def test_timeline_sorted_with_background_events() -> None:
    items = timeline([_a("Rockets hit the base on Wednesday. Last January, a similar attack killed two.", "a")])
    assert [i["date"] for i in items] == ["2021-01-01", "2021-03-03"]
    assert items[0]["precision"] == "month"


def test_cross_article_publication_date() -> None:
    a = _a("Ten rockets struck the base on March 3, 2021.", "a")
    c = _a("The attack on Wednesday damaged hangars.", "c", published=None)
    inferred = infer_published_across([a, c])
    assert inferred["c"].method == "cross-article"
    assert inferred["c"].evidence[0].text == "Wednesday"
    resolved = with_inferred([a, c])[1]
    assert {t.span.text: t.value for t in resolved.times}["Wednesday"] == "2021-03-03"


def test_no_cross_article_date_without_agreement() -> None:
    a = _a("Ten rockets struck the base on March 3, 2021.", "a")
    c = _a("The attack on Friday damaged hangars.", "c", published=None)
    assert infer_published_across([a, c]) == {}


def test_event_verb_date_beats_reporting_day() -> None:
    a = _a("Police said Wednesday that a man was shot Monday night on Main Street.", "a")
    assert event_date([a])["value"] == "2021-03-01"


def test_bare_clock_time_takes_the_day_named_before_it() -> None:
    a = _a("Two men were shot on Tuesday night. The shooting happened just after 11 p.m. near the park, "
           "police said. Officers arrived at 11:10 p.m.", "a")
    d = event_date([a])
    assert d["value"] == "2021-03-02"
    assert d["time"] in ("23:00", "23:10")


def test_follow_up_article_weeks_later_does_not_outvote_the_first_reports() -> None:
    a = _a("A man was shot and killed Tuesday on Main Street.", "a", published="2021-03-03")
    late = _a("The suspect was arraigned Monday. He appeared in court Monday and again on Monday afternoon.", "b",
              published="2021-04-20")
    assert event_date([a, late])["value"] == "2021-03-02"


def test_follow_up_months_later_keeps_the_date_of_the_shooting() -> None:
    a = _a("A Toledo man accused in a May 25 shooting that killed one entered Alford pleas today. "
           "Sentencing was set for Monday.", "a", published="2014-11-18")
    assert event_date([a])["value"] == "2014-05-25"


def test_clock_time_is_not_discounted_as_a_report() -> None:
    # "police reported finding..." hangs the clock time on a reporting verb; it still times the happening
    a = _a("Police said Wednesday they are still looking for the gunman. At 6:45 p.m. Monday, police reported "
           "finding the boy wounded in a yard.", "a")
    assert event_date([a])["value"] == "2021-03-01"


def test_page_stamps_are_not_evidence() -> None:
    a = _a("Posted: Thursday, March 4, 2021 10:49 AM EST\nA man was shot Tuesday night on Main Street.", "a")
    d = event_date([a])
    assert d["value"] == "2021-03-02"
    assert all("March 4" not in e["text"] for e in d["evidence"])
    assert [i["date"] for i in timeline([a])] == ["2021-03-02"]


def test_bare_clock_keeps_the_day_named_beside_it() -> None:
    a = _a("A man was arrested Friday evening. Officers were sent to the club shortly before 2 a.m. March 2 "
           "and found two people shot.", "a", published="2021-03-06")
    assert event_date([a])["value"] == "2021-03-02"


def test_written_date_in_an_event_sentence_of_a_follow_up() -> None:
    # a month later: the date written in the sentence about the death is the event, not background
    a = _a("Communities are rallying around the family of a student. Sam Kenser, 15, died Feb. 2, 2021 of a "
           "gunshot wound. Organizers sold shirts at Monday night's game.", "a")
    assert event_date([a])["value"] == "2021-02-02"


def test_weekday_put_in_the_coming_week_of_a_shooting_sentence_is_the_past_one() -> None:
    # "appears" reads as present tense, so the times stage may put "Monday" in the coming week; a sentence about
    # the shooting with nothing about what is to come reports the Monday that has passed.
    a = _a("A drive-by shooting that wounded four teenagers in Brentwood on Monday appears to have been "
           "gang-related, a police captain said.", "a", published="2013-01-22")
    assert event_date([a])["value"] == "2013-01-21"


def test_weekday_ahead_in_a_sentence_about_what_is_to_come_stays_ahead() -> None:
    from newsfuse.fuse.when import _candidates

    a = _a("The man charged in the shooting will appear in court Monday.", "a", published="2013-01-22")
    assert [c[0].isoformat() for c in _candidates(a) if c[3].span.text == "Monday"] == ["2013-01-28"]


def test_one_long_article_does_not_outvote_several_reports() -> None:
    long = _a("A man was shot Friday night on Main Street. He was shot Friday near the store. Police said the "
              "shooting Friday was the third this month. Witnesses heard shots Friday night. The shooting Friday "
              "night left the street closed.", "a", published="2021-03-06")
    short = [_a("A man was shot Saturday on Main Street.", i, published="2021-03-06") for i in ("b", "c")]
    assert event_date([long, *short])["value"] == "2021-03-06"


def test_month_and_day_of_the_shooting_in_a_late_follow_up() -> None:
    a = _a("Kelso and Lum were shot and killed when someone burst into her home in Bremerton on March 28. "
           "Detectives questioned the suspect at a motel early Thursday morning.", "a", published="2015-08-20")
    assert event_date([a])["value"] == "2015-03-28"


def test_date_of_a_sentence_about_something_else_weighs_less() -> None:
    # "wore camouflage Tuesday" says nothing of the shooting; "died Sunday of a gunshot wound" does
    a = _a("Classmates wore camouflage Tuesday in his honor. Jackson died Sunday of a gunshot wound.", "a",
           published="2015-01-20")
    assert event_date([a])["value"] == "2015-01-18"


def test_a_day_after_every_report_never_wins() -> None:
    a = _a("Plan your trip to celebrate a traditional St. Patrick's Day in Ireland.", "a", published="2015-11-30")
    d = event_date([a])
    assert d["value"] == "2015-11-30" and d["precision"] == "week" and d["evidence"] == []


def test_a_coarse_period_holding_the_reference_date_gives_way_to_it() -> None:
    # "2016" of a copyright line holds the publication date: the publication date says more
    a = _a("A toddler shot himself in the arm with his mother's gun. (©2016 CBS Local Media.)", "a", published="2016-10-03")
    assert event_date([a])["value"] == "2016-10-03"
    # a past month stays what the report says
    b = _a("Protests spread across the city in February.", "b")
    assert event_date([b])["value"] == "2021-02-01"


def test_bare_clock_does_not_take_a_day_ahead() -> None:
    a = _a("An 11-year-old boy died Monday evening after someone fired shots near the center. The coroner plans to "
           "release his name on Tuesday. Several people called 911 at 5:16 p.m. to report shots fired.", "a",
           published="2016-01-11")
    from newsfuse.fuse.when import _candidates

    days = {c[3].span.text: c[0].isoformat() for c in _candidates(a)}
    assert days["5:16 p.m."] == "2016-01-11"
    assert event_date([a])["value"] == "2016-01-11"


def test_holiday_and_update_stamp_in_the_vote() -> None:
    a = _a("UPDATE @ 1:48 p.m. Jan. 9\n\nA woman was grazed by a bullet on New Year's Eve, police said.", "a",
           published="2017-01-09")
    assert event_date([a])["value"] == "2016-12-31"


def test_video_list_lines_are_not_evidence() -> None:
    a = _a("A man was shot outside a store, police said.\n\n"
           "1:01 Jury still out on man's 2nd murder trial for 2008 fatal shooting Pause\n\n"
           "0:33 Festival-goers brave cold for a fun Sunday\n", "a", published="2016-06-04")
    d = event_date([a])
    assert d["value"] == "2016-06-04" and d["evidence"] == []


def test_only_years_before_the_first_report_give_way_to_the_reference_date() -> None:
    a = _a("A teen was shot on Elm Street, police said. Since 1965, the station has been the source of news "
           "for the valley.", "a", published="2016-09-12")
    d = event_date([a])
    assert d["value"] == "2016-09-12" and d["precision"] == "week"


def test_a_report_of_the_day_of_writing_does_not_date_the_clock_times_after_it() -> None:
    a = _a("A 3-year-old boy was brought to the hospital Friday afternoon with a gunshot wound to the arm. "
           "His condition was not known, police said Saturday. "
           "The boy was shot in an apartment shortly after 1 p.m.", "a", published="2021-03-06")
    from newsfuse.fuse.when import _candidates

    days = {c[3].span.text: c[0].isoformat() for c in _candidates(a)}
    assert days["1 p.m."] == "2021-03-05"  # the day named before the report, not the day of writing
    assert event_date([a])["value"] == "2021-03-05"


def test_a_day_named_from_the_moment_of_writing_weighs_less_than_a_named_day() -> None:
    a = _a("A girl was accidentally shot in the foot overnight in Shreveport. "
           "Authorities say the girl was shot in the foot Sunday night at a home.", "a", published="2021-03-08")
    assert event_date([a])["value"] == "2021-03-07"


def test_a_day_some_days_before_the_report_beats_the_day_of_writing() -> None:
    a = _a("A teen was shot at his home. It was a sad week at the school. Classmates wore camouflage Tuesday in "
           "honor of the teen who was shot. The teen died Sunday after he was shot.", "a", published="2021-03-09")
    assert event_date([a])["value"] == "2021-03-07"


def test_a_day_counted_from_a_moment_of_the_story_is_no_candidate() -> None:
    # "two days earlier" counts from the story's moment, not from the page's date; "two days ago" does count from it
    from newsfuse.fuse.when import _candidates

    a = _a("The boy was shot at his home Sunday. His parents had brought him home from the hospital two days "
           "earlier. A neighbor said she heard a shot two days ago.", "a", published="2021-03-09")
    texts = [c[3].span.text for c in _candidates(a)]
    assert "two days earlier" not in texts and "two days ago" in texts
    assert event_date([a])["value"] == "2021-03-07"


def test_reference_dates_and_candidates_are_read_once_per_article(monkeypatch) -> None:
    from newsfuse.extract import pubdate as pubdate_mod
    from newsfuse.fuse import when

    a = _a("A man was shot Tuesday night on Main Street.", "a", published="2021-03-03")
    b = _a("Police said a man was shot Tuesday.", "b", published="2021-03-04")
    c = _a("The shooting on Tuesday damaged a car.", "c", published=None)
    calls: list[str] = []
    real = pubdate_mod.reference_day
    monkeypatch.setattr(pubdate_mod, "reference_day", lambda x: calls.append(x.id) or real(x))
    weighed: list[str] = []
    real_weighed = when._weighed_candidates
    monkeypatch.setattr(when, "_weighed_candidates", lambda x, *rest: weighed.append(x.id) or real_weighed(x, *rest))
    d = event_date(with_inferred([a, b, c]))
    assert d["value"] == "2021-03-02"
    # c is re-resolved with its inferred date: the times stage reads the new reference date, and the vote reads it
    # for the new Analysis once more; a and b are read once
    assert sorted(calls) == ["a", "b", "c", "c", "c"]
    assert sorted(weighed) == ["a", "b", "c"]
    assert when._candidates(a, ref=when._ref(a)) is when._candidates(a, ref=when._ref(a))


def test_a_planned_day_on_the_day_of_writing_is_no_candidate() -> None:
    # "is expected to turn herself in Wednesday" on Wednesday's page is a plan; the first report's date stands
    from newsfuse.fuse.when import _candidates

    a = _a("The mother of a boy who shot himself with her gun has been charged. She is expected to turn herself in "
           "to police Wednesday.", "a", published="2021-03-03")
    b = _a("A 9-year-old boy accidentally shot himself after finding a gun in a purse.", "b", published="2021-02-27")
    assert [c[3].span.text for c in _candidates(a)] == []
    d = event_date([a, b])
    assert d["value"] == "2021-02-27" and d["precision"] == "week"
    # the same weekday told of the happening stays a candidate
    c = _a("A boy was shot Wednesday at his home.", "c", published="2021-03-03")
    assert event_date([c])["value"] == "2021-03-03" and event_date([c])["precision"] == "day"


def test_cue_words_agree_with_the_cue_patterns() -> None:
    # the word check before each cue pattern never hides a match of the pattern
    from newsfuse.fuse import when

    sentences = [
        "Police said the man was shot and killed Sunday.", "Gunshots rang out at 2 a.m.", "He opened fire on them.",
        "The victim died at a hospital.", "It was the city's 40th homicide.", "Two years ago, a man was slain there.",
        "Since 2010 the park has been closed.", "He was arraigned Monday and held without bail.",
        "The judge set bond at $10,000.", "He was booked into the county jail.", "She pleaded not guilty.",
        "He was charged with murder in Superior Court.", "He is in police custody.", "Remanded to custody Friday.",
        "The anniversary of the shooting is Friday.", "He was previously convicted.", "Classes resumed Tuesday.",
        "Earlier this year, in 2014, the town voted.", "The food court closed at 9 p.m.", "Nobody was hurt.",
    ]
    for s in sentences:
        assert when._sentence_cues(s) == (bool(when.EVENT_CUES.search(s)), bool(when.BACKGROUND_CUES.search(s)),
                                          bool(when._COURT.search(s))), s


def test_candidates_carry_their_sentence_and_places_reuse_it() -> None:
    from newsfuse.fuse import when

    a = _a("A man was shot Tuesday night. Police arrested a suspect Thursday.", "a", published="2021-03-05")
    body, starts = when.body_layout(a)
    assert when.body_layout(a)[0] is body
    for day, rank, weight, t, i in when._candidates(a):
        assert body[i].start <= t.span.start < body[i].end


def test_a_plan_is_only_a_plan_word_leading_up_to_the_date_in_its_own_clause() -> None:
    # review repros: each day is the happening's, on Wednesday's page
    for text in ("A man was shot Wednesday morning and is expected to survive, police said.",
                 "Police will not say whether the shooting on Wednesday was gang related.",
                 "Schools were closed Wednesday due to the shooting.",
                 "Will Smith was shot Wednesday night.",
                 "An earthquake struck the region Wednesday, and aftershocks are expected to continue.",
                 "Will County deputies responded to a home on Wednesday after a man was shot.",
                 "The victim is expected to survive and was taken to a hospital early Wednesday after the shooting."):
        d = event_date([_a(text, "a", published="2021-03-03")])
        assert (d["value"], d["precision"]) == ("2021-03-03", "day"), text
    d = event_date([_a("The suspect, who will be arraigned Friday, shot two people on Monday.", "a", published="2021-03-05")])
    assert d["value"] == "2021-03-01"


def test_courts_of_law_named_after_a_place_are_courts() -> None:
    from newsfuse.fuse import when

    for s in ("The Texas Court of Criminal Appeals ruled Monday.", "He appeared at Westminster Magistrates' Court.",
              "He appeared at Leeds Crown Court on Monday.", "The Constitutional Court ruled.",
              "He was sent to Glasgow Sheriff Court."):
        assert when._tells_of_courts(s), s
    for s in ("A man was shot at Pershing Court Manor.", "Shots hit a house in the 200 block of Dewey Court."):
        assert not when._tells_of_courts(s), s


def test_wire_snippets_that_only_report_a_day_do_not_outvote_the_report() -> None:
    main = _a("A gunman opened fire at the Westgate mall Tuesday night, killing three people and wounding five, police "
              "said.", "main", published="2021-03-04")
    snippets = [_a("The death toll from the mall shooting rose to four, officials said Thursday.", f"s{k}",
                   published="2021-03-04") for k in range(10)]
    assert event_date([main, *snippets])["value"] == "2021-03-02"


def test_a_day_followed_by_a_when_clause_of_the_happening_is_its_day() -> None:
    text = ("A man was arrested Wednesday in the fatal shooting of a woman and two of her children, police said. "
            "Her family had been calling for help early Sunday when shots were fired at the woman's home. "
            "He was found Wednesday in Savannah, Georgia.")
    assert event_date([_a(text, "a", published="2016-08-03")])["value"] == "2016-07-31"
    # a "when" clause about something else leaves the day as it was
    text = ("A man was arrested Wednesday in the fatal shooting of a woman and two of her children, police said. "
            "Her family had been calling for help early Sunday when the power went out at the woman's home. "
            "He was found Wednesday in Savannah, Georgia.")
    assert event_date([_a(text, "a", published="2016-08-03")])["value"] == "2016-08-03"


def test_a_when_clause_of_asking_or_beside_a_reported_day_does_not_date_the_happening() -> None:
    from newsfuse.fuse import when

    # "said Sunday, when asked about the shooting": the day of the answer, however often it is repeated
    night = _a("A man was shot Friday night on Elm Street, police said.", "a", published="2021-03-06")
    asked = [_a(f"The sheriff said Sunday, when asked about the {noun}, that detectives had no suspect.", f"b{k}",
                published="2021-03-08") for k, noun in enumerate(("shooting", "homicide"))]
    assert event_date([night, *asked])["value"] == "2021-03-05"

    # a day a report verb already dates ("charged Sunday", "was held Sunday") weighs what it weighs without the clause
    def sunday_weight(sentence: str) -> float:
        a = _a("A man was shot Friday on Elm Street. " + sentence, "c", published="2021-03-08")
        return next(w for d, r, w, t, i in when._candidates(a) if t.span.text == "Sunday")

    assert sunday_weight("He was charged Sunday, when prosecutors said he fired six shots.") == \
        sunday_weight("He was charged Sunday.")
    assert sunday_weight("A vigil was held Sunday when friends remembered the teen who was shot.") == \
        sunday_weight("A vigil was held Sunday.")


def test_headline_weekday_counts_when_the_text_does_not_repeat_it() -> None:
    # an archived page whose text is now another story: the headline still names the day of its own
    a = analyse_text("Crews cleared fallen trees on Monday. More storms are expected this spring.",
                     published="2021-03-04", title="Police investigate Wednesday night shooting on Elm Street",
                     article_id="a", stages=STAGES)
    b = _a("A man was wounded in a shooting on Elm Street, police said.", "b")
    d = event_date([a, b])
    assert d["value"] == "2021-03-03"
    assert all(e["text"] == a.article.text[e["start"]:e["end"]] or e["text"] == b.article.text[e["start"]:e["end"]]
               for e in d["evidence"])


def test_headline_holiday_counts_when_the_text_does_not_repeat_it() -> None:
    a = analyse_text("Freeze warning remains in effect until noon Thursday.", published="2017-01-03",
                     title="Police investigating Franklin Co. New Year's Eve shooting", article_id="a", stages=STAGES)
    assert event_date([a])["value"] == "2016-12-31"


def test_headline_calendar_date_and_repeated_headline_add_nothing() -> None:
    # a calendar date in a headline is most often the page's own (a blotter's, an obituary's)
    a = analyse_text("A teen suffered a gunshot wound to his thigh Saturday, police said.", published="2017-02-13",
                     title="Shootings and arrests: February 12, 2017 Police Blotter", article_id="a", stages=STAGES)
    assert event_date([a])["value"] == "2017-02-11"
    # the text opens with its headline: its days are the text's own, not counted twice
    title = "Man wounded in Friday shooting"
    b = analyse_text(f"{title}\nA man was wounded in a shooting, police said.", published="2021-03-07", title=title,
                     article_id="b", stages=STAGES)
    assert _headline_candidates(b, date(2021, 3, 7), False) == []
    c = analyse_text("A man was wounded in a shooting, police said.", published="2021-03-07", title=title,
                     article_id="c", stages=STAGES)
    assert [day.isoformat() for day, *_ in _headline_candidates(c, date(2021, 3, 7), False)] == ["2021-03-05"]


def test_weekend_on_a_monday_page_is_not_the_monday() -> None:
    # a weekend is its Saturday and Sunday: the Monday's reference date is not in it and does not replace it
    d = event_date([_a("A teenager was accidentally shot over the weekend, police said.", "a", published="2021-03-08")])
    assert d["value"] == "2021-03-06" and d["precision"] == "week"


def test_month_and_day_take_the_year_the_article_told_that_month_with() -> None:
    # a follow-up months later: "the Dec. 6 shooting" is of the December told before, not the one nearest the page
    a = _a("The family was returning home in December 2014 when they saw the police cars. The boy died two days "
           "after the Dec. 6 shooting, police said.", "a", published="2016-06-28")
    assert event_date([a])["value"] == "2014-12-06"
    # a year told further back is another story's: the month and day keep the times stage's year
    b = _a("He was first arrested in May 2007. He is accused of shooting a man on May 20, police said.", "b",
           published="2013-06-01")
    assert event_date([b])["value"] == "2013-05-20"


def test_told_year_moves_no_recent_day() -> None:
    # "in December 2014" is the victim's past; "Dec. 30" a week before a Jan. 5 page is the story's own December
    a = _a("Smith, who survived a shooting in December 2014, was shot and killed on Dec. 30, police said.", "a",
           published="2016-01-05")
    assert event_date([a])["value"] == "2015-12-30"


def test_told_year_of_a_caption_anchors_no_body_date() -> None:
    # the page's photo caption tells "December 2014" (boilerplate): the story's "Dec. 6" keeps the times stage's year
    a = _a("Photo: Police at the scene of a shooting in December 2014. (File photo)\n\nShare this story\n\n"
           "A man was shot and killed on Dec. 6 outside his home on Elm Street, police said. Officers found him on the "
           "porch.\n", "a", published="2016-06-28")
    assert event_date([a])["value"] == "2015-12-06"


def test_timeline_dates_a_told_year_month_day_as_the_event_date_does() -> None:
    a = _a("The family was returning home in December 2014 when they saw the police cars. The boy died two days "
           "after the Dec. 6 shooting, police said.", "a", published="2016-06-28")
    d = event_date([a])
    items = timeline([a], event_day=d["value"])
    assert d["value"] == "2014-12-06"
    assert [it["date"] for it in items if it["this_event"]] == ["2014-12-06"], items
    assert not any(it["date"].startswith("2015") for it in items), items


def test_headline_of_a_plan_adds_no_day() -> None:
    for title in ("Vigil planned Saturday for teen killed in shooting", "Funeral set for Saturday for man shot by police"):
        a = analyse_text("Friends gathered at his school to remember him. He was killed on Elm Street, police said.",
                         published="2021-12-08", title=title, article_id="a", stages=STAGES)
        assert _headline_candidates(a, date(2021, 12, 8), False) == [], title
    # a day that qualifies the happening stays, whatever else the headline tells of
    a = analyse_text("Friends gathered at his school to remember her.", published="2016-09-29",
                     title="Vigil mourns 13-year-old girl killed in Tuesday shooting", article_id="a", stages=STAGES)
    assert [day.isoformat() for day, *_ in _headline_candidates(a, date(2016, 9, 29), False)] == ["2016-09-27"]
    # a holiday's own name is no plan word ("Memorial Day" holds "memorial")
    a = analyse_text("A man was wounded, police said.", published="2021-06-02", title="Man wounded in Memorial Day shooting",
                     article_id="a", stages=STAGES)
    assert [day.isoformat() for day, *_ in _headline_candidates(a, date(2021, 6, 2), False)] == ["2021-05-31"]


def test_text_repeating_its_headline_is_found_whatever_its_case_quotes_entities_and_outlet() -> None:
    for title, text, published in (
            ("4 Arrested In Deadly Mother’s Day Shooting In Newark",
             "4 Arrested In Deadly Mother's Day Shooting In Newark\nFour men were arrested, police said.", "2021-06-01"),
            ("Man Wounded In Friday Night Shooting", "Man wounded in Friday night shooting\nA man was wounded.", "2021-03-07"),
            ("Man wounded in Friday shooting - WXYZ News", "Man wounded in Friday shooting\nA man was wounded.", "2021-03-07"),
            ("Man wounded in Friday shooting | Site", "Man wounded in Friday shooting\nA man was wounded.", "2021-03-07"),
            ("Man wounded in Friday shooting - Crime - WXYZ", "Man wounded in Friday shooting\nA man was wounded.",
             "2021-03-07"),
            ("Man wounded in Friday shooting &amp; robbery", "Man wounded in Friday shooting & robbery\nA man was wounded.",
             "2021-03-07")):
        a = analyse_text(text, published=published, title=title, article_id="a", stages=STAGES)
        assert _headline_candidates(a, date.fromisoformat(published), False) == [], title
    # a section's name before the first " - " is no headline the text repeats
    a = analyse_text("Crime news\nA man was wounded.", published="2021-03-07",
                     title="Crime - Man wounded in Friday shooting", article_id="a", stages=STAGES)
    assert [day.isoformat() for day, *_ in _headline_candidates(a, date(2021, 3, 7), False)] == ["2021-03-05"]


def test_headline_holiday_past_its_day_this_year_is_last_years() -> None:
    # "Christmas Eve shooting" on a Dec. 8 page: last Christmas Eve (background), not the one to come (dropped as future)
    a = analyse_text("The city council met to discuss the budget, officials said.", published="2021-12-08",
                     title="Christmas Eve shooting", article_id="a", stages=STAGES)
    assert [day.isoformat() for day, *_ in _headline_candidates(a, date(2021, 12, 8), False)] == ["2020-12-24"]


def test_a_headline_day_is_cited_in_the_title() -> None:
    title = "Police investigate Wednesday night shooting on Elm Street"
    a = analyse_text("Crews cleared fallen trees on Monday. More storms are expected this spring.",
                     published="2021-03-04", title=title, article_id="a", stages=STAGES)
    d = event_date([a])
    assert d["value"] == "2021-03-03" and d["evidence"] == []
    assert [(e["title_of"], title[e["start"]:e["end"]]) for e in d["title_evidence"]] == [("a", "Wednesday night")]
    assert all(e["text"] == title[e["start"]:e["end"]] for e in d["title_evidence"])
    assert all_spans(d) == []  # no span object: every one of those resolves into its article's text
    jsonschema.validate(d, event_schema()["properties"]["date"])
    # a day voted from the text alone carries no title evidence
    assert "title_evidence" not in event_date([_a("A man was shot on Elm Street on Tuesday, police said.", "b")])
