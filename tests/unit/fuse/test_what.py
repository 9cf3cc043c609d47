"""Fusing what happened across articles: copies count once, conservative counts, disputes flagged."""

from __future__ import annotations

import pytest

from newsfuse.extract import actors, casualties, eventtype, participants, quantities
from newsfuse.fuse import actors as fuse_actors
from newsfuse.fuse import quantities as fuse_quantities
from newsfuse.fuse import what
from newsfuse.stages import analyse_text

STAGES = [quantities.STAGE, casualties.STAGE, actors.STAGE, participants.STAGE, eventtype.STAGE]


def _a(text: str, aid: str, published: str = "2020-01-08"):
    return analyse_text(text, published=published, article_id=aid, stages=STAGES)


def test_conservative_count_and_dispute() -> None:
    a = _a("At least 10 people were killed in the bombing.", "a")
    b = _a("Twelve people were killed in the bombing.", "b")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert res["fatalities"]["value"] == 10
    assert res["fatalities"]["disputed"] is False  # "at least 10" and 12 can both be true
    c = _a("Ten people were killed in the bombing.", "c")
    assert what.casualties([b, c], {"b": "b", "c": "c"})["fatalities"]["disputed"] is True
    assert {r["article"] for r in res["fatalities"]["reports"]} == {"a", "b"}
    for r in res["fatalities"]["reports"]:
        for ev in r["evidence"]:
            assert ev["article"] == r["article"]


def test_later_update_raises_count() -> None:
    a = _a("Two people were killed in the shooting.", "a", "2020-01-08")
    b = _a("A third victim died, bringing the toll: three people were killed in the shooting.", "b", "2020-01-10")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert res["fatalities"]["value"] == 3


def test_copies_count_once() -> None:
    a = _a("Two people were killed.", "a")
    b = _a("Two people were killed.", "b")
    res = what.casualties([a, b], {"a": "g", "b": "g"})
    assert len(res["fatalities"]["reports"]) == 1
    assert res["fatalities"]["disputed"] is False


def test_no_report_is_null() -> None:
    a = _a("The council met on Tuesday.", "a")
    res = what.casualties([a], {"a": "a"})
    assert res["fatalities"]["value"] is None and res["injured"]["value"] is None


def test_event_type_votes_across_sources() -> None:
    a = _a("A gunman opened fire in the mall, killing two.", "a")
    b = _a("The shooting at the mall left two dead; the shooter fled.", "b")
    res = what.event_type([a, b], {"a": "a", "b": "b"})
    assert (res["event_type"], res["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert res["evidence"]


def test_quantities_deduplicated() -> None:
    a = _a("At least 10 rockets hit the base.", "a")
    b = _a("At least 10 rockets struck the base overnight.", "b")
    qs = fuse_quantities.quantities([a, b], {"a": "a", "b": "b"})
    rockets = [q for q in qs if q["what"] == "rockets"]
    assert len(rockets) == 1 and rockets[0]["sources"] == 2 and len(rockets[0]["evidence"]) == 2


def test_participants_merged_by_name() -> None:
    a = _a("John Williams, 23, was shot and killed on Monday.", "a")
    b = _a("Police identified the victim as Williams, who died at the scene.", "b")
    people = what.participants([a, b], {"a": "a", "b": "b"})
    assert len([p for p in people if "Williams" in p["name"]]) == 1
    p = people[0]
    assert p["name"] == "John Williams" and p["age"] == 23 and p["status"] == "killed"


def test_actors_merged_with_strongest_status() -> None:
    a = _a("Militants attacked the base, officials said they suspected.", "a")
    b = _a("The Islamic State group claimed responsibility for the attack.", "b")
    acts = fuse_actors.actors([a, b], {"a": "a", "b": "b"})
    assert any(x["status"] == "claimed" for x in acts)


def test_same_person() -> None:
    assert what.same_person("John Smith", "Smith")
    assert what.same_person("J. Smith", "John Smith")
    assert not what.same_person("John Smith", "Jane Doe")


def test_stated_count_outweighs_a_later_singular_mention() -> None:
    a = _a("Three people were killed in the shooting.", "a", "2020-01-08")
    b = _a("Neighbours mourned a man who was killed in the shooting.", "b", "2020-01-09")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert res["fatalities"]["value"] == 3
    assert res["fatalities"]["disputed"] is True and len(res["fatalities"]["reports"]) == 2


def test_roundup_totals_do_not_count_beside_a_single_report() -> None:
    a = analyse_text("Seventeen people were killed in weekend shootings.", title="17 dead in weekend shootings", published="2020-01-08", article_id="a", stages=STAGES)
    b = _a("One man was killed in the shooting on Main Street.", "b")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert res["fatalities"]["value"] == 1
    assert any(r.get("roundup") for r in res["fatalities"]["reports"])


def test_participants_capped_by_casualties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(what, "STATUS_CAP", False)
    names = ["John Smith", "Mary Jones", "Peter Brown", "Anna White", "Carl Green", "Dora Black", "Evan Gray"]
    text = " ".join(f"{n}, {20 + i}, was shot and killed." for i, n in enumerate(names))
    a = _a(text, "a")
    assert len(what.participants([a], {"a": "a"}, (1, 0))) == max(what.PARTICIPANT_MIN, 1 + what.PARTICIPANT_SLACK)
    assert len(what.participants([a], {"a": "a"}, (7, 0))) == len(names)


def test_named_dead_capped_by_the_fused_dead() -> None:
    names = ["John Smith", "Mary Jones", "Peter Brown", "Anna White"]
    text = " ".join(f"{n}, {20 + i}, was shot and killed." for i, n in enumerate(names)) + " Police arrested Carl Green, 30."
    a = _a(text, "a")
    people = what.participants([a], {"a": "a"}, (1, 0))
    dead = [p for p in people if p["status"] == "killed"]
    assert len(dead) == 1 + what.STATUS_SLACK
    assert [p["name"] for p in dead] == names[: len(dead)]  # the first mentioned kept at equal support
    assert any(p["name"] == "Carl Green" for p in people)  # a suspect is not a victim: not capped
    assert len([p for p in what.participants([a], {"a": "a"}, (4, 0)) if p["status"] == "killed"]) == 4


def test_roundup_names_left_out() -> None:
    a = analyse_text(
        "John Smith, 20, was shot and killed in one of several weekend shootings.", title="17 dead in weekend shootings",
        published="2020-01-08", article_id="a", stages=STAGES,
    )
    b = _a("Mary Jones, 31, was shot and wounded on Main Street.", "b")
    names = [p["name"] for p in what.participants([a, b], {"a": "a", "b": "b"}, (1, 1))]
    assert names == ["Mary Jones"]
    assert what.participants([a], {"a": "a"}, (1, 0)) == []
    # an event only round-ups report keeps the suspects they give an age
    c = analyse_text(
        "John Smith, 20, was shot and killed in one of several weekend shootings. Police arrested Carl Green, 30, in the killing.",
        title="17 dead in weekend shootings", published="2020-01-08", article_id="c", stages=STAGES,
    )
    assert [p["name"] for p in what.participants([c], {"c": "c"}, (1, 0))] == ["Carl Green"]


def test_later_death_revises_an_early_no_casualties() -> None:
    a = _a("Rockets hit the base; there were no reports of casualties.", "a", "2021-03-03")
    b = _a("A US civilian contractor died of a heart attack after the attack.", "b", "2021-03-04")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert res["fatalities"]["value"] == 1
    # "no reports of casualties" said nothing was known yet: the death updates it, it does not dispute it
    assert res["fatalities"]["disputed"] is False
    c = _a("Rockets hit the base; no one was killed.", "c", "2021-03-04")
    assert what.casualties([b, c], {"b": "b", "c": "c"})["fatalities"]["disputed"] is True


def test_title_count_where_text_has_none() -> None:
    a = analyse_text("Police are investigating the incident.", published="2020-01-08", article_id="a", title="Teen shot to death in Roswell", stages=STAGES)
    res = what.casualties([a], {"a": "a"})
    assert res["fatalities"]["value"] == 1
    (rep,) = res["fatalities"]["reports"]
    assert rep["evidence"] == [] and rep["title"] == "Teen shot to death in Roswell"
    assert rep["title_evidence"] and all(rep["title"][e["start"]:e["end"]] == e["text"] for e in rep["title_evidence"])
    assert "shot to death" in " ".join(e["text"] for e in rep["title_evidence"])


def test_wounded_who_later_died_are_not_injured() -> None:
    a = _a("A man was shot and wounded on Main Street.", "a", "2020-01-08")
    b = _a("The man died in hospital on Friday.", "b", "2020-01-10")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert (res["fatalities"]["value"], res["injured"]["value"]) == (1, 0)


def test_other_wounded_stay_injured() -> None:
    a = _a("Three people were shot. One man died at the scene.", "a")
    res = what.casualties([a], {"a": "a"})
    assert (res["fatalities"]["value"], res["injured"]["value"]) == (1, 2)


def test_an_event_reported_only_by_roundups_has_no_count_of_the_dead() -> None:
    a = analyse_text(
        "Six people were shot and one person was stabbed to death. Police said five people were shot at the Peachtree Center.",
        title="6 shot, 1 stabbed in separate incidents", published="2020-01-08", article_id="a", stages=STAGES,
    )
    res = what.casualties([a], {"a": "a"})
    # the round-up's dead are not this event's; its wounded are read where nothing else counts them (ROUNDUP_NULL_KINDS),
    # from its largest single shooting after the lead (ROUNDUP_SHOOTING_COUNT), not its total
    assert res["fatalities"]["value"] is None
    assert res["fatalities"]["reports"] and all(r.get("roundup") for r in res["fatalities"]["reports"])
    assert res["injured"]["value"] == 5 and all(r.get("roundup") for r in res["injured"]["reports"])
    lead_only = analyse_text("Six people were shot and one person was stabbed to death.", title="6 shot, 1 stabbed in separate incidents",
                             published="2020-01-08", article_id="b", stages=STAGES)
    assert what.casualties([lead_only], {"b": "b"})["injured"]["value"] is None


def test_actors_of_recalled_happenings_left_out_given_the_event_day() -> None:
    from newsfuse.extract import pubdate, times

    text = ("Gunmen attacked the village of Kora on Wednesday, killing two farmers. "
            "Last month, militants attacked the Balad air base.")
    a = analyse_text(text, published="2021-03-04", stages=[pubdate.STAGE, times.STAGE, casualties.STAGE, actors.STAGE])
    everyone = {x["name"] for x in fuse_actors.actors([a], {})}
    assert any("Balad" in n for n in everyone)  # without the event's day nothing is background
    named = {x["name"] for x in fuse_actors.actors([a], {}, "2021-03-03")}
    assert any("Gunmen" in n for n in named) and not any("Balad" in n or "militants" in n for n in named)


def test_counts_of_recalled_happenings_are_not_the_events() -> None:
    from newsfuse.extract import pubdate, times

    text = ("Rockets struck the base on Wednesday; no one was hurt, officials said. "
            "A rocket attack in mid-February wounded nine people at the airport.")
    a = analyse_text(text, published="2021-03-04", article_id="a",
                     stages=[pubdate.STAGE, times.STAGE, quantities.STAGE, casualties.STAGE])
    assert what.casualties([a], {"a": "a"})["injured"]["value"] == 9  # without the event's day: the larger report counts
    assert what.casualties([a], {"a": "a"}, event_date="2021-03-03")["injured"]["value"] == 0


def test_a_wrong_event_day_never_drops_every_count() -> None:
    from newsfuse.extract import pubdate, times

    text = "Two people were killed in a shooting on Jan. 14, police said."
    a = analyse_text(text, published="2021-01-20", article_id="a",
                     stages=[pubdate.STAGE, times.STAGE, quantities.STAGE, casualties.STAGE])
    # a vigil article could pull the voted day a week late: the only count stays
    assert what.casualties([a], {"a": "a"}, event_date="2021-01-21")["fatalities"]["value"] == 2


def test_titles_only_counts_are_told_apart() -> None:
    """A count left only to titles after recalled sentences are set aside falls back to the texts' own count."""
    assert what._titles_only({"reports": [{"value": 1, "title": "Man charged with killing 4"}]})
    assert not what._titles_only({"reports": [{"value": 4}, {"value": 1, "title": "Man charged with killing 4"}]})
    assert not what._titles_only({"reports": []})
    assert not what._titles_only({"reports": [{"value": 3, "roundup": True, "title": "t"}]})


# Injured counts (project issue 5): a floor of the people shot read as a floor of the wounded
def test_a_floor_of_people_shot_does_not_dispute_a_higher_count() -> None:
    a = _a("At least four people were shot outside the party.", "a")
    b = _a("Five people were treated for gunshot wounds after the party.", "b")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert res["injured"]["value"] == 5  # "at least four" is met by five (FLOORS_YIELD), no vote for a lower figure
    assert res["injured"]["disputed"] is False  # "at least four" allows five
    c = _a("Three people were treated for gunshot wounds after the party.", "c")
    assert what.casualties([a, c], {"a": "a", "c": "c"})["injured"]["disputed"] is True


def test_wounded_derived_from_a_floor_of_people_shot_is_a_floor() -> None:
    # 4 shot less 1 dead: "at least" three wounded, which four wounded does not dispute
    a = _a("At least four people were shot, one fatally.", "a")
    b = _a("One person was killed and four others were wounded.", "b")
    res = what.casualties([a, b], {"a": "a", "b": "b"})
    assert (res["injured"]["value"], res["injured"]["disputed"]) == (4, False)  # the floor met by four (FLOORS_YIELD)
