"""Where an event happened: one location voted across the articles that report it.

Each article votes for its resolved places, weighted by where they stand (title,
dateline and lead count most; captions and boilerplate not at all) and by how
specific they are (a city names a happening, a country rarely does).  A place
also gains from votes for the regions that contain it, so "Springfield" next to
"Illinois" beats a Springfield elsewhere.  The chosen place keeps its own
precision; with no resolved place every field is null and `evidence` is empty.
`basis` says where the chosen place was read ("text", "title", "url", "outlet"):
a place read only outside the text has no evidence span, and `basis` says why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any, Sequence

from newsfuse.extract.gazetteer import haversine_km, name_key
from newsfuse.model import Analysis, Place

# Weights set by hand and checked on eval/gva_where (first 150 incidents by id); not yet swept.
W_TITLE = 3.0  # the place is named in the article's title
W_LEAD = 2.0  # in the first LEAD_SENTENCES body sentences (datelines included)
W_BODY = 0.5
LEAD_SENTENCES = 3
W_REPEAT = 0.25  # each further mention in the same article, as a share of its best one
SPECIFICITY = {"site": 1.1, "city": 1.0, "region": 0.45, "country": 0.2}
W_CONTAINER = 0.3  # share of a containing region's (and country's) votes a place inherits
MAX_EVIDENCE = 5
W_OUTSIDE = 0.3  # multiplier for a place outside the region most of the reports point to
W_AGENCY = 1.0  # "Memphis police": the agency's place, as a share of a place mention at the same position
# Places of an article outside the state of its dateline ("CHICAGO (AP) —") are most often neighbourhood
# or street names that the gazetteer places elsewhere ("Austin", "Little Village"): multiplier chosen on
# eval/gva_where dev (first 400 incidents) city accuracy 0.726 at 0.1-0.2, 0.723 at 0.5, 0.720 at 1.
W_OFF_DATELINE = 0.2
DATELINE_REACH = 2000  # characters from the top where a dateline may stand (after page furniture)
# Added to a dateline place's weight (the story's own locale): eval/gva_where dev (2,200 incidents) city
# accuracy 0.812 at 0 and 0.5, 0.815 at 1 and 2.
W_DATELINE = 1.0
# Share of a county's votes that a city of that county inherits (the county is named, the town is the place):
# chosen on eval/gva_where dev (first 400 incidents) city accuracy 0.732 at 1.0, 0.726 at 0.3 and 0.6, 0.729 at 2.
W_COUNTY_CONTAINER = 1.0
# A title place found by gazetteer look-up when the body yields none (paywalls, captchas, link lists):
# weight as a share of W_TITLE; candidates must be cities at least this big unless they lie in the
# state the other reports point to. Chosen on eval/gva_where dev (first 400 incidents): city accuracy 0.723
# at weight 0.2 and 1 vs 0.726 at 0.5; 0.732 at 20,000 people (0.735 at 0, kept above 0 so that common
# words in titles do not become towns; 0.708 at 200,000).
W_TITLE_ONLY = 0.5
TITLE_ONLY_MIN_POPULATION = 20_000
# One sense per event: a town resolved outside the region the reports point to moves to a town of the same
# name in that region (no population guard: eval/gva_where dev, first 400 incidents, state accuracy 0.855
# with towns above 300,000 kept, 0.862 without, city 0.754 both). A region named outright ("Tenn.",
# "Tennessee") counts W_STATE_NAMED times a town of it when choosing the region (same eval: state 0.862 at 2,
# 0.859 at 1 and 4).
W_STATE_NAMED = 2.0
# A title place (outside the text) of a region the reports point to, when the body has places too: weight as a
# share of W_TITLE; and a town in the web address. Chosen on eval/gva_where dev (first 400 incidents): city
# accuracy 0.754 without either, 0.763 at (0.5, 1), 0.772 at slug 2 and 4 (kept the milder 2), 0.754 at title 1.
W_TITLE_EXTRA = 0.5
W_SLUG = 2.0
# With no region to go by (the reports name no resolved place), a slug town must be a city this big
# ("news/houston-texas/houston/article/..."): set by hand, checked on eval/gva_where dev (first 400).
SLUG_ONLY_MIN_POPULATION = 100_000
# The place an outlet's web address names ("chicago.suntimes.com", "kentucky.com"), as a share of a title
# mention: it votes for its region and, weakly, for itself. Chosen on eval/gva_where dev (2,200 incidents):
# city accuracy 0.804 without, 0.809 at 0.5 and 1, 0.808 at 2 (state 0.893 -> 0.897).
W_OUTLET_PLACE = 0.5
# A first-level region named in a title the text does not carry, or in the web address's path (see
# `_regions_outside_text`), as a share of a title mention; regions of fewer people than the minimum are left out
# (a slug's lower-case words could name some small district somewhere; set by hand). Chosen on eval/gva_where dev
# (2,200 incidents): city 0.817 -> 0.818 and state 0.903 -> 0.907 at 0 and 1 (the named region also lets title and
# web-address towns of it count), city 0.816 at 2.
W_REGION_OUTSIDE_TEXT = 1.0
REGION_OUTSIDE_TEXT_MIN_POPULATION = 500_000
_US_POSTAL = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA "
    "RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
# A name written as a neighbourhood ("the West Side Austin neighborhood") that the gazetteer does not know as
# a section of a city is most often resolved to a town elsewhere ("Austin", Texas): its weight is multiplied
# by this. Chosen on eval/gva_where dev (2,200 incidents): city accuracy 0.809 -> 0.811 at 0.1 and 0.3.
W_NEIGHBOURHOOD = 0.1
_NEIGHBOURHOOD_AFTER = re.compile(r"(?i)[\s-]+(?:neighbou?rhoods?|section|community area|subdivision|housing project)\b")
# Words of titles and web addresses that are also town names somewhere ("Police", "Home", "Church").
_COMMON_TITLE_WORDS = frozenset(
    __import__("spacy.lang.en.stop_words", fromlist=["STOP_WORDS"]).STOP_WORDS) | frozenset(
    {"police", "home", "church", "shooting", "shot", "man", "woman", "teen", "boy", "girl", "dead", "killed",
     "news", "story", "local", "crime", "state", "county", "city", "park", "center", "sheriff", "fire", "west",
     "east", "north", "south", "central", "union", "liberty", "independence", "commerce", "industry", "hope",
     "victory", "triumph", "friendship", "harmony", "justice", "mission", "canton", "house", "party", "child",
     "baby", "kids", "family", "father", "mother", "son", "daughter", "gun", "guns", "wounded", "injured", "metro"})
_TITLE_RUN = re.compile(r"\b[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|la|of))*")
_AGENCY_IN_TEXT = re.compile(
    r"\b(?P<place>[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,2}) (?:County |Parish )?(?:[Pp]olice|PD\b|Sheriff)")
# Capitalised words before "police" that are not places ("The police", "State Police" alone, "Capitol Police").
_NOT_AGENCY_PLACES = frozenset({"The", "State", "Capitol", "Transit", "Military", "Park", "Campus", "University",
                                "Tribal", "Border", "Secret", "Federal", "National", "Metro", "Highway", "Royal"})
_AGENCY = re.compile(
    r"^(?P<place>[A-Z][\w.'’ -]+?)\s+(?:(?:County|Parish|City)\s+)?(?:Police|police|PD\b|Sheriff|Sheriff's|Sheriff’s|Fire|"
    r"Metropolitan Police|Metro Police|Department|Medical Examiner|Coroner|District Attorney|Prosecutor)"
)


# Where the chosen place was read, in this order: the article's text (a span in `evidence`), a title the text does
# not carry, the article's web address (its path), the outlet's web domain ("chicago.suntimes.com").
BASES = ("text", "title", "url", "outlet")


def _empty() -> dict[str, Any]:
    return {"name": None, "admin1": None, "admin2": None, "country_code": None, "lat": None, "lon": None,
            "precision": None, "gazetteer_id": None, "evidence": [], "basis": []}


def _position_weight(analysis: Analysis, sentences: list, start: int, text: str, title_key: str) -> float:
    """Weight of a place mention by the role and rank of its sentence (0 where it must not count)."""
    role, rank, body_rank = "body", None, 0
    for s in sentences:
        if s.start <= start < s.end:
            role, rank = s.role, body_rank
            break
        if s.role == "body":
            body_rank += 1
    if role in ("caption", "boilerplate", "duplicate"):
        return 0.0
    if role == "title":
        w = W_TITLE
    elif rank is not None and rank < LEAD_SENTENCES:
        w = W_LEAD
    else:
        w = W_BODY
    key = name_key(text)
    if key and title_key and f" {key} " in f" {title_key} ":  # name keys are single-spaced words
        w += W_TITLE
    return w


def _position_weights(analysis: Analysis) -> list[float]:
    """The weight of each of the article's places (see `_position_weight`)."""
    sentences = sorted(analysis.sentences, key=lambda s: s.start)
    title_key = name_key(analysis.article.title or "")
    return [_position_weight(analysis, sentences, p.span.start, p.span.text, title_key) for p in analysis.places]


def _agency_places(analysis: Analysis, own_admin1: set[tuple[str | None, str | None]]) -> list[tuple[Place, int]]:
    """Places named in agencies ("Memphis police", "Cook County Sheriff's Office"), with their mention's offset.

    They are not place mentions of the article (GeoWebNews counts them as part of an organisation's name),
    but in local news they say where the reporting happens.
    """
    from newsfuse.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    text = analysis.article.text
    found = []
    spans = [(m.span.start, m.span.text) for m in analysis.mentions if m.label in ("ORG", "FAC", "GPE")]
    covered = [(m.span.start, m.span.end) for m in analysis.mentions if m.label in ("ORG", "FAC", "GPE")]
    # Agencies the model did not tag as one ("Clarksville police were searching", "(Source: Clarksville PD)").
    spans += [(t.start(), t.group(0)) for t in _AGENCY_IN_TEXT.finditer(text)
              if not any(a <= t.start() < b for a, b in covered) and t.group("place") not in _NOT_AGENCY_PLACES]
    for start0, mention_text in spans:
        body = re.sub(r"^[Tt]he ", "", mention_text)  # "the Omaha Police Department"
        match = _AGENCY.match(body)
        if not match:
            continue
        written = match.group("place").strip()
        name = re.sub(r"\s+(?:State|Metro|Metropolitan)$", "", written)  # "Vermont State Police"
        if re.search(r"(?i)\bcounty$", body[: match.end()].split("Police")[0].strip()):
            name = name + " County" if not name.endswith("County") else name
        found_all = gaz.candidates(name)
        if not found_all and "-" in name:  # "Savannah-Chatham Metro Police": the city comes first
            name = name.split("-")[0]
            found_all = gaz.candidates(name)
        regions = [e for e, k in found_all if e.kind == "region" and k < 2]
        cands = [(e, k) for e, k in found_all if e.kind in ("city", "county") and k < 2]
        local = [e for e, _ in cands if (e.country_code, e.admin1) in own_admin1]
        if local and not any((r.country_code, r.admin1) in own_admin1 for r in regions):
            e = max(local, key=lambda c: c.population)  # "Santa Ana police" of a California story: not the SV region
        elif regions:  # "Arizona Department of Public Safety" is the state's, not Arizona, Honduras
            e = max(regions, key=lambda r: ((r.country_code, r.admin1) in own_admin1, r.population))
        elif cands:
            e = max(cands, key=lambda x: ((x[0].country_code, x[0].admin1) in own_admin1, x[0].population))[0]
        else:
            continue
        start = start0 + mention_text.find(written)
        span = analysis.span(start, start + len(written))
        found.append((Place(span=span, name=e.name, gazetteer_id=e.gazetteer_id, lat=e.lat, lon=e.lon,
                            country_code=e.country_code, admin1=e.admin1, admin2=e.admin2, precision=e.precision,
                            timezone=e.timezone), start0))
    return found


def _dateline_starts(analysis: Analysis) -> set[int]:
    """Offsets of the dateline names near the top of the article ("ROCKY MOUNT, N.C. (AP) —")."""
    from newsfuse.extract.places import DATELINE

    return {m.start(1) for m in DATELINE.finditer(analysis.article.text[:DATELINE_REACH])}


# Towns of the text outside the region of the outlet's own city ("abc7chicago.com" -> Chicago), when the text also
# names that city, are most often neighbourhoods the gazetteer places elsewhere ("Austin" of Chicago); a dateline
# outside that region is then not trusted either.  Multiplier chosen on eval/gva_where dev (2,200 incidents): city
# accuracy 0.8245 at 1 (none), 0.8259 at 0.5, 0.8277 at 0.2, 0.8282 at 0.1 and 0.05 (state 0.9118 -> 0.9155).
W_OFF_OUTLET = 0.1
# Only a big city's outlet counts (set by hand: big cities have neighbourhoods named like towns elsewhere; at
# 200,000 the same dev figures, without a floor "foxcarolina.com" made Carolina, Puerto Rico the home).
OUTLET_HOME_MIN_POPULATION = 500_000


def _outlet_home(items: list[tuple[Place, float, str]]) -> tuple[str | None, str | None] | None:
    """The region of the outlet's own big city when the article's text names that city too, else None."""
    from newsfuse.extract.gazetteer import load_gazetteer

    outlet = next((p for p, _, b in items if b == "outlet"), None)
    if outlet is None or outlet.precision != "city" or not outlet.gazetteer_id:
        return None
    entry = load_gazetteer().get(outlet.gazetteer_id)
    if entry is None or entry.population < OUTLET_HOME_MIN_POPULATION:
        return None
    if any(b == "text" and p.gazetteer_id == outlet.gazetteer_id for p, _, b in items):
        return (outlet.country_code, outlet.admin1)
    return None


def _dateline_admin1(places: list[Place], starts: set[int]) -> tuple[str | None, str | None] | None:
    """The state of the article's dateline place, if it has one."""
    for p in places:
        if p.span.start in starts and p.admin1 and p.precision != "country":
            return (p.country_code, p.admin1)
    return None


def _title_places(analysis: Analysis, states: set[tuple[str | None, str | None]],
                  counties: set[tuple[str | None, str | None, str | None]] | None = None,
                  in_states_only: bool = False) -> list[Place]:
    """Places named in a title that the article's text does not carry, found by gazetteer look-up.

    The places carry an empty span (offset 0) since the title is not part of the text: no evidence span.
    With `in_states_only`, only towns of the regions the reports point to count (the body has places too).
    """
    from newsfuse.extract.gazetteer import MATCH_CORE, MATCH_PRIMARY, load_gazetteer

    title = analysis.article.title or ""
    gaz = load_gazetteer()
    counties = counties or set()
    found: list[Place] = []
    for m in _TITLE_RUN.finditer(title):
        words = m.group(0).split()
        best = None
        for i in range(len(words)):  # longest known tail first: "Police Detroit" -> "Detroit"
            for j in range(len(words), i, -1):
                name = re.sub(r"['’]s$", "", " ".join(words[i:j]).rstrip(".,:;")).rstrip(".,'’")  # not "Memphi"
                if name.lower() in _COMMON_TITLE_WORDS:  # "Man shot": not Man, Côte d'Ivoire
                    continue
                found_all = gaz.candidates(name)
                if any(k == MATCH_PRIMARY and e.kind in ("region", "country") for e, k in found_all):
                    break  # "Arizona" names the state, not a town called Arizona
                cands = [e for e, k in found_all if k != MATCH_CORE and e.kind in ("city", "county")
                         and ((e.country_code, e.admin1) in states
                              or (not in_states_only and e.population >= TITLE_ONLY_MIN_POPULATION))]
                if cands:
                    best = max(cands, key=lambda e: ((e.country_code, e.admin1, e.admin2) in counties,
                                                     (e.country_code, e.admin1) in states, e.population))
                    break
            if best is not None:
                break
        if best is not None:
            found.append(_place_of(analysis, best))
    return found


def _place_of(analysis: Analysis, e: Any) -> Place:
    """A gazetteer entry as a place with an empty span (named outside the text: title or web address)."""
    return Place(span=analysis.span(0, 0), name=e.name, gazetteer_id=e.gazetteer_id, lat=e.lat, lon=e.lon,
                 country_code=e.country_code, admin1=e.admin1, admin2=e.admin2, precision=e.precision,
                 timezone=e.timezone)


def _slug_places(analysis: Analysis, states: set[tuple[str | None, str | None]],
                 counties: set[tuple[str | None, str | None, str | None]]) -> list[Place]:
    """Towns named in the article's web address ("four-people-shot-behind-church-in-rocky-mount").

    Only towns of the regions the reports point to, by their own name, and never a common word: a slug is
    lower case, so most of its words could be some town somewhere.
    """
    from newsfuse.extract.gazetteer import MATCH_PRIMARY, load_gazetteer

    url = analysis.article.url or ""
    path = re.sub(r"^(?:https?://)?web\.archive\.org/web/\d+/", "", url)
    path = re.sub(r"^(?:https?://)?[^/]+", "", path)
    words = [w for w in re.split(r"[^a-z]+", path.lower()) if w]
    gaz = load_gazetteer()
    found: list[Place] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            name = " ".join(words[i:i + n])
            if len(words[i:i + n]) < n or (n == 1 and (name in _COMMON_TITLE_WORDS or len(name) < 4)):
                continue
            cands = [e for e, k in gaz.candidates(name) if k == MATCH_PRIMARY and e.kind in ("city", "county")
                     and ((e.country_code, e.admin1) in states
                          or (not states and e.population >= SLUG_ONLY_MIN_POPULATION))]
            if cands:
                best = max(cands, key=lambda e: ((e.country_code, e.admin1, e.admin2) in counties, e.population))
                found.append(_place_of(analysis, best))
                i += n
                break
        else:
            i += 1
    return found


def _event_state(raw: list[tuple[Analysis, list[tuple[Place, float, str]]]]) -> tuple[str | None, str | None] | None:
    """The first-level region the event's reports point to; a region named outright counts W_STATE_NAMED times."""
    votes: dict[tuple[str | None, str | None], float] = defaultdict(float)
    for _analysis, items in raw:
        per_place: dict[str | None, list[tuple[float, Place]]] = defaultdict(list)
        for p, w, _basis in items:
            if not p.admin1 or p.precision == "country":
                continue
            named = p.precision == "region" and not p.admin2
            factor = W_STATE_NAMED if named else W_AMBIGUOUS_STATE if _ambiguous(p) else 1.0
            per_place[p.gazetteer_id].append((w * factor, p))
        for ws in per_place.values():  # a place named again adds W_REPEAT of its weight, as in the place votes
            ws.sort(key=lambda x: -x[0])
            p = ws[0][1]
            votes[(p.country_code, p.admin1)] += ws[0][0] + STATE_REPEAT * sum(w for w, _ in ws[1:])
    if not votes:
        return None
    return max(votes.items(), key=lambda x: (x[1], x[0]))[0]


# A town whose name is also a town of comparable size in another region ("Albany", "Madison", "Columbia") says
# little about the region when it was resolved without one: its vote for the event's region is multiplied by
# W_AMBIGUOUS_STATE.  "Comparable": at least AMBIGUOUS_SHARE of its people.  Chosen on eval/gva_where dev (2,200
# incidents): state accuracy 0.9064 at 1 (none), 0.9068 at 0.3 and 0.7, 0.9073 at 0.5; share 0.05 and 0.2 alike,
# 0.5 city 0.8223 -> 0.8218.
W_AMBIGUOUS_STATE = 0.5
AMBIGUOUS_SHARE = 0.2
# Share of a repeated mention's weight that counts again when choosing the event's region (see `_event_state`), as
# W_REPEAT does for the place votes: eval/gva_where dev state accuracy 0.9100 at 1 (every mention in full), 0.9109
# at 0.25 and 0.5.
STATE_REPEAT = 0.25


def _ambiguous(place: Place) -> bool:
    """The place is a town whose written name is also a town of comparable size in another first-level region."""
    if place.precision not in ("city", "site") or not place.gazetteer_id or place.span.end <= place.span.start:
        return False
    return _ambiguous_name(place.span.text, place.gazetteer_id)


@lru_cache(maxsize=16384)
def _ambiguous_name(text: str, gazetteer_id: str) -> bool:
    from newsfuse.extract.gazetteer import MATCH_PRIMARY, load_gazetteer

    found = [e for e, m in load_gazetteer().candidates(text) if m == MATCH_PRIMARY and e.kind == "city"]
    own = next((e for e in found if e.gazetteer_id == gazetteer_id), None)
    if own is None:
        return False
    return any((e.country_code, e.admin1) != (own.country_code, own.admin1)
               and e.population >= AMBIGUOUS_SHARE * own.population for e in found)


# A town with no recorded county takes the votes of a named county of its region whose point lies within this
# distance (a county's point is the middle of its towns): chosen on eval/gva_where dev (2,200 incidents), city
# accuracy 0.8223 without, 0.8227 at 15 km, 0.8241 at 25 and 40 km, 0.8236 at 60 and 100 km.
COUNTY_OF_TOWN_KM = 25.0


def _nearest_county(place: Place, county_points: dict[tuple, tuple[float, float]]) -> tuple | None:
    """The named county (key of `county_points`) of the place's region nearest to it, within COUNTY_OF_TOWN_KM."""
    best: tuple[float, tuple | None] = (COUNTY_OF_TOWN_KM, None)
    for key, (lat, lon) in county_points.items():
        if key[:2] == (place.country_code, place.admin1) and place.lat is not None:
            d = haversine_km(place.lat, place.lon, lat, lon)  # type: ignore[arg-type]
            if d <= best[0]:
                best = (d, key)
    return best[1]


def _neighbourhood_factor(analysis: Analysis, place: Place) -> float:
    """W_NEIGHBOURHOOD for a name written as a neighbourhood that is not a known city section, else 1."""
    if not _NEIGHBOURHOOD_AFTER.match(analysis.article.text, place.span.end):
        return 1.0
    if _city_of_section(place) is not place:
        return 1.0
    return W_NEIGHBOURHOOD


def _regions_outside_text(analysis: Analysis) -> list[tuple[Place, str]]:
    """US states and other first-level regions named in the title (when the text does not carry it) or in the web
    address's path ("/news/local/michigan/", "MN father who shot..."), as places with an empty span, each with
    where it was read ("title" or "url")."""
    from newsfuse.extract.gazetteer import US_STATE_AP, load_gazetteer

    gaz = load_gazetteer()
    regions = gaz.regions_by_key()
    title = analysis.article.title or ""
    chunks: list[tuple[str, str]] = []
    if title and title.strip()[:60] not in analysis.article.text:
        chunks.extend((c, "title") for c in re.findall(r"[A-Z][\w.]*(?: [A-Z][\w.]*)*", title))
    url = re.sub(r"^(?:https?://)?web\.archive\.org/web/[^/]+/", "", analysis.article.url or "")
    path = re.sub(r"^(?:https?://)?[^/]+", "", url)
    chunks.extend((" ".join(w for w in re.split(r"[^a-z]+", part) if w), "url")
                  for part in re.split(r"[/_]", path.lower()))
    found: dict[str, tuple[Place, str]] = {}
    for chunk, basis in chunks:
        words = chunk.split()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                name = " ".join(words[i:i + n])
                if len(name) < 4 and not (name.isupper() and name in _US_POSTAL):
                    continue
                if name.lower() in _COMMON_TITLE_WORDS or name.lower() in _COMPASS_ADJECTIVES:
                    continue  # "/news/west/...", "Southern Illinois": Cameroon's West region, Zambia's Southern
                if name.isupper() and name in _US_POSTAL:  # "MN father who shot..."
                    e = gaz.get(f"iso3166-2:US-{name}")
                    cands = [e] if e is not None else []
                elif name in US_STATE_AP:
                    e = gaz.get(f"iso3166-2:US-{US_STATE_AP[name]}")
                    cands = [e] if e is not None else []
                else:
                    cands = [e for e in regions.get(name_key(name), ())
                             if e.population >= REGION_OUTSIDE_TEXT_MIN_POPULATION]
                if i + n < len(words) and _STREET_WORD.fullmatch(words[i + n]):
                    continue  # "Maryland Drive murder victims identified": a street
                if len(cands) == 1 and cands[0].gazetteer_id not in found:
                    found[cands[0].gazetteer_id] = (_place_of(analysis, cands[0]), basis)
    return list(found.values())


_COMPASS_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "northeast", "northwest", "southeast",
                                 "southwest", "north", "south", "east", "west"})
_STREET_WORD = re.compile(r"(?i)(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|highway|hwy|parkway|"
                          r"pkwy|way|court|ct|place|pl|circle|terrace|trail|pike|route)\.?")


def _outlet_place(analysis: Analysis) -> Place | None:
    """The city or region the outlet's web address names ("chicago.suntimes.com" -> Chicago), as a place
    with an empty span: weak evidence that the story is local to it."""
    from newsfuse.extract.gazetteer import load_gazetteer
    from newsfuse.extract.places import outlet_area

    e = outlet_area(analysis, load_gazetteer())
    return _place_of(analysis, e) if e is not None else None


def _as_entry_place(place: Place, e: Any) -> Place:
    """The gazetteer entry `e` as a place with the span of `place`."""
    return Place(span=place.span, name=e.name, gazetteer_id=e.gazetteer_id, lat=e.lat, lon=e.lon,
                 country_code=e.country_code, admin1=e.admin1, admin2=e.admin2, precision=e.precision,
                 timezone=e.timezone)


def _city_of_section(place: Place) -> Place:
    """A city section ("East Garfield Park") as its city (Chicago): event locations name the city."""
    from newsfuse.extract.gazetteer import load_gazetteer

    if place.precision != "city" or place.admin2 or not place.gazetteer_id:
        return place
    city = load_gazetteer().city_of_section(place.gazetteer_id)
    return _as_entry_place(place, city) if city is not None else place


def _rehome(place: Place, state: tuple[str | None, str | None]) -> Place:
    """The same name in the event's region ("Madison" of a Nashville story is not Madison, Wisconsin)."""
    from newsfuse.extract.gazetteer import MATCH_CORE, load_gazetteer

    if place.precision not in ("city", "site") and not (place.precision == "region" and place.admin2):
        return place
    if (place.country_code, place.admin1) == state:
        return place
    gaz = load_gazetteer()
    own = gaz.get(place.gazetteer_id) if place.gazetteer_id else None
    if own is None:
        return place
    found = gaz.candidates(place.span.text)
    own_match = min((m for e, m in found if e.gazetteer_id == own.gazetteer_id), default=MATCH_CORE)
    cands = [e for e, m in found if m <= own_match and m != MATCH_CORE and e.kind == own.kind
             and (e.country_code, e.admin1) == state]
    if not cands:
        return place
    e = max(cands, key=lambda c: c.population)
    return Place(span=place.span, name=e.name, gazetteer_id=e.gazetteer_id, lat=e.lat, lon=e.lon,
                 country_code=e.country_code, admin1=e.admin1, admin2=e.admin2, precision=e.precision,
                 timezone=e.timezone)


def event_location(analyses: Sequence[Analysis]) -> dict[str, Any]:
    """The contract's event `location`: the place of the main happening, with its evidence spans."""
    votes: dict[str, float] = defaultdict(float)
    places_of: dict[str, list[tuple[float, Place]]] = defaultdict(list)
    container_votes: dict[tuple[str | None, str | None], float] = defaultdict(float)
    county_votes: dict[tuple[str | None, str | None, str | None], float] = defaultdict(float)
    admin1_votes: dict[tuple[str | None, str | None], float] = defaultdict(float)
    bases_of: dict[str, set[str]] = defaultdict(set)
    raw = []
    demoted: set[str] = set()  # neighbourhood names resolved to towns elsewhere: they vouch for no region
    for analysis in analyses:
        sentences = sorted(analysis.sentences, key=lambda s: s.start)
        title_key = name_key(analysis.article.title or "")
        items = []
        for p, w in zip(analysis.places, _position_weights(analysis)):
            if p.gazetteer_id is None or p.lat is None or w <= 0:
                continue
            factor = _neighbourhood_factor(analysis, p)
            if factor < 1.0:
                demoted.add(p.gazetteer_id)
            items.append((_city_of_section(p), w * factor, "text"))
        own_admin1 = {(p.country_code, p.admin1) for p, _, _ in items if p.admin1}
        for place, offset in _agency_places(analysis, own_admin1):
            w = W_AGENCY * _position_weight(analysis, sentences, offset, place.span.text, title_key)
            if w > 0:
                items.append((place, w, "text"))
        outlet = _outlet_place(analysis)
        if outlet is not None:
            items.append((outlet, W_OUTLET_PLACE, "outlet"))
        items.extend((p, W_REGION_OUTSIDE_TEXT, basis) for p, basis in _regions_outside_text(analysis))
        raw.append((analysis, items))
    state = _event_state(raw)
    per_analysis = []
    for analysis, items in raw:
        if state is not None:
            items = [(_rehome(p, state), w, b) for p, w, b in items]
        starts = _dateline_starts(analysis)
        dateline = _dateline_admin1([p for p, _, _ in items], starts)
        home = _outlet_home(items) if W_OFF_OUTLET < 1.0 else None
        if home is not None and dateline is not None and dateline != home:
            dateline = None  # "AUSTIN —" of a Chicago outlet whose text names Chicago: a neighbourhood
        if home is not None and dateline is None:
            items = [(p, w * (W_OFF_OUTLET if b == "text" and p.precision in ("city", "site")
                              and (p.country_code, p.admin1) != home else 1.0), b) for p, w, b in items]
        if dateline is not None:
            items = [(p, (w + W_DATELINE if p.span.start in starts else w)
                      * (W_OFF_DATELINE if p.precision != "country" and (p.country_code, p.admin1) != dateline else 1.0), b)
                     for p, w, b in items]
        per_analysis.append((analysis, items))
    states = {(p.country_code, p.admin1) for _, its in per_analysis for p, _, _ in its
              if p.admin1 and p.gazetteer_id not in demoted}
    counties = {(p.country_code, p.admin1, p.admin2) for _, its in per_analysis for p, _, _ in its
                if p.admin2 and p.gazetteer_id not in demoted}
    for analysis, items in per_analysis:
        title_in_text = bool(analysis.article.title) and analysis.article.title.strip()[:60] in analysis.article.text
        if not items and analysis.article.title:
            items = [(p, W_TITLE_ONLY * W_TITLE, "title") for p in _title_places(analysis, states)]
        elif analysis.article.title and not title_in_text:
            items = items + [(p, W_TITLE_EXTRA * W_TITLE, "title")
                             for p in _title_places(analysis, states, counties, True)]
        items = items + [(p, W_SLUG, "url") for p in _slug_places(analysis, states, counties)]
        per_article: dict[str, list[float]] = defaultdict(list)
        for place, w, basis in items:
            per_article[place.gazetteer_id].append(w)
            places_of[place.gazetteer_id].append((w, place))
            if w > 0:
                bases_of[place.gazetteer_id].add(basis)
        for gid, ws in per_article.items():
            ws.sort(reverse=True)
            v = ws[0] + W_REPEAT * sum(ws[1:])
            votes[gid] += v
            sample = places_of[gid][0][1]
            if sample.precision != "country" and sample.admin1:
                admin1_votes[(sample.country_code, sample.admin1)] += v
            if sample.precision == "region" and not sample.admin2:
                container_votes[(sample.country_code, sample.admin1)] += v
            elif sample.precision == "region" and sample.admin2:
                county_votes[(sample.country_code, sample.admin1, sample.admin2)] += v
            elif sample.precision == "country":
                container_votes[(sample.country_code, None)] += v
    if not votes:
        return _empty()
    dominant = max(admin1_votes.items(), key=lambda x: (x[1], x[0]))[0] if admin1_votes else None
    county_points = {(p.country_code, p.admin1, p.admin2): (p.lat, p.lon) for ps in places_of.values()
                     for _, p in ps[:1] if p.precision == "region" and p.admin2 and p.lat is not None}
    scored = []
    for gid, v in votes.items():
        place = places_of[gid][0][1]
        inherited = 0.0
        if place.precision in ("site", "city") or place.admin2:
            inherited = container_votes[(place.country_code, place.admin1)] + 0.5 * container_votes[(place.country_code, None)]
        if place.precision in ("site", "city"):
            county = (place.country_code, place.admin1, place.admin2)
            if place.admin2 is None:  # a town with no recorded county ("Merritt Island"): the nearest named county
                county = _nearest_county(place, county_points)
            inherited += W_COUNTY_CONTAINER / W_CONTAINER * county_votes[county]
        score = (v + W_CONTAINER * inherited) * SPECIFICITY.get(place.precision or "", 0.2)
        if dominant and place.precision != "country" and (place.country_code, place.admin1) != dominant:
            score *= W_OUTSIDE
        scored.append((score, v, gid))
    scored.sort(key=lambda x: (-x[0], -x[1], x[2]))
    gid = scored[0][2]
    mentions = sorted(places_of[gid], key=lambda x: (-x[0], x[1].span.article, x[1].span.start))
    place = mentions[0][1]
    return {
        "name": place.name,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "country_code": place.country_code,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
        "gazetteer_id": place.gazetteer_id,
        "evidence": [p.span.to_json() for _, p in mentions[:MAX_EVIDENCE] if p.span.end > p.span.start],
        "basis": [b for b in BASES if b in bases_of[gid]],
    }
