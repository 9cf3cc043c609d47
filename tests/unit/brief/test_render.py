"""brief.md and report.html: the record, the brief with citations, claims matrix; escaping and anchors."""

from __future__ import annotations

import re

from newsfuse.brief.render import article_anchor, md_cell, render_html, render_markdown

TEXT = 'Two <b>killed</b> | "x" & more. Police said three were hurt.'
ARTICLES = {
    "a/1": {"id": "a/1", "text": TEXT, "outlet": "Out<let>", "title": "T|itle", "sentences": []},
    "b": {"id": "b", "text": "Police said three were hurt.", "outlet": "B", "title": "B", "sentences": []},
}
S1 = {"article": "a/1", "start": 0, "end": 30, "text": TEXT[0:30]}
S2 = {"article": "b", "start": 0, "end": 28, "text": "Police said three were hurt."}
EVENT = {
    "id": "e1",
    "headline": "Shooting <script>alert(1)</script> | x",
    "articles": ["a/1", "b"],
    "sources": [{"article": "a/1", "outlet": "Out<let>", "group": "g1"}, {"article": "b", "outlet": "B", "group": "g2"}],
    "date": {"value": "2021-03-03", "precision": "day"},
    "location": {"name": "Springfield", "admin1": "Illinois", "country_code": "US", "precision": "city"},
    "type": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
    "fatalities": {"value": 2, "reports": [{"value": 2, "article": "a/1"}, {"value": 3, "article": "b"}], "disputed": True},
    "injured": {"value": 3, "reports": [], "disputed": False},
    "claims": [
        {"text": TEXT[0:30], "support": [S1], "contradict": [S2], "independent_sources": 1, "status": "disputed",
         "sources": [{"article": "a/1", "stance": "supports"}, {"article": "b", "stance": "contradicts"}]},
    ],
    "summary": [{"text": TEXT[0:30], "citations": [S1, S2]}],
    "timeline": [{"date": "2021-03-03", "precision": "day", "text": "shooting", "evidence": []}],
}


def test_markdown_has_sections_and_escapes_pipes():
    md = render_markdown([EVENT], ARTICLES)
    for part in ("### Brief", "### Claims", "### Disputes", "### Timeline", "### Sources (2 independent of 2 articles)"):
        assert part in md
    assert "2 (disputed)" in md and "[1][2]" in md
    for line in md.splitlines():
        if line.startswith("| 1 |"):  # claims matrix row: cells split only on unescaped pipes
            cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
            assert len(cells) == 4 + 2
    assert md_cell("a|b\nc") == "a\\|b c"


def test_html_escapes_and_links_to_marked_spans():
    page = render_html([EVENT], ARTICLES)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>killed</b>" not in page and "&lt;b&gt;killed&lt;/b&gt;" in page
    anchor = article_anchor("a/1", 0)
    assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert "<mark>" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert 'id="event-e1"' in page


def test_html_anchor_ids_are_unique():
    page = render_html([EVENT], ARTICLES)
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_quantity_label_names_the_unit() -> None:
    from newsfuse.brief.render import quantity_label

    assert quantity_label({"what": "rockets", "value": 122, "qualifier": "exact", "unit": "mm"}) == "122 mm rockets"
    assert quantity_label({"what": "mm", "value": 107, "qualifier": "exact", "unit": "mm"}) == "107 mm"
    assert quantity_label({"what": "rockets", "value": 10, "qualifier": "at least", "unit": None}) == "at least 10 rockets"


def test_period_label_is_as_precise_as_the_evidence() -> None:
    from newsfuse.brief.render import period_label

    assert period_label("2021-02-01", "month") == "2021-02"
    assert period_label("2021-02-22", "week") == "week of 2021-02-22"
    assert period_label("2020-01-01", "year") == "2020"
    assert period_label("2021-03-03", "day") == "2021-03-03"
    assert period_label(None, None) == "undated"


def test_a_mixed_stance_shows_both_marks() -> None:
    from newsfuse.brief.render import MIXED, _MATRIX_MARK_MD, stance_of

    claim = {"sources": [{"article": "a", "stance": "mixed"}]}
    assert stance_of(claim, "a") == MIXED and _MATRIX_MARK_MD[MIXED] == "✔✘"
