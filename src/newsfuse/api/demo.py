"""Hand-written articles and events that follow the contract, for tests, screenshots and the benchmark.

They do not come from the pipeline: the server is tested on records whose content is known, including
hostile strings (markup, event handlers, broken quotes) in every field a page shows.
`synthetic_events(n)` multiplies the hand-written event into n distinct ones for load tests.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from newsfuse.store.db import Database

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">\'"><b>bold'

_ARTICLES: list[dict[str, Any]] = [
    {
        "id": "a-reuters-1",
        "outlet": "Reuters",
        "title": "Rockets hit Iraq's Al Asad air base hosting U.S. troops",
        "url": "https://example.com/reuters/rockets-al-asad",
        "published": "2021-03-03",
        "text": (
            "Rockets hit Iraq's Al Asad air base hosting U.S. troops\n\n"
            "BAGHDAD (Reuters) - At least 10 rockets struck Al Asad air base in Iraq's western Anbar province "
            "on Wednesday morning, the U.S.-led coalition said. "
            "A U.S. civilian contractor died of a heart attack while sheltering, a Pentagon spokesman said. "
            "\"We are assessing the damage,\" coalition spokesman Colonel Wayne Marotto said. "
            "No group immediately claimed responsibility. "
            "Last month, rockets struck a military complex at Erbil airport, killing a contractor.\n\n"
            "Photo: Smoke rises over the base. REUTERS/Staff\n\n"
            "Reporting by Staff; Editing by Desk. Our Standards: The Thomson Reuters Trust Principles."
        ),
    },
    {
        "id": "a-wire-copy",
        "outlet": "Daily Courier",
        "title": "Rockets hit Iraq's Al Asad air base hosting U.S. troops",
        "url": "https://example.com/courier/al-asad",
        "published": "2021-03-03",
        "text": (
            "BAGHDAD (Reuters) - At least 10 rockets struck Al Asad air base in Iraq's western Anbar province "
            "on Wednesday morning, the U.S.-led coalition said. "
            "A U.S. civilian contractor died of a heart attack while sheltering, a Pentagon spokesman said. "
            "No group immediately claimed responsibility. "
            "No group immediately claimed responsibility."
        ),
    },
    {
        "id": "a-local-2",
        "outlet": "Anbar Today",
        "title": "Iraqi military: rocket attack on Ain al-Asad caused no significant losses",
        "url": "https://example.com/anbar/ain-al-asad",
        "published": "2021-03-03",
        "text": (
            "Iraqi military: rocket attack on Ain al-Asad caused no significant losses\n\n"
            "Ten Grad rockets were launched at Ain al-Asad base at 7:20 a.m., the Iraqi security media cell said. "
            "The attack caused no significant losses, the statement said. "
            "Security forces found the launch pad, a truck, in the al-Bayader area. "
            "\"The rockets were fired from a truck,\" Major General Tahsin al-Khafaji told reporters."
        ),
    },
    {
        "id": "a-hostile-<3>",
        "outlet": 'Evil "News" <script>alert(2)</script>',
        "title": 'Breaking: <img src=x onerror="alert(3)"> rockets \' " </title><script>alert(4)</script>',
        "url": "javascript:alert(5)",
        "published": "2021-03-04",
        "text": (
            "Officials said <script>alert(6)</script> two rockets fell near the base. "
            "A witness said \"<img src=x onerror=alert(7)>\" before the sirens. "
            "Click <a href=\"javascript:alert(8)\">here</a> to subscribe to our newsletter."
        ),
    },
]

# Roles per article: (substring that starts the sentence, substring that ends it, role).
_ROLES: dict[str, list[tuple[str, str, str]]] = {
    "a-reuters-1": [
        ("Rockets hit", "U.S. troops", "title"),
        ("BAGHDAD", "coalition said.", "body"),
        ("A U.S. civilian", "spokesman said.", "body"),
        ('"We are', "Marotto said.", "body"),
        ("No group", "responsibility.", "body"),
        ("Last month", "a contractor.", "body"),
        ("Photo:", "REUTERS/Staff", "caption"),
        ("Reporting by", "Desk.", "boilerplate"),
        ("Our Standards", "Principles.", "boilerplate"),
    ],
    "a-wire-copy": [
        ("BAGHDAD", "coalition said.", "body"),
        ("A U.S. civilian", "spokesman said.", "body"),
        ("No group", "responsibility.", "body"),
        ("No group", "responsibility.", "duplicate"),
    ],
    "a-local-2": [
        ("Iraqi military", "significant losses\n", "title"),
        ("Ten Grad", "cell said.", "body"),
        ("The attack", "statement said.", "body"),
        ("Security forces", "al-Bayader area.", "body"),
        ('"The rockets', "told reporters.", "body"),
    ],
    "a-hostile-<3>": [
        ("Officials said", "near the base.", "body"),
        ("A witness", "the sirens.", "body"),
        ("Click", "newsletter.", "boilerplate"),
    ],
}


def _find(text: str, sub: str, start: int = 0) -> int:
    i = text.find(sub, start)
    if i < 0:
        raise ValueError(f"{sub!r} not in text")
    return i


def _sentences(article: dict[str, Any]) -> list[dict[str, Any]]:
    text = article["text"]
    out: list[dict[str, Any]] = []
    pos = 0
    for first, last, role in _ROLES[article["id"]]:
        s = _find(text, first, pos)
        e = _find(text, last, s) + len(last.rstrip("\n"))
        out.append({"start": s, "end": e, "role": role})
        pos = e
    return out


def sample_articles() -> list[dict[str, Any]]:
    """The contract's article records for the sample event (with sentence roles)."""
    records = []
    for a in _ARTICLES:
        rec = {
            "id": a["id"], "source": f"samples/{a['id']}.json", "outlet": a["outlet"], "title": a["title"],
            "url": a["url"], "published": a["published"], "published_inferred": None, "lang": "en",
            "author": None, "text": a["text"], "sentences": _sentences(a), "events": [],
            "copy_of": "a-reuters-1" if a["id"] == "a-wire-copy" else None, "places": [], "times": [], "meta": {},
        }
        records.append(rec)
    return records


def span(articles: dict[str, dict[str, Any]], article_id: str, sub: str) -> dict[str, Any]:
    """A contract span for the first occurrence of `sub` in an article's text."""
    text = articles[article_id]["text"]
    s = _find(text, sub)
    return {"article": article_id, "start": s, "end": s + len(sub), "text": sub}


def sample_events(articles: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Two events: the Al Asad rocket attack (disputed, quoted, with a timeline) and a hostile-strings one."""
    arts = {a["id"]: a for a in (articles or sample_articles())}

    def sp(aid: str, sub: str) -> dict[str, Any]:
        return span(arts, aid, sub)

    rocket = {
        "id": "ev-2021-03-03-al-asad",
        "headline": "Rocket attack on Al Asad Air Base, Al Anbar, Iraq (2021-03-03): 1 killed",
        "articles": ["a-reuters-1", "a-wire-copy", "a-local-2"],
        "sources": [
            {"article": "a-reuters-1", "outlet": "Reuters", "group": "g1"},
            {"article": "a-wire-copy", "outlet": "Daily Courier", "group": "g1"},
            {"article": "a-local-2", "outlet": "Anbar Today", "group": "g2"},
        ],
        "date": {"value": "2021-03-03", "time": "07:20", "tz": "+03:00", "precision": "day",
                 "evidence": [sp("a-reuters-1", "on Wednesday morning"), sp("a-local-2", "at 7:20 a.m.")]},
        "location": {"name": "Al Asad Air Base", "admin1": "Al Anbar", "admin2": "Hit District", "country_code": "IQ",
                     "lat": 33.7856, "lon": 42.4412, "precision": "site", "gazetteer_id": "airport:ORAA",
                     "evidence": [sp("a-reuters-1", "Al Asad air base"), sp("a-local-2", "Ain al-Asad base")]},
        "type": {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
        "fatalities": {"value": 1, "disputed": True, "reports": [
            {"value": 1, "article": "a-reuters-1", "evidence": [sp("a-reuters-1", "A U.S. civilian contractor died")]},
            {"value": 0, "article": "a-local-2", "evidence": [sp("a-local-2", "caused no significant losses")]},
        ]},
        "injured": {"value": None, "disputed": False, "reports": []},
        "quantities": [
            {"what": "rockets", "value": 10, "qualifier": "exact", "unit": None, "sources": 2, "disputed": False,
             "reports": [
                 {"what": "rockets", "value": 10, "qualifier": "exact", "unit": None, "sources": 1,
                  "evidence": [sp("a-local-2", "Ten Grad rockets")]},
                 {"what": "rockets", "value": 10, "qualifier": "at least", "unit": None, "sources": 1,
                  "evidence": [sp("a-reuters-1", "At least 10 rockets")]},
             ],
             "evidence": [sp("a-local-2", "Ten Grad rockets"), sp("a-reuters-1", "At least 10 rockets")]},
        ],
        "actors": [
            {"name": "U.S.-led coalition", "role": "target", "status": "confirmed", "sources": 2,
             "aliases": ["coalition forces"], "evidence": [sp("a-reuters-1", "the U.S.-led coalition")]},
            {"name": "Unidentified armed group", "role": "perpetrator", "status": "unknown", "unnamed": True,
             "sources": 1, "aliases": [],
             "evidence": [sp("a-reuters-1", "No group immediately claimed responsibility.")]},
            {"name": "Iraqi security forces", "role": "responder", "status": "confirmed",
             "evidence": [sp("a-local-2", "Security forces found the launch pad")]},
        ],
        "quotes": [
            {"speaker": "Wayne Marotto", "speaker_title": "coalition spokesman", "text": "We are assessing the damage",
             "articles": ["a-reuters-1"], "evidence": [sp("a-reuters-1", "\"We are assessing the damage,\"")]},
            {"speaker": "Tahsin al-Khafaji", "speaker_title": "Major General",
             "text": "The rockets were fired from a truck", "articles": ["a-local-2"],
             "evidence": [sp("a-local-2", "\"The rockets were fired from a truck,\"")]},
        ],
        "claims": [
            {"text": "At least 10 rockets struck Al Asad air base",
             "support": [sp("a-reuters-1", "At least 10 rockets struck Al Asad air base"),
                         sp("a-wire-copy", "At least 10 rockets struck Al Asad air base"),
                         sp("a-local-2", "Ten Grad rockets were launched at Ain al-Asad base")],
             "contradict": [], "independent_sources": 2, "status": "corroborated"},
            {"text": "A U.S. civilian contractor died",
             "support": [sp("a-reuters-1", "A U.S. civilian contractor died of a heart attack while sheltering"),
                         sp("a-wire-copy", "A U.S. civilian contractor died of a heart attack while sheltering")],
             "contradict": [sp("a-local-2", "The attack caused no significant losses")],
             "independent_sources": 1, "status": "disputed"},
            {"text": "The rockets were fired from a truck",
             "support": [sp("a-local-2", "The rockets were fired from a truck")],
             "contradict": [], "independent_sources": 1, "status": "single-source"},
        ],
        "timeline": [
            {"date": "2021-02-15", "precision": "day", "text": "Rockets struck a military complex at Erbil airport, killing a contractor",
             "evidence": [sp("a-reuters-1", "Last month, rockets struck a military complex at Erbil airport")]},
            {"date": "2021-03-03", "precision": "day", "text": "At least 10 rockets struck Al Asad air base",
             "evidence": [sp("a-reuters-1", "At least 10 rockets struck Al Asad air base")]},
        ],
        "summary": [
            {"text": "At least 10 rockets struck Al Asad air base in Iraq's western Anbar province on Wednesday morning, the U.S.-led coalition said.",
             "citations": [sp("a-reuters-1", "At least 10 rockets struck Al Asad air base in Iraq's western Anbar province on Wednesday morning, the U.S.-led coalition said."),
                           sp("a-local-2", "Ten Grad rockets were launched at Ain al-Asad base at 7:20 a.m.")]},
            {"text": "A U.S. civilian contractor died of a heart attack while sheltering, a Pentagon spokesman said.",
             "citations": [sp("a-reuters-1", "A U.S. civilian contractor died of a heart attack while sheltering, a Pentagon spokesman said.")]},
            {"text": "The attack caused no significant losses, the statement said.",
             "citations": [sp("a-local-2", "The attack caused no significant losses, the statement said.")]},
        ],
    }
    hostile = {
        "id": "ev-hostile-1",
        "headline": 'Explosion near <script>alert("h")</script> base" onmouseover="alert(9)',
        "articles": ["a-hostile-<3>"],
        "sources": [{"article": "a-hostile-<3>", "outlet": arts["a-hostile-<3>"]["outlet"], "group": "g<script>"}],
        "date": {"value": "2021-03-04", "time": None, "tz": None, "precision": "day", "evidence": []},
        "location": {"name": '<img src=x onerror="alert(10)">Hit', "admin1": HOSTILE, "admin2": None, "country_code": "IQ",
                     "lat": 33.64, "lon": 42.83, "precision": "city", "gazetteer_id": None, "evidence": []},
        "type": {"event_type": "Explosions/Remote violence", "sub_event_type": '<b onclick="alert(11)">Remote</b>'},
        "fatalities": {"value": None, "disputed": False, "reports": []},
        "injured": {"value": 2, "disputed": False, "reports": [
            {"value": 2, "article": "a-hostile-<3>", "evidence": [sp("a-hostile-<3>", "<script>alert(6)</script>")]}]},
        "quantities": [{"what": HOSTILE, "value": 2, "qualifier": None, "evidence": [sp("a-hostile-<3>", "two rockets")]}],
        "actors": [{"name": HOSTILE, "role": "other", "status": "unknown",
                    "evidence": [sp("a-hostile-<3>", "<img src=x onerror=alert(7)>")]}],
        "quotes": [{"speaker": 'Mr "<script>alert(12)</script>', "speaker_title": HOSTILE,
                    "text": "<img src=x onerror=alert(7)>", "articles": ["a-hostile-<3>"],
                    "evidence": [sp("a-hostile-<3>", "\"<img src=x onerror=alert(7)>\"")]}],
        "claims": [{"text": HOSTILE, "support": [sp("a-hostile-<3>", "two rockets fell near the base")],
                    "contradict": [], "independent_sources": 1, "status": "single-source"}],
        "timeline": [{"date": "2021-03-04", "precision": "day", "text": HOSTILE,
                      "evidence": [sp("a-hostile-<3>", "Officials said <script>alert(6)</script>")]}],
        "summary": [{"text": "Officials said <script>alert(6)</script> two rockets fell near the base.",
                     "citations": [sp("a-hostile-<3>", "Officials said <script>alert(6)</script> two rockets fell near the base.")]}],
    }
    return [rocket, hostile]


def synthetic_events(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """n distinct events made by varying the hand-written rocket event: dates, places, types, counts."""
    rng = random.Random(seed)
    base = sample_events()[0]
    places = [("Baghdad", "IQ", 33.34, 44.40), ("Mosul", "IQ", 36.34, 43.13), ("Aleppo", "SY", 36.20, 37.16),
              ("Idlib", "SY", 35.93, 36.63), ("Kabul", "AF", 34.53, 69.17), ("Sanaa", "YE", 15.35, 44.21),
              ("Mogadishu", "SO", 2.04, 45.34), ("Tripoli", "LY", 32.89, 13.19), ("Lagos", "NG", 6.45, 3.39),
              ("Kyiv", "UA", 50.45, 30.52), ("Minneapolis", "US", 44.98, -93.27), ("Santiago", "CL", -33.45, -70.67)]
    types = [("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Battles", "Armed clash"),
             ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
             ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
    out = []
    for i in range(n):
        ev = copy.deepcopy(base)
        name, cc, lat, lon = places[i % len(places)]
        etype, sub = types[rng.randrange(len(types))]
        day = f"2021-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
        ev["id"] = f"ev-syn-{i:05d}"
        ev["date"]["value"] = day
        ev["location"].update(name=name, country_code=cc, lat=round(lat + rng.uniform(-0.5, 0.5), 4),
                              lon=round(lon + rng.uniform(-0.5, 0.5), 4), admin1=None)
        ev["type"] = {"event_type": etype, "sub_event_type": sub}
        k = rng.randrange(0, 40)
        ev["fatalities"]["value"] = k
        ev["headline"] = f"{sub} in {name}, {cc} ({day}): {k} killed"
        ev["sources"] = ev["sources"][: 1 + rng.randrange(3)]
        out.append(ev)
    return out


def build_demo_db(path: str | Path, n_synthetic: int = 0) -> Path:
    """Write the sample articles and events (plus n synthetic events) into a database file."""
    path = Path(path)
    articles = sample_articles()
    events = sample_events(articles)
    by_article: dict[str, list[str]] = {}
    for ev in events:
        for aid in ev["articles"]:
            by_article.setdefault(aid, []).append(ev["id"])
    with Database(path) as db:
        for seq, rec in enumerate(articles):
            db.put_article(seq, {**rec, "events": by_article.get(rec["id"], [])})
        db.replace_events(events + synthetic_events(n_synthetic))
    return path
