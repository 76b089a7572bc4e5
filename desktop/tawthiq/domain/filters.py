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
