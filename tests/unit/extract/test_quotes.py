"""Direct quotes, speakers and indirect attributions on hand-written passages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import quotes as Q
from newsfuse.extract.quotes import extract_quotes, find_quote_marks, is_quotation
from newsfuse.stages import analyse_text


def run(text: str):
    return analyse_text(text, stages=[Q.STAGE])


def direct(text: str):
    return [q for q in run(text).quotes if q.kind == "direct"]


def test_said_after_and_name_expanded_with_title():
    a = run(
        "Pentagon spokesman John Kirby spoke on Monday.\n"
        '"We are aware of the reports and are looking into it," Kirby said.'
    )
    (q,) = [q for q in a.quotes if q.kind == "direct"]
    assert q.span.text == "We are aware of the reports and are looking into it,"
    assert q.speaker == "John Kirby"
    assert q.speaker_title == "Pentagon spokesman"
    assert q.speaker_span is not None and q.speaker_span.text == "Kirby"


def test_said_x_inverted_and_appositive():
    qs = direct("“This is a sad day in our community,” said Sheriff Doug Cox.")
    assert qs[0].speaker == "Doug Cox"
    qs = direct("“Her eyes were crazy, and she was out of control,” said the friend, Ilona Herman.")
    assert qs[0].speaker == "Ilona Herman"
    qs = direct(
        "“We were deeply grieved this morning to learn of the deaths,” Kris Hoce, president of Morton Plant "
        "Hospital, said in the statement."
    )
    assert qs[0].speaker == "Kris Hoce"
    assert qs[0].speaker_title == "president of Morton Plant Hospital"


def test_split_quote_he_added():
    qs = direct(
        "Police Chief Tim Smith spoke to reporters.\n"
        '"It is too early to say what happened," Smith said. "We are still talking to witnesses."\n'
        '"We ask anyone with information to call us," he added.'
    )
    assert [q.span.text for q in qs] == [
        "It is too early to say what happened,",
        "We are still talking to witnesses.",
        "We ask anyone with information to call us,",
    ]
    assert {q.speaker for q in qs} == {"Tim Smith"}


def test_colon_introduces_quote():
    qs = direct("Mayor of London Sadiq Khan said: “I am in contact with emergency services and TfL.”")
    assert qs[0].speaker == "Sadiq Khan"


def test_pronoun_resolution_is_gender_aware():
    text = (
        "Mary Jones met Robert Brown at the scene on Tuesday.\n"
        "Mr. Brown described the damage to the house.\n"
        "“It was a terrible thing to see so early in the morning,” she said.\n"
        "“We will rebuild the whole street,” he said."
    )
    qs = direct(text)
    assert [q.speaker for q in qs] == ["Mary Jones", "Robert Brown"]


def test_quote_continues_across_paragraphs():
    text = (
        'James Long, who lives nearby, told the Standard: "It happened on a sharp bend near the stop.\n'
        '"I have never seen so many emergency services attend a scene."\n'
        "The road was closed."
    )
    qs = direct(text)
    assert [q.span.text for q in qs] == [
        "It happened on a sharp bend near the stop.",
        "I have never seen so many emergency services attend a scene.",
    ]
    assert [q.speaker for q in qs] == ["James Long", "James Long"]


def test_tweet_quote():
    qs = direct('Senator Jane Doe tweeted: "My thoughts are with the families of the victims tonight."')
    assert qs[0].speaker == "Jane Doe"
    assert qs[0].span.text == "My thoughts are with the families of the victims tonight."


def test_organisation_speaker():
    qs = direct('The Pentagon said in a statement that "all personnel are accounted for and safe."')
    assert qs[0].speaker == "Pentagon"
    qs = direct(
        'A London Fire Brigade spokesman said they had been called at 6.04am.\n'
        '"There are eight fire engines and four crews in attendance," they added.'
    )
    assert qs[0].speaker == "London Fire Brigade"


def test_scare_quotes_and_titles_are_not_quotes():
    text = (
        'The company said it had found "inappropriate content" in the app.\n'
        'She starred in Tarantino\'s "Pulp Fiction" and "Kill Bill: Vol. 1," years ago.'
    )
    assert direct(text) == []
    assert not is_quotation("inappropriate content")
    assert not is_quotation("Kill Bill: Vol. 1,")
    assert is_quotation("a lot of pain")


def test_ecb_style_marks():
    qs = direct("`` We have no reason to believe it was anything else , '' the spokesman said .")
    assert qs[0].span.text == "We have no reason to believe it was anything else ,"


def test_curly_single_quotes():
    qs = direct("The minister said: ‘We will not allow this to happen again in our country.’")
    assert qs[0].span.text == "We will not allow this to happen again in our country."


def test_indirect_attributions():
    a = run(
        "According to AFP, three rockets hit the base on Tuesday.\n"
        "Police said the man was arrested at the scene.\n"
        "Western security sources told AFP that the convoy had been struck."
    )
    ind = [q for q in a.quotes if q.kind == "indirect"]
    by_speaker = {q.speaker: q.span.text for q in ind}
    assert by_speaker["AFP"] == "three rockets hit the base on Tuesday"
    assert by_speaker["Police"] == "the man was arrested at the scene"
    assert any("convoy had been struck" in q.span.text and "sources" in (q.speaker or "") for q in ind)


def test_boilerplate_is_skipped():
    text = 'Share this: "Click here to read the full story now"\nThe mayor said nothing.'
    assert direct(text) == []


_WORDS = st.sampled_from(["said", "the", "police", "“", "”", '"', "``", "''", "‘", "’", "he", "Smith", ",", ".", "\n", "we", "are"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=0, max_size=40))
def test_every_span_is_exact(words):
    text = " ".join(words)
    for m in find_quote_marks(text):
        assert 0 <= m.start <= m.end <= len(text)
    a = run(text) if text.strip() else None
    if a is None:
        return
    for q in a.quotes:
        assert text[q.span.start:q.span.end] == q.span.text
        if q.speaker_span is not None:
            assert text[q.speaker_span.start:q.speaker_span.end] == q.speaker_span.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["John", "Smith", "Mr.", "J.", "said", "the", "Smith's", "Goldsmith", ",", "\n", "Jr."]), max_size=14),
    st.sampled_from(["Smith", "John", "Jr."]),
)
def test_name_runs_match_the_regex_they_replace(words, name):
    import re

    from newsfuse.extract.quotes import _NAME_SEQ, _name_runs

    text = " ".join(words)
    expected = [(m.start(), m.end()) for m in re.finditer(_NAME_SEQ + re.escape(name) + r"\b", text)]
    assert _name_runs(text, name) == expected


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Video shows a gunman opening fire "without any sort of provocation," Police Supt. Garry McCarthy said Tuesday.', "Garry McCarthy"),
        ('"Our firm did not maintain any business relationship with him," the legal firm J.P. Damiani said in a statement.', "J.P. Damiani"),
        ('"North Korea must stop its provocations at once," the South Korean government said in a statement.', "South Korean government"),
        ('Prime Minister Shinzo Abe said the launch was "totally unacceptable" and went against "the strong and united will of the world."', "Shinzo Abe"),
    ],
)
def test_attribution_patterns(text, speaker):
    a = analyse_text(text, stages=[Q.STAGE])
    direct = [q for q in a.quotes if q.kind == "direct" and len(q.span.text.split()) >= 3]
    assert direct and all(q.speaker == speaker for q in direct), [(q.span.text, q.speaker) for q in a.quotes]
    for q in direct:
        assert q.speaker_span is not None and text[q.speaker_span.start:q.speaker_span.end] == q.speaker_span.text


def test_title_case_name_closed_by_a_full_stop_is_not_a_quote():
    assert not Q.is_quotation("The Bad Astronomer.")
    assert not Q.is_quotation(" The Big Lebowski . ")
    assert Q.is_quotation("Get out now.")
    assert Q.is_quotation("We are heartbroken.")


def test_quote_continues_over_a_link_line_without_punctuation():
    text = (
        '"Nobody wants to see a war," Mr Turnbull said. "If they start a war, it would be suicide.\n'
        "American tourist woken by sirens after missile launch\n"
        '"That would be the end for his government."'
    )
    a = analyse_text(text, stages=[Q.STAGE])
    assert [q.speaker for q in a.quotes if q.kind == "direct"][-1] == "Turnbull"


def test_a_title_is_a_role_not_an_age_a_clause_or_a_courtesy():
    (q,) = direct('"They kept me for ten hours," said Noor Abbas, 24, a pharmacy graduate who was released on Saturday.')
    assert (q.speaker, q.speaker_title) == ("Noor Abbas", "a pharmacy graduate")
    a = run('Pentagon press secretary John Kirby spoke on Monday. "Our thoughts are with his family," Mr Kirby said.')
    assert [(q.speaker, q.speaker_title) for q in a.quotes if q.kind == "direct"] == [("John Kirby", "Pentagon press secretary")]
    a = run('Coalition spokesman Col. Dana Whitlock said the base was hit. "We are assessing," Col. Whitlock said.')
    assert {(q.speaker, q.speaker_title) for q in a.quotes} == {("Dana Whitlock", "Coalition spokesman")}


def test_an_office_named_by_its_holder_speaks_under_all_its_words():
    a = run('The Iraqi prime minister\'s office said it would not allow Iraq to become "an arena for settling scores".')
    assert {q.speaker for q in a.quotes} == {"Iraqi prime minister's office"}


def test_a_courtesy_title_before_the_name_gives_way_to_the_role_after_it():
    (q,) = direct('Dr Lina Farouk, a researcher at the Nahrain Centre, said: "The visit raises the stakes for everyone."')
    assert (q.speaker, q.speaker_title) == ("Lina Farouk", "a researcher at the Nahrain Centre")
