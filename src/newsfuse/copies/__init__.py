"""Near-duplicate and syndicated articles -> independence groups.

Two reports count as one source when one is a copy of the other: the same wire story under another
headline, a truncated copy, a lightly edited copy, a copy with captions and share prompts around it, or
a wire story with a local paragraph added.  What is compared is the report itself: word shingles of
`analysis.body_sentences()` (captions, boilerplate and in-article repeats are left out), so page
furniture neither creates nor hides a copy.

Candidates come from MinHash LSH (datasketch's sketches and banding parameters, band tables kept here) at a
low Jaccard threshold; each candidate is then
verified on *containment*, the share of the shorter article's shingles found in the longer one, which
stays near 1 for truncated copies and wire + local paragraph, where Jaccard does not.

    >>> result = find_copies(analyses)          # doctest: +SKIP
    >>> result.copy_of["b"], result.group["b"]  # doctest: +SKIP
    ('a', 'a')

`CopyIndex` keeps what later runs need (shingles, sketches, groups) for a sliding window of days and
serialises to bytes (`to_bytes` / `CopyIndex.from_bytes`) so incremental runs find copies of articles
stored by earlier runs.
"""

from __future__ import annotations

import heapq
import io
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.lean_minhash import LeanMinHash

from newsfuse.model import Analysis

# Words per shingle.  eval/copies dev, F1 over k = 3, 4, 5 x containment 0.4-0.7: a flat plateau
# (0.988-0.997, one or two articles apart); 4 / 0.5 sits in its middle (0.994), so that heavier edits
# than the generated ones (one changed word kills k shingles) keep some margin.
SHINGLE_WORDS = 4
# MinHash permutations; 128 is datasketch's default and the candidate recall at J=0.2 is > 0.99.
NUM_PERM = 128
# LSH Jaccard threshold for candidates only (verification is on containment): low, so that a truncated
# copy (J ~ share kept) is still a candidate.  Chosen on eval/copies dev (recall of candidates).
LSH_THRESHOLD = 0.2
# A candidate is a copy when this share of the shorter article's shingles is in the longer one.
# eval/copies dev (see SHINGLE_WORDS): P/R 0.994/0.994 at 0.5, 0.982/0.994 at 0.4, 1.0/0.991 at 0.7.
COPY_CONTAINMENT = 0.5
# Articles with fewer shingles are only matched when identical (too short to judge a partial copy).
MIN_SHINGLES = 8
# Fewer body words than this and the whole page (but repeats) is compared instead of the body only.
MIN_BODY_WORDS = 30
# How long an article stays in the index to be copied, in days (syndicated copies appear within days).
WINDOW_DAYS = 14
# A page carries no report when its text names nothing of its headline and is short: what is left of a page whose
# story failed to load (a sign-in box, a newsletter prompt, the same on every page of that site).  Such a page has
# nothing to compare: it is no copy and no original (two of them are not one report because their furniture is
# equal, and two under one generic headline are not either).  The headline needs this many content words (one-word
# headlines such as "News" or "2014" say nothing about the body)...
NO_REPORT_TITLE_WORDS = 2
# ... and the page at most this many words: of the 335 GVA pages (of 4,797) whose text shares no content word with
# the headline, 263 have 60 words or fewer and 47 up to 120, nearly all furniture; the 25 longer ones include real
# reports under a site's name ("Daily Blotter | The Bronx", 790 words), which keep their copies.  Set by reading them.
NO_REPORT_MAX_WORDS = 120
# Content words are compared on their first four letters ("shooting" in a headline meets "shooter" in the body):
# the test is for no overlap at all, so a loose match errs on the side of a body that is the report.
_PREFIX = 4

_WORD = re.compile(r"\w+", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]{3,}")
# English function words of three letters or more, which say nothing of what a headline is about (a list of our own:
# spaCy's would load spaCy itself, 200 MB, into processes such as the stream benchmark that run copies alone)
_FUNCTION_WORDS = frozenset("""
about above across after again against all almost along already also although always among and another any anyone
anything are around because been before behind being below beneath beside besides between beyond both but can
cannot could did does doing down during each either else even ever every for from further had has have having her
here hers herself him himself his how however into its itself just least less many more most much must near neither
never nor not now off once one only onto other others our ours ourselves out over own per perhaps rather said same
say says she should since some still such than that the their theirs them themselves then there these they this
those though through throughout thus till too toward towards under unless until upon very via was were what whatever
when whenever where whether which while who whoever whole whom whose why will with within without would yet you your
yours yourself new news
""".split())
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese kana, Chinese): their "words"
# are clauses, which never meet a headline's, so the test is not made there.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class CopyResult:
    """For each article: the earlier article it copies (or None) and its group (id of the group's original)."""

    copy_of: dict[str, str | None]
    group: dict[str, str]
    containment: dict[str, float] = field(default_factory=dict)  # of each copy against its copy_of


def _words(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    words: list[str] = []
    for start, end in spans:
        words.extend(_WORD.findall(unicodedata.normalize("NFKC", text[start:end]).lower()))
    return words


def _content_prefixes(words: Iterable[str]) -> set[str]:
    return {w[:_PREFIX] for w in words if _LETTERS.fullmatch(w) and w not in _FUNCTION_WORDS}


def carries_no_report(analysis: Analysis, words: Sequence[str]) -> bool:
    """Whether a short page names nothing of its headline (see NO_REPORT_MAX_WORDS); `words` are its body words."""
    title = analysis.article.title or ""
    title_words = _words(title, [(0, len(title))])
    headline = _content_prefixes(title_words)
    if len(headline) < NO_REPORT_TITLE_WORDS or _UNSPACED.search(title):
        return False
    if headline & _content_prefixes(words):
        return False  # the usual case, without reading the page again
    text = analysis.article.text
    page = _words(text, [(0, len(text))])
    return len(page) <= NO_REPORT_MAX_WORDS and not headline & _content_prefixes(page)


def body_words(analysis: Analysis) -> list[str]:
    """Lower-cased words of the report's body and title sentences.

    A page whose every line looks like furniture (a photo gallery, captions only) has no body: then
    every sentence but in-article repeats is used, so such pages can still be matched.  A short page whose
    text names nothing of its headline carries no report at all (`carries_no_report`): it has no words to
    compare, so it is nobody's copy and nobody copies it.
    """
    text = analysis.article.text
    words = _words(text, ((s.start, s.end) for s in analysis.body_sentences()))
    if len(words) < MIN_BODY_WORDS:
        words = _words(text, ((s.start, s.end) for s in analysis.sentences if s.role != "duplicate"))
        if not words:
            words = _words(text, [(0, len(text))])
    return [] if carries_no_report(analysis, words) else words


def shingles(words: Sequence[str], k: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 32-bit hashes of the k-word shingles (the whole text when shorter than k)."""
    if not words:
        return np.zeros(0, dtype=np.uint32)
    ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    if len(ids) < k:
        return np.array([zlib.crc32(" ".join(words).encode("utf-8"))], dtype=np.uint32)
    acc = np.zeros(len(ids) - k + 1, dtype=np.uint64)
    for j in range(k):  # polynomial combination, wrapping in uint64, folded to 32 bits
        acc = acc * np.uint64(1000003) + ids[j : len(ids) - k + 1 + j]
    folded = (acc ^ (acc >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """(bands, rows per band) of MinHash LSH at LSH_THRESHOLD: datasketch's choice (equal false-positive and
    false-negative weights), so the candidates are those its MinHashLSH would return."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _band_keys(hv: np.ndarray) -> list[int]:
    """One key per LSH band: the band's `rows` 32-bit hash values read as one integer (rows <= 2) or its bytes."""
    b, r = _bands()
    rows = np.ascontiguousarray(hv[: b * r], dtype=np.uint32).reshape(b, r)
    if r == 1:
        return rows[:, 0].tolist()
    if r == 2:
        return rows.view(np.uint64)[:, 0].tolist()
    return [int.from_bytes(row.tobytes(), "little") for row in rows]


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def sketch(sh: np.ndarray) -> LeanMinHash:
    """MinHash of a shingle set (datasketch's affine32 scheme, seed 1)."""
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, permutations=_permutations(), scheme="affine32")
    if len(sh):
        m.update_batch(sh.tolist())
    return LeanMinHash(m)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other one."""
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / min(len(a), len(b))


def _day(analysis: Analysis) -> int | None:
    ref = analysis.article.published or (analysis.published_inferred.value if analysis.published_inferred else None)
    if not ref:
        return None
    try:
        return date.fromisoformat(ref[:10]).toordinal()
    except ValueError:
        return None


def order_key(analysis: Analysis, position: int) -> tuple[str, int]:
    """Earlier = published (as given, ISO) then input order; undated articles sort after dated ones."""
    return (analysis.article.published or "~", position)


class CopyIndex:
    """The articles a later article may copy: shingles, MinHash LSH, groups, within a window of days."""

    def __init__(self) -> None:
        # LSH band tables: band key -> ids (a tuple of strings; tuples and strings are not scanned by the garbage
        # collector once settled, where datasketch's tables hold a set per bucket: 28 per article, which made every
        # full collection of a long stream slower, benchmarks/stream.py gc_s)
        self.tables: list[dict[int, tuple[str, ...]]] = [{} for _ in range(_bands()[0])]
        self.shingles: dict[str, np.ndarray] = {}
        self.hashvalues: dict[str, np.ndarray] = {}
        self.day: dict[str, int] = {}  # stream day (published, else the latest day seen) of each entry
        self.group: dict[str, str] = {}
        self.clock: int | None = None  # latest day seen
        self.seq: dict[str, int] = {}  # arrival number, to break ties deterministically
        self._next = 0
        self._by_day: list[tuple[int, int, str]] = []  # heap of (day, seq, id): expiry without a scan

    def __len__(self) -> int:
        return len(self.shingles)

    def add(self, article_id: str, sh: np.ndarray, mh: LeanMinHash, day: int | None, group: str) -> None:
        """Index one article (an article id already present is left as it is)."""
        if article_id in self.shingles:
            return
        if day is not None:
            self.clock = day if self.clock is None else max(self.clock, day)
        self.shingles[article_id] = sh
        self.hashvalues[article_id] = np.asarray(mh.hashvalues, dtype=np.uint32)
        self.day[article_id] = day if day is not None else (self.clock if self.clock is not None else 0)
        self.group[article_id] = group
        self.seq[article_id] = self._next
        heapq.heappush(self._by_day, (self.day[article_id], self._next, article_id))
        self._next += 1
        if len(sh):
            self._insert(article_id, self.hashvalues[article_id])

    def _insert(self, article_id: str, hv: np.ndarray) -> None:
        for table, key in zip(self.tables, _band_keys(hv)):
            ids = table.get(key)
            table[key] = (article_id,) if ids is None else ids + (article_id,)

    def _remove(self, article_id: str, hv: np.ndarray) -> None:
        for table, key in zip(self.tables, _band_keys(hv)):
            ids = tuple(x for x in table.get(key, ()) if x != article_id)
            if ids:
                table[key] = ids
            else:
                table.pop(key, None)

    def advance(self, day: int | None) -> None:
        """Move the stream clock to `day` (when later) and expire what fell out of the window."""
        if day is not None and (self.clock is None or day > self.clock):
            self.clock = day
            self.expire()

    def candidates(self, mh: LeanMinHash) -> list[str]:
        """Indexed ids whose estimated Jaccard may reach LSH_THRESHOLD, in arrival order."""
        found: set[str] = set()
        for table, key in zip(self.tables, _band_keys(np.asarray(mh.hashvalues, dtype=np.uint32))):
            ids = table.get(key)
            if ids:
                found.update(ids)
        return sorted(found, key=self.seq.__getitem__)

    def expire(self) -> int:
        """Drop entries older than WINDOW_DAYS before the latest day seen; returns how many."""
        if self.clock is None:
            return 0
        old: list[str] = []
        while self._by_day and self._by_day[0][0] < self.clock - WINDOW_DAYS:
            old.append(heapq.heappop(self._by_day)[2])
        for k in old:
            if len(self.shingles[k]):
                self._remove(k, self.hashvalues[k])
            for table in (self.shingles, self.hashvalues, self.day, self.group, self.seq):
                del table[k]
        return len(old)

    def to_bytes(self) -> bytes:
        """Serialise (numpy .npz, no pickle): ids, days, groups, shingles and sketches."""
        ids = sorted(self.shingles, key=self.seq.__getitem__)
        meta = {"version": 1, "ids": ids, "groups": [self.group[i] for i in ids], "clock": self.clock,
                "next": self._next, "shingle_words": SHINGLE_WORDS, "num_perm": NUM_PERM}
        lengths = np.array([len(self.shingles[i]) for i in ids], dtype=np.int64)
        flat = np.concatenate([self.shingles[i] for i in ids]) if ids else np.zeros(0, dtype=np.uint32)
        hv = np.stack([self.hashvalues[i] for i in ids]) if ids else np.zeros((0, NUM_PERM), dtype=np.uint32)
        buf = io.BytesIO()
        np.savez_compressed(
            buf, meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8), lengths=lengths,
            shingles=flat, hashvalues=hv, days=np.array([self.day[i] for i in ids], dtype=np.int64),
            seq=np.array([self.seq[i] for i in ids], dtype=np.int64),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "CopyIndex":
        """Rebuild an index written by `to_bytes` (the LSH is rebuilt from the stored sketches)."""
        z = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        if meta.get("shingle_words") != SHINGLE_WORDS or meta.get("num_perm") != NUM_PERM:
            raise ValueError("copy index was written with other shingle/sketch settings; rebuild it")
        idx = cls()
        idx.clock = meta["clock"]
        idx._next = meta["next"]
        offsets = np.concatenate([[0], np.cumsum(z["lengths"])])
        flat, hv, days, seq = z["shingles"], z["hashvalues"], z["days"], z["seq"]
        for n, (aid, grp) in enumerate(zip(meta["ids"], meta["groups"])):
            sh = flat[offsets[n] : offsets[n + 1]].copy()
            idx.shingles[aid] = sh
            idx.hashvalues[aid] = hv[n].copy()
            idx.day[aid] = int(days[n])
            idx.group[aid] = grp
            idx.seq[aid] = int(seq[n])
            heapq.heappush(idx._by_day, (idx.day[aid], idx.seq[aid], aid))
            if len(sh):
                idx._insert(aid, idx.hashvalues[aid])
        return idx


def assign(index: CopyIndex, article_id: str, sh: np.ndarray, day: int | None) -> tuple[str | None, float]:
    """Match one article's shingles against the index, then add it; returns (copied article, containment)."""
    index.advance(day)
    mh = sketch(sh)
    best, best_c = None, 0.0
    if len(sh):
        for cand in index.candidates(mh):
            other = index.shingles[cand]
            if min(len(sh), len(other)) < MIN_SHINGLES and not np.array_equal(sh, other):
                continue
            c = containment(sh, other)
            if c >= COPY_CONTAINMENT and c > best_c:
                best, best_c = cand, c
    index.add(article_id, sh, mh, day, index.group[best] if best is not None else article_id)
    return best, best_c


def find_copies(analyses: Sequence[Analysis], existing: CopyIndex | None = None) -> CopyResult:
    """Find, for each article, the earlier article it copies, and group copies under their original.

    Articles are taken in order (published, then input order); each is compared with the earlier ones
    of this call and with those in `existing` (which count as earlier, and keep their groups).  The
    index is updated in place when given, so the next call sees this batch.
    """
    index = existing if existing is not None else CopyIndex()
    copy_of: dict[str, str | None] = {}
    group: dict[str, str] = {}
    score: dict[str, float] = {}
    order = sorted(range(len(analyses)), key=lambda i: order_key(analyses[i], i))
    for i in order:
        a = analyses[i]
        aid = a.article.id
        if aid in copy_of:
            continue  # a repeated id: first one wins
        if aid in index.group:  # seen by an earlier run: keep its group
            copy_of[aid], group[aid] = None if index.group[aid] == aid else index.group[aid], index.group[aid]
            continue
        day = _day(a)
        best, best_c = assign(index, aid, shingles(body_words(a)), day)
        copy_of[aid] = best
        group[aid] = index.group[aid]
        if best is not None:
            score[aid] = round(best_c, 4)
    return CopyResult(copy_of=copy_of, group=group, containment=score)


def groups_of(result: CopyResult) -> dict[str, list[str]]:
    """Group id -> member ids (the original first)."""
    out: dict[str, list[str]] = {}
    for aid, g in result.group.items():
        out.setdefault(g, []).append(aid)
    return {g: sorted(m, key=lambda x: (x != g, x)) for g, m in out.items()}


__all__: Iterable[str] = ("CopyIndex", "CopyResult", "find_copies", "groups_of", "containment", "shingles", "sketch")
