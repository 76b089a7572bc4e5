"""The gazetteer's lookup index: the key of each name -> the places it names, and the keys
that names begin with (``name_keys``).

Keying 18,000 names and making a place of each of 8,700 rows was most of the extractor's
start-up, so scripts/build_place_keys.py builds the index once and it ships
(resources/extract/place_index.json, each key's places as their pcodes: "SY070000 C1234");
a place is made from its row when a report first names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tawthiq.extract.place_names import (
    NAME_WORD,
    Place,
    en_piece,
    fold_latin,
    name_keys,
    vowel_shape,
)
from tawthiq.extract.tokens import ARABIC_LETTER

KINDS = ("governorate", "district", "subdistrict", "community", "camp")
# the columns of resources/gazetteer.json a Place is made of, in the Place's order
PLACE_FIELDS = (
    "pcode", "kind", "name_en", "name_ar", "governorate", "district", "subdistrict", "lat", "lon"
)  # fmt: skip


class Places(dict[str, Place]):
    """Places by pcode, each made from its row the first time it is asked for."""

    def __init__(self, rows: dict[str, list[Any]], unit: dict[str, str], at: list[int]) -> None:
        """``rows`` by pcode; ``unit``: the English name of every governorate, district and
        subdistrict by pcode; ``at``: where each of PLACE_FIELDS is in a row."""
        super().__init__()
        self._rows, self._unit, self._at = rows, unit, at

    def __missing__(self, pcode: str) -> Place:
        row, unit = self._rows[pcode], self._unit
        code, kind, en, ar, gov, district, sub, lat, lon = (row[i] for i in self._at)
        place = Place(
            code, kind, en, ar, unit[gov], unit.get(district or ""), unit.get(sub or ""), lat, lon
        )
        self[pcode] = place
        return place

    def every(self) -> tuple[Place, ...]:
        """Every place, in the gazetteer's order."""
        return tuple(self[pcode] for pcode in self._rows)

    def of_kind(self, kind: str) -> list[Place]:
        """The places of one kind ("governorate"), in the gazetteer's order."""
        at = self._at[PLACE_FIELDS.index("kind")]
        return [self[pcode] for pcode, row in self._rows.items() if row[at] == kind]


class Buckets(dict[str, Any]):
    """Index key -> the places it names, in the order of KINDS; held as their pcodes
    ("SY070000 C1234") until the key is first looked up."""

    def __init__(self, index: dict[str, str], places: Places) -> None:
        super().__init__(index)
        self._places = places

    def __getitem__(self, key: str) -> list[Place]:
        bucket = dict.__getitem__(self, key)
        if isinstance(bucket, str):
            bucket = [self._places[pcode] for pcode in bucket.split(" ")]
            dict.__setitem__(self, key, bucket)
        return bucket  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (this is get)


def places_of(data: dict[str, Any]) -> tuple[Places, dict[str, tuple[str, ...]]]:
    """The places of the gazetteer's rows (as resources/gazetteer.json holds them), by pcode,
    and the names of each: Arabic, English, then its aliases."""
    fields = data["fields"]
    pcode, kind, en, ar, aliases = (
        fields.index(f) for f in ("pcode", "kind", "name_en", "name_ar", "aliases")
    )
    rows = {r[pcode]: r for r in data["places"]}
    unit = {code: r[en] for code, r in rows.items() if r[kind] != "community"}
    places = Places(rows, unit, [fields.index(f) for f in PLACE_FIELDS])
    return places, {code: (r[ar], r[en], *r[aliases]) for code, r in rows.items()}


def index_keys(name: str) -> tuple[str, list[str]] | None:
    """What the index needs of ``name_keys``: (index key, keys of its first words)."""
    found = name_keys(name)
    return None if found is None else (found[0], found[2])


def vowel_shapes(names: Iterable[str]) -> frozenset[str]:
    """The vowels (``vowel_shape``) of each English name of a place: a spelling whose vowels
    are none of them names another place ("Baghuz" is not Bughaz)."""
    return frozenset(
        vowel_shape("".join(en_piece(w, False) for w in NAME_WORD.findall(fold_latin(n))))
        for n in names
        if not ARABIC_LETTER.search(n)
    )


def build_index(places: Places, names: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """The index of every name of every place (``names`` by pcode, in the gazetteer's order:
    a district's centre comes before the other communities of its name), as shipped:
    {"index": {key: "pcode pcode …"}, "prefixes": [key of a name's first words, …],
    "vowel_shapes": {pcode: its English names' vowel shapes, "|" between them ("a|au"), …}
    (computed for every place a report's English word may match, on its first reading,
    they took milliseconds)}."""
    index: dict[str, list[str]] = {}
    prefixes: set[str] = set()
    for pcode, own in names.items():
        for name in own:
            keyed = index_keys(name)
            if keyed is None:
                continue
            bucket = index.setdefault(keyed[0], [])
            if pcode not in bucket:
                bucket.append(pcode)
            prefixes.update(keyed[1])
    rank = {pcode: KINDS.index(places[pcode].kind) for pcode in names}
    return {
        "index": {key: " ".join(sorted(b, key=rank.__getitem__)) for key, b in index.items()},
        "prefixes": sorted(prefixes),
        "vowel_shapes": {
            pcode: "|".join(sorted(shapes))
            for pcode, own in names.items()
            if (shapes := vowel_shapes(own))
        },
    }
