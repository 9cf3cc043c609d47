"""Time expressions on TimeBank 1.2: span F1 (relaxed and strict) and value accuracy.

Each .tml file gives the document creation time (the DCT TIMEX3, used as `published`) and
every TIMEX3 in <TEXT> with its normalised value.  Tags are stripped to get the text with
offsets.  Files sorted by name: every 5th is "test", the rest "dev" (tune on dev only);
floors are checked on the full set.

    .venv/bin/python -m eval.times [--limit N]
"""

from __future__ import annotations

import argparse
import html
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from eval.common import data_dir, write_results
from eval.scorers import span_prf

TEST_EVERY = 5  # every 5th file (sorted by name) is held out as "test"
KIND_TO_TYPE = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


_TOKEN = re.compile(r"<[^>]+>|&[#\w]+;|[^<&]+|[<&]")


def parse_tml(path: Path) -> TimeMLDoc:
    """Text of <TEXT> with tags stripped and entities decoded, the DCT and the gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    dct = re.search(r'value="([^"]+)"', dct_m.group(0)).group(1) if dct_m else ""
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    for m in _TOKEN.finditer(body):
        tok = m.group(0)
        if tok.startswith("<") and len(tok) > 1:
            if tok.startswith("<TIMEX3"):
                open_timex = (pos, dict(re.findall(r'(\w+)="([^"]*)"', tok)))
            elif tok.startswith("</TIMEX3") and open_timex is not None:
                start, attrs = open_timex
                text = "".join(out)[start:pos]
                timexes.append(GoldTimex(start, pos, text, attrs.get("type", ""), attrs.get("value", "")))
                open_timex = None
            continue
        piece = html.unescape(tok) if tok.startswith("&") else tok
        out.append(piece)
        pos += len(piece)
    return TimeMLDoc(path.stem, dct[:10], "".join(out), tuple(timexes))


def load_docs(limit: int | None = None) -> list[tuple[TimeMLDoc, str]]:
    """(document, split) pairs, files sorted by name, every TEST_EVERY-th one in "test"."""
    files = sorted((data_dir() / "timebank").glob("*.tml"))
    if limit:
        files = files[:limit]
    return [(parse_tml(f), "test" if i % TEST_EVERY == TEST_EVERY - 1 else "dev") for i, f in enumerate(files)]


def _pairs(gold: Sequence[GoldTimex], pred: Sequence[Any]) -> list[tuple[GoldTimex, Any]]:
    """Gold-prediction pairs by largest overlap, each used at most once."""
    used: set[int] = set()
    out = []
    for g in gold:
        best, best_ov = None, 0
        for i, p in enumerate(pred):
            ov = min(g.end, p.span.end) - max(g.start, p.span.start)
            if ov > best_ov and i not in used:
                best, best_ov = i, ov
        if best is not None:
            used.add(best)
            out.append((g, pred[best]))
    return out


def score(docs: list[tuple[TimeMLDoc, str]], analyse: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures per split (dev, test, all) and the list of value errors."""
    acc: dict[str, dict[str, Any]] = defaultdict(lambda: {"gold": [], "pred": [], "pairs": []})
    errors: list[dict[str, Any]] = []
    for doc, split in docs:
        analysis = analyse(doc)
        pred = list(analysis.times)
        pairs = _pairs(doc.timexes, pred)
        for key in (split, "all"):
            acc[key]["gold"] += [(doc.name, g.start, g.end) for g in doc.timexes]
            acc[key]["pred"] += [(doc.name, p.span.start, p.span.end) for p in pred]
            acc[key]["pairs"] += pairs
        for g, p in pairs:
            if g.value != p.value:
                errors.append({"doc": doc.name, "split": split, "gold_text": g.text, "pred_text": p.span.text,
                               "gold": g.value, "pred": p.value, "type": g.type})
    results: dict[str, Any] = {}
    for key, a in acc.items():
        relaxed = span_prf(a["gold"], a["pred"], relaxed=True)
        strict = span_prf(a["gold"], a["pred"])
        by_type: dict[str, list[bool]] = defaultdict(list)
        for g, p in a["pairs"]:
            by_type[g.type].append(g.value == p.value)
        ok = [x for v in by_type.values() for x in v]
        results[key] = {
            "relaxed": relaxed.as_dict(),
            "strict": strict.as_dict(),
            "value_accuracy": round(sum(ok) / len(ok), 4) if ok else 0.0,
            "value_accuracy_by_type": {t: {"accuracy": round(sum(v) / len(v), 4), "n": len(v)} for t, v in sorted(by_type.items())},
            "type_accuracy": round(sum(1 for g, p in a["pairs"] if KIND_TO_TYPE.get(p.kind) == g.type) / len(a["pairs"]), 4) if a["pairs"] else 0.0,
            "documents": sum(1 for _, s in docs if key in (s, "all")),
        }
    return results, errors


def analyse_doc(doc: TimeMLDoc) -> Any:
    """Run our pipeline (annotation, pubdate, times) on one TimeBank document with its DCT as `published`."""
    from newsfuse.extract import times
    from newsfuse.stages import analyse_text

    return analyse_text(doc.text, published=doc.dct or None, article_id=doc.name, stages=[times.STAGE])


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N files only")
    parser.add_argument("--errors", type=int, default=0, help="print N value errors (dev split only)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    docs = load_docs(args.limit)
    results, errors = score(docs, analyse_doc)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    results["baseline_heideltime_published"] = {"relaxed_f1": 0.90, "value_f1": 0.78}
    print(f"{'split':6} {'docs':>5} {'relaxedF1':>9} {'strictF1':>9} {'P(rel)':>7} {'R(rel)':>7} {'valueAcc':>8}")
    for key in ("dev", "test", "all"):
        if key in results:
            r = results[key]
            print(f"{key:6} {r['documents']:>5} {r['relaxed']['f1']:>9.3f} {r['strict']['f1']:>9.3f} "
                  f"{r['relaxed']['precision']:>7.3f} {r['relaxed']['recall']:>7.3f} {r['value_accuracy']:>8.3f}")
    for key in ("dev", "test", "all"):
        if key in results:
            by_type = results[key]["value_accuracy_by_type"]
            print(f"value accuracy by type ({key}):", "  ".join(f"{t} {v['accuracy']:.3f} (n={v['n']})" for t, v in by_type.items()))
    dev_errors = [e for e in errors if e["split"] == "dev"]
    for e in dev_errors[: args.errors]:
        print(f"  {e['doc']}: {e['gold_text']!r}={e['gold']} vs {e['pred_text']!r}={e['pred']}")
    if args.errors:
        print("most common error shapes:", Counter((re.sub(r"\d", "9", e["gold"]), re.sub(r"\d", "9", str(e["pred"]))) for e in dev_errors).most_common(15))
    path = write_results("times", results)
    print(f"wrote {path}")
    return results


if __name__ == "__main__":
    main()
