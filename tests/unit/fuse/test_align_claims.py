"""Claim alignment: paraphrases group, conflicting counts / ordinals / negations dispute, copies count once."""

from __future__ import annotations

from newsfuse.fuse.claims import CONTRADICTS, SAME, UNRELATED, align_claims, classify_pairs, facts_of, relate
from newsfuse.model import Analysis, Article, Claim, Span


def claim(aid: str, text: str, terms: list[str], polarity: str = "positive", **slots) -> Claim:
    return Claim(span=Span(aid, 0, len(text), text), slots={"terms": terms, **slots}, polarity=polarity)


def analysis(aid: str, *cs: Claim) -> Analysis:
    text = cs[0].span.text if cs else ""
    return Analysis(article=Article(id=aid, text=text), claims=tuple(cs))


ROCKETS = ["10", "rocket", "strike", "gz:ORAA", "base", "wednesday"]
KILLED = lambda n: [{"kind": "killed", "value": n, "qualifier": "exact"}]  # noqa: E731


def test_paraphrases_corroborate_and_copies_count_once():
    a = analysis("a", claim("a", "Ten rockets struck Ain al-Asad on Wednesday.", ROCKETS))
    b = analysis("b", claim("b", "10 rockets hit Al Asad Airbase on Wednesday.", ["10", "rocket", "hit", "gz:ORAA", "airbase", "wednesday"]))
    c = analysis("c", claim("c", "Ten rockets struck Ain al-Asad on Wednesday.", ROCKETS))
    rows = align_claims([a, b, c], {"a": "g1", "b": "g2", "c": "g1"})
    assert len(rows) == 1
    row = rows[0]
    assert row["status"] == "corroborated" and row["independent_sources"] == 2
    assert [s["article"] for s in row["support"]] == ["a", "b", "c"]
    rows = align_claims([a, c], {"a": "g1", "c": "g1"})
    assert rows[0]["status"] == "single-source" and rows[0]["independent_sources"] == 1


def test_different_counts_dispute():
    a = analysis("a", claim("a", "No one was killed in the attack.", ["kill", "attack"], "negative", casualties=KILLED(0)))
    b = analysis("b", claim("b", "Two people were killed in the attack.", ["2", "people", "kill", "attack"], casualties=KILLED(2)))
    rows = align_claims([a, b], {})
    assert {r["status"] for r in rows} == {"disputed"}
    assert rows[0]["contradict"][0]["article"] != rows[0]["support"][0]["article"]
    assert {"article": "b", "stance": "contradicts"} in rows[0]["sources"]


def test_at_least_is_compatible():
    a = claim("a", "At least 10 killed.", ["10", "kill"], casualties=[{"kind": "killed", "value": 10, "qualifier": "at least"}])
    b = claim("b", "12 killed.", ["12", "kill"], casualties=KILLED(12))
    assert relate(facts_of(a), facts_of(b), 0.5)[0] == SAME


def test_ordinal_and_negation_conflicts():
    a = claim("a", "The second attack this month.", ["attack", "second", "month"], ordinals=[{"what": "attack", "value": 2}])
    b = claim("b", "The fourth attack in three weeks.", ["attack", "fourth", "3", "week"], ordinals=[{"what": "", "value": 4}])
    assert relate(facts_of(a), facts_of(b), 0.1) == (CONTRADICTS, "ordinal")
    p = claim("a", "The shooting was gang-related.", ["shoot", "gang", "relate"])
    n = claim("b", "The shooting was not gang-related.", ["shoot", "gang", "relate"], "negative")
    assert relate(facts_of(p), facts_of(n), 0.9) == (CONTRADICTS, "negation")


def test_unrelated_and_classify_pairs():
    a = claim("a", "Police arrested a man on Friday.", ["police", "arrest", "man", "friday"])
    b = claim("b", "The victim was taken to hospital.", ["victim", "take", "hospital"])
    assert classify_pairs([(a, b)]) == [UNRELATED]


def test_empty_event():
    assert align_claims([analysis("a")], {}) == []


def test_many_articles_stay_fast():
    import time

    arts = [
        analysis(f"x{i}", *[claim(f"x{i}", f"Sentence {j} of {i}.", [f"w{j}", f"v{(i * j) % 7}", "shoot"]) for j in range(20)])
        for i in range(60)
    ]
    t0 = time.time()
    rows = align_claims(arts, {})
    assert rows and time.time() - t0 < 20


def test_dates_compare_by_day_whatever_the_part_of_day():
    morning = claim("a", "Rockets struck on Wednesday morning.", ["rocket", "strike", "wednesday"], dates=["2021-03-03TMO"])
    plain = claim("b", "Rockets struck early on Wednesday.", ["rocket", "strike", "wednesday"], dates=["2021-03-03"])
    other = claim("c", "Rockets struck on Thursday.", ["rocket", "strike", "thursday"], dates=["2021-03-04"])
    assert relate(facts_of(morning), facts_of(plain), 0.6)[0] == SAME
    assert relate(facts_of(morning), facts_of(other), 0.6) == (CONTRADICTS, "date")


def test_calibre_is_not_a_count():
    calibre = claim("a", "The projectiles were 122mm rockets.", ["122", "mm", "rocket"],
                    numbers=[{"what": "rockets", "value": 122, "qualifier": "exact", "unit": "mm"}])
    count = claim("b", "At least 10 rockets hit.", ["10", "rocket", "hit"],
                  numbers=[{"what": "rockets", "value": 10, "qualifier": "at least", "unit": None}])
    other_count = claim("c", "Three rockets hit.", ["3", "rocket", "hit"],
                        numbers=[{"what": "rockets", "value": 3, "qualifier": "exact", "unit": None}])
    assert relate(facts_of(calibre), facts_of(count), 0.5)[0] != CONTRADICTS
    assert relate(facts_of(count), facts_of(other_count), 0.5) == (CONTRADICTS, "count of rocket")


def test_background_claims_are_not_compared_with_the_event():
    from newsfuse.model import Sentence, TimeEx

    text = "A strike in mid-February wounded a US service member."
    earlier = analysis("a", claim("a", text, ["strike", "wound", "us", "service", "member"], periods=["2021-02"]))
    mid_february = TimeEx(Span("a", 12, 24, "mid-February"), "2021-02", "month", attached="event")
    earlier = earlier.with_(sentences=(Sentence(0, len(text)),), times=(mid_february,))
    now = analysis("b", claim("b", "No US service members were hurt.", ["hurt", "us", "service", "member"], "negative"))
    rows = align_claims([earlier, now], {}, "2021-03-03")
    assert all(r["status"] == "single-source" for r in rows) and len(rows) == 2
    rows = align_claims([earlier, now], {})  # without the event's date, they are compared
    assert any(r["status"] == "disputed" for r in rows)


def test_period_end():
    from datetime import date

    from newsfuse.fuse.claims import period_end

    assert period_end("2021-W08") == date(2021, 2, 28)
    assert period_end("2021-02") == date(2021, 2, 28)
    assert period_end("2020-12") == date(2020, 12, 31)
    assert period_end("2021-03-03TMO") == date(2021, 3, 3)
    assert period_end("PAST_REF") is None


def test_an_article_that_says_the_claim_and_something_against_it_is_mixed():
    a = analysis("a", claim("a", "No one was killed in the attack.", ["kill", "attack"], "negative", casualties=KILLED(0)))
    b = analysis("b", claim("b", "No one was killed in the attack.", ["kill", "attack"], "negative", casualties=KILLED(0)),
                 claim("b", "Two people were killed in the attack.", ["2", "people", "kill", "attack"], casualties=KILLED(2)))
    rows = align_claims([a, b], {})
    none_killed = next(r for r in rows if r["text"].startswith("No one"))
    assert none_killed["status"] == "disputed"
    assert {s["article"]: s["stance"] for s in none_killed["sources"]} == {"a": "supports", "b": "mixed"}, rows
