"""The event location voted across articles, on hand-built analyses (no model needed)."""

from __future__ import annotations

from newsfuse.fuse.where import event_location
from newsfuse.model import Analysis, Article, Place, Sentence, Span


def _analysis(aid: str, text: str, places: list[tuple[str, dict]]) -> Analysis:
    art = Article(id=aid, text=text)
    out = []
    for name, fields in places:
        start = text.index(name)
        out.append(Place(span=Span.of(aid, text, start, start + len(name)), **fields))
    return Analysis(article=art, sentences=(Sentence(0, len(text), "body"),), places=tuple(out))


INDY = {"name": "Indianapolis", "gazetteer_id": "geonames:4259418", "lat": 39.77, "lon": -86.16, "country_code": "US",
        "admin1": "Indiana", "admin2": "Marion County", "precision": "city"}
INDIANA = {"name": "Indiana", "gazetteer_id": "iso3166-2:US-IN", "lat": 39.9, "lon": -86.3, "country_code": "US",
           "admin1": "Indiana", "precision": "region"}
US = {"name": "United States", "gazetteer_id": "iso3166:US", "lat": 38.0, "lon": -97.0, "country_code": "US",
      "precision": "country"}


def test_the_city_wins_over_its_state_and_country() -> None:
    a = _analysis("a", "A man was shot in Indianapolis, Indiana, the United States.", [
        ("Indianapolis", INDY), ("Indiana", INDIANA), ("United States", US)])
    b = _analysis("b", "Indiana police said the shooting in Indianapolis was the third.", [
        ("Indiana", INDIANA), ("Indianapolis", INDY)])
    loc = event_location([a, b])
    assert loc["name"] == "Indianapolis" and loc["admin1"] == "Indiana" and loc["admin2"] == "Marion County"
    assert loc["basis"] == ["text"]
    assert loc["precision"] == "city" and loc["country_code"] == "US"
    for ev in loc["evidence"]:
        text = (a if ev["article"] == "a" else b).article.text
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_unknown_location_is_all_null() -> None:
    a = _analysis("a", "Nothing happened in Xyzzyville.", [("Xyzzyville", {"name": "Xyzzyville"})])
    loc = event_location([a])
    assert loc["evidence"] == [] and loc["basis"] == [] and all(v is None for k, v in loc.items() if k not in ("evidence", "basis"))
    assert event_location([])["name"] is None


CORSICANA = {"name": "Corsicana", "gazetteer_id": "geonames:4683462", "lat": 32.09, "lon": -96.47, "country_code": "US",
             "admin1": "Texas", "admin2": "Navarro County", "precision": "city"}
NAVARRO = {"name": "Navarro County", "gazetteer_id": "us-county:48349", "lat": 32.05, "lon": -96.47,
           "country_code": "US", "admin1": "Texas", "admin2": "Navarro County", "precision": "region"}


def test_a_town_inherits_the_votes_of_its_county() -> None:
    a = _analysis("a", "Navarro County deputies said a toddler was shot in Navarro County near Corsicana.", [
        ("Navarro County", NAVARRO), ("Corsicana", CORSICANA)])
    assert event_location([a])["name"] == "Corsicana"


def test_a_town_moves_to_the_same_name_in_the_state_the_reports_name() -> None:
    jacksonville_fl = {"name": "Jacksonville", "gazetteer_id": "geonames:4160021", "lat": 30.33, "lon": -81.66,
                       "country_code": "US", "admin1": "Florida", "admin2": "Duval County", "precision": "city"}
    nc = {"name": "North Carolina", "gazetteer_id": "iso3166-2:US-NC", "lat": 35.5, "lon": -79.4,
          "country_code": "US", "admin1": "North Carolina", "precision": "region"}
    a = _analysis("a", "Jacksonville police said the boy was shot in his hand.", [("Jacksonville", jacksonville_fl)])
    b = _analysis("b", "A North Carolina father was charged, police said.", [("North Carolina", nc)])
    loc = event_location([a, b])
    assert loc["gazetteer_id"] == "geonames:4473083" and loc["admin1"] == "North Carolina"
    assert loc["evidence"] and loc["evidence"][0]["text"] == "Jacksonville"


def test_a_town_in_the_web_address_counts_without_an_evidence_span() -> None:
    text = "A man was shot in the county on Sunday, North Carolina deputies said."
    nc = {"name": "North Carolina", "gazetteer_id": "iso3166-2:US-NC", "lat": 35.5, "lon": -79.4,
          "country_code": "US", "admin1": "North Carolina", "precision": "region"}
    art = Article(id="a", text=text, url="http://example.com/news/man-shot-in-rocky-mount-sunday")
    start = text.index("North Carolina")
    a = Analysis(article=art, sentences=(Sentence(0, len(text), "body"),),
                 places=(Place(span=Span.of("a", text, start, start + 14), **nc),))
    loc = event_location([a])
    assert loc["name"] == "Rocky Mount" and loc["admin1"] == "North Carolina"
    assert all(text[e["start"]:e["end"]] == e["text"] for e in loc["evidence"])


def test_a_title_place_ending_in_s_is_found_when_the_body_has_none() -> None:
    text = "Five people were shot in an apartment complex Wednesday night."
    art = Article(id="a", text=text, title="Five people shot - WMC Action News 5 - Memphis, Tennessee")
    loc = event_location([Analysis(article=art, sentences=(Sentence(0, len(text), "body"),))])
    assert loc["name"] == "Memphis" and loc["admin1"] == "Tennessee" and loc["evidence"] == []


def _gaz_place(name: str, admin1: str, **kw: object) -> dict:
    from newsfuse.extract.gazetteer import load_gazetteer

    e = next(e for e, _ in load_gazetteer().candidates(name) if e.admin1 == admin1 and e.kind == kw.get("kind", "city"))
    return {"name": e.name, "gazetteer_id": e.gazetteer_id, "lat": e.lat, "lon": e.lon, "country_code": e.country_code,
            "admin1": e.admin1, "admin2": e.admin2, "precision": e.precision}


def test_a_city_section_is_located_as_its_city() -> None:
    a = _analysis("a", "Five men were shot in the East Garfield Park neighborhood on Monday.",
                  [("East Garfield Park", _gaz_place("East Garfield Park", "Illinois"))])
    loc = event_location([a])
    assert loc["name"] == "Chicago" and loc["admin1"] == "Illinois"
    assert loc["evidence"] and loc["evidence"][0]["text"] == "East Garfield Park"


def test_a_neighbourhood_named_like_a_town_elsewhere_yields_to_the_outlets_city() -> None:
    text = "A teenage boy was shot to death Friday in the West Side Austin neighborhood."
    art = Article(id="a", text=text, url="http://chicago.suntimes.com/news/boy-shot-to-death-in-austin/")
    start = text.index("Austin")
    a = Analysis(article=art, sentences=(Sentence(0, len(text), "body"),),
                 places=(Place(span=Span.of("a", text, start, start + 6), **_gaz_place("Austin", "Texas")),))
    loc = event_location([a])
    assert loc["name"] == "Chicago" and loc["admin1"] == "Illinois" and loc["evidence"] == []


def test_a_state_agency_votes_for_the_state_not_a_town_named_like_it() -> None:
    from newsfuse.model import Mention

    text = "A boy shot himself in the foot in Waitsfield, Vermont State Police say."
    start = text.index("Vermont State Police")
    a = Analysis(article=Article(id="a", text=text), sentences=(Sentence(0, len(text), "body"),),
                 mentions=(Mention(span=Span.of("a", text, start, start + 20), label="ORG"),))
    loc = event_location([a])
    assert loc["admin1"] == "Vermont" and loc["country_code"] == "US"


def test_a_state_in_the_web_address_points_to_its_town() -> None:
    from newsfuse.fuse.where import _regions_outside_text

    text = "Police said a 10-year-old girl was hit while sleeping on a couch at home."
    art = Article(id="a", text=text, url="http://www.10tv.com/content/stories/2016/05/11/columbus-ohio--girl-wounded.html")
    a = Analysis(article=art, sentences=(Sentence(0, len(text), "body"),))
    assert [(p.name, basis) for p, basis in _regions_outside_text(a)] == [("Ohio", "url")]
    loc = event_location([a])
    assert loc["name"] == "Columbus" and loc["admin1"] == "Ohio" and loc["evidence"] == []
    assert loc["basis"] == ["url"]  # the town is read from the web address only: no span to show


def test_an_agency_the_model_did_not_tag_names_its_town() -> None:
    from newsfuse.fuse.where import _agency_places

    text = "A student was shot on campus on Monday night, and Clarksville police were still searching for suspects."
    a = Analysis(article=Article(id="a", text=text), sentences=(Sentence(0, len(text), "body"),))
    found = _agency_places(a, {("US", "Tennessee")})
    assert [(p.name, p.admin1, p.span.text) for p, _ in found] == [("Clarksville", "Tennessee", "Clarksville")]
    assert _agency_places(Analysis(article=Article(id="b", text="The police said so."), sentences=()), set()) == []


def test_a_town_without_a_recorded_county_inherits_the_nearest_named_county() -> None:
    text = "Brevard County deputies said a man was shot. Brevard County Sheriff's Office said a Merritt Island man was charged."
    a = _analysis("a", text, [("Brevard County", _gaz_place("Brevard County", "Florida", kind="county")),
                              ("Merritt Island", _gaz_place("Merritt Island", "Florida"))])
    a = a.with_(article=Article(id="a", text=text, title="Brevard County deputies: man shot"))
    loc = event_location([a])
    assert loc["name"] == "Merritt Island" and loc["admin1"] == "Florida" and loc["basis"] == ["text"]


def test_a_town_named_in_many_states_says_little_about_the_state() -> None:
    from newsfuse.fuse.where import _ambiguous, _ambiguous_name

    a = _analysis("a", "The Albany Police Department responded.", [("Albany", _gaz_place("Albany", "Georgia"))])
    assert _ambiguous(a.places[0])  # Albany, New York is bigger than Albany, Georgia
    assert not _ambiguous_name("Tuscaloosa", _gaz_place("Tuscaloosa", "Alabama")["gazetteer_id"])


def test_an_agency_of_a_town_of_the_articles_state_is_not_a_region_abroad() -> None:
    from newsfuse.fuse.where import _agency_places
    from newsfuse.model import Mention

    text = "A boy was shot in Tustin, Santa Ana Police Department officers said."
    start = text.index("Santa Ana Police Department")
    a = Analysis(article=Article(id="a", text=text), sentences=(Sentence(0, len(text), "body"),),
                 mentions=(Mention(span=Span.of("a", text, start, start + 27), label="ORG"),))
    found = _agency_places(a, {("US", "California")})
    assert [(p.name, p.admin1) for p, _ in found] == [("Santa Ana", "California")]


def test_a_town_elsewhere_yields_to_the_outlets_city_named_in_the_text() -> None:
    text = "AUSTIN — Five people were shot at a party. Chicago police said no one was in custody."
    art = Article(id="a", text=text, url="http://abc7chicago.com/news/5-shot-at-party/")
    austin, chicago = text.index("AUSTIN"), text.index("Chicago")
    a = Analysis(article=art, sentences=(Sentence(0, len(text), "body"),),
                 places=(Place(span=Span.of("a", text, austin, austin + 6), **_gaz_place("Austin", "Texas")),
                         Place(span=Span.of("a", text, chicago, chicago + 7), **_gaz_place("Chicago", "Illinois"))))
    loc = event_location([a])
    assert loc["name"] == "Chicago" and loc["admin1"] == "Illinois" and loc["basis"] == ["text", "outlet"]


SPRINGFIELD_MA = {"name": "Springfield", "gazetteer_id": "geonames:4951788", "lat": 42.10, "lon": -72.59,
                  "country_code": "US", "admin1": "Massachusetts", "admin2": "Hampden County", "precision": "city"}
PEORIA = {"name": "Peoria", "gazetteer_id": "geonames:4905687", "lat": 40.69, "lon": -89.59, "country_code": "US",
          "admin1": "Illinois", "admin2": "Peoria County", "precision": "city"}


def _from(analysis: Analysis, url: str) -> Analysis:
    from dataclasses import replace

    return analysis.with_(article=replace(analysis.article, url=url))


def test_outlet_regions_leave_out_the_event_itself_and_need_agreement() -> None:
    from newsfuse.fuse.where import OutletRegions

    regions = OutletRegions()
    others = [_from(_analysis(f"o{i}", "A man was shot in Peoria.", [("Peoria", PEORIA)]), "http://www.wxyz.com/x")
              for i in range(2)]
    for o in others:
        regions.add([o], event_location([o]))
    event = _from(_analysis("e", "A man was shot in Springfield.", [("Springfield", SPRINGFIELD_MA)]),
                  "http://web.archive.org/web/2016/http://wxyz.com/story")
    regions.add([event], event_location([event]))
    assert regions.home(event, {"e"}) == ("US", "Illinois")  # the two other events, not its own Massachusetts
    regions.add([_from(_analysis("m", "A man was shot in Springfield.", [("Springfield", SPRINGFIELD_MA)]),
                       "http://wxyz.com/y")], {"admin1": "Massachusetts", "country_code": "US", "precision": "city"})
    regions.add([_from(_analysis("n", "A man was shot in Springfield.", [("Springfield", SPRINGFIELD_MA)]),
                       "http://wxyz.com/z")], {"admin1": "Massachusetts", "country_code": "US", "precision": "city"})
    assert regions.home(event, {"e"}) is None  # two and two: no region most of them agree on


def test_the_outlets_usual_region_places_a_town_of_a_common_name() -> None:
    from newsfuse.fuse.where import OutletRegions

    regions = OutletRegions()
    for i in range(3):
        o = _from(_analysis(f"o{i}", "A man was shot in Peoria.", [("Peoria", PEORIA)]), "http://wxyz.com/x")
        regions.add([o], event_location([o]))
    event = _from(_analysis("e", "A teen was shot in Springfield on Wednesday.", [("Springfield", SPRINGFIELD_MA)]),
                  "http://wxyz.com/story")
    assert event_location([event])["admin1"] == "Massachusetts"
    loc = event_location([event], regions)
    assert loc["name"] == "Springfield" and loc["admin1"] == "Illinois" and loc["admin2"] == "Sangamon County"
    assert loc["evidence"][0]["text"] == "Springfield"


def test_with_no_place_located_the_outlets_usual_region_is_the_location() -> None:
    from newsfuse.fuse.where import OutletRegions

    regions = OutletRegions()
    for i in range(2):
        o = _from(_analysis(f"o{i}", "A man was shot in Peoria.", [("Peoria", PEORIA)]), "http://wxyz.com/x")
        regions.add([o], event_location([o]))
    event = _from(_analysis("e", "A teen was shot on Wednesday.", []), "http://wxyz.com/story")
    assert event_location([event])["name"] is None
    loc = event_location([event], regions)
    assert loc["name"] == "Illinois" and loc["precision"] == "region" and loc["basis"] == ["outlet"]
    assert loc["evidence"] == []


def test_a_town_the_gazetteer_does_not_list_written_with_its_state() -> None:
    text = "TOONE, Tenn. — A man was shot on Naylor Road in Hardeman County on Sunday."
    county = {"name": "Hardeman County", "gazetteer_id": "geonames:4626351", "lat": 35.2, "lon": -88.99,
              "country_code": "US", "admin1": "Tennessee", "admin2": "Hardeman County", "precision": "region"}
    a = _analysis("a", text, [("TOONE", {"name": "TOONE"}), ("Hardeman County", county)])
    loc = event_location([a])
    assert (loc["name"], loc["admin1"], loc["admin2"], loc["precision"]) == ("Toone", "Tennessee", "Hardeman County", "city")
    assert loc["gazetteer_id"] is None and loc["lat"] is None and loc["lon"] is None  # no entry, no coordinates
    assert loc["evidence"][0]["text"] == "TOONE"
    # a township or a county in the dateline is no town
    b = _analysis("b", "NIMISHILLEN TOWNSHIP, Ohio - A man was shot.", [("NIMISHILLEN TOWNSHIP", {"name": "x"})])
    assert event_location([b])["name"] != "Nimishillen Township"


BLOOMFIELD = {"name": "Bloomfield", "gazetteer_id": "geonames:5180905", "lat": 40.46, "lon": -79.95,
              "country_code": "US", "admin1": "Pennsylvania", "admin2": "Allegheny County", "precision": "city"}
PITTSBURGH = {"name": "Pittsburgh", "gazetteer_id": "geonames:5206379", "lat": 40.44, "lon": -80.0,
              "country_code": "US", "admin1": "Pennsylvania", "admin2": "Allegheny County", "precision": "city"}


def test_a_town_written_as_a_quarter_of_a_bigger_city_votes_for_the_city() -> None:
    a = _analysis("a", "Police came to Pittsburgh's Bloomfield neighborhood, where three were shot.",
                  [("Bloomfield", BLOOMFIELD), ("Pittsburgh", PITTSBURGH)])
    b = _analysis("b", "A Bloomfield home invasion left three dead.", [("Bloomfield", BLOOMFIELD)])
    assert event_location([b])["name"] == "Bloomfield"
    loc = event_location([a, b])
    assert loc["name"] == "Pittsburgh"
    assert {e["text"] for e in loc["evidence"]} <= {"Bloomfield", "Pittsburgh"}


def test_a_list_of_towns_or_a_state_after_a_town_is_no_quarter() -> None:
    text = "Warnings for Bloomfield, Pittsburgh, Erie and others."
    a = _analysis("a", text, [("Bloomfield", BLOOMFIELD), ("Pittsburgh", PITTSBURGH)])
    from newsfuse.fuse.where import _quarter_of_named_city

    assert _quarter_of_named_city(a, a.places[0]) is None
    b = _analysis("b", "A man was shot in Bloomfield, Pittsburgh.", [("Bloomfield", BLOOMFIELD), ("Pittsburgh", PITTSBURGH)])
    assert _quarter_of_named_city(b, b.places[0]).name == "Pittsburgh"


def test_a_town_written_with_a_state_that_lists_no_such_town_is_that_states_unlisted_town() -> None:
    from newsfuse.extract.places import STAGE
    from newsfuse.stages import analyse_text

    text = "A woman was shot at a home in Waynesville, Indiana, on Sunday. Police in Waynesville said she died."
    loc = event_location([analyse_text(text, article_id="w", stages=[STAGE])])
    assert (loc["name"], loc["admin1"], loc["gazetteer_id"], loc["lat"]) == ("Waynesville", "Indiana", None, None)
    assert [e["text"] for e in loc["evidence"]] == ["Waynesville", "Waynesville"]  # both mentions are that town


def test_an_agency_named_after_a_town_of_the_text_takes_that_towns_sense() -> None:
    from newsfuse.fuse.where import _agency_places
    from newsfuse.stages import analyse_text

    text = ("Police said a 5-year-old was shot in Chesterfield on Sunday. A Richmond man was charged, "
            "according to Chesterfield Police.")
    a = analyse_text(text, article_id="c")
    town = next(p for p in a.places if p.span.text == "Chesterfield")
    agencies = _agency_places(a, {("US", "Virginia"), ("GB", "England")})
    assert agencies and all(p.gazetteer_id == town.gazetteer_id for p, _ in agencies)


def test_outlet_regions_re_recording_an_event_replaces_it_and_survive_a_round_trip() -> None:
    from newsfuse.fuse.where import OutletRegions

    il, ma = ("US", "Illinois"), ("US", "Massachusetts")
    regions = OutletRegions()
    assert regions.set_event("e1", il, ["wxyz.com"]) == {"wxyz.com"}
    regions.set_event("e2", il, ["wxyz.com", "other.com"])
    regions.set_event("e3", ma, ["wxyz.com"])
    assert regions.homes("e3") == {"wxyz.com": il}  # its own Massachusetts left out
    assert regions.homes("e1") == {} and regions.homes("e2") == {}  # one and one: no region most agree on
    assert regions.set_event("e2", il, ["wxyz.com", "other.com"]) == set()  # the same record changes nothing
    assert regions.set_event("e2", ma, ["wxyz.com"]) == {"wxyz.com", "other.com"}  # re-recorded, not added
    assert regions.homes("e1") == {"wxyz.com": ma} and regions.events_of({"other.com"}) == set()
    copy = OutletRegions.from_json(regions.to_json())
    assert all(copy.homes(k) == regions.homes(k) for k in ("e1", "e2", "e3"))
    assert copy.events_of({"wxyz.com"}) == {"e1", "e2", "e3"}


def test_a_state_written_in_the_text_beats_the_outlets_usual_region() -> None:
    from newsfuse.fuse.where import OutletRegions

    regions = OutletRegions()
    for i in range(3):
        o = _from(_analysis(f"o{i}", "A man was shot in Peoria.", [("Peoria", PEORIA)]), "http://wxyz.com/x")
        regions.add([o], event_location([o]))
    massachusetts = {"name": "Massachusetts", "gazetteer_id": "iso3166-2:US-MA", "lat": 42.3, "lon": -71.8,
                     "country_code": "US", "admin1": "Massachusetts", "precision": "region"}
    event = _from(_analysis("e", "A teen was shot in Springfield on Wednesday, Massachusetts State Police said.", [
        ("Springfield", SPRINGFIELD_MA), ("Massachusetts", massachusetts)]), "http://wxyz.com/story")
    loc = event_location([event], regions)
    assert loc["name"] == "Springfield" and loc["admin1"] == "Massachusetts"


def test_an_agency_of_a_county_or_of_a_city_named_x_city_is_read_whole() -> None:
    from newsfuse.fuse.where import _agency_places

    text = "The Washington County Sheriff's Office said a boy was shot. Panama City Police were called too."
    a = Analysis(article=Article(id="a", text=text), sentences=(Sentence(0, len(text), "body"),))
    found = [(p.name, p.precision, p.span.text) for p, _ in _agency_places(a, set())]
    # the county, not the state of Washington; the city, not the republic of Panama
    assert found[0][:2] == ("Washington County", "region") and found[0][2] == "Washington"
    assert found[1][:2] == ("Panama City", "city") and found[1][2] == "Panama City"


def test_a_town_and_a_county_named_together_vote_for_the_state_that_has_both() -> None:
    from newsfuse.fuse.where import _event_state, _towns_in_counties

    # the places stage read both in Oregon (its Lowell and its Washington County); only Ohio has its Lowell in its
    # Washington County
    text = "The Washington County Sheriff's Office is investigating a shooting in Lowell. A boy was hurt."
    a = _analysis("a", text, [("Washington County", _gaz_place("Washington County", "Oregon", kind="county")),
                              ("Lowell", _gaz_place("Lowell", "Oregon"))])
    items = [(p, 2.0, "text") for p in a.places]
    assert _towns_in_counties(items) == {("Lowell", "town"): {("US", "Ohio")},
                                         ("Washington County", "county"): {("US", "Ohio")}}
    assert _event_state([(a, items)]) == ("US", "Ohio")
    loc = event_location([a])
    assert (loc["name"], loc["admin1"]) == ("Lowell", "Ohio")
    # a town and a county of no common state leave the reading as it was
    b = _analysis("b", "Deputies of Washington County said a man was shot in Tuscaloosa.",
                  [("Washington County", _gaz_place("Washington County", "Oregon", kind="county")),
                   ("Tuscaloosa", _gaz_place("Tuscaloosa", "Alabama"))])
    assert _towns_in_counties([(p, 2.0, "text") for p in b.places]) == {}


def test_a_town_inherits_the_votes_of_its_county_written_the_censuss_way() -> None:
    from newsfuse.fuse.where import _county_key

    # GeoNames writes Franklin's parish "Saint Mary Parish", the census "St. Mary Parish"
    assert _county_key("Saint Mary Parish") == _county_key("St. Mary Parish")
    assert _county_key("Dupage County") == _county_key("DuPage County") != _county_key("Du Page Parish")
    franklin = _gaz_place("Franklin", "Louisiana")
    assert franklin["admin2"] == "Saint Mary Parish"
    parish = _gaz_place("St. Mary Parish", "Louisiana", kind="county")
    text = "St. Mary Parish deputies said a man was shot. St. Mary Parish officials said Franklin police helped."
    a = _analysis("a", text, [("St. Mary Parish", parish), ("Franklin", franklin)])
    centerville = _gaz_place("Centerville", "Louisiana")  # a postal town whose parish is written the census' way
    assert centerville["admin2"] == "St. Mary Parish"
    b = _analysis("b", "Centerville was mentioned once in passing.", [("Centerville", centerville)])
    loc = event_location([a, b])
    assert loc["name"] == "Franklin"


def test_a_state_written_like_a_town_of_a_town_and_county_pair_keeps_its_vote() -> None:
    from newsfuse.fuse.where import _event_state, _towns_in_counties

    # "Washington" the city (of DC) pairs with "Washington County" in seven states; "Washington" the state, written
    # alike, is no town of the pair: its vote stays whole with the state, not split among the seven
    text = ("Washington County deputies said a man was shot near Beaverton on Sunday. "
            "The victim had flown in from Washington a day earlier. Troopers of Washington joined the search.")
    state = {"name": "Washington", "gazetteer_id": "iso3166-2:US-WA", "lat": 47.5, "lon": -120.5,
             "country_code": "US", "admin1": "Washington", "precision": "region"}

    def at(name: str, nth: int, fields: dict) -> Place:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return Place(span=Span.of("a", text, start, start + len(name)), **fields)

    a = Analysis(article=Article(id="a", text=text), sentences=(Sentence(0, len(text), "body"),), places=(
        at("Washington County", 0, _gaz_place("Washington County", "Oregon", kind="county")),
        at("Beaverton", 0, _gaz_place("Beaverton", "Oregon")),
        at("Washington", 1, _gaz_place("Washington", "District of Columbia")), at("Washington", 2, state)))
    items = [(p, 1.0, "text") for p in a.places]
    together = _towns_in_counties(items)
    assert ("Washington", "town") in together and ("Washington", "county") not in together
    assert _event_state([(a, items)]) == ("US", "Washington")
