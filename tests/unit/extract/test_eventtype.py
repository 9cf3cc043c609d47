"""Event type guesses: ACLED types and news categories, with evidence spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import eventtype
from newsfuse.stages import analyse_text


def _top(text: str, title: str | None = None) -> tuple[str, str | None, str]:
    a = analyse_text(text, title=title, stages=[eventtype.STAGE])
    g = a.event_types[0]
    for s in g.evidence:
        assert a.article.text[s.start:s.end] == s.text
    return g.event_type, g.sub_event_type, g.taxonomy


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A gunman opened fire at a party, killing two people.", ("Violence against civilians", "Attack", "acled")),
        ("A roadside bomb killed three soldiers on the highway.", ("Explosions/Remote violence", "Remote explosive/landmine/IED", "acled")),
        ("An air strike hit the market. Warplanes returned an hour later.", ("Explosions/Remote violence", "Air/drone strike", "acled")),
        ("A suicide bomber blew himself up at the checkpoint.", ("Explosions/Remote violence", "Suicide bomb", "acled")),
        ("Rockets struck the air base; the rocket attack wounded two.", ("Explosions/Remote violence", "Shelling/artillery/missile attack", "acled")),
        ("Protesters marched through the capital; police fired tear gas to disperse them.", ("Protests", "Protest with intervention", "acled")),
        ("Rioters threw stones and looted shops as the riots spread.", ("Riots", "Violent demonstration", "acled")),
        ("Gunmen kidnapped a priest and his driver.", ("Violence against civilians", "Abduction/forced disappearance", "acled")),
        ("The boy accidentally shot himself while cleaning a gun.", ("accident", None, "news")),
        ("A 6.1 magnitude earthquake struck the coast; the quake damaged homes.", ("disaster", None, "news")),
        ("The coach praised the team after the game. The players won the championship.", ("sports", None, "news")),
    ],
)
def test_top_guess(text: str, expected: tuple) -> None:
    assert _top(text) == expected


def test_no_cue_is_other() -> None:
    assert _top("It was a quiet day.") == ("other", None, "news")


def test_scores_are_shares() -> None:
    a = analyse_text("A gunman shot a man. Police said protesters gathered.", stages=[eventtype.STAGE])
    assert abs(sum(g.score for g in a.event_types) - 1.0) < 0.01


@settings(max_examples=15, deadline=None)
@given(prefix=st.text(alphabet="ab ,.\n", max_size=15))
def test_spans_point_into_text(prefix: str) -> None:
    text = f"{prefix} A gunman opened fire. The shooting left two dead."
    a = analyse_text(text, stages=[eventtype.STAGE])
    for g in a.event_types:
        for s in g.evidence:
            assert text[s.start:s.end] == s.text


def test_lowercase_fast_path_equals_ignorecase_rules():
    from newsfuse.extract import eventtype as et

    text = "GUNMAN Opened Fire at a Protest; Rockets Landed near the base. A Suicide Bomber blew himself up."
    for (_, _, _, slow, _), (_, _, _, fast, _, _) in zip(et.RULES, et._LOWER_RULES):
        assert [m.span() for m in slow.finditer(text)] == [m.span() for m in fast.finditer(text.lower())]
    assert len("İstanbul".lower()) != len("İstanbul")  # such text takes the IGNORECASE path
    a = analyse_text("Police said a gunman opened fire in İstanbul on Friday, killing two people.", stages=[et.STAGE])
    assert a.event_types[0].event_type == et.VAC
    ev = a.event_types[0].evidence[0]
    assert a.article.text[ev.start:ev.end] == ev.text and ev.text.lower() in ("gunman", "opened fire", "killing")


def test_literal_cues_of_a_pattern() -> None:
    assert eventtype.literal_cues(r"\b(?:stabb(?:ed|ing)|earthquakes?|gun\s*battles?|cease-?fire)\b") == (
        "stabb", "earthquake", "gun", "cease",
    )
    assert eventtype.literal_cues(r"\b(?:(?:missile|rocket)\s+tests?|launch)\b") is None  # a group first: unsure
    assert eventtype.literal_cues(r"\bgrenades?\b") is None  # not an alternation group: always run
    assert eventtype.literal_cues(r"\b(?:foo|bar)?baz\b") is None  # the group may match nothing
    assert eventtype.literal_cues(r"\b(?:riot|looting)\b|arson") is None  # another way to match after the group
    assert eventtype.literal_cues(r"\b(?:vandali[sz|)]ed|torched)\b") == ("vandali", "torched")  # a class is one unit


_PAIRS = [
    (rule, k)
    for rule, (_, _, _, p, cues, _) in enumerate(eventtype._LOWER_RULES)
    if cues is not None
    for k in range(len(cues))
]


@pytest.mark.parametrize("rule, k", _PAIRS)
@settings(max_examples=3, deadline=None, derandomize=True)
@given(data=st.data())
def test_every_alternative_of_every_rule_holds_its_cue(rule: int, k: int, data: st.DataObject) -> None:
    """Each alternative alone (not only the easiest one hypothesis finds for the whole rule) contains its cue."""
    _, _, _, pattern, cues, _ = eventtype._LOWER_RULES[rule]
    alternatives, _ = eventtype.top_level_alternatives(pattern.pattern)
    assert len(alternatives) == len(cues)
    text = data.draw(st.from_regex(f"(?:{alternatives[k]})", fullmatch=True, alphabet=st.characters(codec="ascii")))
    assert cues[k] in text, (alternatives[k], cues[k], text)


@pytest.mark.parametrize(
    "title, text, expected",
    [
        # captives freed: the release is the event, the abduction its background
        ("Militants free 21 kidnapped schoolgirls", "The girls were abducted in 2014. Their kidnapping shocked the world.", ("Strategic developments", "Other", "acled")),
        # the same cues without a release in the title stay an abduction
        ("Militants kidnap 21 schoolgirls", "The girls were abducted from their school.", ("Violence against civilians", "Abduction/forced disappearance", "acled")),
        # a weapons programme is not an attack
        ("Country tests long-range rocket", "The ballistic missile programme worries its neighbours.", ("Strategic developments", "Other", "acled")),
        # an explosion without an attacker
        ("Fireworks explosion injures dozens", "A fireworks display exploded on the beach; the explosion injured 40.", ("accident", None, "news")),
        ("Meteor lights up the sky", "A meteor exploded over the coast, astronomers said.", ("science", None, "news")),
        # a fire set on purpose, a driver who fled
        ("Church fire was arson", "Firefighters fought the blaze; investigators said an arsonist set the fire.", ("crime", None, "news")),
        ("Hit-and-run driver sought", "A pedestrian was killed in a hit-and-run on Main Street.", ("crime", None, "news")),
        # a gun mishandled is an accident, not an attack
        ("Man charged after baby shot", "Police say a man mishandled a gun, firing a shot that hit an infant.", ("accident", None, "news")),
    ],
)
def test_kinds_of_event(title: str, text: str, expected: tuple) -> None:
    assert _top(f"{title}\n\n{text}", title=title) == expected


def test_charges_after_an_accident_are_the_accident() -> None:
    title = "Parents charged after toddler shoots self"
    text = "A toddler accidentally shot herself in the hand. Both parents were arrested and charged with child neglect."
    assert _top(f"{title}\n\n{text}", title=title) == ("accident", None, "news")
    # without an accident cue the charges stay a crime story
    title = "Man charged with theft"
    text = "A man was arrested and charged with theft of a car."
    assert _top(f"{title}\n\n{text}", title=title) == ("crime", None, "news")
