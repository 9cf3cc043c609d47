"""Copy detection: precision and recall of newsfuse.copies on a generated copy set.

`--build` writes eval/data/copies_dev.jsonl.gz and copies_test.jsonl.gz, deterministically, from
../shared/data (news-clusters and gva; split as eval/clusters.py splits events: dev / test):
- sources: articles with >= SOURCE_MIN_CHARS of text, the first ones by sha1 of their id;
- one derived copy per source, the kind cycling through KINDS:
  retitled  (same body, another headline; the first line, when it was the headline, replaced),
  truncated (the first 40-70 % of the paragraphs, at least one),
  edited    (word substitutions from a small newsroom table, one later sentence dropped, a dateline added),
  captioned (photo captions, credits, share prompts and a "Read more" line inserted between paragraphs),
  wire_local(a local paragraph from an article of another event added before or after, new headline);
  each copy is dated one day after its source;
- true non-copies: up to two other articles of the source's gold event (other outlets' reports of the
  same event, `kind` "same_event").  Real articles that are copies of each other in the wild (half the
  longer sentences of the shorter one repeated, verbatim or lightly edited (rapidfuzz ratio >= 85), in
  the other: a measure independent of the detector's shingles) are left out, the later one dropped,
  so the gold holds no unmarked copy.
A random generator seeded from each source id makes every choice, so a rebuild gives the same files.

Scoring (`python -m eval.copies [--parts dev,test]`): every article of a part goes through
`find_copies` in date order; gold groups are a source with its derived copy, every other article alone.
precision = share of predicted copy links (copy_of not null) whose two articles share a gold group;
recall = share of derived copies whose predicted group is their source's group.  The analyses are the
`segment` stage's (sentences with roles): that is all find_copies reads.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eval.clusters import DATASETS, part_of
from eval.common import REPO, data_dir, load_floors, read_jsonl, write_results

DATA = REPO / "eval" / "data"
KINDS = ("retitled", "truncated", "edited", "captioned", "wire_local")
SOURCE_MIN_CHARS = 600
SOURCES_PER_DATASET = {"news-clusters": 160, "gva": 320}
SAME_EVENT_PER_SOURCE = 2
WILD_SHARED = 0.5  # two real articles sharing this share of sentences are copies in the wild

EDITS = {
    "said": "told reporters", "police": "officers", "man": "person", "woman": "person", "killed": "slain",
    "shot": "shot and wounded", "Monday": "on Monday", "people": "persons", "according to": "per",
    "officials": "authorities", "percent": "%", "after": "following", "before": "prior to",
    "about": "around", "The": "The", "also": "additionally",
}
CAPTIONS = (
    "A view of the scene on the day. (Photo: AP)",
    "Photo by Staff Photographer / Reuters",
    "Share this article",
    "Read more: Top stories of the week",
    "Residents gather near the site. Photo: Getty Images",
    "Advertisement",
)
_SENT = re.compile(r"[^.!?]+[.!?]+[\"')]*\s*")


def _rng(key: str) -> random.Random:
    return random.Random(int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], 16))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _norm_sentences(text: str) -> set[str]:
    out = set()
    for s in _SENT.findall(text):
        words = re.findall(r"\w+", s.lower())
        if len(words) >= 6:
            out.add(" ".join(words))
    return out


def _fuzzy_shared(sa: list[str], sb: list[str]) -> float:
    """Share of the shorter list's sentences with a close match (rapidfuzz ratio >= 85) in the other."""
    from rapidfuzz import fuzz, process

    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if not short or not long_:
        return 0.0
    hits = sum(1 for s in short if process.extractOne(s, long_, scorer=fuzz.ratio, score_cutoff=85) is not None)
    return hits / len(short)


def _later_day(published: str | None) -> str:
    d = date.fromisoformat(published[:10]) if published else date(2020, 1, 1)
    return (d + timedelta(days=1)).isoformat()


def derive(row: dict[str, Any], kind: str, other: dict[str, Any]) -> dict[str, Any]:
    """One copy of `row` of the given kind (`other` gives the local paragraph of wire_local)."""
    rng = _rng(row["id"] + kind)
    paras = _paragraphs(row["text"])
    title = row.get("title") or paras[0][:80]
    new_title = title
    if kind in ("retitled", "wire_local", "edited"):
        words = re.findall(r"\w+", paras[min(1, len(paras) - 1)])[:9]
        new_title = " ".join(words).capitalize() if words else "Update"
    if paras and paras[0] == (row.get("title") or "").strip():
        paras = [new_title] + paras[1:] if kind != "truncated" else paras
    if kind == "truncated":
        keep = max(1, round(len(paras) * rng.uniform(0.4, 0.7)))
        if len(paras) == 1:  # one long paragraph: cut at a sentence boundary
            sents = _SENT.findall(paras[0]) or [paras[0]]
            paras = ["".join(sents[: max(1, round(len(sents) * rng.uniform(0.4, 0.7)))]).strip()]
        else:
            paras = paras[:keep]
    elif kind == "edited":
        body = "\n".join(paras)
        sents = _SENT.findall(body)
        if len(sents) > 3:
            drop = rng.randrange(2, len(sents))
            body = "".join(s for i, s in enumerate(sents) if i != drop)
        for old, new in EDITS.items():
            if rng.random() < 0.7:
                body = re.sub(rf"\b{re.escape(old)}\b", new, body)
        paras = _paragraphs(body)
        paras[0] = f"{rng.choice(['NEW YORK', 'CHICAGO', 'LONDON', 'WASHINGTON'])} (AP) — {paras[0]}"
    elif kind == "captioned":
        for cap in rng.sample(CAPTIONS, 3):
            paras.insert(rng.randrange(1, len(paras) + 1), cap)
    elif kind == "wire_local":
        local = _paragraphs(other["text"])
        local_sents = _SENT.findall(" ".join(local[1:4] or local)) or local[:1]
        paragraph = "".join(local_sents[:3]).strip()
        paras = [paragraph] + paras if rng.random() < 0.5 else paras + [paragraph]
    return {
        "id": f"cp-{kind}-{row['id'][:16]}",
        "title": new_title,
        "published": _later_day(row.get("published")),
        "outlet": "copy.example",
        "text": "\n".join(paras),
        "copy_of": row["id"],
        "kind": kind,
    }


def build() -> dict[str, int]:
    """Write eval/data/copies_{dev,test}.jsonl.gz; returns counts per part."""
    out: dict[str, list[dict[str, Any]]] = {"dev": [], "test": []}
    for dataset, n_sources in SOURCES_PER_DATASET.items():
        file, gold_field = DATASETS[dataset]
        rows = list(read_jsonl(data_dir() / file))
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by_event[str(r[gold_field])].append(r)
        # drop copies in the wild: the later of two real articles sharing half their long sentences
        sents = {r["id"]: sorted(_norm_sentences(r["text"])) for r in rows}
        wild: set[str] = set()
        for members in by_event.values():
            ordered = sorted(members, key=lambda r: (r.get("published") or "", r["id"]))
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    sa, sb = sents[a["id"]], sents[b["id"]]
                    if _fuzzy_shared(sa, sb) >= WILD_SHARED:
                        wild.add(b["id"])
        pool = sorted((r for r in rows if r["id"] not in wild and len(r["text"]) >= SOURCE_MIN_CHARS),
                      key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        used: set[str] = set()
        n = 0
        for r in pool:
            if n >= n_sources:
                break
            if r["id"] in used:
                continue
            event = str(r[gold_field])
            kind = KINDS[n % len(KINDS)]
            others = [o for o in pool if str(o[gold_field]) != event]
            other = others[int(hashlib.sha1(r["id"].encode()).hexdigest()[:8], 16) % len(others)]
            part = part_of(dataset, r)
            base = {k: r.get(k) for k in ("id", "title", "published", "outlet", "text")}
            out[part].append({**base, "copy_of": None, "kind": "original", "event": event, "dataset": dataset})
            out[part].append({**derive(r, kind, other), "event": event, "dataset": dataset})
            used.add(r["id"])
            same = [o for o in by_event[event] if o["id"] not in used and o["id"] not in wild and o["id"] != r["id"]]
            for o in same[:SAME_EVENT_PER_SOURCE]:
                ob = {k: o.get(k) for k in ("id", "title", "published", "outlet", "text")}
                out[part].append({**ob, "copy_of": None, "kind": "same_event", "event": event, "dataset": dataset})
                used.add(o["id"])
            n += 1
    DATA.mkdir(parents=True, exist_ok=True)
    for part, items in out.items():
        with gzip.GzipFile(DATA / f"copies_{part}.jsonl.gz", "wb", mtime=0) as fh:
            for it in items:
                fh.write((json.dumps(it, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    return {part: len(items) for part, items in out.items()}


def load_part(part: str, limit: int | None = None) -> list[dict[str, Any]]:
    rows = list(read_jsonl(DATA / f"copies_{part}.jsonl.gz"))
    if limit:
        sources = [r["id"] for r in rows if r["kind"] == "original"][:limit]
        keep = set(sources)
        rows = [r for r in rows if r["id"] in keep or r.get("copy_of") in keep
                or (r["kind"] == "same_event" and r["event"] in {x["event"] for x in rows if x["id"] in keep})]
    return rows


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision / recall of find_copies over one part's rows."""
    from newsfuse.copies import find_copies
    from newsfuse.model import Article
    from newsfuse.stages import prepare

    analyses = [prepare(Article(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"),
                                outlet=r.get("outlet"))) for r in rows]
    started = time.perf_counter()
    result = find_copies(analyses)
    seconds = time.perf_counter() - started
    gold_group = {r["id"]: (r["copy_of"] or r["id"]) for r in rows}
    kind = {r["id"]: r["kind"] for r in rows}
    links = [(a, b) for a, b in result.copy_of.items() if b is not None]
    correct_links = sum(1 for a, b in links if gold_group[a] == gold_group[b])
    copies = [r for r in rows if r["copy_of"]]
    found = [r for r in copies if result.group[r["id"]] == result.group[r["copy_of"]]]
    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "found": 0})
    for r in copies:
        per_kind[r["kind"]]["n"] += 1
        per_kind[r["kind"]]["found"] += int(result.group[r["id"]] == result.group[r["copy_of"]])
    false_links = defaultdict(int)
    for a, b in links:
        if gold_group[a] != gold_group[b]:
            false_links[f"{kind[a]}->{kind[b]}"] += 1
    p = correct_links / len(links) if links else 0.0
    r = len(found) / len(copies) if copies else 0.0
    return {
        "articles": len(rows), "copies": len(copies), "predicted_links": len(links),
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "recall_by_kind": {k: round(v["found"] / v["n"], 4) for k, v in sorted(per_kind.items())},
        "false_links": dict(sorted(false_links.items())), "articles_per_s": round(len(rows) / seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="regenerate eval/data/copies_*.jsonl.gz")
    ap.add_argument("--parts", default="dev,test")
    ap.add_argument("--limit", type=int, default=None, help="sources per part (with their copies and same-event articles)")
    args = ap.parse_args(argv)
    if args.build:
        print(json.dumps(build()))
    results: dict[str, Any] = {}
    for part in args.parts.split(","):
        res = evaluate(load_part(part, args.limit))
        results[part] = res
        print(f"{part:5s} articles={res['articles']:5d} copies={res['copies']:4d} P={res['precision']:.3f} "
              f"R={res['recall']:.3f} F1={res['f1']:.3f} by kind {res['recall_by_kind']} false {res['false_links']}")
    if args.limit is None:
        write_results("copies", results)
    floors = load_floors("copies")
    failed = [m for m, v in floors.items() if results.get("dev", {}).get(m, 1.0) < v]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
