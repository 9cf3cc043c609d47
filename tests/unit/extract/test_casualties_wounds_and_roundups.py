"""Casualties: people found or arriving with gunshot wounds, "one of eight shot", hedged counts of the wounded
where nothing else counts them, and a round-up's largest single shooting."""

from __future__ import annotations

import pytest

from newsfuse.extract import casualties
from newsfuse.model import CasualtyReport
from newsfuse.stages import analyse_text
from tests.unit.extract.test_casualties import _totals


def _reports(text: str) -> list[tuple[str, int | None]]:
    a = analyse_text(text, stages=[casualties.STAGE])
    for r in a.casualties:
        assert a.article.text[r.span.start:r.span.end] == r.span.text
    return [(r.kind, r.value) for r in a.casualties]


@pytest.mark.parametrize(
    "text, injured",
    [
        ("Officers found three people with gunshot wounds at the scene.", 3),
        ("Upon arriving, officers discovered four adult male victims who had sustained gunshot wounds.", 4),
        ("Meanwhile, three others showed up at a local hospital with gunshot wounds about 15 minutes later.", 3),
        ("The last call came in at 3 a.m. in reference to 6 adults that walked into Sentara General hospital with non-life threatening gunshot wounds.", 6),
        ("The 25-year-old was one of eight shot at a party.", 8),
        ("Askari Gomes was one of three people shot in a vehicle near the store.", 3),
    ],
)
def test_people_hit_told_by_their_wounds_or_as_one_of_many(text: str, injured: int) -> None:
    assert _totals(text) == (None, injured)


def test_one_of_several_who_shot_someone_is_no_count() -> None:
    assert ("shot", 3) not in _reports("He was one of three men who shot him.")
    assert ("shot", 3) not in _reports("He was one of three men shot at by police.")


def test_with_gunshot_wounds_and_one_dead_leaves_the_others_wounded() -> None:
    assert _totals("Police found four people with gunshot wounds. One man died at the scene.") == (1, 3)


def test_a_hedged_count_of_the_wounded_counts_where_nothing_else_does() -> None:
    # "may have been": hedged; it is the article's only count of the wounded
    assert casualties.HEDGED_WOUNDED_FALLBACK
    assert _totals("Shots rang out overnight, and at least four people may have been injured.") == (None, 4)
    # beside an unhedged count of the wounded, the hedged one is set aside
    assert _totals("Two people were wounded. Reportedly as many as five people were hurt.")[1] == 2


def test_a_hedged_death_still_needs_company() -> None:
    # the dead are not read from a hedged report when the article reports someone else unhedged
    assert _totals("A man was shot in the leg. A second man may have been killed.")[0] is None


def test_a_roundups_largest_single_shooting() -> None:
    text = (
        "Seven people were wounded in shootings across the city from Sunday to early Monday, police said.\n\n"
        "In Avondale, two people were shot about 12:50 a.m. Monday in the 2200 block of West Diversey.\n\n"
        "About the same time, four men were shot in the 3200 block of West Maypole Avenue, police said.\n\n"
        "Later, a man was shot in the leg in Albany Park."
    )
    a = analyse_text(text, stages=[casualties.STAGE])
    assert casualties.is_roundup(a)
    value, reports = casualties.roundup_shooting_hit(a)
    assert value == 4 and [r.span.text for r in reports] == ["four men were shot"]
    assert isinstance(reports[0], CasualtyReport)
    # the lead's total is not a single shooting's
    lead_only = analyse_text("Seven people were wounded in shootings across the city, police said.", stages=[casualties.STAGE])
    assert casualties.roundup_shooting_hit(lead_only) is None


def test_a_self_inflicted_wound_is_a_death_only_beside_one() -> None:
    assert casualties.SELF_INFLICTED_NEEDS_DEATH
    # no death reported: the self-inflicted gunshot wound is one person hit
    assert _totals("A man suspected of dealing marijuana is in jail after a self-inflicted gunshot wound led police to his supply.") == (None, 1)
    # a death reported otherwise: the shooter's suicide still counts
    assert _totals("The gunman died of a self-inflicted gunshot wound after killing his wife.")[0] == 2
    assert _totals("A man was found dead of a self-inflicted gunshot wound.")[0] == 1


def test_links_to_other_stories_are_not_this_events() -> None:
    text = "The teen accidentally shot himself once in the chest.\n\nSTORY: Police: Man, 20, dies after fall from roof\n\nHe is in critical condition."
    assert _totals(text) == (None, 1)
    assert _totals("RELATED: Two men killed in crash on I-95\n\nA woman was shot in the arm.") == (None, 1)


def test_a_non_fatal_shooting_in_a_title_is_no_death() -> None:
    a = analyse_text("Police said the boy was wounded.", title="Redford couple charged in non-fatal shooting of son", stages=[casualties.STAGE])
    assert not any(r.kind == "killed" for r in casualties.title_reports(a))


@pytest.mark.parametrize(
    "text, totals",
    [
        ("Police said a 16 and 17-year-old were shot in the 6700 block of Shadeville Lane.", (None, 2)),
        ("Hospital staff said Ralph Robinson, Shekirrah Thomas, Demereay Doe, and Bryant Turner all suffered injuries from being shot.", (None, 4)),
        ("A gunman killed three people. That fourth individual — a 27-year-old male — also was injured and hospitalized.", (3, 1)),
        # a list restating its count is not added up; a list of other people is
        ("Four victims, three juveniles and one adult, 25-year-old Tadaruis Kennedy, suffered minor to potentially life-threatening gunshot wounds.", (None, 4)),
        ("Two men, a woman and a boy were wounded.", (None, 4)),
    ],
)
def test_lists_ages_and_ordinals_of_the_wounded(text: str, totals: tuple[int | None, int | None]) -> None:
    assert _totals(text) == totals


def test_a_roundups_largest_shooting_counts_its_dead_apart_and_its_lead_is_its_first_count() -> None:
    text = (
        "By Staff Reporter\n\nUpdated 9:14 a.m.\n\n"
        "Seven people were shot in shootings across the city from Sunday to early Monday, police said.\n\n"
        "In Avondale, four men were shot, two of them fatally, in the 2200 block of West Diversey.\n\n"
        "Later, a man was shot in the leg in Albany Park."
    )
    a = analyse_text(text, stages=[casualties.STAGE])
    value, reports = casualties.roundup_shooting_hit(a)
    assert value != 7  # the lead's total, not a shooting's
    assert value in (1, 2)


def test_one_of_a_city_or_weekend_tally_is_not_this_events_count() -> None:
    assert _totals("A 25-year-old man was shot in the leg Saturday night, police said. He was one of 47 people shot "
                   "across Chicago over the weekend.")[1] == 1
    assert _totals("She was one of 12 students shot in the city this year.")[1] != 12


def test_a_hedged_ceiling_of_the_wounded_is_no_count() -> None:
    assert _totals("Two people were killed in the strike on Tuesday. Up to 40 people may have been injured, "
                   "according to unconfirmed reports.")[1] != 40


@pytest.mark.parametrize("sentence, shot", [
    ("Askari Gomes was one of three people shot in the city's East End early Sunday.", 3),
    ("He was one of two men shot in the county on Saturday night, deputies said.", 2),
    ("She was one of four people shot last weekend at a house party on Elm Street.", 4),
    ("He was one of three people shot over the weekend at the Elm Street block party.", 3),
])
def test_one_of_this_events_people_shot_still_counts_where_and_when_it_happened(sentence, shot) -> None:
    a = analyse_text(sentence, stages=[casualties.STAGE])
    assert any(r.value == shot for r in a.casualties), sentence


def test_a_shootings_own_dead_only_are_counted_apart() -> None:
    text = ("Seven people were shot in shootings across the city overnight, police said.\n\n"
            "Three men were shot in Avondale about 1 a.m., and a woman was killed in a separate shooting in Austin.")
    value, _ = casualties.roundup_shooting_hit(analyse_text(text, stages=[casualties.STAGE]))
    assert value == 3


def test_a_roundup_tally_of_several_shootings_is_not_its_largest_shooting(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Three people were killed in shootings across the city over the holiday weekend.\n\n"
            "Seven people were shot in four shootings on the Fourth of July, police said.\n\n"
            "Four women were shot Saturday evening near a nightclub.")
    a = analyse_text(text, stages=[casualties.STAGE])
    assert casualties.roundup_shooting_hit(a)[0] == 4
    monkeypatch.setattr(casualties, "ROUNDUP_TALLY_SKIPPED", False)
    assert casualties.roundup_shooting_hit(a)[0] == 7
