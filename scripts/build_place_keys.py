"""Derive resources/extract/place_keys.json: the match keys of every name in the gazetteer.

Run from the repository root after changing resources/gazetteer.json, the aliases in
resources/extract/places.json or how names are keyed (tawthiq.extract.gazetteer.name_keys):
    python scripts/build_place_keys.py
Computing the keys of 18,000 names is most of the extractor's start-up time; shipped
precomputed, they are read instead (tests/unit/test_extract_resources.py fails when the file no
longer matches what name_keys gives).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))
from tawthiq.extract.gazetteer_extra import all_names
from tawthiq.extract.place_names import name_keys

OUT = Path(__file__).resolve().parents[1] / "resources" / "extract" / "place_keys.json"


def main() -> None:
    keys = {}
    for name in sorted(all_names()):
        found = name_keys(name)
        keys[name] = None if found is None else [found[0], found[2]]
    OUT.write_text(
        json.dumps({"keys": keys}, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8"
    )
    print(f"{OUT}: {len(keys)} names, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
