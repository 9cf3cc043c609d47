"""Build src/newsfuse/web/static/world.json: country outlines as SVG path data for the offline map.

Input: `countries-110m.json` (TopoJSON) from the npm package `world-atlas` (ISC licence; the shapes are
Natural Earth 1:110m, public domain). Get it with `cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz`
and run `python scripts/build_world_svg.py /tmp/package/countries-110m.json`. Run once; the output is committed.

Projection: equirectangular, x = lon + 180, y = 90 - lat (degrees), so the page places an event's dot at
the same formula. Antarctica is dropped (no events there; it would take a fifth of the map).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "newsfuse" / "web" / "static" / "world.json"
# One decimal of a degree (~11 km) is finer than the 1:110m shapes themselves.
DECIMALS = 1
DROP = {"010"}  # Antarctica
# Natural Earth entities without an ISO 3166 numeric code in world-atlas: give them the code analysts expect.
EXTRA_ISO2 = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Delta-decode the quantised arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs (a negative index ~i means arc i reversed), dropping each shared end point."""
    pts: list[tuple[float, float]] = []
    for idx in ring:
        arc = arcs[idx] if idx >= 0 else list(reversed(arcs[~idx]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def unwrap(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) drawn twice, east- and west-shifted by 360
    degrees, so it is whole on both edges of the map instead of a line across the world."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(points, points[1:])):
        return [points]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    west = [(lon - 360 if lon > 0 else lon, lat) for lon, lat in points]
    return [east, west]


def ring_path(points: list[tuple[float, float]]) -> str:
    """SVG path data for one closed ring in the page's projection, with repeated points removed."""
    out: list[str] = []
    last = None
    for lon, lat in points:
        p = (round(lon + 180, DECIMALS), round(90 - lat, DECIMALS))
        if p != last:
            out.append(f"{p[0]:g},{p[1]:g}")
            last = p
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def iso2(numeric: str | None, name: str) -> str | None:
    if numeric:
        c = pycountry.countries.get(numeric=numeric)
        if c is not None:
            return c.alpha_2
    return EXTRA_ISO2.get(name)


def build(topo_path: Path) -> dict[str, Any]:
    topo = json.loads(topo_path.read_text())
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") in DROP or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        d = "".join(ring_path(part) for poly in polys for ring in poly for part in unwrap(ring_points(ring, arcs)))
        name = g["properties"]["name"]
        countries.append({"numeric": g.get("id"), "iso2": iso2(g.get("id"), name), "name": name, "d": d})
    countries.sort(key=lambda c: c["name"])
    return {
        "source": "Natural Earth 1:110m countries (public domain) via the npm package world-atlas 2 (ISC)",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat",
        "viewBox": [0, 0, 360, 150],  # lat 90 .. -60: Antarctica dropped
        "countries": countries,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topojson", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.topojson)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    print(f"{len(data['countries'])} countries -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
