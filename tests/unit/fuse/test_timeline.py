"""The event timeline: each dated happening once, told by its most typical sentence, cited by every telling."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import pubdate, times
from newsfuse.fuse.timeline import timeline
from newsfuse.stages import analyse_text

STAGES = [pubdate.STAGE, times.STAGE]


def _a(text: str, aid: str, published: str = "2021-03-04"):
    return analyse_text(text, published=published, article_id=aid, stages=STAGES)


def test_tellings_of_one_happening_are_one_item() -> None:
    a = _a("At least 10 rockets struck Ain al-Asad air base on Wednesday, the coalition said.", "a")
    b = _a("Around 10 rockets struck Ain al-Asad air base on Wednesday morning.", "b")
    c = _a("Rockets struck Ain al-Asad air base on Wednesday. Pope Francis will visit Iraq on Friday.", "c")
    items = timeline([a, b, c], {"a": "a", "b": "b", "c": "c"}, "2021-03-03")
    day = [it for it in items if it["date"] == "2021-03-03"]
    assert len(day) == 1 and day[0]["sources"] == 3 and len(day[0]["evidence"]) == 3, items
    assert day[0]["this_event"] and "rockets" in day[0]["text"].lower()
    assert any(it["date"] == "2021-03-05" and "Pope" in it["text"] and not it["this_event"] for it in items), items


def test_different_happenings_of_one_date_stay_apart_and_copies_count_once() -> None:
    a = _a("Rockets struck the airport in Erbil on Monday. Flights resumed at the airport on Tuesday.", "a",
           published="2021-02-17")
    b = _a("Rockets struck the airport in Erbil on Monday. Flights resumed at the airport on Tuesday.", "b",
           published="2021-02-17")
    c = _a("Kurdish police arrested two suspects in Sulaimaniyah on Monday.", "c", published="2021-02-17")
    items = timeline([a, b, c], {"a": "g", "b": "g", "c": "c"})
    monday = [it for it in items if it["date"] == "2021-02-15"]
    assert len(monday) == 2, items
    rockets = next(it for it in monday if "Rockets" in it["text"])
    assert rockets["sources"] == 1 and len(rockets["evidence"]) == 2  # copies of one report: one source
    assert [it["date"] for it in items] == sorted(it["date"] for it in items)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["on Monday", "last week", "in January", "on March 1", "yesterday"]),
       st.sampled_from(["Gunmen attacked a checkpoint", "Protesters gathered in the square", "A bomb exploded"]))
def test_every_citation_is_a_span_of_its_article(when: str, what: str) -> None:
    a = _a(f"{what} {when}. Officials said more was to come.", "a")
    for it in timeline([a], {}):
        for ev in it["evidence"]:
            assert a.article.text[ev["start"]:ev["end"]] == ev["text"]
        assert it["sources"] >= 1


def test_an_attribution_alone_makes_no_happening_and_order_does_not_matter() -> None:
    a = _a("Iraqi security forces arrested two men near Kirkuk on Wednesday.", "a")
    b = _a("Iraqi security forces said rockets hit the base on Wednesday, damaging a hangar.", "b")
    c = _a("Rockets hit the base on Wednesday and damaged a hangar near the runway.", "c")
    groups = {"a": "a", "b": "b", "c": "c"}
    items = timeline([a, b, c], groups, "2021-03-03")
    day = [it for it in items if it["date"] == "2021-03-03"]
    assert len(day) == 2 and sorted(it["sources"] for it in day) == [1, 2], items
    for order in ([c, b, a], [b, a, c], [a, c, b]):
        assert timeline(order, groups, "2021-03-03") == items


def test_a_video_list_line_is_no_telling() -> None:
    text = ("Police said a man was shot outside a store on Main Street on Tuesday night.\n"
            "More videos\n"
            "1:42 Crash closes the interstate on Friday\n"
            "0:58 School board votes on budget Monday\n")
    items = timeline([_a(text, "a", published="2021-03-04")], {"a": "a"})
    assert [it["date"] for it in items] == ["2021-03-02"], items


def test_a_live_blogs_stamps_are_no_video_list() -> None:
    text = ("14:05 The governor declared a state of emergency on Tuesday.\n"
            "15:20 Officials said the bridge would reopen on Thursday.\n")
    items = timeline([_a(text, "a", published="2021-03-03")], {"a": "a"})
    told = " ".join(it["text"] for it in items)
    assert "state of emergency" in told and "bridge" in told, items


def test_timeline_agrees_with_the_event_date_on_a_told_year() -> None:
    from newsfuse.fuse.when import event_date

    a = _a("He was arrested in December 2013. He was released in December 2014. The Dec. 6 shooting left two dead, "
           "police said.", "a", published="2016-06-28")
    day = event_date([a])["value"]
    items = timeline([a], event_day=day)
    assert day == "2014-12-06"
    assert [(it["date"], it["this_event"]) for it in items if "Dec. 6" in it["text"]] == [("2014-12-06", True)], items
