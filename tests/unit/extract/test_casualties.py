"""Casualty statements and one article's totals, on hand-written sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import casualties
from newsfuse.extract.casualties import article_totals
from newsfuse.stages import analyse_text


def _totals(text: str) -> tuple[int | None, int | None]:
    a = analyse_text(text, stages=[casualties.STAGE])
    for r in a.casualties:
        assert a.article.text[r.span.start:r.span.end] == r.span.text
    t = article_totals(a.casualties)
    return t.killed, t.injured


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("Two people were killed and three others were wounded in the shooting.", 2, 3),
        ("The gunman killed two people before fleeing.", 2, None),
        ("The blast left three dead.", 3, None),
        ("A man was shot and killed Tuesday night.", 1, None),
        ("The victim, 23, died at hospital.", 1, None),
        ("Two men were shot Saturday. One died at the scene.", 1, 1),
        ("Three people were shot, one fatally.", 1, 2),
        ("The man suffered non-life-threatening injuries.", None, 1),
        ("He was taken to a local hospital in critical condition.", None, 1),
        ("A rocket attack killed a US civilian contractor and wounded two Danes.", 1, 2),
        ("A woman and her son were killed in the shooting.", 2, None),
        ("Three children and one adult were found dead.", 4, None),
        ("A man shot and killed his wife before turning the gun on himself.", 2, None),
        ("A total of 50 people were killed and 53 were injured.", 50, 53),
        ("Dozens of people were injured.", None, 12),
        ("The boy accidentally shot himself in the leg.", None, 1),
    ],
)
def test_totals(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize("text, kind", [("Police said no one was injured.", "injured"), ("No injuries were reported.", "injured"), ("Nobody was killed in the blast.", "killed")])
def test_negations_are_zero(text: str, kind: str) -> None:
    a = analyse_text(text, stages=[casualties.STAGE])
    assert any(r.kind == kind and r.value == 0 for r in a.casualties)


def test_hedged_and_other_events() -> None:
    a = analyse_text("Up to five people may have been killed, officials said.", stages=[casualties.STAGE])
    assert a.casualties and all(r.hedged for r in a.casualties)
    b = analyse_text("Last year, 400 people were killed in the city.", stages=[casualties.STAGE])
    assert not b.casualties


def test_qualifier_and_who() -> None:
    a = analyse_text("At least 10 people were killed.", stages=[casualties.STAGE])
    (r,) = [r for r in a.casualties if r.kind == "killed"]
    assert (r.value, r.qualifier) == (10, "at least")
    assert r.who == "10 people"


@settings(max_examples=25, deadline=None)
@given(prefix=st.text(alphabet="xyz ,.\n", max_size=15), n=st.integers(1, 99))
def test_spans_point_into_text(prefix: str, n: int) -> None:
    text = f"{prefix} {n} people were killed and {n} were injured."
    a = analyse_text(text, stages=[casualties.STAGE])
    assert a.casualties
    for r in a.casualties:
        assert text[r.span.start:r.span.end] == r.span.text


def test_trigger_prefilter_changes_no_report(monkeypatch) -> None:
    """The word-part prefilter only skips sentences no casualty pattern could match."""
    import re as _re
    from pathlib import Path

    from newsfuse.extract import casualties as mod
    from newsfuse.ingest import read_inputs
    from newsfuse.model import Article
    from newsfuse.stages import analyse_text

    samples = Path(__file__).resolve().parents[3] / "samples" / "articles"
    articles = [a for a in read_inputs([str(samples)]) if isinstance(a, Article)][:8]
    analyses = [analyse_text(a.text, published=a.published, title=a.title, article_id=a.id, stages=[]) for a in articles]
    filtered = [mod.extract_casualties(a) for a in analyses]
    monkeypatch.setattr(mod, "TRIGGER", _re.compile(""))
    assert [mod.extract_casualties(a) for a in analyses] == filtered
    assert any(filtered)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # a list after an active verb, and a list of names
        ("Police say he shot and killed his wife and four daughters.", 5, None),
        ("Officials say 34-year-old Angelina Benton, 19-year-old Raynord Daniel and 12-year-old Joseph McDonald were killed.", 3, None),
        # a bare count after an active verb
        ("He opened fire on his fellow soldiers, killing three and wounding 16 before he fled.", 3, 16),
        # the list does not run over another verb
        ("The shooting left one person dead and four others wounded.", 1, 4),
        ("He killed his son and wounded his daughter.", 1, 1),
        # "deceased", "remains in critical condition", "N people including X"
        ("One child was found deceased inside the house.", 1, None),
        ("The victim remains in critical condition.", None, 1),
        ("Officials said that 4 people including a 21-year-old girl were injured in a shooting.", None, 4),
        # a suicide adds the shooter only when he killed someone else
        ("A 10-year-old boy died after accidentally shooting and killing himself.", 1, None),
        ("He killed his wife before turning the gun on himself.", 2, None),
        # a day of the month is not a count
        ("One victim of the shooting that took place July 18 is in critical but stable condition.", None, None),
    ],
)
def test_totals_lists_and_counts(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_hedge_only_near_the_count() -> None:
    a = analyse_text("A shooting that left six people injured was possibly gang related, police said.", stages=[casualties.STAGE])
    assert [r.hedged for r in a.casualties if r.kind == "injured"] == [False]
    b = analyse_text("Two people may have been killed, officials said.", stages=[casualties.STAGE])
    assert all(r.hedged for r in b.casualties)


def test_stated_counts_and_singular_mentions() -> None:
    a = analyse_text("Three people were killed in the shooting.", stages=[casualties.STAGE])
    assert article_totals(a.casualties).killed_stated
    b = analyse_text("A man was killed in the shooting.", stages=[casualties.STAGE])
    t = article_totals(b.casualties)
    assert t.killed == 1 and not t.killed_stated
    c = analyse_text("One man died in the shooting.", stages=[casualties.STAGE])
    assert article_totals(c.casualties).killed_stated


def test_roundup_articles() -> None:
    a = analyse_text("At least 17 people were killed in weekend shootings across the city.", title="17 dead, 41 wounded in Chicago weekend shootings", stages=[])
    assert casualties.is_roundup(a)
    b = analyse_text("Two people were killed in a shooting.", title="2 killed in shooting", stages=[])
    assert not casualties.is_roundup(b)


def test_gates_change_no_report(monkeypatch) -> None:
    """The verb-phrase and word gates only skip sentences the gated patterns could not match."""
    from newsfuse.extract import casualties as mod

    texts = [
        "A woman and her son were killed. Three men and two women were wounded, and two boys were shot.",
        "Two people were killed and three others were injured. Four people were shot and two died.",
        "A man, a woman and a child were found dead; two teenagers and an adult were hospitalized.",
        "Police said the men and women who gathered were not hurt.",
        "The bodies of Ann Lee, 43, and her mother were found. Five bodies were recovered. A third victim has died.",
        "He killed his wife before turning the gun on himself in an apparent murder-suicide. The boy shot himself.",
        "A man was mortally wounded. Three people were shot, one fatally. The death toll rose to four.",
        "The victim is in critical condition; a woman was grazed and a man was taken to a hospital.",
    ]
    analyses = [analyse_text(t, stages=[]) for t in texts]
    gated = [mod.extract_casualties(a) for a in analyses]
    assert sum(1 for plan in (mod._TEXT_PLAN, mod._TITLE_PLAN) for row in plan if row[2] is not None or row[4]) > 20
    monkeypatch.setattr(mod, "_TEXT_PLAN", [(k, p, None, pair, ()) for k, p, _, pair, _ in mod._TEXT_PLAN])
    monkeypatch.setattr(mod, "_TITLE_PLAN", [(k, p, None, pair, ()) for k, p, _, pair, _ in mod._TITLE_PLAN])
    assert [mod.extract_casualties(a) for a in analyses] == gated
    assert all(gated[:3]) and all(gated[4:])


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # a definite singular wounded in an article that reports a death is the dead victim on the way to dying
        ("A man was shot and killed Tuesday. He was taken to a hospital.", 1, None),
        ("A man was killed Tuesday. A woman was also wounded.", 1, 1),
        ("The shooting left three people dead and another injured.", 3, 1),
        ("He was taken to an area hospital but died from his injuries.", 1, None),
        ("The gunman shot him in the leg.", None, 1),
        ("A 13 year old was flown to a hospital and is expected to recover.", None, 1),
        # the shooter's victims named as such do not count him
        ("Both boys were dead when police arrived. Their father took his own life.", 3, None),
        ("Six were shot -- 2 killed and 4 wounded -- outside a home.", 2, 4),
    ],
)
def test_totals_more_forms(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "title, killed, injured",
    [
        ("Teen shot to death in Roswell apartment complex", 1, None),
        ("9-year-old boy fatally shot in hunting accident", 1, None),
        ("Boy, 14, fatally shot in park neighborhood", 1, None),
        ("17-year-old shot, killed inside house", 1, 0),
        ("Teens identified in double fatal shooting", 2, None),
        ("1 Dead, 3 Injured in Miami Shooting", 1, 3),
        ("Four men wounded in shooting", None, 4),
        ("Man shot in parked car at mall", None, 1),
        ("5 Indicted For Killing Of Former Cranston Girl", 1, None),
        ("Robbery suspect suffers self-inflicted gunshot wound", None, None),
    ],
)
def test_title_reports(title: str, killed: int | None, injured: int | None) -> None:
    a = analyse_text("Police are investigating.", title=title, stages=[casualties.STAGE])
    reps = casualties.title_reports(a)
    t = article_totals(reps)
    assert (t.killed, t.injured) == (killed, injured)
    for r in reps:
        assert title[r.span.start:r.span.end] == r.span.text


def test_title_in_text_is_not_read_twice() -> None:
    from newsfuse.model import Analysis, Article, Sentence

    text = "Man killed in shooting\nPolice are investigating."
    a = Analysis(article=Article(id="x", text=text, title="Man killed in shooting"), sentences=(Sentence(0, 22, "title"), Sentence(23, len(text), "body")))
    assert casualties.title_reports(a) == ()
    assert [(r.kind, r.value) for r in casualties.extract_casualties(a)] == [("killed", 1)]


@pytest.mark.parametrize(
    "title, killed, injured",
    [("Two year old accidentally shoots 12 year old", None, 1), ("Caretaker booked after 8-year-old shoots, injures brother", None, 1), ("Man shoots own leg while handling revolver", None, 1)],
)
def test_title_active_shooting(title: str, killed: int | None, injured: int | None) -> None:
    a = analyse_text("Police are investigating.", title=title, stages=[casualties.STAGE])
    t = article_totals(casualties.title_reports(a))
    assert (t.killed, t.injured) == (killed, injured)


def test_adverb_between_be_and_verb() -> None:
    assert _totals("An 18-year-old man was accidentally shot in the face.") == (None, 1)
    assert _totals("The 3-year-old is now in stable condition.") == (None, 1)


def test_title_bare_counts() -> None:
    a = analyse_text("Police are investigating.", title="Overnight shooting in Decatur, one killed, five shot", stages=[casualties.STAGE])
    t = article_totals(casualties.title_reports(a))
    assert (t.killed, t.injured) == (1, 4)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # an active verb with its object is no headline-style "two killed"
        ("A gunman killed 12 people and injured eight inside the building.", 12, 8),
        # an age is not a count
        ("A child under the age of 10 was killed in a drive-by shooting.", None, None),
        ("The 10-year-old girl who died of multiple gunshot wounds was identified.", 1, None),
        ("Police found John McLean dead in the car.", 1, None),
        ("Officials confirm a body has been found on Cricket Drive.", 1, None),
        ("The bodies of Regina Herring, 43, Rhonda Herring, 48, and their mother were discovered.", 3, None),
        ("Five bodies were found in the debris.", 5, None),
        ("When officers arrived, they found three people shot to death in the living room.", 3, None),
        ("A third person has died from the shooting.", 3, None),
        ("He is charged in the shooting death of 6-year-old King Carter.", 1, None),
        ("Carter was hit by a stray bullet and later died.", 1, 0),
        ("Jesus Rios, a 17-year-old Latino male, died Sunday after being shot.", 1, None),
        ("A gunman opened fire, killing Carlton Lewis and wounding another man.", 1, 1),
        ("The student who killed four classmates and himself was identified.", 5, None),
        # a murder-suicide is at least two deaths, but no stated count; an attempted one is none
        ("Police are investigating an apparent murder-suicide.", 2, None),
        ("Deputies are investigating an attempted murder-suicide.", None, None),
        # a fourth victim found is not a fourth death (but four people hit); a city's tally over days is another matter
        ("A fourth shooting victim was found six miles away.", None, 4),
        ("She was the third child to die from a shooting in Chicago in just two days.", None, None),
    ],
)
def test_totals_forms_of_this_round(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_murder_suicide_is_not_a_stated_count() -> None:
    a = analyse_text("Police found three people dead in a suspected murder suicide.", stages=[casualties.STAGE])
    t = article_totals(a.casualties)
    assert (t.killed, t.killed_stated) == (3, True)
    b = analyse_text("Police are investigating a murder-suicide.", stages=[casualties.STAGE])
    assert not article_totals(b.casualties).killed_stated


@pytest.mark.parametrize(
    "title, killed",
    [
        ("1 charged in apparent accidental shooting that killed Columbia teen Sunday", 1),
        ("Boca family mourns death of son, 16, in accidental shooting", 1),
        ("Lodi 8th-grader dies in accidental shooting", 1),
        ("Police: 18-month old dead after shooting in Beebe", 1),
        ("Third man dies after shooting at dice game", 3),
    ],
)
def test_title_reports_of_this_round(title: str, killed: int) -> None:
    a = analyse_text("Police are investigating.", title=title, stages=[casualties.STAGE])
    assert article_totals(casualties.title_reports(a)).killed == killed


def test_headline_count_before_another_count_is_not_an_object() -> None:
    assert _totals("2 dead 3 injured in Miami shooting")[0] == 2
    assert _totals("A gunman killed 12 and wounded 8.") == (12, 8)


# Injured counts (project issue 5): the wounded taken to a hospital by a vehicle or fighting for their lives, an ordinal
# taken to a hospital named without an article, "wounded another", a survivor told beside a death, "fatally wounded"
@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("Four people are dead and another is fighting for her life after the shooting.", 4, 1),
        ("Three men were shot and killed. A fourth victim was taken by personal vehicle to East Alabama Medical Center.", 3, 1),
        ("The man was transported by ambulance to a nearby hospital.", None, 1),
        ("Gunfire at an attempted eviction has killed one person and wounded another.", 1, 1),
        ("A 4-year-old girl was shot and killed. Thacker was transported to the hospital with non-life-threatening injuries.", 1, 1),
        ("A woman was shot and killed. He is listed in stable condition.", 1, 1),
        ("He fatally wounded four friends and seriously wounded another in the cafeteria.", 4, 1),
        ("The man was accused of shooting five family members, killing two.", 2, 3),
    ],
)
def test_totals_injured_forms(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_wounded_another_is_a_stated_count() -> None:
    a = analyse_text("Gunfire has killed one person and wounded another.", stages=[casualties.STAGE])
    assert article_totals(a.casualties).injured_stated


def test_a_definite_wounded_not_said_to_survive_is_still_the_dead() -> None:
    # a definite singular taken to a hospital beside a death is still most often the dead one (DEFINITE_IS_DEAD)
    assert _totals("A man was shot and killed. He was taken to a hospital.") == (1, None)


def test_a_headline_list_does_not_run_over_a_verb_in_title_case() -> None:
    a = analyse_text("The man was shot to death by police.", title="2 People Dead, 2 Officers Injured in River Forest", stages=[casualties.STAGE])
    t = article_totals(casualties.title_reports(a))
    assert (t.killed, t.injured) == (2, 2)


def test_a_survivor_read_across_a_comma_is_not_kept_beside_a_death() -> None:
    # "the scene, the other passenger": a subject read across a comma (an item of a news-brief page) is no one person
    assert _totals("Joel Harrison died at the scene, the other passenger suffered non-life-threatening injuries.") == (1, None)


# Injured counts (project issue 5, second round): a parent "of N" is one person hit; people taken to a hospital before a
# later death are people hit
@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("The family of a father of three who was shot and killed during the weekend is looking for answers.", 1, None),
        ("Police said a mother of two who was wounded is expected to survive.", None, 1),
    ],
)
def test_a_parent_of_several_is_one_person(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_a_parent_of_several_keeps_a_span_of_the_text() -> None:
    text = "The family of a father of three who was shot and killed is looking for answers."
    a = analyse_text(text, stages=[casualties.STAGE])
    (r,) = [r for r in a.casualties if r.kind == casualties.KILLED]
    assert (r.value, r.span.text, text[r.span.start:r.span.end]) == (1, "a father of three who was shot and killed", r.span.text)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # the people taken to a hospital include one who died there later: people hit, not all wounded
        ("A shooting sent five people to the hospital late Sunday. One of the victims, Jeffery Webb, 47, later died.", 1, 4),
        # a death told apart from those taken to a hospital is not one of them
        ("Three people were taken to a hospital. A man was killed at the scene.", 1, 3),
    ],
)
def test_people_hospitalized_before_a_later_death_are_people_hit(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


# Review of the GVA injured counts: a survivor who later dies is the dead, not one more wounded
@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("A man was shot and killed. The victim was taken to a hospital where she was listed in stable condition, "
         "but she died two days later.", 1, 0),
        ("A man was shot Tuesday night. The victim was taken to a hospital, where he was listed in stable condition. "
         "He died later.", 1, 0),
        ("A man was shot and killed. He was listed in stable condition but died Wednesday.", 1, 0),
        ("A man was shot and killed. He remained in critical condition for two days before he died.", 1, None),
        ("A man died Tuesday after a shooting. He was initially expected to survive, police said.", 1, 0),
    ],
)
def test_a_survivor_told_to_die_is_the_dead(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # the survival words after the wounding phrase keep a second person beside the dead
        ("A man was killed. He was treated at a hospital and released.", 1, 1),
        ("A woman was killed Tuesday. The victim was taken to a hospital, where he is in stable condition.", 1, 1),
    ],
)
def test_survival_is_read_to_the_end_of_its_sentence(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_a_survivor_span_reaches_the_words_that_say_it() -> None:
    text = "A man was killed. He was treated at a hospital and released."
    a = analyse_text(text, stages=[casualties.STAGE])
    (r,) = [r for r in a.casualties if r.kind == casualties.INJURED]
    assert (r.span.text, text[r.span.start:r.span.end]) == ("He was treated at a hospital and released", r.span.text)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("Police said one person was killed. A woman was fighting for her life at a hospital, where she later died.", 1, None),
        ("Two people were shot and killed. The third victim was transported to UAB Hospital, where he later died.", 3, None),
        ("Two people were killed. A third victim was taken to Grady Memorial Hospital and pronounced dead.", 3, None),
        # an ordinal taken to a named hospital and not said to die is still one more person hit
        ("Three men were shot. A fourth man was taken to Baptist Medical Center in critical condition.", None, 4),
        # "One was taken ..." after counts of the dead only is one of them
        ("Two men were shot and killed. One was taken by ambulance to a hospital.", 2, 0),
        ("Two men were shot and killed. One was driven by friends to a hospital.", 2, 0),
        ("Two men were shot. One was killed. One was taken by ambulance to a hospital.", 1, 1),
    ],
)
def test_people_taken_to_a_hospital_where_they_died(text: str, killed: int | None, injured: int | None) -> None:
    assert _totals(text) == (killed, injured)


def test_wounded_another_is_stated_only_in_the_lead() -> None:
    lead = analyse_text("The attack killed one soldier and wounded another, the military said.", stages=[casualties.STAGE])
    later = analyse_text("One man was shot and killed. The gunman then turned and wounded another in the parking lot.",
                         stages=[casualties.STAGE])
    assert article_totals(lead.casualties).injured_stated is True
    assert (article_totals(later.casualties).injured, article_totals(later.casualties).injured_stated) == (1, False)


def test_a_sentence_weeks_before_is_another_attack() -> None:
    assert _totals("A man was shot and killed Tuesday. Two weeks ago, a gunman killed a man and wounded another on the same block.") == (1, None)
