"""Property: every brief sentence is verbatim from its article and every citation span matches its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.brief import summarise
from newsfuse.extract import claims as claims_stage
from newsfuse.fuse.claims import align_claims
from newsfuse.stages import analyse_text

WORDS = ["police", "said", "two", "people", "were", "killed", "in", "Springfield", "on", "Monday", "the", "shooting",
         "10", "rockets", "hit", "base", "not", "reportedly", "injured", "three", "suspect", "arrested", "car", "é", "—"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
article = st.lists(sentence, min_size=1, max_size=6).flatmap(
    lambda ss: st.sampled_from([" ", "\n", "\n\n", "  "]).map(lambda sep: sep.join(ss))
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article, min_size=1, max_size=4), st.integers(min_value=1, max_value=6))
def test_summary_is_verbatim_and_cited(texts, length):
    analyses = [analyse_text(t, article_id=f"a{i}", stages=[claims_stage.STAGE]) for i, t in enumerate(texts)]
    by_id = {a.id: a.article.text for a in analyses}
    rows = align_claims(analyses, {})
    for row in rows:
        for s in row["support"] + row["contradict"]:
            assert by_id[s["article"]][s["start"]:s["end"]] == s["text"]
    out = summarise(analyses, {}, rows, length=length)
    assert len(out) <= length
    for s in out:
        assert s["citations"]
        for c in s["citations"]:
            assert by_id[c["article"]][c["start"]:c["end"]] == c["text"]
        first = s["citations"][0]
        assert s["text"] == first["text"] and s["text"] in by_id[first["article"]]
