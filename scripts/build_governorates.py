"""Derive resources/governorates.json from Open-Syria's admin1 list (CC BY 4.0), and
resources/governorate_shapes.json, the governorates' outlines from OCHA's admin boundaries
(COD-AB via HDX, CC BY 3.0 IGO), as the OCHA copy beside the data carries them.

Run from the repository root: python scripts/build_governorates.py ../shared/data/gazetteer
The full place gazetteer is built by the extractor's own script; these files give the
governorate names the incident form and the CLI validate against, and the outlines that
say which governorate a pair of coordinates lies in.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path


def main(gazetteer_dir: str) -> None:
    src = Path(gazetteer_dir) / "opensyria" / "governorates.json"
    ocha = Path(gazetteer_dir) / "derived_ocha_syr_admin123_centroids_salih17.csv"
    ocha_names: dict[str, set[str]] = {}
    with ocha.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["level"] == "governorate":
                ocha_names[row["pcode"]] = {row["name_en"], row["name_ar"]}
    rows = []
    for g in json.loads(src.read_text(encoding="utf-8")):
        pcode = g["externalIds"]["ochaPcode"]
        names = {a["value"] for a in g.get("aliases", [])} | ocha_names.get(pcode, set())
        aliases = sorted(names - {g["name"]["en"], g["name"]["ar"]})
        rows.append(
            {
                "pcode": pcode,
                "name_en": g["name"]["en"],
                "name_ar": g["name"]["ar"],
                "aliases": aliases,
                "lat": g["centroid"]["latitude"],
                "lon": g["centroid"]["longitude"],
            }
        )
    rows.sort(key=lambda r: r["pcode"])
    out = {
        "_source": "Open-Syria data-geography governorates.json (CC BY 4.0) "
        "and OCHA COD admin1 names (CC BY 3.0 IGO)",
        "country": "SY",
        "governorates": rows,
    }
    Path("resources/governorates.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(rows)} governorates")
    write_shapes(Path(gazetteer_dir))


def write_shapes(src: Path) -> None:
    """The outline of each governorate: its rings as [lon, lat] points to 4 decimals (about
    10 m, far finer than the outlines themselves); a point inside an odd number of a
    governorate's rings is inside it."""
    script = (src / "salih17_syria_data.js").read_text(encoding="utf-8")
    start = script.index("BOUNDARIES = ") + len("BOUNDARIES = ")
    body = re.sub(r"^  (\w+):", r'  "\1":', script[start:].rstrip().rstrip(";"), flags=re.M)
    shapes: dict[str, list[list[list[float]]]] = {}
    for feature in json.loads(body)["governorate"]["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring for polygon in polygons for ring in polygon]
        shapes[feature["properties"]["p"]] = [
            [[round(lon, 4), round(lat, 4)] for lon, lat in ring] for ring in rings
        ]
    out = {
        "_source": "OCHA Common Operational Dataset admin-1 boundaries (HDX, CC BY 3.0 IGO), "
        "as simplified in salih-17/Syria-Administrative-LookupV2",
        "governorates": dict(sorted(shapes.items())),
    }
    text = json.dumps(out, separators=(",", ":"))
    Path("resources/governorate_shapes.json").write_text(
        text.replace('"SY', '\n"SY') + "\n", encoding="utf-8"
    )
    print(f"wrote the outlines of {len(shapes)} governorates")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteer")
