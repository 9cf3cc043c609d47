"""The brief: does it state the record's facts, and does it repeat itself?  Against LexRank and TextRank.

Data: ../shared/data/gva, incidents with two or more articles (by incident id, ascending; `--limit N`
takes the first N).  Each article runs the real per-article pipeline (segment, spaCy, every registered
extraction stage); groups = one per article, except exact copies (same normalised text) which share one.
Claims are aligned with `newsfuse.fuse.claims.align_claims` and the brief is `newsfuse.brief.summarise`.

Baselines, same run, same candidate sentences (`newsfuse.brief.candidates`) and same length:
sumy's LexRank and TextRank.

Metrics (each over the incidents where it applies):
- date: a brief sentence names the incident's month and day ("January 27", "Jan. 27", "27 January",
  "1/27") or the weekday of the incident date ("Monday");
- place: the incident's city_or_county (without a "(county)" note) appears in the brief;
- killed / injured (only where the gold count is > 0): a sentence with a death (injury) word contains the
  count in digits or words; for a count of 1 a sentence with a death (injury) word suffices;
- coverage: the mean of the four shares;
- repeated_pairs: share of brief sentence pairs that repeat each other (word TF-IDF cosine > 0.6, TF-IDF
  fitted on the incident's candidate sentences, or one sentence's words contained in the other's).

    .venv/bin/python -m eval.brief [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
import tempfile
import time
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any, Sequence

from eval.common import data_dir, read_jsonl, write_results
from newsfuse.model import Analysis, Article

REPEAT_COSINE = 0.6
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
KILL_RE = re.compile(r"(?i)\b(?:killed|kills?|dead|died|dies|death|deaths|fatal(?:ly)?|slain|murder(?:ed|s)?|homicides?|lives)\b")
INJURY_RE = re.compile(r"(?i)\b(?:injur(?:ed|ies|y|ing)|wounded|wounds?|hurt|hospitali[sz]ed|hospital|shot|shooting victims?)\b")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


# ---------------------------------------------------------------- data

def incidents(limit: int | None) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(incident record, its articles) for incidents with two or more articles, by incident id."""
    root = data_dir() / "gva"
    gold = {str(r["incident"]): r for r in read_jsonl(root / "incidents.jsonl.gz")}
    by_inc: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(root / "articles.jsonl.gz"):
        by_inc.setdefault(str(row["gold_incident"]), []).append(row)
    keys = sorted((k for k, v in by_inc.items() if len(v) >= 2 and k in gold), key=lambda k: (len(k), k))
    if limit:
        keys = keys[:limit]
    return [(gold[k], by_inc[k]) for k in keys]


def _signature() -> str:
    """Stage names plus the source of the extractors, so a code change refreshes the cache."""
    from newsfuse import extract
    from newsfuse.stages import default_stages

    h = hashlib.sha1(",".join(s.name for s in default_stages()).encode())
    for p in sorted(Path(extract.__file__).parent.glob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def analyse_rows(rows: Sequence[dict[str, Any]]) -> list[Analysis]:
    """Segment + spaCy + every registered stage, in the pipeline's process pool (Docs dropped, as in a run)."""
    from newsfuse.pipeline import analyse_articles

    arts = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), published=(r.get("published") or None),
                outlet=r.get("outlet"), url=r.get("url"))
        for r in rows
    ]
    analyses, _ = analyse_articles(arts, workers=2)
    return analyses


def load_analyses(pairs: Sequence[tuple[dict[str, Any], list[dict[str, Any]]]]) -> dict[str, Analysis]:
    """Analyses of every article of the incidents, cached under $NEWSFUSE_CACHE by code signature."""
    cache = Path(os.environ.get("NEWSFUSE_CACHE", Path(tempfile.gettempdir()) / "newsfuse-cache"))
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"brief-gva-{_signature()}.pkl"
    known: dict[str, Analysis] = pickle.loads(path.read_bytes()) if path.exists() else {}
    todo = [r for _, rows in pairs for r in rows if r["id"] not in known]
    if todo:
        for a in analyse_rows(todo):
            known[a.id] = a
        path.write_bytes(pickle.dumps(known))
    return known


def copy_groups(analyses: Sequence[Analysis]) -> dict[str, str]:
    """Exact copies (same text after folding case and white space) share one group."""
    first: dict[str, str] = {}
    out = {}
    for a in analyses:
        key = hashlib.sha1(" ".join(a.article.text.lower().split()).encode()).hexdigest()
        out[a.id] = first.setdefault(key, a.id)
    return out


# ---------------------------------------------------------------- metrics

def gold_date(record: dict[str, Any]) -> date | None:
    try:
        return datetime.strptime(record["date"].strip(), "%B %d, %Y").date()
    except (KeyError, ValueError):
        return None


def states_date(text: str, d: date) -> bool:
    """Month and day of `d` named, or its weekday."""
    low = text.lower()
    month = MONTHS[d.month - 1]
    abbr = month[:3] + ("t" if month == "september" else "")
    day = rf"{d.day}(?:st|nd|rd|th)?"
    pats = [rf"\b(?:{month}|{month[:3]}|{abbr})\.?\s+{day}\b", rf"\b{day}\s+(?:of\s+)?(?:{month}|{month[:3]})\b",
            rf"\b0?{d.month}/0?{d.day}\b", rf"\b{WEEKDAYS[d.weekday()]}\b"]
    return any(re.search(p, low) for p in pats)


def states_place(text: str, city: str) -> bool:
    name = re.sub(r"\s*\(.*?\)\s*", " ", city or "").strip()
    return bool(name) and re.search(rf"(?i)\b{re.escape(name)}\b", text) is not None


def states_count(sentences: Sequence[str], count: int, word_re: re.Pattern[str]) -> bool:
    """A sentence with a death / injury word gives the count (digits or words; any such sentence for 1)."""
    forms = [str(count)] + ([NUMBER_WORDS[count]] if count < len(NUMBER_WORDS) else [])
    for s in sentences:
        if not word_re.search(s):
            continue
        if count == 1 or any(re.search(rf"(?i)(?<![\w-]){re.escape(f)}(?![\w-])", s) for f in forms):
            return True
    return False


def repeated_pairs(sentences: Sequence[str], pool: Sequence[str]) -> tuple[int, int]:
    """(repeating pairs, pairs) of one brief; TF-IDF fitted on the incident's candidate sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(sentences) < 2:
        return 0, 0
    vec = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b").fit(list(pool) + list(sentences))
    x = vec.transform(sentences)
    sims = (x @ x.T).toarray()
    words = [" ".join(re.findall(r"\w+", s.lower())) for s in sentences]
    rep = tot = 0
    for i, j in combinations(range(len(sentences)), 2):
        tot += 1
        if sims[i, j] > REPEAT_COSINE or words[i] in words[j] or words[j] in words[i]:
            rep += 1
    return rep, tot


# ---------------------------------------------------------------- systems

class _Tokens:
    """A word tokenizer for sumy that needs no NLTK data."""

    @staticmethod
    def to_words(text: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9]+", text)

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return [text]


def sumy_summary(name: str, texts: Sequence[str], length: int) -> list[str]:
    """LexRank or TextRank (sumy) over exactly the given sentences, in their given order."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    if not texts:
        return []
    doc = ObjectDocumentModel([Paragraph([Sentence(t, _Tokens()) for t in texts])])
    cls = LexRankSummarizer if name == "lexrank" else TextRankSummarizer
    summ = cls(Stemmer("english"))
    summ.stop_words = get_stop_words("english")
    return [str(s) for s in summ(doc, length)]


def evaluate(limit: int | None = None, length: int = 5) -> dict[str, Any]:
    from newsfuse.brief import candidates, summarise
    from newsfuse.fuse.claims import align_claims

    t0 = time.time()
    pairs = incidents(limit)
    analyses = load_analyses(pairs)
    t_parse = time.time() - t0
    scores: dict[str, dict[str, list[int]]] = {}
    t1 = time.time()
    for record, rows in pairs:
        ans = [analyses[r["id"]] for r in rows]
        groups = copy_groups(ans)
        claims = align_claims(ans, groups)
        ours = [s["text"] for s in summarise(ans, groups, claims, length=length)]
        pool = [c.span.text for c in candidates(ans, claims)]
        briefs = {
            "newsfuse": ours,
            "lexrank": sumy_summary("lexrank", pool, length),
            "textrank": sumy_summary("textrank", pool, length),
        }
        d = gold_date(record)
        for name, sents in briefs.items():
            sc = scores.setdefault(name, {k: [] for k in ("date", "place", "killed", "injured", "rep", "pairs")})
            text = " ".join(sents)
            if d is not None:
                sc["date"].append(int(states_date(text, d)))
            if record.get("city_or_county"):
                sc["place"].append(int(states_place(text, record["city_or_county"])))
            if int(record.get("killed") or 0) > 0:
                sc["killed"].append(int(states_count(sents, int(record["killed"]), KILL_RE)))
            if int(record.get("injured") or 0) > 0:
                sc["injured"].append(int(states_count(sents, int(record["injured"]), INJURY_RE)))
            rep, tot = repeated_pairs(sents, pool)
            sc["rep"].append(rep)
            sc["pairs"].append(tot)
    results: dict[str, Any] = {
        "incidents": len(pairs),
        "articles": sum(len(r) for _, r in pairs),
        "length": length,
        "seconds_parse": round(t_parse, 1),
        "seconds_brief": round(time.time() - t1, 1),
    }
    for name, sc in scores.items():
        shares = {k: (sum(sc[k]) / len(sc[k]) if sc[k] else 0.0) for k in ("date", "place", "killed", "injured")}
        results[name] = {
            **{k: round(v, 4) for k, v in shares.items()},
            "coverage": round(sum(shares.values()) / 4, 4),
            "repeated_pairs": round(sum(sc["rep"]) / max(sum(sc["pairs"]), 1), 4),
            "n": {k: len(sc[k]) for k in ("date", "place", "killed", "injured")},
        }
    return results


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N incidents (by id) with 2+ articles")
    ap.add_argument("--length", type=int, default=5)
    args = ap.parse_args(argv)
    res = evaluate(args.limit, args.length)
    print(f"gva incidents: {res['incidents']}  articles: {res['articles']}  length: {res['length']}")
    print(f"{'system':10} {'date':>6} {'place':>6} {'killed':>7} {'injured':>8} {'coverage':>9} {'repeats':>8}")
    for name in ("newsfuse", "lexrank", "textrank"):
        r = res[name]
        print(f"{name:10} {r['date']:6.3f} {r['place']:6.3f} {r['killed']:7.3f} {r['injured']:8.3f} {r['coverage']:9.3f} {r['repeated_pairs']:8.3f}")
    suffix = "" if args.limit is None else f"_limit{args.limit}"
    write_results("brief" + suffix, res)
    return res


if __name__ == "__main__":
    main()
