"""When two incidents recorded separately are probably one: same date give or take a day,
a place nearby, casualty figures alike. Pure functions over incident values."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from tawthiq.domain.arabic import search_terms
from tawthiq.domain.errors import N_

NEAR_KM = 10.0
DAYS = 1


def _day(values: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(values["date_start"])
    except (KeyError, TypeError, ValueError):
        return None


def distance_km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (math.radians(float(v[k])) for v in (a, b) for k in ("lat", "lon"))
    except (KeyError, TypeError, ValueError):
        return None
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _names(values: Mapping[str, Any]) -> set[str]:
    out = set()
    for key in ("place_name", "place_name_ar", "place_name_en"):
        if values.get(key):
            out.add(" ".join(search_terms(str(values[key]))))
    return out - {""}


def place_match(a: Mapping[str, Any], b: Mapping[str, Any]) -> str | None:
    """Why the two places are the same or near (None when they are not, or not known)."""
    if a.get("pcode") and a.get("pcode") == b.get("pcode"):
        return N_("the same place code")
    km = distance_km(a, b)
    if km is not None and km <= NEAR_KM:
        return N_("places within 10 km")
    if _names(a) & _names(b):
        return N_("the same place name")
    finer = ("pcode", "lat", "place_name", "place_name_ar", "place_name_en")
    if (
        a.get("governorate")
        and a.get("governorate") == b.get("governorate")
        and not (any(a.get(k) for k in finer) and any(b.get(k) for k in finer))
    ):
        return N_("the same governorate (no finer place on one of them)")
    return None


def _alike(x: Mapping[str, Any] | None, y: Mapping[str, Any] | None) -> bool | None:
    if not x or not y:
        return None
    lo, hi = max(x["min"], y["min"]), min(x["max"], y["max"])
    if lo <= hi:
        return True  # the ranges overlap
    gap = lo - hi
    return bool(gap <= max(2, 0.25 * max(x["max"], y["max"])))


def casualties_compared(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool | None:
    """Whether the killed (else the injured) figures overlap or differ by at most 2 or a
    quarter; None when neither figure is known on both sides (nothing to compare)."""
    for key in ("killed", "injured"):
        verdict = _alike(a.get(key), b.get(key))
        if verdict is not None:
            return verdict
    return None


def duplicate_reasons(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str] | None:
    """Why ``a`` and ``b`` may be the same incident, or None when they are not likely; a
    reason is given only where it holds (no "similar figures" when a side has none)."""
    da, db = _day(a), _day(b)
    if da is None or db is None or abs((da - db).days) > DAYS:
        return None
    place = place_match(a, b)
    figures = casualties_compared(a, b)
    if place is None or figures is False:
        return None
    when = N_("the same date") if da == db else N_("dates a day apart")
    return [when, place, *([N_("similar casualty figures")] if figures else [])]
