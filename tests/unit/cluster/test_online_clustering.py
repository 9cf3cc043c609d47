"""Online clustering on hand-built analyses: events, look-alikes apart, background mentions, incremental == batch."""

from __future__ import annotations

import re

from newsfuse.cluster import ClusterConfig, OnlineClusterer, cluster_articles
from newsfuse.model import Analysis, Article, Mention, Sentence, Span

ENTITIES = {
    "Kelamba": "GPE", "Sanga": "LOC", "Ayla Demir": "PERSON", "Red Crescent": "ORG",
    "Port Vesna": "GPE", "Tomas Lind": "PERSON", "St Mary's Hospital": "FAC", "Riverton": "GPE",
    "Dana Cole": "PERSON", "Mercy Hospital": "FAC", "Brookfield": "GPE",
}


def make(article_id: str, lines: list[str], published: str | None = "2021-03-02", title: str | None = None) -> Analysis:
    """An Analysis with one body sentence per line and entity mentions found by name."""
    text = "\n".join(lines)
    sentences, pos = [], 0
    for line in lines:
        sentences.append(Sentence(pos, pos + len(line), "body"))
        pos += len(line) + 1
    mentions = []
    for name, label in ENTITIES.items():
        for m in re.finditer(re.escape(name), text):
            mentions.append(Mention(Span.of(article_id, text, m.start(), m.end()), label, name))
    mentions.sort(key=lambda m: m.span.start)
    return Analysis(article=Article(id=article_id, text=text, title=title, published=published),
                    sentences=tuple(sentences), mentions=tuple(mentions))


QUAKE_A = [
    "A strong earthquake struck Kelamba on Tuesday, collapsing houses along the Sanga river.",
    "Ayla Demir of the Red Crescent said volunteers pulled survivors from the rubble in Kelamba.",
    "The old covered market of Kelamba was destroyed and the bridge over the Sanga cracked.",
]
QUAKE_A2 = [
    "Rescuers in Kelamba searched collapsed homes near the Sanga river after the earthquake.",
    "The Red Crescent, led locally by Ayla Demir, set up tents for families in Kelamba.",
]
QUAKE_B = [
    "Tremors shook Port Vesna overnight and several apartment blocks in the harbour district fell.",
    "Mayor Tomas Lind asked residents of Port Vesna to sleep in parks until engineers check buildings.",
    "Ferries were suspended while divers inspected the quay walls of Port Vesna.",
]
SHOOTING_A = [
    "A gunman opened fire at St Mary's Hospital in Riverton on Friday, killing two nurses.",
    "Police chief Dana Cole said the suspect was arrested inside St Mary's Hospital.",
]
SHOOTING_B = [
    "Two nurses died after a man with a rifle entered Mercy Hospital in Brookfield.",
    "Officers in Brookfield detained the attacker in a stairwell of Mercy Hospital.",
]


def test_reports_of_one_event_join_and_look_alikes_stay_apart() -> None:
    arts = [make("qa1", QUAKE_A), make("qb1", QUAKE_B), make("qa2", QUAKE_A2), make("sa", SHOOTING_A),
            make("sb", SHOOTING_B)]
    events = cluster_articles(arts)
    assert events["qa1"] == events["qa2"]
    assert events["qa1"] != events["qb1"]
    assert events["sa"] != events["sb"]
    assert events["sa"] != events["qa1"]


def test_background_mention_of_an_earlier_event_does_not_pull_an_article_over() -> None:
    background = QUAKE_B + [
        "Port Vesna schools will stay shut while Tomas Lind's engineers survey every classroom.",
        "Harbour workers in Port Vesna said the quay walls had moved by several centimetres.",
        "Last year Kelamba was hit by an earthquake that collapsed houses along the Sanga river.",
    ]
    arts = [make("qa1", QUAKE_A, published="2021-03-02"), make("qb-bg", background, published="2021-03-03")]
    events = cluster_articles(arts)
    assert events["qa1"] != events["qb-bg"]


def test_articles_without_dates_are_clustered() -> None:
    arts = [make("qa1", QUAKE_A, None), make("qa2", QUAKE_A2, None), make("qb1", QUAKE_B, None)]
    events = cluster_articles(arts)
    assert events["qa1"] == events["qa2"] != events["qb1"]


def test_copies_join_their_original_event() -> None:
    c = OnlineClusterer()
    key = c.add(make("qa1", QUAKE_A), group_id="qa1")
    assert c.add(make("copy", SHOOTING_A), group_id="qa1") == key  # same copy group: same event, whatever the text


def test_last_scores_show_the_candidate_events_of_the_last_article() -> None:
    c = OnlineClusterer()
    key_a = c.add(make("qa1", QUAKE_A), group_id="qa1")
    assert c.last_scores == {}  # nothing to compare with
    c.add(make("qb1", QUAKE_B), group_id="qb1")
    assert c.add(make("qa2", QUAKE_A2), group_id="qa2") == key_a
    assert key_a in c.last_scores and c.last_scores[key_a] == max(c.last_scores.values())
    assert c.last_scores[key_a] >= c.config.threshold
    c.add(make("copy", SHOOTING_A), group_id="qa1")
    assert c.last_scores == {}  # joined through its copy group: not scored


def test_an_article_is_indexed_under_its_heaviest_terms_only() -> None:
    arts = [make("qa1", QUAKE_A), make("qb1", QUAKE_B), make("qa2", QUAKE_A2), make("sa", SHOOTING_A),
            make("sb", SHOOTING_B)]
    assert cluster_articles(arts, config=ClusterConfig(index_terms=3)) == cluster_articles(arts)
    c = OnlineClusterer(index_terms=3)
    for a in arts:
        c.add(a)
    per_article: dict[int, int] = {}
    for ns, _ in c.postings.values():
        for n in ns:
            per_article[n] = per_article.get(n, 0) + 1
    assert per_article and max(per_article.values()) == 3  # every article posted under 3 terms
    full = OnlineClusterer(index_terms=0)
    for a in arts:
        full.add(a)
    assert sum(len(ns) for ns, _ in full.postings.values()) > sum(per_article.values())


def test_incremental_runs_equal_one_batch_run() -> None:
    arts = [make("qa1", QUAKE_A, "2021-03-02"), make("qb1", QUAKE_B, "2021-03-02"), make("sa", SHOOTING_A, "2021-03-03"),
            make("qa2", QUAKE_A2, "2021-03-04"), make("sb", SHOOTING_B, "2021-03-05")]
    batch = cluster_articles(arts)
    first = OnlineClusterer()
    part1 = cluster_articles(arts[:2], clusterer=first)
    second = OnlineClusterer.load(first.dump())
    part2 = cluster_articles(arts[2:], clusterer=second)
    assert {**part1, **part2} == batch
    assert set(second.events()) == set(batch.values())


def test_event_keys_are_deterministic() -> None:
    arts = [make("qa1", QUAKE_A), make("qb1", QUAKE_B), make("qa2", QUAKE_A2)]
    assert cluster_articles(arts) == cluster_articles(list(reversed(arts)))


def test_old_events_close_and_memory_is_released() -> None:
    c = OnlineClusterer(window_days=5, dormant_days=0, keep_closed=False)
    c.add(make("qa1", QUAKE_A, "2021-01-01"))
    c.add(make("qb1", QUAKE_B, "2021-03-01"))
    assert c.live_articles() == 1
    assert list(c.drain_closed().values()) == [["qa1"]]
    assert c.add(make("qa2", QUAKE_A2, "2021-03-01")) != next(iter(cluster_articles([make("qa1", QUAKE_A)]).values()))


def test_a_follow_up_revives_a_dormant_event_unless_its_anchors_are_too_common(monkeypatch) -> None:
    import newsfuse.cluster as cluster_mod

    def run() -> tuple[str, str]:
        c = OnlineClusterer(window_days=5, dormant_days=400)
        first = c.add(make("qa1", QUAKE_A, "2021-01-01"))
        c.add(make("qb1", QUAKE_B, "2021-03-01"))  # moves the clock: the quake event goes dormant
        return first, c.add(make("qa2", QUAKE_A2, "2021-03-02"))

    first, follow_up = run()
    assert follow_up == first  # shares Kelamba, Sanga, Ayla Demir, Red Crescent: reopened
    monkeypatch.setattr(cluster_mod, "MAX_ANCHOR_DORMANT", 0)  # every anchor counts as too common
    first, follow_up = run()
    assert follow_up != first
