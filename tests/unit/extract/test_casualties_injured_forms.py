"""Casualty forms of the injured: headline lists and forms, ordinal victims, vague counts, the other side."""

from __future__ import annotations

import pytest

from newsfuse.extract import casualties
from newsfuse.extract.casualties import article_totals
from newsfuse.stages import analyse_text
from tests.unit.extract.test_casualties import _totals


def _title(title: str) -> tuple[int | None, int | None]:
    a = analyse_text("Police are investigating.", title=title, stages=[casualties.STAGE])
    reps = casualties.title_reports(a)
    for r in reps:
        assert title[r.span.start:r.span.end] == r.span.text
    t = article_totals(reps)
    return t.killed, t.injured


@pytest.mark.parametrize(
    "title, killed, injured",
    [
        # a headline's comma stands for "and"
        ("Woman, 3 teenage daughters shot in Nashville", None, 4),
        ("Child, Three Adults Injured in DeKalb Shooting", None, 4),
        ("Porterville officer, suspect wounded in exchange of gunfire", None, 2),
        ("Man killed, woman hurt in shooting", 1, 1),
        # a headline count before "after" is no object of "shot a ..."
        ("Four teens shot after party in St. Louis", None, 4),
        ("7-year-old boy among 4 shot in drive-by shooting", None, 4),
        ("Police: 4 teens shot at Statesville birthday party", None, 4),
        ("Two men shot at by police, not hit", None, None),
        # spelled-out ages, conditions, grazes, adverbs, "found shot"
        ("Four-year-old wounded in central Fresno drive-by shooting", None, 1),
        ("Killeen 2-year-old in critical condition from gunshot", None, 1),
        ("Child grazed by bullet in Columbus shooting", None, 1),
        ("Boy stable after accidental shooting", None, 1),
        ("One person reportedly shot after shooting in southwest Oklahoma City", None, 1),
        ("Young man found shot on Frontenac street", None, 1),
        # someone's shooting or wound, an active "shot" with its object
        ("16-year-old's gunshot wound in leg was self-inflicted, police say", None, 1),
        ("Man arrested in 5-year-old's shooting", None, 1),
        ("TTPD investigates accidental shooting of 12-year-old boy by his 9-year-old brother", None, 1),
        ("Brother accidentally shot 12-year-old, police say", None, 1),
        ("Fresno juvenile arrested after shooting friend in the back", None, 1),
        # not a person hit
        ("Man charged in Sunday's shooting", None, None),
        ("Shooting suspect arrested", None, None),
        ("Police shooting suspect identified", None, None),
        # police on one side, the shooter on the other: one dead, one wounded
        ("Chicago police officer shot, suspect killed in South Loop", 1, 1),
    ],
)
def test_headline_forms(title: str, killed: int | None, injured: int | None) -> None:
    assert _title(title) == (killed, injured)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # an ordinal victim hit: at least that many people hit
        ("Three people were shot. A fourth victim was grazed.", None, 4),
        ("Police said an 8th teen was injured.", None, 8),
        ("Two men were killed. A third man was shot and survived.", 2, 1),
        ("A second man was shot in the leg.", None, 2),
        ("At least two people are dead. The third man survived, police said.", 2, 1),
        # a vague count beside an exact one
        ("Several people were injured. Nine people were shot, police said.", None, 9),
        ("Several people were injured in the shooting.", None, 10),
        # the police shot, the shooter dead (and the reverse: the officer dead, the suspect wounded)
        ("A deputy was shot during the standoff. The suspect died of a self-inflicted gunshot wound.", 1, 1),
        ("An officer was killed. The suspect was shot and taken to a hospital.", 1, 1),
        # the dead and the wounded of one side stay one person
        ("The suspect was shot by officers. The suspect died at the hospital.", 1, 0),
    ],
)
def test_totals_of_this_round(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_ordinal_gate_changes_no_report(monkeypatch) -> None:
    """The word gate of the ordinal pattern only skips sentences it could not match."""
    from newsfuse.extract import casualties as mod

    texts = ["Three people were shot. A fourth victim was grazed; an 8th teen was injured.", "The second man was hit by gunfire."]
    analyses = [analyse_text(t, stages=[]) for t in texts]
    gated = [mod.extract_casualties(a) for a in analyses]
    monkeypatch.setattr(mod, "_TEXT_PLAN", [(k, p, None, pair, ()) for k, p, _, pair, _ in mod._TEXT_PLAN])
    assert [mod.extract_casualties(a) for a in analyses] == gated
    assert all(gated)


def test_title_word_gates_change_no_report(monkeypatch) -> None:
    """The word and comma gates of the headline patterns only skip titles those patterns could not match."""
    from newsfuse.extract import casualties as mod

    titles = [
        "Woman, 3 teenage daughters shot in Nashville", "7-year-old boy among 4 shot", "Teen among three wounded",
        "16-year-old's gunshot wound was self-inflicted", "Man arrested in 5-year-old’s shooting",
        "Accidental shooting of 12-year-old boy", "Brother accidentally shot 12-year-old", "Officer, suspect wounded",
        "Man, woman killed in crash", "Chicago police officer shot, suspect killed", "4 teens shot at Statesville party",
    ]
    analyses = [analyse_text("Police are investigating.", title=t, stages=[]) for t in titles]
    gated = [mod.title_reports(a) for a in analyses]
    monkeypatch.setattr(mod, "_TITLE_PLAN", [(k, p, None, False, ()) for k, p, _, _, _ in mod._TITLE_PLAN])
    assert [mod.title_reports(a) for a in analyses] == gated
    assert all(gated)
