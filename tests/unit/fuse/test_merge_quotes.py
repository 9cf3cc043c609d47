"""One entry per distinct quote across outlets, with speakers merged by name."""

from __future__ import annotations

from newsfuse.fuse.quotes import merge_quotes, same_quote, same_speaker
from newsfuse.model import Analysis, Article, Quote, Span


def _analysis(aid: str, text: str, quotes: list[tuple[str, str | None, str | None]]) -> Analysis:
    out = []
    for passage, speaker, title in quotes:
        start = text.index(passage)
        out.append(Quote(Span.of(aid, text, start, start + len(passage)), speaker, title))
    return Analysis(article=Article(id=aid, text=text), quotes=tuple(out))


Q = "We are aware of the reports and are looking into it, but we have nothing more to add at this time."


def test_same_quote_in_three_outlets_is_one_entry():
    a = _analysis("a", f"“{Q}” Kirby said.", [(Q, "Kirby", None)])
    b = _analysis("b", f'"{Q.replace(",", "")}" said Pentagon spokesman John Kirby.',
                  [(Q.replace(",", ""), "John Kirby", "Pentagon spokesman")])
    short = "We are aware of the reports and are looking into it"
    c = _analysis("c", f"“{short},” he said.", [(short, "John Kirby", None)])
    (entry,) = merge_quotes([a, b, c])
    assert entry["articles"] == ["a", "b", "c"]
    assert entry["speaker"] == "John Kirby"
    assert entry["speaker_title"] == "Pentagon spokesman"
    assert entry["text"] == Q
    assert len(entry["evidence"]) == 3
    for ev in entry["evidence"]:
        assert set(ev) == {"article", "start", "end", "text"}


def test_different_quotes_stay_apart():
    a = _analysis("a", "“The road was closed for six hours,” Smith said.", [("The road was closed for six hours,", "Smith", None)])
    b = _analysis("b", "“Nobody was hurt in the second blast,” Smith said.", [("Nobody was hurt in the second blast,", "Smith", None)])
    assert len(merge_quotes([a, b])) == 2


def test_same_words_by_different_speakers_stay_apart():
    a = _analysis("a", "“It was a very sad day for all of us,” Mary Jones said.", [("It was a very sad day for all of us,", "Mary Jones", None)])
    b = _analysis("b", "“It was a very sad day for all of us,” Tom Brown said.", [("It was a very sad day for all of us,", "Tom Brown", None)])
    assert len(merge_quotes([a, b])) == 2


def test_indirect_quotes_are_not_merged_entries():
    text = "Police said the man was arrested."
    a = Analysis(article=Article(id="a", text=text),
                 quotes=(Quote(Span.of("a", text, 12, 32), "Police", kind="indirect"),))
    assert merge_quotes([a]) == []


def test_helpers():
    assert same_speaker("Kirby", "John Kirby") and same_speaker("Mr. Obama", "Barack Obama")
    assert not same_speaker("Mary Jones", "Tom Brown")
    assert same_quote("“It’s a sad day,” ", "It's a sad day")
    assert not same_quote("we are aware", "we are aware of nothing at all here today")
