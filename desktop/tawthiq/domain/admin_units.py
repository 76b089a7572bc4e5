"""Syria's administrative units (governorate > district > subdistrict) as the shipped
gazetteer and the governorates' outlines give them: their names in both languages, where a
place lies, and whether the place fields of one incident agree with each other.

The window, the command line and an import all ask ``place_problems``, so a governorate
that is not the one of the record's P-code, district or coordinates is found the same way
wherever it comes from. Stored values are never rewritten here: names are only looked up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.arabic import has_arabic, normalize
from tawthiq.domain.errors import N_, Name, Sentence, ValidationError
from tawthiq.domain.places import find_governorate
from tawthiq.domain.resources import read_json

LEVELS = ("governorate", "district", "subdistrict")
# how far (km) coordinates may lie outside their governorate's outline before they
# contradict it: the shipped outlines are simplified, and a camp's coordinates are imprecise
# on purpose (of the gazetteer's 7,593 communities, 36 lie outside their own governorate's
# outline, the farthest by 3.3 km; of its camps, the farthest by 1.5 km)
TOLERANCE_KM = 5.0
_EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Unit:
    """A place of the gazetteer and the P-codes of the units it lies in (its own included)."""

    pcode: str
    kind: str  # governorate, district, subdistrict, community, camp
    name_en: str
    name_ar: str
    governorate: str
    district: str | None
    subdistrict: str | None

    def parent(self, level: str) -> str | None:
        return {"governorate": self.governorate, "district": self.district}.get(level) or (
            self.subdistrict if level == "subdistrict" else None
        )


def _key(name: str) -> str:
    key = normalize(name).replace("-", " ").replace("'", "").replace("’", "")
    return " ".join(key.split())


@cache
def _gazetteer() -> tuple[dict[str, Unit], dict[tuple[str, str], tuple[Unit, ...]]]:
    """Every place by P-code, and each administrative unit under each key of its names."""
    data = read_json("gazetteer.json")
    at = {f: i for i, f in enumerate(data["fields"])}
    units: dict[str, Unit] = {}
    named: dict[tuple[str, str], list[Unit]] = {}
    for row in data["places"]:
        unit = Unit(
            row[at["pcode"]],
            row[at["kind"]],
            row[at["name_en"]],
            row[at["name_ar"]],
            row[at["governorate"]],
            row[at["district"]],
            row[at["subdistrict"]],
        )
        units[unit.pcode] = unit
        if unit.kind in LEVELS:
            names = {unit.name_en, unit.name_ar, *row[at["aliases"]]}
            for key in {_key(n) for n in names}:
                named.setdefault((unit.kind, key), []).append(unit)
    return units, {k: tuple(v) for k, v in named.items()}


def unit(pcode: str) -> Unit | None:
    """The place of the gazetteer with this P-code (None for one it does not hold)."""
    return _gazetteer()[0].get(pcode.strip().upper()) if pcode else None


def units_named(level: str, name: str) -> tuple[Unit, ...]:
    """The districts (or subdistricts, governorates) called ``name`` in either language."""
    return _gazetteer()[1].get((level, _key(name)), ())


def _governorate_pcode(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return find_governorate(name).pcode
    except ValidationError:
        return None


def unit_of(level: str, name: str | None, governorate: str | None = None) -> Unit | None:
    """The unit a stored district or subdistrict name stands for, preferring one in
    ``governorate`` (its English name) when several share the name."""
    found = units_named(level, name) if name else ()
    gov = _governorate_pcode(governorate)
    return next((u for u in found if u.governorate == gov), found[0] if found else None)


def unit_name(level: str, name: str | None, lang: str, governorate: str | None = None) -> str:
    """A stored district or subdistrict name as ``lang`` writes it ("Harim" -> "حارم"); a
    name the gazetteer does not know, or a Latin one in English, as it was written."""
    found = unit_of(level, name, governorate) if name else None
    if found is None or name is None or (lang != "ar" and not has_arabic(name)):
        return name or ""
    return found.name_ar if lang == "ar" else found.name_en


def country_name(code: str | None, lang: str) -> str:
    """A country code as a person reads it ("SY" -> "Syria", "سوريا")."""
    if not code:
        return ""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang).territories.get(code.upper(), code))
    except (UnknownLocaleError, ValueError):
        return code


def country_code(name: str) -> str | None:
    """The two-letter code of a country named in Arabic or English ("سوريا" -> "SY")."""
    from babel import Locale

    key = _key(name)
    for lang in ("en", "ar"):
        for code, territory in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and _key(territory) == key:
                return str(code)
    return None


# --- where coordinates lie ----------------------------------------------------------------


@cache
def _outlines() -> dict[str, list[list[tuple[float, float]]]]:
    shapes = read_json("governorate_shapes.json")["governorates"]
    return {g: [[(x, y) for x, y in ring] for ring in rings] for g, rings in shapes.items()}


def _inside(rings: list[list[tuple[float, float]]], lon: float, lat: float) -> bool:
    """Even-odd rule over every ring: inside a polygon and not in one of its holes."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _km_to_edge(rings: list[list[tuple[float, float]]], lon: float, lat: float) -> float:
    """Distance from the point to the nearest edge, on a plane scaled at its latitude."""
    scale = math.cos(math.radians(lat))
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            ax, ay, bx, by = (x1 - lon) * scale, y1 - lat, (x2 - lon) * scale, y2 - lat
            dx, dy = bx - ax, by - ay
            t = (
                0.0
                if dx == dy == 0
                else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
            )
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return math.radians(best) * _EARTH_KM


def governorate_at(lat: float, lon: float) -> str | None:
    """The P-code of the governorate whose outline holds the point (None: outside Syria)."""
    return next((g for g, rings in _outlines().items() if _inside(rings, lon, lat)), None)


def km_outside(governorate_pcode: str, lat: float, lon: float) -> float:
    """How far the point lies outside the governorate's outline (0 when inside)."""
    rings = _outlines().get(governorate_pcode)
    if not rings or _inside(rings, lon, lat):
        return 0.0
    return _km_to_edge(rings, lon, lat)


# --- the check ----------------------------------------------------------------------------

_LEVEL = {"district": Sentence(N_("district")), "subdistrict": Sentence(N_("subdistrict"))}


def _unit_name(pcode: str | None) -> Name:
    found = unit(pcode or "")
    return Name(found.name_en, found.name_ar) if found else Name(pcode or "")


def _stored(level: str, name: str, governorate: str | None) -> Name:
    """A stored name in both languages, as the documenter sees it in each."""
    return Name(
        unit_name(level, name, "en", governorate), unit_name(level, name, "ar", governorate)
    )


def _subdistrict_of(
    state: Mapping[str, Any], district: Unit | None, gov: str | None
) -> Unit | None:
    """Among subdistricts of the stored name, the one in the district (or governorate)
    the record names, else the first."""
    found = units_named("subdistrict", state.get("subdistrict") or "")
    within = district.pcode if district else gov
    return next(
        (u for u in found if within in (u.district, u.governorate)), found[0] if found else None
    )


def _named_in(level: str, name: str | None, parent: str, parent_level: str) -> bool:
    """Some unit of this level and name lies in ``parent`` (names repeat across them)."""
    return any(u.parent(parent_level) == parent for u in units_named(level, name or ""))


def _coordinates_problem(state: Mapping[str, Any], gov: str) -> tuple[str, dict[str, Any]] | None:
    """Coordinates farther outside the governorate than its outline's precision: the
    sentence and what it names."""
    lat, lon = state.get("lat"), state.get("lon")
    if not (isinstance(lat, float | int) and isinstance(lon, float | int)):
        return None
    if km_outside(gov, lat, lon) <= TOLERANCE_KM:
        return None
    there = governorate_at(lat, lon)
    template = (
        N_("the coordinates {lat}, {lon} lie in {other}, not in {governorate}")
        if there
        else N_("the coordinates {lat}, {lon} lie outside Syria, not in {governorate}")
    )
    return template, {"lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "other": _unit_name(there)}


def place_problems(state: Mapping[str, Any]) -> list[ValidationError]:
    """Every place field that contradicts a more precise one, each shown at the coarser
    field: the governorate against the country, P-code, district, subdistrict and
    coordinates; the district against the subdistrict and the P-code; the subdistrict
    against the P-code. A name or code the gazetteer does not know contradicts nothing."""
    problems: list[ValidationError] = []
    gov_name = state.get("governorate")
    gov = _governorate_pcode(gov_name)
    coded = unit(str(state.get("pcode") or ""))
    district = unit_of("district", state.get("district"), gov_name)
    subdistrict = _subdistrict_of(state, district, gov)
    here = _unit_name(gov)

    def add(field: str, template: str, **params: Any) -> None:
        if all(p.field != field for p in problems):
            problems.append(ValidationError(template, field=field, **params))

    if gov and state.get("country") not in (None, "SY"):
        add(
            "governorate",
            N_("{governorate} is in Syria, not in {country}"),
            governorate=here,
            country=Name(
                country_name(state["country"], "en"), country_name(state["country"], "ar")
            ),
        )
    if gov and coded and coded.governorate != gov:
        add(
            "governorate",
            N_("{governorate} is not the governorate of the P-code {pcode} ({place}, in {other})"),
            governorate=here,
            pcode=coded.pcode,
            place=_unit_name(coded.pcode),
            other=_unit_name(coded.governorate),
        )
    for level, found in (("district", district), ("subdistrict", subdistrict)):
        if gov and found and not _named_in(level, state.get(level), gov, "governorate"):
            add(
                "governorate",
                N_("{governorate} is not the governorate of the {level} {name} (in {other})"),
                governorate=here,
                level=_LEVEL[level],
                name=_stored(level, state[level], gov_name),
                other=_unit_name(found.governorate),
            )
    if gov:
        found_at = _coordinates_problem(state, gov)
        if found_at is not None:
            add("governorate", found_at[0], governorate=here, **found_at[1])
    if (
        district
        and subdistrict
        and not _named_in("subdistrict", state.get("subdistrict"), district.pcode, "district")
    ):
        add(
            "district",
            N_("{subdistrict} is not a subdistrict of {district} (it is in {other})"),
            subdistrict=_stored("subdistrict", state["subdistrict"], gov_name),
            district=_stored("district", state["district"], gov_name),
            other=_unit_name(subdistrict.district),
        )
    for level, found in (("district", district), ("subdistrict", subdistrict)):
        parent = coded.parent(level) if coded else None
        if (
            coded
            and found
            and parent
            and not any(u.pcode == parent for u in units_named(level, state[level]))
        ):
            add(
                level,
                N_("{name} is not the {level} of the P-code {pcode} ({place}, in {other})"),
                name=_stored(level, state[level], gov_name),
                level=_LEVEL[level],
                pcode=coded.pcode,
                place=_unit_name(coded.pcode),
                other=_unit_name(parent),
            )
    return problems
