"""Place recognition and resolution on GeoWebNews (Gritta et al. 2019).

Gold: the named toponyms of GWN.xml that carry coordinates, as nouns (types Literal, Literal_Modifier,
Mixed, Metonymic, Non_Literal_Modifier, Coercion; adjectives such as "Irish" and names embedded in
organisation names are left out: our places are place names).  Common-noun expressions ("the church")
are not names.  A second recognition figure counts every geocoded gold name, adjectives included.

Figures: recognition P/R/F1 with strict and relaxed (overlap) spans; of the gold places that were
recognised, the share resolved at all and, of those, the share within 161 km (100 miles) of the gold
point.  Split: every 5th article (file index % 5 == 4) is "test", the rest "tune".

Run: .venv/bin/python -m eval.places [--limit N]
"""

from __future__ import annotations

import argparse
import math
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from eval.common import data_dir, write_results
from eval.scorers import span_prf

NOUN_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Metonymic", "Non_Literal_Modifier", "Coercion"})
KM_161 = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    kind: str
    modifier: str
    lat: float | None
    lon: float | None

    @property
    def is_name(self) -> bool:
        return self.kind in NOUN_TYPES and self.modifier != "Adjective" and self.lat is not None


def load_gwn(limit: int | None = None) -> list[tuple[int, str, str, list[GoldToponym]]]:
    """(file index, title, text, gold toponyms) per article."""
    root = ET.parse(data_dir() / "geowebnews" / "GWN.xml").getroot()
    out = []
    for art in root.findall("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.find("toponyms") or []:
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gold.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "",
                                    t.findtext("type") or "", t.findtext("modifierType") or "",
                                    float(lat) if lat else None, float(lon) if lon else None))
        out.append((int(art.get("file", len(out))), art.findtext("title") or "", text, gold))
        if limit and len(out) >= limit:
            break
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures for a list of per-article rows (gold and predicted)."""
    gold = [(r["doc"], g.start, g.end) for r in rows for g in r["gold"] if g.is_name]
    gold_all = [(r["doc"], g.start, g.end) for r in rows for g in r["gold"] if g.lat is not None]
    pred = [(r["doc"], p.span.start, p.span.end) for r in rows for p in r["pred"]]
    matched = resolved = within = 0
    errors_km: list[float] = []
    for r in rows:
        for g in r["gold"]:
            if not g.is_name:
                continue
            hit = next((p for p in r["pred"] if p.span.start < g.end and g.start < p.span.end), None)
            if hit is None:
                continue
            matched += 1
            if hit.lat is None:
                continue
            resolved += 1
            d = haversine_km(g.lat, g.lon, hit.lat, hit.lon)
            errors_km.append(d)
            within += d <= KM_161
    errors_km.sort()
    return {
        "articles": len(rows),
        "recognition_strict": span_prf(gold, pred).as_dict(),
        "recognition_relaxed": span_prf(gold, pred, relaxed=True).as_dict(),
        "recognition_relaxed_all_geocoded": span_prf(gold_all, pred, relaxed=True).as_dict(),
        "gold_names_recognised": matched,
        "resolved_share": round(resolved / matched, 4) if matched else 0.0,
        "within_161km_of_resolved": round(within / resolved, 4) if resolved else 0.0,
        "within_161km_of_recognised": round(within / matched, 4) if matched else 0.0,
        "median_error_km": round(errors_km[len(errors_km) // 2], 1) if errors_km else None,
    }


def run(limit: int | None = None, split: str | None = None) -> dict[str, Any]:
    from newsfuse.extract.places import STAGE
    from newsfuse.stages import analyse_text

    rows_by_split: dict[str, list[dict[str, Any]]] = {"tune": [], "test": []}
    t0 = time.perf_counter()
    for idx, _title, text, gold in load_gwn(limit):
        part = "test" if idx % 5 == 4 else "tune"
        if split and part != split:
            continue
        a = analyse_text(text, article_id=str(idx), stages=[STAGE])
        rows_by_split[part].append({"doc": idx, "gold": gold, "pred": a.places, "text": text})
    results = {part: score(rows) for part, rows in rows_by_split.items() if rows}
    results["seconds"] = round(time.perf_counter() - t0, 1)
    return results | {"_rows": rows_by_split}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--split", choices=("tune", "test"), default=None)
    args = ap.parse_args()
    results = run(args.limit, args.split)
    results.pop("_rows")
    print(f"{'split':6} {'F1 strict':>9} {'F1 relax':>9} {'P relax':>8} {'R relax':>8} {'resolved':>9} {'<=161km':>8}")
    for part in ("tune", "test"):
        if part in results:
            r = results[part]
            print(f"{part:6} {r['recognition_strict']['f1']:9.3f} {r['recognition_relaxed']['f1']:9.3f} "
                  f"{r['recognition_relaxed']['precision']:8.3f} {r['recognition_relaxed']['recall']:8.3f} "
                  f"{r['resolved_share']:9.3f} {r['within_161km_of_resolved']:8.3f}")
    path = write_results("places", results)
    print(f"wrote {path} ({results['seconds']} s)")


if __name__ == "__main__":
    main()


# The CI subset: the first articles of the file (both splits), small enough for a fast floor test.
CI_ARTICLES = 40


def ci_figures(limit: int = CI_ARTICLES) -> dict[str, float]:
    """Flat figures on the CI subset, as eval/floors/places.json names them."""
    results = run(limit)
    r = score([row for rows in results["_rows"].values() for row in rows])
    return {
        "recognition_relaxed_f1": r["recognition_relaxed"]["f1"],
        "recognition_strict_f1": r["recognition_strict"]["f1"],
        "resolved_share": r["resolved_share"],
        "within_161km_of_resolved": r["within_161km_of_resolved"],
    }
