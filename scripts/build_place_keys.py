"""Derive resources/extract/place_index.json: the gazetteer's lookup index (the match key of
every name -> the places it names, and the keys of names' first words), and
resources/extract/place_fuzzy.json: the English forms of every town's names that a
transliteration is compared with (tawthiq.extract.place_fuzzy).

Run from the repository root after changing resources/gazetteer.json, the aliases in
resources/extract/places.json or how names are keyed (tawthiq.extract.gazetteer.name_keys):
    python scripts/build_place_keys.py
Keying 18,000 names and indexing them was most of the extractor's start-up time; shipped
prebuilt, the index is read instead (tests/unit/test_extract_resources.py fails when the file no
longer matches what tawthiq.extract.gazetteer_index.build_index builds).

The English forms come from the gazetteer's English names and aliases (OCHA, GeoNames,
Open-Syria; see resources/gazetteer.json "_source" for their licences) and from its Arabic
names transliterated here ("كفرنبل" -> "kafrnbl"), so "Kafr Nabl" and "Kafranbel" find
Kafr Nobol whatever spelling OCHA chose.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))
from tawthiq.domain.arabic import normalize
from tawthiq.domain.resources import read_json
from tawthiq.extract.gazetteer_extra import with_aliases
from tawthiq.extract.gazetteer_index import build_index, places_of
from tawthiq.extract.place_fuzzy import FUZZY_KINDS, english_form, fuzzy_skeleton

OUT = Path(__file__).resolve().parents[1] / "resources" / "extract" / "place_index.json"
FUZZY = OUT.with_name("place_fuzzy.json")
ARABIC = re.compile("[\u0621-\u064a]")
# one Latin spelling of each Arabic letter, as the common transliterations write it; ع and
# ء are left out ("عين" -> "ain"), و and ي are vowels inside a word ("زيزون" -> "zizun")
_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ى": "a", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ء": "",
    "ؤ": "", "ئ": "",
}  # fmt: skip


def transliterate(name: str) -> str:
    """An Arabic name in Latin letters, the article kept as "al-": "كفر نبل" -> "kfr nbl"."""
    words = []
    for word in normalize(name).split():
        out = []
        for i, ch in enumerate(word):
            if ch == "ه" and i == len(word) - 1 and i > 1:
                out.append("a")  # ة, folded to ه: "حرمة" -> "hrma"
            elif ch in "وي":
                out.append(("w" if ch == "و" else "y") if i == 0 else ("u" if ch == "و" else "i"))
            else:
                out.append(_LETTERS.get(ch, ""))
        latin = "".join(out)
        words.append("al-" + latin[2:] if latin.startswith("al") and len(latin) > 4 else latin)
    return " ".join(w for w in words if w)


def fuzzy_forms() -> dict[str, str]:
    """skeleton -> "English form pcode|English form pcode|…" of every town, camp and unit
    (tawthiq.extract.place_fuzzy.entries_of reads it)."""
    data = with_aliases(read_json("gazetteer.json"))
    fields = data["fields"]
    pcode, kind, en, ar, aliases = (
        fields.index(f) for f in ("pcode", "kind", "name_en", "name_ar", "aliases")
    )
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in data["places"]:
        if row[kind] not in FUZZY_KINDS:
            continue
        for name in (row[en], row[ar], *row[aliases]):
            latin = transliterate(name) if ARABIC.search(name) else name
            form = english_form(latin)
            if len(form) >= 3:
                out[fuzzy_skeleton(form)].add((form, row[pcode]))
    return {sk: "|".join(map(" ".join, sorted(forms))) for sk, forms in sorted(out.items())}


def place_index() -> dict[str, Any]:
    """The index of the gazetteer's names, their aliases included."""
    index = build_index(*places_of(with_aliases(read_json("gazetteer.json"))))
    return {**index, "index": dict(sorted(index["index"].items()))}


def main() -> None:
    index = place_index()
    OUT.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUT}: {len(index['index'])} keys, {OUT.stat().st_size / 1e6:.2f} MB")
    forms = fuzzy_forms()
    FUZZY.write_text(json.dumps({"forms": forms}, separators=(",", ":")) + "\n", "utf-8")
    print(f"{FUZZY}: {len(forms)} skeletons, {FUZZY.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
