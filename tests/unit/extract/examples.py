"""The extractor's examples: a report (or a line of one) and what must be read in it.

Each skill's test file holds two tables, the examples its rules were developed on and the
"bugs caught" regressions (found by blind tests, reviews and real published reports scored
once; each written anew for the project), run by one parametrised test with readable ids.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import pytest

from tawthiq.extract import extract
from tawthiq.extract.result import IncidentResult

SUNDAY = date(2022, 11, 6)
MONDAY = date(2022, 11, 7)


class Example(NamedTuple):
    text: str
    expect: dict[str, Any]  # field names; "place.<key>" and "date.precision" name a part of one
    ref: date = SUNDAY  # the day the report is read as published

    def found(self) -> dict[str, Any]:
        """What the extractor reads in the first incident, for the names this example expects."""
        incident = extract(self.text, ref_date=self.ref).incidents[0]
        return {name: value_of(incident, name) for name in self.expect}


def value_of(incident: IncidentResult, name: str) -> Any:
    """A field's value, the precision of the date, one key of the place (None if no place),
    the first of a list ("perpetrators.first") or whether a figure is approximate
    ("injured.approximate")."""
    if name == "date.precision":
        return incident["date"].extra["precision"]
    if name.startswith("place."):
        place = incident["place"].value
        return place[name.removeprefix("place.")] if place else None
    if name.endswith(".first"):
        return (incident[name.removesuffix(".first")].value or [None])[0]
    if name.endswith(".approximate"):
        return incident[name.removesuffix(".approximate")].extra.get("approximate")
    return incident[name].value


def cases(*tables: dict[str, Example], still_open: dict[str, str] | None = None) -> list[Any]:
    """One parametrised case per example, its key as the id; an id may stand only once.
    ``still_open``: ids a review found that are not fixed yet, with why: a strict xfail
    (it must fail today, so a fix is noticed)."""
    ids = [key for table in tables for key in table]
    assert len(ids) == len(set(ids)), "an example's id stands twice"
    still_open = still_open or {}
    assert set(still_open) <= set(ids), "an open id names no example"
    return [
        pytest.param(
            example,
            id=key,
            marks=[pytest.mark.xfail(strict=True, reason=still_open[key])]
            if key in still_open
            else [],
        )
        for table in tables
        for key, example in table.items()
    ]
