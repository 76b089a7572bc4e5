"""What a list of incidents is narrowed to: a plain value the window, the command line and
the store all understand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    date_from: str | None = None
    date_to: str | None = None
    governorate: str | None = None
    incident_type: str | None = None
    status: str | None = None
    perpetrator: str | None = None
    text: str | None = None
    include_deleted: bool = False
    # only incidents with a field in conflict (deleted ones too: an edit may contest a deletion)
    conflicts_only: bool = False
    # other columns of the field registry equal to a value: (("munition_remnants", True),)
    fields: tuple[tuple[str, Any], ...] = ()
    # Many reports, one incident: the range of a figure across the reports of an
    # incident's group reaches at least / goes down to at most a number, (("killed",
    # "min", 10),) for "some report gave 10 killed or more" (``RANGE_BOUNDS``)
    ranges: tuple[tuple[str, str, int], ...] = ()


RANGED = ("killed", "injured")
# a bound on the range -> the end of it compared: "min" N, some report gave N or more (the
# range's highest figure >= N); "max" N, some report gave N or fewer (its lowest <= N)
RANGE_BOUNDS = {"min": "max", "max": "min"}
