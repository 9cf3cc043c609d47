"""Copy detection on hand-built articles: truncated, wire + local paragraph, re-headlined, and non-copies."""

from __future__ import annotations

from newsfuse.copies import CopyIndex, find_copies
from newsfuse.model import Analysis, Article, Sentence

WIRE = [
    "A magnitude 6.1 earthquake struck the northern coast of the island early on Tuesday, officials said.",
    "The quake hit at 4:12 a.m. local time about 30 kilometres from the port town of Kelamba.",
    "Rescue teams were searching collapsed houses in three villages near the epicentre.",
    "At least 14 people were killed and more than 60 injured, the disaster agency said in a statement.",
    "Power lines were cut across the province and the main coastal road was blocked by landslides.",
    "The regional governor declared a state of emergency and asked the army to help with the search.",
    "Aftershocks of magnitude 4 and above continued through the morning, frightening residents.",
    "Schools in the district will stay closed for the rest of the week, the education office said.",
]
OTHER = [
    "Fishermen in Kelamba said the sea pulled back minutes after the shaking stopped.",
    "Our reporter visited the local hospital, where doctors treated children with broken limbs.",
    "Volunteers from the town's mosque cooked meals for families sleeping outside their damaged homes.",
    "The quake was felt as far as the capital, where office workers ran into the streets.",
    "Engineers will inspect the bridge over the Sanga river before traffic is allowed back.",
]


def make(article_id: str, lines: list[str], title: str | None = None, published: str | None = "2021-03-02",
         roles: dict[int, str] | None = None) -> Analysis:
    """An Analysis with one sentence per line (roles as given, else body)."""
    text = "\n".join(lines)
    sentences, pos = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(pos, pos + len(line), (roles or {}).get(i, "body")))
        pos += len(line) + 1
    return Analysis(article=Article(id=article_id, text=text, title=title, published=published), sentences=tuple(sentences))


def test_truncated_copy_is_found_and_points_to_the_original() -> None:
    original = make("wire", WIRE)
    truncated = make("short", WIRE[:4], title="Deadly quake hits coast", published="2021-03-03")
    result = find_copies([truncated, original])  # input order does not decide: the earlier date does
    assert result.copy_of == {"wire": None, "short": "wire"}
    assert result.group == {"wire": "wire", "short": "wire"}


def test_wire_story_with_local_paragraph_is_a_copy() -> None:
    original = make("wire", WIRE)
    local = make("local", OTHER[:2] + WIRE + OTHER[2:3], title="Kelamba counts its dead")
    result = find_copies([original, local])
    assert result.copy_of["local"] == "wire"


def test_captions_and_boilerplate_do_not_hide_a_copy() -> None:
    original = make("wire", WIRE)
    lines = ["Share this article", "Photo: rescue workers at the site (AP)"] + WIRE
    captioned = make("cap", lines, roles={0: "boilerplate", 1: "caption"})
    assert find_copies([original, captioned]).copy_of["cap"] == "wire"


def test_independent_reports_of_one_event_are_not_copies() -> None:
    a = make("a", WIRE)
    b = make("b", OTHER + [WIRE[3]])  # shares one sentence (a quoted figure), not the report
    result = find_copies([a, b])
    assert result.copy_of == {"a": None, "b": None}
    assert result.group == {"a": "a", "b": "b"}


def test_copies_of_a_copy_share_the_original_group() -> None:
    arts = [make("o", WIRE), make("c1", WIRE[:6], published="2021-03-03"), make("c2", WIRE[:5], published="2021-03-04")]
    result = find_copies(arts)
    assert result.group == {"o": "o", "c1": "o", "c2": "o"}


def test_index_round_trip_keeps_earlier_articles_for_the_next_run() -> None:
    index = CopyIndex()
    find_copies([make("wire", WIRE)], existing=index)
    restored = CopyIndex.from_bytes(index.to_bytes())
    assert len(restored) == 1
    result = find_copies([make("later", WIRE[:5], published="2021-03-05")], existing=restored)
    assert result.copy_of["later"] == "wire" and result.group["later"] == "wire"


def test_old_articles_leave_the_window() -> None:
    index = CopyIndex()
    find_copies([make("wire", WIRE, published="2021-01-01")], existing=index)
    result = find_copies([make("much-later", WIRE, published="2021-06-01")], existing=index)
    assert result.copy_of["much-later"] is None
    assert "wire" not in index.group


def test_band_tables_propose_what_datasketch_lsh_proposes() -> None:
    """The index keeps its own LSH band tables (not GC-scanned); candidates equal datasketch's MinHashLSH's."""
    import gc

    import numpy as np
    from datasketch import MinHashLSH

    from newsfuse.copies import LSH_THRESHOLD, NUM_PERM, CopyIndex, sketch

    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**32, 300, dtype=np.uint64).astype(np.uint32)
    sets = [np.unique(np.concatenate([base[: int(rng.integers(10, 300))],
                                      rng.integers(0, 2**32, int(rng.integers(5, 200)), dtype=np.uint64).astype(np.uint32)]))
            for _ in range(60)]
    index, lsh = CopyIndex(), MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for i, sh in enumerate(sets[:40]):
        mh = sketch(sh)
        index.add(f"a{i}", sh, mh, 738000, f"a{i}")
        lsh.insert(f"a{i}", mh)
    found = 0
    for sh in sets[40:]:
        mh = sketch(sh)
        expected = sorted(lsh.query(mh), key=lambda k: int(k[1:]))
        assert index.candidates(mh) == expected
        found += len(expected)
    assert found  # some candidates, so the comparison says something
    gc.collect()
    gc.collect()
    assert not any(gc.is_tracked(ids) for table in index.tables for ids in table.values())


SIGN_IN = [
    "Close Get email notifications on Jane Doe daily!",
    "Your notification has been saved.",
    "There was a problem saving your notification.",
    "Whenever Jane Doe posts new content, you'll get an email delivered to your inbox with a link.",
    "Email notifications are only sent once a day, and only if there are new matching items.",
]


def test_pages_of_one_site_that_failed_to_load_their_story_are_not_copies() -> None:
    """Two pages of different stories whose text is the same sign-in box (nothing of either headline) stay apart."""
    a = make("a", SIGN_IN, title="Teen killed by friend remembered at vigil")
    b = make("b", SIGN_IN, title="Officer accidentally shoots self; three suspects in custody", published="2021-03-03")
    result = find_copies([a, b])
    assert result.copy_of["b"] is None
    assert result.group["b"] == "b"


def test_a_page_without_its_story_is_nobodys_copy() -> None:
    """Two pages under one generic headline whose text is the same furniture are not one report."""
    title = "Homicide Watch for the District"
    a = make("a", SIGN_IN, title=title)
    b = make("b", SIGN_IN, title=title, published="2021-03-03")
    assert find_copies([a, b]).copy_of["b"] is None


def test_a_long_report_under_a_site_name_keeps_its_copies() -> None:
    """A site's name as headline ("Daily Blotter") over a full report: the report is compared as usual.

    (A copy under such a headline is taken for furniture only when it is as short as furniture, NO_REPORT_MAX_WORDS.)
    """
    a = make("a", WIRE + OTHER, title="Daily Blotter Bronx")
    b = make("b", WIRE + OTHER[:1], title="Daily Blotter Bronx", published="2021-03-03")
    assert find_copies([a, b]).copy_of["b"] == "a"


def test_text_without_spaces_between_words_is_compared_as_usual() -> None:
    story = ["美国地质调查局说，强烈地震星期二袭击了该岛北部海岸，造成至少十四人死亡。"] * 3 + ["救援队正在三个村庄搜寻倒塌的房屋，地区州长宣布进入紧急状态。"] * 6
    a = make("a", story, title="強震襲擊海岸 至少十四人死亡 救援正在進行")
    b = make("b", story, title="海岸发生强烈地震 造成重大伤亡 救援工作仍在继续", published="2021-03-03")
    assert find_copies([a, b]).copy_of["b"] == "a"


def test_a_headline_of_one_word_says_nothing_about_the_body() -> None:
    """"News" over a real report: the report is compared as usual."""
    a = make("a", WIRE, title="News")
    b = make("b", WIRE[:5], title="Quake", published="2021-03-03")
    assert find_copies([a, b]).copy_of["b"] == "a"
