"""Articles -> events, online: each article joins an event when it arrives, or starts one.

An arriving article is compared only with the articles of live events (those seen within
`window_days` of the stream's latest day), and among those only with the ones an inverted index over
its rarer terms (words, entities, places) proposes: the cost per article does not grow with the
archive.  Similarity is the cosine of TF-IDF vectors (IDF learned online, see `features`), lowered
when the two articles' event days lie apart.  The article joins the event of its best match when the
best match reaches `threshold`; a copy (same `group_id` as an earlier article) joins its original's
event directly.

Determinism: event keys are derived from each event's first article id, and every tie is broken by
arrival order, so the same articles in the same order give the same events.  `cluster_articles`
sorts by (day, id) before feeding the clusterer; a run over everything equals a chain of incremental
runs (`dump` / `load` in between) whenever the incremental batches, each sorted the same way, arrive
in that same overall order (i.e. each new batch is not older than the previous one).
"""

from __future__ import annotations

import hashlib
import heapq
import io
import json
import math
from dataclasses import asdict, dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

from newsfuse.cluster.features import HASH_BITS, ArticleTerms, article_terms, weigh
from newsfuse.model import Analysis

# Join the best-matching event when the (date-adjusted) score reaches this.  Chosen on eval/clusters
# dev (light pass), mean B-cubed F1 of gva / news-clusters / ecbplus: 0.891 at 0.14 vs 0.889 at 0.12
# and 0.882 at 0.20 (ecbplus alone prefers 0.20-0.22, gva and news-clusters 0.10-0.14).
THRESHOLD = 0.14
# Score lost per day between two articles' event days, up to MAX_GAP_DAYS (beyond: never linked).
# eval/clusters dev: gva P/R 0.978/0.852 at 0.005 vs 0.969/0.857 at 0.002 (F1 equal), news-clusters +0.001.
DAY_PENALTY = 0.005
# gva dev: 53 of its 292 multi-article incidents have follow-ups more than 30 days later; a 90-day
# gap with the 30-day window changed nothing (events close first), and a longer window costs memory.
MAX_GAP_DAYS = 30
# Event score = LINK_WEIGHT x best article match + (1 - LINK_WEIGHT) x cosine to the event centroid.
# eval/clusters dev: news-clusters 0.935 at 0.5 vs 0.925 at 0 (centroid only); ecbplus 0.888 vs 0.882
# at its best threshold; average-link in place of the centroid was no better (0.934 / 0.851).
LINK_WEIGHT = 0.5
# The event part of the score: average cosine to its members (True) or cosine to its centroid.
AVERAGE_LINK = False
# Events with no article within this many days of the stream's latest day are closed.
WINDOW_DAYS = 30
# Terms in more than this share of the articles seen are not indexed (their IDF weight is small):
# they would make postings long.  At most CANDIDATES events (best article links) get the centroid score.
POSTING_MAX_DF_SHARE = 0.05
CANDIDATES = 10
CENTROID_EVENTS = 3  # events (best links first) whose centroid is scored
# A term whose postings in the window grow past this stops proposing candidates (and being indexed):
# it bounds the cost per article in a dense stream (benchmarks/stream.py); no dev set reaches it.
MAX_POSTINGS = 100
# Before this many articles have been seen, the DF share cut is not applied (IDF is not yet reliable).
MIN_DOCS_FOR_DF_CUT = 200


@dataclass(frozen=True)
class ClusterConfig:
    """The clusterer's settings (defaults: the module constants chosen on eval/clusters dev)."""

    threshold: float = THRESHOLD
    day_penalty: float = DAY_PENALTY
    max_gap_days: int = MAX_GAP_DAYS
    window_days: int = WINDOW_DAYS
    posting_max_df_share: float = POSTING_MAX_DF_SHARE
    candidates: int = CANDIDATES
    link_weight: float = LINK_WEIGHT
    max_postings: int = MAX_POSTINGS
    average_link: bool = AVERAGE_LINK
    keep_closed: bool = True  # keep closed events' members for events(); False: hand them out by drain_closed()


def _dot(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(k, 0.0) for k, w in a.items())


def event_key(first_article_id: str) -> str:
    """A stable event id from the id of the article that opened it."""
    return "ev-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:16]


class OnlineClusterer:
    """Single-pass event clustering over a sliding window of days.

    >>> c = OnlineClusterer()                 # doctest: +SKIP
    >>> key = c.add(analysis, group_id="a1")  # doctest: +SKIP
    >>> c.events()[key]                       # doctest: +SKIP
    ['a1']
    """

    def __init__(self, config: ClusterConfig | None = None, **overrides: float) -> None:
        base = config or ClusterConfig()
        self.config = ClusterConfig(**{**asdict(base), **overrides}) if overrides else base
        self.df = np.zeros(1 << HASH_BITS, dtype=np.int32)
        self.n_docs = 0
        self.clock: int | None = None  # latest event day seen
        self.seq = 0
        # live articles, by arrival number
        self.vec: dict[int, dict[int, float]] = {}
        self.art_day: dict[int, int | None] = {}
        self.art_event: dict[int, str] = {}
        self.postings: dict[int, list[int]] = {}
        # events
        self.members: dict[str, list[str]] = {}
        self.live: dict[str, list[int]] = {}  # event -> live article numbers
        self.last_day: dict[str, int] = {}
        self.closed: dict[str, list[str]] = {}
        self.group_event: dict[str, str] = {}  # copy group -> its live event
        self.event_groups: dict[str, list[str]] = {}
        self._drain: list[tuple[str, list[str]]] = []
        self.centroid: dict[str, dict[int, float]] = {}  # live event -> sum of member vectors
        self.cnorm2: dict[str, float] = {}  # its squared norm
        self.day_range: dict[str, tuple[int, int]] = {}  # live event -> (first, last) dated article day
        self._dead = 0  # forgotten articles still in postings
        self._expiry: list[tuple[int, str]] = []  # heap of (last day, event) candidates for closing

    # -- the online step ---------------------------------------------------------------------
    def add(self, analysis: Analysis, group_id: str | None = None) -> str:
        """Assign one article to an event (new or existing) and return the event key."""
        return self.add_terms(analysis.article.id, article_terms(analysis), group_id)

    def add_terms(self, article_id: str, terms: ArticleTerms, group_id: str | None = None) -> str:
        """`add` from precomputed terms (what the benchmark replays)."""
        cfg = self.config
        day = terms.day
        if day is not None:
            self.clock = day if self.clock is None else max(self.clock, day)
        self._expire()
        self.n_docs += 1
        keys = list(terms.tf)
        if keys:
            self.df[keys] += 1
        dfs = self.df[keys]
        idf_values = np.log((self.n_docs + 1) / (dfs.astype(np.float64) + 1)) + 1.0
        idf = dict(zip(keys, idf_values.tolist()))
        vec = weigh(terms.tf, idf)
        max_df = self._max_df()
        indexed = [k for k, d in zip(keys, dfs.tolist()) if d <= max_df and k in vec]

        ev = self.group_event.get(group_id) if group_id else None
        if ev is not None and ev not in self.members:
            ev = None
        if ev is None:
            ev = self._best_event(vec, day, indexed)
        if ev is None:
            ev = event_key(article_id)
            while ev in self.members or ev in self.closed:  # the same id added twice
                ev = event_key(ev)
            self.members[ev] = []
            self.live[ev] = []
        n = self.seq
        self.seq += 1
        self.members[ev].append(article_id)
        self.live[ev].append(n)
        self.vec[n] = vec
        self.art_day[n] = day
        self.art_event[n] = ev
        self._add_to_centroid(ev, vec)
        eday = day if day is not None else (self.clock if self.clock is not None else 0)
        if eday >= self.last_day.get(ev, eday):
            self.last_day[ev] = eday
            heapq.heappush(self._expiry, (eday, ev))
        for k in indexed:
            plist = self.postings.setdefault(k, [])
            if len(plist) <= cfg.max_postings:
                plist.append(n)
        if day is not None:
            lo, hi = self.day_range.get(ev, (day, day))
            self.day_range[ev] = (min(lo, day), max(hi, day))
        if group_id and group_id not in self.group_event:
            self.group_event[group_id] = ev
            self.event_groups.setdefault(ev, []).append(group_id)
        return ev

    def _max_df(self) -> float:
        if self.n_docs < MIN_DOCS_FOR_DF_CUT:
            return float("inf")
        return self.config.posting_max_df_share * self.n_docs

    def _best_event(self, vec: Mapping[int, float], day: int | None, indexed: Sequence[int]) -> str | None:
        """The live event this article belongs to, or None.

        Article links are dot products accumulated over the postings of the article's indexed terms
        (all but the most frequent ones, whose IDF weight is small): exact up to those terms.
        """
        cfg = self.config
        partial: dict[int, float] = {}
        vecs = self.vec
        for k in indexed:
            plist = self.postings.get(k)
            if not plist or len(plist) > cfg.max_postings:
                continue  # a term this common in the window proposes nothing useful
            w = vec[k]
            for n in plist:
                other = vecs.get(n)
                if other is not None:
                    partial[n] = partial.get(n, 0.0) + w * other[k]
        if len(partial) > cfg.candidates:
            partial = dict(heapq.nlargest(cfg.candidates, partial.items(), key=lambda kv: (kv[1], -kv[0])))
        partial = {n: _dot(vec, vecs[n]) for n in partial}  # exact, over every term
        link: dict[str, float] = {}
        for n, s in partial.items():
            od = self.art_day[n]
            if day is not None and od is not None:
                gap = abs(day - od)
                if gap > cfg.max_gap_days:
                    continue
                s -= cfg.day_penalty * gap
            ev = self.art_event[n]
            if s > link.get(ev, -1.0):
                link[ev] = s
        if not link:
            return None
        ranked = sorted(link, key=lambda e: (-link[e], self.live[e][0]))[:CENTROID_EVENTS]
        best_ev, best = None, -1.0
        for ev in ranked:
            score = link[ev]
            if cfg.link_weight < 1.0:
                denom = len(self.live[ev]) if cfg.average_link else (math.sqrt(self.cnorm2[ev]) or 1.0)
                cos = _dot(vec, self.centroid[ev]) / denom
                lo, hi = self.day_range.get(ev, (None, None))
                if day is not None and lo is not None:
                    cos -= cfg.day_penalty * (lo - day if day < lo else day - hi if day > hi else 0)
                score = cfg.link_weight * score + (1.0 - cfg.link_weight) * cos
            if score > best:
                best, best_ev = score, ev
        return best_ev if best >= cfg.threshold else None

    def _add_to_centroid(self, ev: str, vec: Mapping[int, float]) -> None:
        cent = self.centroid.setdefault(ev, {})
        cross = _dot(vec, cent)
        self.cnorm2[ev] = self.cnorm2.get(ev, 0.0) + 2.0 * cross + sum(v * v for v in vec.values())
        for k, v in vec.items():
            cent[k] = cent.get(k, 0.0) + v

    def _expire(self) -> None:
        """Close events whose last day is more than window_days before the clock; forget their articles."""
        if self.clock is None:
            return
        limit = self.clock - self.config.window_days
        while self._expiry and self._expiry[0][0] < limit:
            d, ev = heapq.heappop(self._expiry)
            if ev not in self.live or self.last_day.get(ev) != d:
                continue  # stale heap entry: the event got a later article since
            for n in self.live.pop(ev):
                del self.vec[n], self.art_day[n], self.art_event[n]
                self._dead += 1
            del self.last_day[ev], self.centroid[ev], self.cnorm2[ev]
            self.day_range.pop(ev, None)
            for g in self.event_groups.pop(ev, ()):
                self.group_event.pop(g, None)
            members = self.members.pop(ev)
            if self.config.keep_closed:
                self.closed[ev] = members
            else:
                self._drain.append((ev, members))
        if self._dead > max(1000, len(self.vec)):  # postings of forgotten articles: drop them in one sweep
            self.postings = {k: kept for k, pl in self.postings.items() if (kept := [n for n in pl if n in self.vec])}
            self._dead = 0

    # -- results ---------------------------------------------------------------------------------
    def events(self) -> dict[str, list[str]]:
        """Event key -> article ids (arrival order); closed events included when keep_closed."""
        out = {k: list(v) for k, v in self.closed.items()}
        out.update({k: list(v) for k, v in self.members.items()})
        return out

    def drain_closed(self) -> dict[str, list[str]]:
        """Closed events not yet handed out (keep_closed False), then forgotten: memory stays flat."""
        out = dict(self._drain)
        self._drain.clear()
        return out

    def live_articles(self) -> int:
        """Articles currently held for comparison (the window)."""
        return len(self.vec)

    # -- persistence -----------------------------------------------------------------------------
    def dump(self) -> bytes:
        """Serialise the whole state (numpy .npz with a JSON header; no pickle)."""
        ns = sorted(self.vec)
        lengths = np.array([len(self.vec[n]) for n in ns], dtype=np.int64)
        keys = np.array([k for n in ns for k in self.vec[n]], dtype=np.int64)
        vals = np.array([v for n in ns for v in self.vec[n].values()], dtype=np.float64)
        meta = {
            "version": 1, "config": asdict(self.config), "hash_bits": HASH_BITS, "n_docs": self.n_docs,
            "clock": self.clock, "seq": self.seq, "ns": ns,
            "art_day": [self.art_day[n] for n in ns], "art_event": [self.art_event[n] for n in ns],
            "postings": [[k, [n for n in pl if n in self.vec]] for k, pl in sorted(self.postings.items())],
            "members": self.members, "live": self.live, "last_day": self.last_day, "closed": self.closed,
            "group_event": self.group_event, "event_groups": self.event_groups, "drain": self._drain,
        }
        nz = np.flatnonzero(self.df)
        buf = io.BytesIO()
        np.savez_compressed(buf, meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
                            lengths=lengths, keys=keys, vals=vals, df_idx=nz.astype(np.int64), df_val=self.df[nz])
        return buf.getvalue()

    @classmethod
    def load(cls, data: bytes) -> "OnlineClusterer":
        """Rebuild a clusterer written by `dump`; adding to it continues the same stream."""
        z = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        if meta["hash_bits"] != HASH_BITS:
            raise ValueError("clusterer state was written with another HASH_BITS; rebuild it")
        c = cls(ClusterConfig(**meta["config"]))
        c.df[z["df_idx"]] = z["df_val"]
        c.n_docs, c.clock, c.seq = meta["n_docs"], meta["clock"], meta["seq"]
        offsets = np.concatenate([[0], np.cumsum(z["lengths"])]).tolist()
        keys, vals = z["keys"].tolist(), z["vals"].tolist()
        for i, n in enumerate(meta["ns"]):
            c.vec[n] = dict(zip(keys[offsets[i]:offsets[i + 1]], vals[offsets[i]:offsets[i + 1]]))
            c.art_day[n] = meta["art_day"][i]
            c.art_event[n] = meta["art_event"][i]
        c.postings = {int(k): list(pl) for k, pl in meta["postings"] if pl}
        c.members, c.closed = meta["members"], meta["closed"]
        c.live = {k: list(v) for k, v in meta["live"].items()}
        c.last_day = meta["last_day"]
        c.group_event, c.event_groups = meta["group_event"], meta["event_groups"]
        c._drain = [(e, m) for e, m in meta["drain"]]
        for ev, ns in c.live.items():
            for n in ns:
                c._add_to_centroid(ev, c.vec[n])
                d = c.art_day[n]
                if d is not None:
                    lo, hi = c.day_range.get(ev, (d, d))
                    c.day_range[ev] = (min(lo, d), max(hi, d))
        c._expiry = [(d, e) for e, d in c.last_day.items()]
        heapq.heapify(c._expiry)
        return c


def cluster_articles(
    analyses: Sequence[Analysis],
    groups: Mapping[str, str] | None = None,
    config: ClusterConfig | None = None,
    clusterer: OnlineClusterer | None = None,
) -> dict[str, str]:
    """Article id -> event key, feeding the online clusterer in (event day, id) order (undated last).

    Given the same `clusterer` state, this equals adding the same articles one by one in that order.
    """
    c = clusterer or OnlineClusterer(config)
    terms = [(article_terms(a), a) for a in analyses]
    order = sorted(range(len(analyses)), key=lambda i: (terms[i][0].day is None, terms[i][0].day or 0, analyses[i].id))
    out: dict[str, str] = {}
    for i in order:
        t, a = terms[i]
        out[a.id] = c.add_terms(a.id, t, (groups or {}).get(a.id, a.id))
    return out


__all__: Iterable[str] = ("ClusterConfig", "OnlineClusterer", "cluster_articles", "event_key")
