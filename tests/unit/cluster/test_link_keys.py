"""Link keys: what a follow-up shares with its event (a participant's full name, an address, the event's day and town)."""

from __future__ import annotations

from datetime import date

from newsfuse.cluster import OnlineClusterer
from newsfuse.cluster.features import ArticleTerms, full_name, link_keys, place_addresses
from newsfuse.model import Analysis, Article, Participant, Place, Sentence, Span, TimeEx

DAY = 738000


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span.of("x", text, start, start + len(phrase))


def test_full_names() -> None:
    assert full_name("Christopher D. Head") == "christopher head"
    assert full_name("Lee Harvey Oswald Jr.") == "lee oswald"
    assert full_name("Mateen") is None


def test_addresses_from_the_places_stage_streets() -> None:
    text = ("Shots rang out in the 1100 block of N. 38th Street, then at 2272 S. Scottwood Ave, on Elm Street and in "
            "Mercy Hospital.")
    names = ("38th Street", "2272 S. Scottwood Ave", "Elm Street", "Mercy Hospital")
    analysis = Analysis(article=Article(id="x", text=text), places=tuple(Place(_span(text, n), n) for n in names))
    assert place_addresses(analysis) == {"h:1100 38th", "h:2272 scottwood"}  # Elm Street: no house number


def test_link_keys_of_a_follow_up() -> None:
    text = ("Jo Ruiz was sentenced for the March 3 shooting in Riverton.\n"
            "Ruiz shot Ana Bell at 410 Elm Street, police said.")
    analysis = Analysis(
        article=Article(id="x", text=text, published="2021-05-10"),
        sentences=(Sentence(0, text.index("\n"), "body"), Sentence(text.index("\n") + 1, len(text), "body")),
        participants=(Participant(_span(text, "Jo Ruiz"), "Jo Ruiz", role="suspect", status="arrested"),
                      Participant(_span(text, "Ana Bell"), "Ana Bell", role="victim", status="injured"),
                      Participant(_span(text, "police"), "Police", role="suspect")),  # one word: no key
        places=(Place(_span(text, "Riverton"), "Riverton", gazetteer_id="geonames:1", country_code="US",
                      precision="city"), Place(_span(text, "Elm Street"), "Elm Street")),
        times=(TimeEx(_span(text, "March 3"), "2021-03-03", "day"),),
    )
    day = date(2021, 5, 10).toordinal()
    links, refs = link_keys(analysis, day, ["geonames:1"])
    march3 = date(2021, 3, 3).toordinal()
    assert {"n:jo ruiz", "n:ana bell", "h:410 elm"} <= links
    assert f"d:{day}|geonames:1" in links  # its own day and town: what later reports may refer to
    assert f"d:{march3}|geonames:1" in refs and f"d:{march3}|geonames:1" not in links  # the day it refers back to
    assert f"d:{day}|geonames:1" not in refs  # its own day looks nothing up (two shootings of one town that day)


def _terms(ids, day: int, links=(), refs=()) -> ArticleTerms:
    return ArticleTerms(tf={i: 1.0 for i in ids}, day=day, links=frozenset(links), link_refs=frozenset(refs))


def _follow_up_joins(refs, events=(("a", ("n:jo ruiz",)),)) -> bool:
    """Events opened on DAY (distinct terms each, giving the link keys), then a follow-up 120 days later (the events
    are dormant) that shares a fifth of the first one's terms and looks them up by `refs`."""
    c = OnlineClusterer()
    keys = {}
    for i, (aid, links) in enumerate(events):
        keys[aid] = c.add_terms(aid, _terms(range(100 * i + 1, 100 * i + 11), DAY, links), aid)
    follow = c.add_terms("f", _terms([1, 2, *range(500, 508)], DAY + 120, refs=refs), "f")
    return follow == keys["a"]


def test_a_follow_up_months_later_rejoins_its_event_by_a_shared_name() -> None:
    assert _follow_up_joins(("n:jo ruiz",))
    assert not _follow_up_joins(())  # the same words without the name: a new event
    assert not _follow_up_joins(("n:ana bell",))


def test_a_key_that_many_events_share_links_none_of_them() -> None:
    shared = (("a", ("d:1|geonames:1",)), ("b", ("d:1|geonames:1",)), ("c", ("d:1|geonames:1",)))
    assert _follow_up_joins(("d:1|geonames:1",), shared[:2])  # two events: both scored, the closer one taken
    assert not _follow_up_joins(("d:1|geonames:1",), shared)  # three (LINK_MAX_EVENTS 2): a busy city's day


def test_link_keys_survive_dump_and_load() -> None:
    c = OnlineClusterer()
    first = c.add_terms("a", _terms(range(1, 11), DAY, ("n:jo ruiz",)), "a")
    c.add_terms("b", _terms(range(20, 30), DAY + 40, ()), "b")  # moves the clock: "a" goes dormant
    again = OnlineClusterer.load(c.dump())
    follow = _terms([1, 2, *range(500, 508)], DAY + 120, refs=("n:jo ruiz",))
    assert c.add_terms("f", follow, "f") == again.add_terms("f", follow, "f") == first
