"""Derive resources/governorates.json from Open-Syria's admin1 list (CC BY 4.0).

Run from the repository root: python scripts/build_governorates.py ../shared/data/gazetteer
The full place gazetteer is built by the extractor's own script; this file only gives the
governorate names the incident form and the CLI validate against.
"""

from __future__ import annotations

import csv
import json
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


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteer")
