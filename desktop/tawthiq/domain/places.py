"""Governorates of the shipped gazetteer, looked up by any of their Arabic or English names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tawthiq.domain.arabic import normalize
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.resources import read_json


@dataclass(frozen=True, slots=True)
class Governorate:
    pcode: str
    name_en: str
    name_ar: str
    lat: float
    lon: float


def _key(name: str) -> str:
    key = normalize(name).replace("-", " ").strip()
    for prefix in ("محافظه ", "governorate of "):
        key = key.removeprefix(prefix)
    return key.removesuffix(" governorate").strip()


@cache
def _index() -> dict[str, Governorate]:
    index: dict[str, Governorate] = {}
    for g in read_json("governorates.json")["governorates"]:
        gov = Governorate(g["pcode"], g["name_en"], g["name_ar"], g["lat"], g["lon"])
        for name in (g["pcode"], g["name_en"], g["name_ar"], *g["aliases"]):
            index[_key(name)] = gov
    return index


def governorates() -> list[Governorate]:
    return sorted(set(_index().values()), key=lambda g: g.pcode)


def find_governorate(name: str) -> Governorate:
    """The governorate called ``name`` in Arabic or English, any common spelling.

    >>> find_governorate("ادلب").name_en, find_governorate("Idleb").pcode
    ('Idlib', 'SY07')
    """
    gov = _index().get(_key(name))
    if gov is None:
        known = ", ".join(g.name_en for g in governorates())
        raise ValidationError(f"unknown governorate {name!r}; known governorates: {known}")
    return gov
