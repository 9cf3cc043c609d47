"""Event type (ACLED type / sub-type, or a news category) of fused events against hand labels.

Labels (eval/data/eventtype_labels.jsonl) were made for this project by one engineer reading the
articles of each gold event (titles and leads, the full text where the lead was unclear) of
../shared/data/news-clusters (69 events) and ../shared/data/ecbplus (66 events), and applying the
decisions written in newsfuse.extract.eventtype (deliberate violence against people is ACLED
"Violence against civilians / Attack"; accidents, non-violent crime and everything else take a news
category).  They were written before the cue lists were tuned on them, and are one person's reading:
treat differences of a few events as noise.  GVA incidents are labelled by their GVA category
(accidental_* -> news "accident"; every other category -> "Violence against civilians / Attack"); rows
with dataset "gva" hold those rules, with shell-style patterns over the category.

Each gold event's articles are fused with `newsfuse.fuse.what.event_type` (the gold grouping, each
article its own source).  Scores: event-type accuracy (the ACLED event type, or the news category),
sub-type accuracy over the ACLED events, per dataset and overall (micro over events, and the macro mean
of the three datasets, so the 2,742 GVA incidents do not drown the 135 hand-labelled events).  Every event
has a fixed split: md5("dataset:event") % 5 == 0 is "test" (held out: report, never tune), the rest "dev".
`--limit N` caps the events per dataset (fixed order) for a quick run; by default every GVA incident with
articles is scored (its parse is shared with eval/gva_facts' cache).

    .venv/bin/python -m eval.eventtype [--limit N]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from eval.common import REPO, data_dir, hashed_split, read_jsonl, write_results
from eval.gva_facts import analyse_many, subset_order

LABELS = REPO / "eval" / "data" / "eventtype_labels.jsonl"


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gva_label(category: str, rules: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((r for r in rules if fnmatch.fnmatch(category, r["gold_event"])), None)


def evaluate(limit: int | None = None) -> dict[str, Any]:
    from newsfuse.extract import eventtype
    from newsfuse.fuse import what

    labels = load_labels()
    stages = [eventtype.STAGE]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    gold: dict[tuple[str, str], dict[str, Any]] = {}
    root = data_dir()
    for ds, path in (("news-clusters", root / "news-clusters" / "articles.jsonl.gz"), ("ecbplus", root / "ecbplus" / "dev.jsonl.gz")):
        wanted = {r["gold_event"]: r for r in labels if r["dataset"] == ds}
        keys = sorted(wanted)[:limit] if limit else sorted(wanted)
        for row in read_jsonl(path):
            if row["gold_event"] in keys:
                groups[(ds, row["gold_event"])].append(row)
                gold[(ds, row["gold_event"])] = wanted[row["gold_event"]]
    rules = [r for r in labels if r["dataset"] == "gva"]
    incidents = {r["incident"]: r for r in read_jsonl(root / "gva" / "incidents.jsonl.gz")}
    gva_universe = list(read_jsonl(root / "gva" / "articles.jsonl.gz"))
    gva_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in gva_universe:
        gva_rows[row["gold_incident"]].append(row)
    gva_ids = sorted((i for i in gva_rows if i in incidents), key=subset_order)
    for inc_id in gva_ids[:limit] if limit else gva_ids:
        rule = gva_label(incidents[inc_id]["category"], rules)
        if rule is not None:
            groups[("gva", inc_id)] = gva_rows[inc_id]
            gold[("gva", inc_id)] = rule
    # the same text can sit in two datasets' rows under one id: analyse each hand-labelled row once, by position
    small = [r for k in groups if k[0] != "gva" for r in groups[k]]
    for i, r in enumerate(small):
        r["_key"] = f"{i}:{r.get('id', '')}"
    by_id = {a.id: a for a in analyse_many([{**r, "id": r["_key"]} for r in small], stages)}
    wanted_gva = [r for k in groups if k[0] == "gva" for r in groups[k]]
    for r in wanted_gva:
        r["_key"] = r["id"]
    # the whole corpus (shared cache) for a full run; only the wanted rows for a quick --limit run (CI)
    by_id.update((a.id, a) for a in analyse_many(wanted_gva, stages, universe=None if limit else gva_universe))
    per_ds: dict[str, list[tuple[bool, bool | None, str]]] = defaultdict(list)
    mistakes: list[dict[str, Any]] = []
    for key, members in groups.items():
        group = [by_id[r["_key"]] for r in members]
        res = what.event_type(group, {a.id: a.id for a in group})
        g = gold[key]
        ok = res["event_type"] == g["event_type"]
        sub_ok = (res["sub_event_type"] == g["sub_event_type"]) if g["taxonomy"] == "acled" else None
        split = hashed_split(f"{key[0]}:{key[1]}")
        per_ds[key[0]].append((ok, sub_ok, split))
        if (not ok or sub_ok is False) and split == "dev":
            mistakes.append({"dataset": key[0], "event": key[1], "gold": [g["event_type"], g["sub_event_type"]], "pred": [res["event_type"], res["sub_event_type"]]})
    out: dict[str, Any] = {}
    for split in ("all", "dev", "test"):
        part: dict[str, Any] = {}
        all_ok: list[bool] = []
        all_sub: list[bool] = []
        per_type: list[float] = []
        for ds, vals in sorted(per_ds.items()):
            vals = [v for v in vals if split == "all" or v[2] == split]
            oks = [v[0] for v in vals]
            subs = [v[1] for v in vals if v[1] is not None]
            all_ok += oks
            all_sub += subs
            part[f"{ds}_type_accuracy"] = round(sum(oks) / len(oks), 4) if oks else None
            part[f"{ds}_subtype_accuracy"] = round(sum(subs) / len(subs), 4) if subs else None
            part[f"{ds}_events"] = len(oks)
            if oks:
                per_type.append(sum(oks) / len(oks))
        part["type_accuracy"] = round(sum(all_ok) / len(all_ok), 4) if all_ok else 0.0
        part["macro_type_accuracy"] = round(sum(per_type) / len(per_type), 4) if per_type else 0.0
        part["subtype_accuracy"] = round(sum(all_sub) / len(all_sub), 4) if all_sub else 0.0
        part["events"] = len(all_ok)
        if split == "all":
            out.update(part)
        else:
            out[split] = part
    out["_mistakes"] = mistakes
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="events per dataset (and GVA incidents)")
    args = ap.parse_args()
    res = evaluate(args.limit)
    mistakes = res.pop("_mistakes")
    for k, v in res.items():
        print(f"{k:34s} {v}")
    print(f"dev mistakes: {len(mistakes)} (in eval/results; test mistakes are not listed)")
    write_results("eventtype" if not args.limit else f"eventtype_limit{args.limit}", {**res, "mistakes": mistakes})


if __name__ == "__main__":
    main()
