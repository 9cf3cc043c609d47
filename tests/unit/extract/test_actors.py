"""Actors: role and attribution status."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import actors, casualties
from newsfuse.stages import analyse_text

STAGES = [casualties.STAGE, actors.STAGE]


def _actors(text: str) -> set[tuple[str, str, str]]:
    a = analyse_text(text, stages=STAGES)
    for x in a.actors:
        assert a.article.text[x.span.start:x.span.end] == x.span.text
    return {(x.name, x.role, x.status) for x in a.actors}


def test_claimed() -> None:
    got = _actors("The Islamic State group claimed responsibility for the bombing.")
    assert any(r == "perpetrator" and s == "claimed" and "Islamic State" in n for n, r, s in got)


def test_denied() -> None:
    got = _actors("Hezbollah denied involvement in the attack.")
    assert ("Hezbollah", "perpetrator", "denied") in got


def test_unknown() -> None:
    got = _actors("No group has claimed responsibility for the attack.")
    assert any(r == "perpetrator" and s == "unknown" for _, r, s in got)


def test_suspected_by_blame() -> None:
    got = _actors("US officials blamed Iran-backed militias for the attack.")
    assert any(r == "perpetrator" and s == "suspected" and "militias" in n for n, r, s in got)


def test_confirmed_perpetrator_and_victim() -> None:
    got = _actors("Gunmen attacked the village on Monday, killing two farmers.")
    assert any(r == "perpetrator" and s == "confirmed" and "Gunmen" in n for n, r, s in got)
    assert any(r == "victim" for _, r, _ in got)


def test_suspect_arrested() -> None:
    got = _actors("Police arrested a 19-year-old man after the shooting.")
    assert any(r == "suspect" for _, r, _ in got)
    assert any(r == "responder" and "Police" in n for n, r, _ in got)


@settings(max_examples=15, deadline=None)
@given(prefix=st.text(alphabet="ab ,.\n", max_size=15))
def test_spans_point_into_text(prefix: str) -> None:
    text = f"{prefix} Militants attacked the base. No group has claimed responsibility."
    a = analyse_text(text, stages=STAGES)
    for x in a.actors:
        assert text[x.span.start:x.span.end] == x.span.text


def test_stand_ins_and_channels() -> None:
    got = _actors("Militias, which attacked the base, were blamed for earlier attacks on the US embassy.")
    assert not any(n.lower() in ("which", "that") for n, _, _ in got)
    assert not any("embassy" in n and r == "perpetrator" for n, r, _ in got)
    got = _actors("A spokesman for Kataib Hezbollah denied any involvement.")
    assert any("Kataib Hezbollah" in n and r == "perpetrator" and s == "denied" for n, r, s in got)
    got = _actors("The coalition spokesman announced the attack on Twitter.")
    assert not any(n == "Twitter" for n, _, _ in got)


def test_counted_people_keep_their_noun_and_credits_are_trimmed() -> None:
    got = _actors("Dozens of protesters were arrested on Friday.")
    assert ("Dozens of protesters", "suspect", "suspected") in got
    got = _actors("(Image: AP) Police fired tear gas at the crowd.")
    assert all(not n.startswith("Image") for n, _, _ in got)


def test_actors_of_recalled_earlier_events_are_left_out() -> None:
    from newsfuse.extract import pubdate, times

    text = ("Gunmen attacked the village of Kora on Wednesday, killing two farmers. "
            "In January 2020, militants attacked the Balad air base.")
    a = analyse_text(text, published="2021-03-04", stages=[pubdate.STAGE, times.STAGE, actors.STAGE])
    names = [x.name for x in a.actors]
    assert any("Gunmen" in n for n in names)
    assert not any("Balad" in n or "militants" in n for n in names)


def test_passive_blame_names_the_suspect_not_the_attack() -> None:
    got = _actors("The attack was blamed on Iran-backed militias.")
    assert any("militias" in n and r == "perpetrator" and s == "suspected" for n, r, s in got)
    assert not any(n.lower().endswith("attack") and r == "perpetrator" for n, r, _ in got)


def test_a_clock_time_dates_the_event_itself() -> None:
    from newsfuse.extract import pubdate, times

    text = "Gunmen opened fire at 11:07 a.m. Sunday, killing two, a week after a Jan. 14 shooting at the same bar."
    a = analyse_text(text, published="2021-02-01", stages=[pubdate.STAGE, times.STAGE, actors.STAGE])
    assert any("Gunmen" in x.name for x in a.actors)


def test_demonstrative_group_names_its_antecedent() -> None:
    got = _actors(
        "Washington has blamed the attack on hardline factions such as Kataib al-Furat. "
        "A spokesman for that group denied any involvement."
    )
    assert ("Kataib al-Furat", "perpetrator", "denied") in got
    assert ("hardline factions", "perpetrator", "suspected") in got


def test_examples_of_a_blamed_group_are_suspected() -> None:
    got = _actors("Washington has blamed the attack on hardline factions such as Kataib al-Furat.")
    assert ("Kataib al-Furat", "perpetrator", "suspected") in got
    assert not any(n == "attack" for n, _, _ in got)
    assert not any(n.startswith("that") for n, _, _ in got)


def test_demonstrative_in_the_same_sentence() -> None:
    got = _actors("Many in Anbar, a mainly Sunni province, blame Shiite factions allied with Iran; those factions have denied any involvement.")
    assert ("Shiite factions", "perpetrator", "denied") in got


def test_demonstrative_with_nothing_to_refer_to_is_no_actor() -> None:
    got = _actors("Those groups denied any involvement.")
    assert not any(r == "perpetrator" for _, r, _ in got)


def test_group_calling_itself() -> None:
    got = _actors("A little-known group calling itself Ashab al-Raya claimed responsibility in a statement.")
    assert ("Ashab al-Raya", "perpetrator", "claimed") in got


def test_blamed_for_attacks_on_a_place_does_not_blame_the_place() -> None:
    got = _actors("Iran-backed militias have previously been blamed for rocket attacks on bases, as well as on the US embassy.")
    assert any("militias" in n and s == "suspected" for n, _, s in got)
    assert not any("embassy" in n and r == "perpetrator" for n, r, _ in got)


def test_denial_with_a_day_between_and_distancing() -> None:
    assert ("Kataib al-Furat", "perpetrator", "denied") in _actors(
        "Kataib al-Furat denied on Wednesday that it had played any part in the attack."
    )
    got = _actors("Kataib al-Furat, an Iran-aligned faction, distanced itself from the strike.")
    assert any(n.startswith("Kataib") and s == "denied" for n, _, s in got)


def test_the_base_is_the_named_base() -> None:
    got = _actors("Rockets struck Ain al-Asad air base on Wednesday. It was the fourth attack on the base this month.")
    targets = {n for n, r, _ in got if r == "target"}
    assert "base" not in targets and any("Asad" in n for n in targets), got


def test_person_demonstratives_stay_their_own_phrase() -> None:
    got = _actors(
        "A Chicago Police Department spokesman said the suspect fled on foot. That suspect then shot an officer in the leg."
    )
    assert not any("Police" in n and r == "perpetrator" for n, r, _ in got), got
    got = _actors("That gunman killed four people before police shot him.")
    assert any(n == "That gunman" and r == "perpetrator" for n, r, _ in got), got


def test_reporting_sources_and_adjectives_are_no_antecedents() -> None:
    got = _actors("US officials blamed Kataib Hezbollah, Reuters reported. That group denied any involvement.")
    assert not any(n == "Reuters" for n, _, _ in got), got
    got = _actors("The US blamed Kataib Hezbollah for the attack. That Iraqi group denied any involvement.")
    assert not any(n == "Iraqi" for n, _, _ in got), got


def test_blamed_on_is_not_a_target_and_a_day_is_not_blamed() -> None:
    got = _actors("Washington on Monday blamed the attack on Kataib Hezbollah.")
    assert ("Kataib Hezbollah", "perpetrator", "suspected") in got, got
    assert not any(r == "target" for _, r, _ in got) and not any(n == "Monday" for n, _, _ in got), got


def test_a_place_with_words_of_its_own_is_not_the_earlier_one() -> None:
    got = _actors("Gunmen attacked the US Embassy in Baghdad in 2019. On Sunday there was an attack on the embassy in Kabul.")
    assert not any(n == "the US Embassy" for n, _, _ in got), got
    got = _actors("Trump spoke at the White House on Monday. Later, a gunman fired shots at the house on Elm Street.")
    assert not any("White House" in n and r == "target" for n, r, _ in got), got


def test_distancing_from_something_else_is_no_denial() -> None:
    got = _actors("The government distanced itself from the minister's remarks about the shooting.")
    assert not any(s == "denied" for _, _, s in got), got


def test_what_was_fired_is_no_target() -> None:
    got = _actors("Rockets were fired at the base on Wednesday, officials said.")
    assert not any(n == "Rockets" and r == "target" for n, r, _ in got), got


def test_a_group_named_in_apposition_is_the_claimant() -> None:
    got = _actors("A little-known group, Saraya Awliya al-Dam, claimed responsibility for the attack.")
    assert {(n, s) for n, r, s in got if r == "perpetrator"} == {("Saraya Awliya al-Dam", "claimed")}, got


def test_a_victim_is_the_whole_description() -> None:
    got = _actors("Rockets hit the base on Wednesday, killing a US civilian contractor.")
    assert ("a US civilian contractor", "victim", "confirmed") in got, got


def test_the_group_said_to_stand_behind_is_suspected() -> None:
    got = _actors("The name is not known to security services, which believe it may be a front for a larger Iran-backed militia.")
    assert ("Iran-backed militia", "perpetrator", "suspected") in got, got
    for text in ("Mosul was the last major front for Islamic State fighters in Iraq.",
                 "Police provided cover for the protesters as they marched.",
                 "The killing could spark protests by supporters of the cleric, who is aligned with Iran."):
        assert not any(r == "perpetrator" and s == "suspected" for _, r, s in _actors(text)), (text, _actors(text))
