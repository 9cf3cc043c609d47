"""Online clustering on hand-built analyses: events, look-alikes apart, background mentions, incremental == batch."""

from __future__ import annotations

import re
import struct

import numpy as np

from newsfuse.cluster import ClusterConfig, OnlineClusterer, _average_linkage, _average_link_parts, _top_split, cluster_articles
from newsfuse.cluster.features import ArticleTerms
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
    for pl in c.postings.values():  # packed (article number, weight) pairs
        for n, _ in struct.iter_unpack("<dd", pl):
            per_article[int(n)] = per_article.get(int(n), 0) + 1
    assert per_article and max(per_article.values()) == 3  # every article posted under 3 terms
    full = OnlineClusterer(index_terms=0)
    for a in arts:
        full.add(a)
    assert sum(len(pl) // 16 for pl in full.postings.values()) > sum(per_article.values())


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


# -- revision (split) of live events, on hand-made term vectors ---------------------------------------------
DAY = 738000


def terms(ids, day: int = DAY, persons: tuple[str, ...] = (), anchors: tuple[int, ...] = ()) -> ArticleTerms:
    return ArticleTerms(tf={i: 1.0 for i in ids}, day=day, persons=frozenset(persons), anchors=frozenset(anchors))


# Event a (terms 1-8); b1 opens the look-alike event b but shares terms 1-3 with a, so it joins a greedily;
# b2 and b3 share only b1's own terms.
LOOK_ALIKE = [
    ("a1", terms(range(1, 9))), ("a2", terms([*range(1, 8), 20])), ("a3", terms([*range(2, 9), 21])),
    ("b1", terms([*range(1, 4), *range(30, 36)])), ("b2", terms([*range(30, 37), 40])), ("b3", terms([*range(31, 38), 41])),
]


def feed(c: OnlineClusterer, items) -> dict[str, str]:
    return {aid: c.add_terms(aid, t, aid) for aid, t in items}


def test_average_link_parts_cut_where_the_average_similarity_falls_below_the_cut() -> None:
    sims = np.array([[1.0, 0.9, 0.8, 0.1],
                     [0.9, 1.0, 0.7, 0.0],
                     [0.8, 0.7, 1.0, 0.3],
                     [0.1, 0.0, 0.3, 1.0]])
    assert _average_link_parts(sims, 0.5) == [[0, 1, 2], [3]]
    assert _average_link_parts(sims, 0.1) == [[0, 1, 2, 3]]  # average of 0.1, 0.0, 0.3 reaches 0.1
    assert _average_link_parts(sims, 0.95) == [[0], [1], [2], [3]]


def test_a_look_alike_joined_greedily_is_split_off_once_its_followers_arrive() -> None:
    greedy = OnlineClusterer(split_cut=0.0)
    assert len(set(feed(greedy, LOOK_ALIKE).values())) == 1  # without revision: one event
    never_checked = OnlineClusterer(split_trigger=-1.0)  # every joining article counts as close to its event
    feed(never_checked, LOOK_ALIKE)
    assert len(never_checked.events()) == 1 and not never_checked.take_revised()
    c = OnlineClusterer()
    keys = {}
    for aid, t in LOOK_ALIKE:
        keys[aid] = c.add_terms(aid, t, aid)
        if aid == "b1":
            assert keys["b1"] == keys["a1"] and not c.take_revised()  # a lone look-alike stays (parts of 2+)
    revised = c.take_revised()
    events = c.events()
    assert sorted(events.values()) == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]
    assert keys["b2"] == keys["b3"] != keys["a1"]  # add returns the event after the split
    assert events[keys["a1"]] == ["a1", "a2", "a3"]  # the part holding the first article keeps the key
    assert revised == {keys["a1"], keys["b2"]}
    assert c.take_revised() == set()
    assert cluster_articles_from_terms(LOOK_ALIKE) == {a: keys["a1"] if a[0] == "a" else keys["b2"] for a, _ in LOOK_ALIKE}


def cluster_articles_from_terms(items) -> dict[str, str]:
    c = OnlineClusterer()
    feed(c, items)
    return {a: k for k, ms in c.events().items() for a in ms}


def test_parts_smaller_than_split_min_part_stay() -> None:
    c = OnlineClusterer(split_min_part=3)
    feed(c, LOOK_ALIKE[:5])
    assert len(c.events()) == 1 and not c.take_revised()  # {b1, b2} is too small a part
    feed(c, LOOK_ALIKE[5:])
    assert sorted(c.events().values()) == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]


def test_splits_give_the_same_events_across_dump_and_load() -> None:
    later = [("a4", terms([*range(1, 8), 22], DAY + 1)), ("b4", terms([*range(30, 37), 42], DAY + 1))]
    items = LOOK_ALIKE + later
    whole = OnlineClusterer()
    straight = feed(whole, items)
    for cut in range(1, len(items)):
        first = OnlineClusterer()
        part1 = feed(first, items[:cut])
        second = OnlineClusterer.load(first.dump())
        part2 = feed(second, items[cut:])
        assert second.events() == whole.events(), cut
        assert part2 == {a: straight[a] for a, _ in items[cut:]}, cut
        assert set(part1) | set(part2) == set(straight)


def test_a_dormant_event_reopens_at_a_lower_cosine_for_a_follow_up_naming_its_people() -> None:
    def follow_up_joins(persons: tuple[str, ...]) -> bool:
        c = OnlineClusterer(window_days=5)
        first = c.add_terms("x1", terms(range(1, 11), DAY, ("demir", "cole", "v:demir"), (1, 2)))
        c.add_terms("y", terms(range(100, 110), DAY + 60))  # moves the clock: x1's event goes dormant
        later = c.add_terms("x2", terms([*range(1, 5), *range(50, 58)], DAY + 61, persons, (1, 2)))
        return later == first

    assert follow_up_joins(("demir", "v:demir"))  # names the same victim: the name threshold applies
    assert follow_up_joins(("demir", "cole"))  # two surnames in common also name the event's people
    assert not follow_up_joins(("demir",))  # one surname alone (a spokesperson's, in every local report) does not
    assert not follow_up_joins(("lind", "v:lind"))  # a cosine this low reopens nothing without a shared name
    assert not follow_up_joins(())


def test_a_day_read_from_the_text_alone_does_not_close_live_events() -> None:
    """An article without publication date may name a day years away: it places the article, not the clock."""
    def still_live(undated: bool) -> bool:
        c = OnlineClusterer(window_days=5)
        first = c.add_terms("x1", terms(range(1, 11), DAY))
        t = ArticleTerms(tf={i: 1.0 for i in range(100, 110)}, day=DAY + 900, undated=undated)
        c.add_terms("y", t)
        return first in c.live

    assert still_live(True)
    assert not still_live(False)  # a publication date that far on moves the clock: x1's event goes dormant


def test_an_article_without_publication_date_is_marked_undated() -> None:
    from newsfuse.cluster.features import article_terms

    assert article_terms(make("qa1", QUAKE_A, None)).undated
    assert not article_terms(make("qa1", QUAKE_A, "2021-03-02")).undated


def test_a_headline_over_a_sign_up_notice_joins_the_event_it_names() -> None:
    """Archived pages often keep the headline and lose the body to a paywall notice: the title carries the event."""
    notice = ["Please check your email and click on the link to activate your profile.",
              "Enjoy the convenience of home delivery and sign up for our best value today!"]
    arts = [make("sa", SHOOTING_A), make("qa1", QUAKE_A), make("sb", SHOOTING_B),
            make("notice", notice, title="Gunman kills two nurses at St Mary's Hospital in Riverton")]
    events = cluster_articles(arts)
    assert events["notice"] == events["sa"]


def test_dormant_events_and_postings_hold_no_garbage_collected_containers() -> None:
    """The window's postings and the dormant pool are what grows with a long stream: none of their values is an
    object the garbage collector has to scan (benchmarks/stream.py gc_s)."""
    import gc

    c = OnlineClusterer(window_days=5)
    c.add_terms("x1", terms(range(1, 11), DAY, ("demir",), (1, 2)))
    c.add_terms("y", terms(range(100, 110), DAY + 60))  # x1's event goes dormant
    gc.collect()  # settles tuples of atoms as untracked (nested ones: an outer tuple on the next pass)
    gc.collect()
    assert c.postings and not any(gc.is_tracked(pl) for pl in c.postings.values())
    (ev,) = c.dormant
    assert not gc.is_tracked(c.members[ev]) and not gc.is_tracked(c.sig[ev]) and not gc.is_tracked(c.dormant[ev])
    assert all(not gc.is_tracked(evs) for evs in c.dormant_index.values()) and c.dormant_index
    revived = c.add_terms("x2", terms(range(1, 11), DAY + 61, ("demir",), (1, 2)))
    assert revived == ev and c.members[ev] == ["x1", "x2"]  # thawed on revival


def test_the_postings_sweep_drops_exactly_the_forgotten_articles(monkeypatch) -> None:
    import newsfuse.cluster as cluster_mod

    monkeypatch.setattr(cluster_mod, "SWEEP_CHUNK", 7)  # several chunks
    c = OnlineClusterer(window_days=5, index_terms=0)
    for i in range(40):  # four articles a day over ten days, two events at a time: the early ones are forgotten
        c.add_terms(f"x{i}", terms([*range(10 * (i // 8), 10 * (i // 8) + 6), 500 + i], DAY + i // 4))
    assert c._dead
    expected = {}
    for k, pl in c.postings.items():
        kept = [(n, w) for n, w in struct.iter_unpack("<dd", pl) if int(n) in c.keys]
        if kept:
            expected[k] = kept
    c._sweep_postings()
    assert {k: list(struct.iter_unpack("<dd", pl)) for k, pl in c.postings.items()} == expected
    assert 0 < sum(len(v) for v in expected.values()) < 40 * 7


def test_streets_of_the_title_and_lead_are_keyed_by_name() -> None:
    from newsfuse.cluster.features import streets

    assert streets("Man Shot On Glenwood Avenue") == {"s:glenwood"}  # title case: words up to 'On' dropped
    assert streets("in the 1200 block of N. 38th Street on Tuesday") == {"s:38th"}
    assert streets("shots fired near West 38th St, police said") == {"s:38th"}  # same street, other spelling
    assert streets("taken to St. Elizabeth hospital") == set()  # Saint, not a street
    assert streets("Five people were shot in Fort Worth") == set()


def test_look_alike_shootings_on_other_streets_or_days_stay_apart() -> None:
    """Two shootings of one town a day apart, reported alike: the street, the victims and the day tell them apart."""
    def joins(**second) -> bool:
        c = OnlineClusterer()
        base = dict(tf={i: 1.0 for i in range(1, 11)}, day=DAY)
        first = c.add_terms("a", ArticleTerms(**base, places=frozenset({"s:etting"}), persons=frozenset({"v:ruiz"}),
                                              day_exact=True))
        other = {**base, "tf": {**{i: 1.0 for i in range(1, 3)}, **{i: 1.0 for i in range(50, 58)}}}  # score 0.15
        return c.add_terms("b", ArticleTerms(**{**other, **second})) == first

    assert joins()
    assert joins(places=frozenset({"s:etting"}), persons=frozenset({"v:ruiz"}))
    assert not joins(places=frozenset({"s:front"}))
    assert not joins(persons=frozenset({"v:hall"}))
    assert not joins(day=DAY + 3, day_exact=True)
    assert joins(day=DAY + 3)  # a day not read from the event's own telling: only the small day penalty


def test_only_a_date_attached_to_the_event_is_day_precise() -> None:
    from newsfuse.cluster.features import event_day_exact
    from newsfuse.model import TimeEx

    text = "Police said Tuesday that a man was shot on Sunday."
    base = make("t", [text], published="2021-03-02")

    def with_time(attached: str) -> tuple[int | None, bool]:
        span = Span.of("t", text, text.index("Sunday"), text.index("Sunday") + 6)
        return event_day_exact(base.with_(times=(TimeEx(span, "2021-02-28", "day", attached=attached),)))

    assert with_time("event")[1] is True
    assert with_time("report") == (with_time("event")[0], False)  # the day still places it, but disagrees softly


# -- relative split: two tight groups loosely linked (look-alike events sharing their people and places) -------
# Event a (shared terms 1-3, its own 10-15); b0 opens the look-alike b but shares a's terms 10-12, so it joins a and
# b1-b3 follow it.  Across the groups the links (0.16-0.33) stay above SPLIT_CUT; within each they are 0.73-0.86.
TWO_GROUPS = [(f"a{i}", terms([*range(1, 4), *range(10, 16), 100 + i])) for i in range(4)] + [
    ("b0", terms([*range(1, 4), *range(10, 13), *range(20, 26)]))] + [
    (f"b{i}", terms([*range(1, 4), *range(20, 26), 200 + i])) for i in range(1, 4)]


def test_top_split_parts_two_tight_groups_loosely_linked_only() -> None:
    tight = np.full((6, 6), 0.25)
    tight[:3, :3] = tight[3:, 3:] = 0.8
    np.fill_diagonal(tight, 1.0)
    z = _average_linkage(tight)
    assert _top_split(tight, z, 0.7, 3) == [[0, 1, 2], [3, 4, 5]]  # 0.25 across < 0.7 x 0.8 within
    assert _top_split(tight, z, 0.3, 3) is None  # 0.25 is not below 0.3 x 0.8
    assert _top_split(tight, z, 0.7, 4) is None  # parts of 3 are too small
    assert _top_split(tight, z, 0.7, 3, min_gap=0.5) == [[0, 1, 2], [3, 4, 5]]  # each member 0.55 closer to its own
    torn = tight.copy()
    torn[2, 3:] = torn[3:, 2] = 0.7  # member 2 is nearly as close to the other group (0.8 vs 0.7)
    assert _top_split(torn, _average_linkage(torn), 0.9, 3) == [[0, 1, 2], [3, 4, 5]]
    assert _top_split(torn, _average_linkage(torn), 0.9, 3, min_gap=0.2) is None
    loose = np.full((6, 6), 0.5)
    np.fill_diagonal(loose, 1.0)
    assert _top_split(loose, _average_linkage(loose), 0.7, 2) is None  # one group: nothing loosely linked


def test_a_look_alike_event_linked_above_the_cut_is_split_off_relative_to_its_cohesion() -> None:
    def events(**kw) -> list[list[str]]:
        c = OnlineClusterer(split_trigger=1.0, **kw)  # every join checked (the trigger only saves time)
        feed(c, TWO_GROUPS)
        return sorted(c.events().values())

    whole = [[a for a, _ in TWO_GROUPS]]
    assert events(split_ratio=0.0) == whole  # the absolute cut alone keeps them together
    assert events(split_ratio_min_part=5) == whole
    assert events() == [["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3"]]


def test_ages_of_the_title_and_lead_are_keyed() -> None:
    from newsfuse.cluster.features import ages

    assert ages("3-Year-Old Girl Killed, 16 year old brother hurt") == {"y:3", "y:16"}
    assert ages("a 6-month-old boy and a man aged 45") == {"y:0.6", "y:45"}
    assert ages("Girl, 2, shot in argument") == {"y:2"}
    assert ages("On Jan. 5, 2016, 3 people were shot on 38th Street") == set()


def test_look_alike_shootings_of_people_of_other_ages_stay_apart_in_small_events_only() -> None:
    def joins(first_ages: set[str], second_ages: set[str], **config) -> bool:
        c = OnlineClusterer(**config)
        base = dict(tf={i: 1.0 for i in range(1, 11)}, day=DAY)
        first = c.add_terms("a", ArticleTerms(**base, places=frozenset(first_ages)))
        other = {**base, "tf": {**{i: 1.0 for i in range(1, 3)}, **{i: 1.0 for i in range(50, 58)}}}  # score 0.15
        return c.add_terms("b", ArticleTerms(**other, places=frozenset(second_ages))) == first

    assert joins({"y:3"}, set())
    assert joins({"y:3"}, {"y:3", "y:24"})  # an age in common
    assert not joins({"y:3"}, {"y:16"})
    assert joins({"y:3"}, {"y:16"}, age_max_members=0)  # a larger story names many people: ages do not part it


def test_a_dormant_event_takes_a_follow_up_from_a_weaker_live_match() -> None:
    def follow_up(**config) -> tuple[str, str, str]:
        c = OnlineClusterer(window_days=5, **config)
        first = c.add_terms("x1", terms(range(1, 11), DAY, ("demir", "v:demir"), (1, 2)))
        live = c.add_terms("y", terms([*range(9, 11), *range(100, 108)], DAY + 60))  # x1's event goes dormant
        # x2 shares x1's terms 1-8 (and its victim) and y's terms 100-101: both events would take it
        return first, live, c.add_terms("x2", terms([*range(1, 9), 100, 101], DAY + 61, ("demir", "v:demir"), (1, 2)))

    first, live, later = follow_up(dormant_compete=-1.0)
    assert later == live  # dormant events tried only when no live event takes the article
    first, live, later = follow_up()
    assert later == first
    first, live, later = follow_up(dormant_compete=0.9)  # its dormant score must beat the live one by this margin
    assert later == live


def test_array_centroid_matches_dict_arithmetic_bit_for_bit() -> None:
    """The centroid kept as sorted arrays gives exactly the sums, squared norm and query dots of a term -> sum dict
    updated article by article (the arithmetic the clusterer's decisions were tuned with)."""
    from operator import mul

    from newsfuse.cluster import _centroid_at

    rng = np.random.default_rng(7)
    c = OnlineClusterer()
    ref: dict[int, float] = {}
    ref_norm2 = 0.0
    for _ in range(40):
        keys = rng.choice(300, size=int(rng.integers(1, 60)), replace=False).astype(np.int64)
        vals = rng.random(len(keys))
        vals /= np.sqrt(vals @ vals)
        old = [ref.get(k, 0.0) for k in keys.tolist()]
        ref_norm2 = ref_norm2 + 2.0 * sum(map(mul, old, vals.tolist())) + float(vals @ vals)
        for k, o, v in zip(keys.tolist(), old, vals.tolist()):
            ref[k] = o + v
        c._add_to_centroid("ev", keys, vals)
        ck, cv = c.centroid["ev"]
        assert ck.tolist() == sorted(ref) and cv.tolist() == [ref[k] for k in sorted(ref)]
        assert c.cnorm2["ev"] == ref_norm2
        query = rng.choice(400, size=50, replace=False).astype(np.int64)
        qv = rng.random(50)
        expected = sum(map(mul, qv.tolist(), (ref.get(k, 0.0) for k in query.tolist())))
        assert sum((qv * _centroid_at(c.centroid["ev"], query)).tolist()) == expected


def test_copies_of_two_versions_of_one_story_are_not_two_tight_groups() -> None:
    # four reprints of a wire story and four of its evening rewrite, then an article between them: one event
    from newsfuse.cluster import OnlineClusterer

    morning = terms([*range(1, 13), 20, 21, 22, 23])
    evening = terms([*range(1, 9), 30, 31, 32, 33, 34, 35, 36, 37])
    for shared in range(2, 9):
        for extra in range(0, 16, 3):
            runs = []
            for kw in ({}, {"split_ratio": 0.0}):
                c = OnlineClusterer(**kw)
                for i in range(4):
                    c.add_terms(f"m{i}", morning, "gm")
                for i in range(4):
                    c.add_terms(f"e{i}", evening, "ge")
                c.add_terms("w", terms([*range(1, shared + 1), *range(60, 60 + extra)]), "w")
                runs.append(sorted(sorted(x) for x in c.events().values()))
            assert runs[0] == runs[1], (shared, extra, runs)


def test_an_age_of_a_hundred_or_more_is_no_persons() -> None:
    from newsfuse.cluster.features import ages

    assert ages("Girl, 3, shot and killed in Riverton home") == {"y:3"}
    assert ages("Fire destroys the 100-year-old church") == set()


def test_a_suspects_age_is_not_compared() -> None:
    from newsfuse.cluster.features import ages

    assert ages("Riverton man, 31, charged in shooting") == set()
    assert ages("A 24-year-old man was arrested on Friday") == set()
    assert ages("18-year-old suspect in Brookfield shooting identified") == set()
    assert ages("Girl, 3, shot by 7-year-old brother") == {"y:3"}  # the shooter's age after "by"
    assert ages("Police arrest 19-year-old in shooting of 15-year-old") == {"y:15"}
    assert ages("A 31-year-old man has been charged in the death of a 24-year-old woman") == {"y:24"}
    assert ages("a 17-year-old who police say killed another teen") == set()  # who + an active verb of harm
    assert ages("A 5-year-old boy who was shot in the face has died") == {"y:5"}
    assert ages("Boy, 9, shot by a man later charged") == {"y:9"}  # the first cue word after the age decides


def test_a_follow_up_giving_the_suspects_age_joins_the_first_report() -> None:
    """The first report gives the victim's age, the follow-up the suspect's and no victim's: no age disagreement."""
    lead = ["The shooting on Elm Street in Riverton left a woman dead, police said."]
    first = make("a", lead, title="Woman, 24, shot and killed in Riverton")
    follow = make("b", lead, title="Riverton man, 31, charged in killing")
    from newsfuse.cluster.features import article_terms

    assert {x for x in article_terms(first).places if x[:2] == "y:"} == {"y:24"}
    assert not any(x[:2] == "y:" for x in article_terms(follow).places)


def test_an_age_in_common_is_a_bonus_for_small_events_only() -> None:
    def score(second_ages: set[str], **config) -> float:
        c = OnlineClusterer(**config)
        base = dict(tf={i: 1.0 for i in range(1, 11)}, day=DAY)
        c.add_terms("a", ArticleTerms(**base, places=frozenset({"y:10"})))
        other = {**base, "tf": {**{i: 1.0 for i in range(1, 3)}, **{i: 1.0 for i in range(50, 58)}}}
        c.add_terms("b", ArticleTerms(**other, places=frozenset(second_ages)))
        return max(c.last_scores.values())

    assert score({"y:10"}) > score(set())  # same victim's age
    assert score({"y:10"}, age_bonus=0.0) == score(set())
    assert score({"y:10"}, age_max_members=0) == score(set())


def test_the_outlet_trailing_a_title_is_cut_off() -> None:
    from newsfuse.cluster.features import strip_outlet

    assert strip_outlet("Two shot in Riverton - WXYZ Action News 5 - Riverton, Tennessee") == "Two shot in Riverton"
    assert strip_outlet("Man dies after shooting - riverton.com | Continuous News and Weather") == "Man dies after shooting"
    assert strip_outlet("Rebels free 21 hostages - but still hold nearly 200 captives") == (
        "Rebels free 21 hostages - but still hold nearly 200 captives")  # no outlet word in the tail
    assert strip_outlet("Earthquake shakes Kelamba") == "Earthquake shakes Kelamba"


def test_an_outlets_name_in_two_titles_weighs_as_the_lead_not_as_the_title() -> None:
    from newsfuse.cluster.features import LEAD_WEIGHT, article_terms, term_id

    a = make("a", ["Rescuers searched collapsed homes."], title="Earthquake shakes Kelamba - Riverton Action News")
    tf = article_terms(a).tf
    assert tf[term_id("riverton")] == LEAD_WEIGHT
    assert tf[term_id("earthquake")] > LEAD_WEIGHT


def test_heaviest_entries_equal_a_full_sort_ties_included() -> None:
    from newsfuse.cluster import _heaviest

    rng = np.random.default_rng(3)
    for size in (5, 40, 170, 900):
        ids = rng.choice(5000, size=size, replace=False).astype(np.int64)
        weights = rng.integers(1, 12, size=size) / 7.0  # few distinct weights: many ties at the cut
        for n in (1, 10, 40):
            assert _heaviest(ids, weights, n).tolist() == np.lexsort((ids, -weights))[:n].tolist()


def test_sums_by_article_number_equal_unique_and_bincount_bit_for_bit() -> None:
    from newsfuse.cluster import _sum_by_number

    rng = np.random.default_rng(5)
    # posting lists laid end to end: each ascending, numbers repeated across lists
    runs = [np.sort(rng.choice(3000, size=int(rng.integers(1, 80)), replace=False)) for _ in range(30)]
    nums = np.concatenate(runs).astype(np.int64)
    weights = rng.random(len(nums)) * rng.random(len(nums))
    uniq, inverse = np.unique(nums, return_inverse=True)
    got_nums, got_sums = _sum_by_number(nums, weights)
    assert got_nums.tolist() == uniq.tolist()
    assert got_sums.tolist() == np.bincount(inverse, weights=weights).tolist()


def test_copies_count_once_among_a_parts_reports() -> None:
    from newsfuse.cluster import _distinct_reports

    sims = np.array([[1.0, 0.95, 0.2, 0.3], [0.95, 1.0, 0.2, 0.92], [0.2, 0.2, 1.0, 0.1], [0.3, 0.92, 0.1, 1.0]])
    assert _distinct_reports(sims, [0, 1, 2, 3]) == [0, 2, 3]  # 1 copies 0; 3 is close to 1 only, which is gone
    assert _distinct_reports(sims, [0, 2]) == [0, 2]
    assert _distinct_reports(sims, [1, 3]) == [1]


def test_an_article_joins_an_event_whose_centroid_scoring_looked_up_as_if_looked_up_afresh() -> None:
    # the lookup kept from scoring (_Probe) updates the centroid exactly as a fresh lookup does
    rng = np.random.default_rng(11)
    kept, fresh = OnlineClusterer(), OnlineClusterer()
    from newsfuse.cluster import _probe

    for _ in range(30):
        keys = rng.choice(200, size=int(rng.integers(1, 40)), replace=False).astype(np.int64)
        vals = rng.random(len(keys))
        vals /= np.sqrt(vals @ vals)
        cent = kept.centroid.get("ev")
        kept._add_to_centroid("ev", keys, vals, _probe(cent, keys, vals) if cent is not None else None)
        fresh._add_to_centroid("ev", keys, vals)
        assert kept.centroid["ev"][0].tolist() == fresh.centroid["ev"][0].tolist()
        assert kept.centroid["ev"][1].tolist() == fresh.centroid["ev"][1].tolist()
        assert kept.cnorm2["ev"] == fresh.cnorm2["ev"]


def test_partial_scores_summed_in_the_scratch_equal_those_of_the_sort() -> None:
    # the scratch accumulator (PARTIAL_SCRATCH) and the sort (_sum_by_number, when article numbers span more than the
    # scratch) shortlist the same articles: the same events and scores, article by article
    from newsfuse.cluster import _PAIR

    rng = np.random.default_rng(17)
    scratch, sort = OnlineClusterer(), OnlineClusterer()
    sort._acc = np.zeros(0)  # every span exceeds it: the sort path throughout
    for i in range(400):
        topic = int(rng.integers(0, 40))  # articles of one topic share most of their vocabulary
        words = rng.choice(60, size=int(rng.integers(5, 25)), replace=False) + 60 * topic
        tf = {int(w): float(rng.integers(1, 4)) for w in words}
        terms = ArticleTerms(tf=tf, day=738_000 + i // 20)
        assert scratch.add_terms(f"a{i}", terms) == sort.add_terms(f"a{i}", terms)
        assert scratch.last_scores == sort.last_scores
    assert scratch.events() == sort.events()
    assert not scratch._acc.any()  # left all zeros
    # the postings packed in one pass read back as _PAIR packs them: (article number, weight) pairs, numbers ascending
    for blob in scratch.postings.values():
        numbers = [n for n, _ in _PAIR.iter_unpack(blob)]
        assert numbers == sorted(numbers) and all(n == int(n) and 0 <= n < scratch.seq for n in numbers)


def test_an_anchors_dormant_entry_grows_in_place_as_its_events_go_dormant() -> None:
    # one city named by every event of a year of local news: each event going dormant adds itself to the city's entry
    # without copying the entry (a copy per close made closing cost grow with the entry: quadratic over a stream)
    hot = 7
    c = OnlineClusterer(window_days=0)
    keys = []
    for i in range(40):  # one event a day, each with its own words: the day before's event goes dormant
        own = list(range(100 + 10 * i, 108 + 10 * i))
        keys.append(c.add_terms(f"a{i}", terms([hot, *own], DAY + i, anchors=(hot, own[0])), f"a{i}"))
        if i == 2:
            entry = c.dormant_index[hot]
    assert len(set(keys)) == 40 and len(c.dormant) == 39
    assert c.dormant_index[hot] is entry  # the same object, extended in place
    assert c._dormant_events(hot) == keys[:-1]
    assert OnlineClusterer.load(c.dump())._dormant_events(hot) == keys[:-1]


def test_a_woken_event_gone_dormant_again_is_listed_twice_until_the_clean_up(monkeypatch) -> None:
    # an anchor's entry lists an event each time it went dormant, and its length (what MAX_ANCHOR_DORMANT bounds)
    # counts every listing until the clean-up: the rule the tuples of event keys followed, across dump and load too
    import newsfuse.cluster as cluster_mod

    c = OnlineClusterer(window_days=5)
    ev = c.add_terms("x1", terms(range(1, 11), DAY, ("demir",), (1, 2)))
    c.add_terms("y1", terms(range(100, 110), DAY + 60))  # x1's event goes dormant
    assert c.add_terms("x2", terms(range(1, 11), DAY + 61, ("demir",), (1, 2))) == ev  # woken
    c.add_terms("y2", terms(range(200, 210), DAY + 120))  # dormant again
    assert c._dormant_events(1) == c._dormant_events(2) == [ev, ev]
    state = c.dump()

    def follow_up(c: OnlineClusterer) -> str:
        return c.add_terms("x3", terms(range(1, 11), DAY + 121, ("demir",), (1, 2)))

    monkeypatch.setattr(cluster_mod, "MAX_ANCHOR_DORMANT", 1)  # two listings: too common
    assert follow_up(OnlineClusterer.load(state)) != ev
    monkeypatch.setattr(cluster_mod, "MAX_ANCHOR_DORMANT", 2)
    loaded = OnlineClusterer.load(state)
    assert loaded._dormant_events(1) == [ev, ev]
    assert follow_up(loaded) == ev
    c._sweep_dormant_index()  # still dormant: both listings stay
    assert c._dormant_events(1) == [ev, ev]
    assert follow_up(c) == ev
    c._sweep_dormant_index()  # woken: its listings and its number go
    assert ev not in c._dormant_no and 1 not in c.dormant_index
