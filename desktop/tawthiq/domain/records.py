"""Read-only views of an incident and a source report, built from their current field values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tawthiq.domain.errors import N_, TamperedError
from tawthiq.domain.fields import FIELDS, INCIDENT


@dataclass(frozen=True, slots=True)
class Casualties:
    """A figure as min/max, as Airwars records it; ``approximate`` when a report was vague."""

    min: int
    max: int
    approximate: bool = False

    @classmethod
    def from_value(cls, v: Mapping[str, Any] | None) -> Casualties | None:
        return None if v is None else cls(v["min"], v["max"], bool(v.get("approximate")))

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more current values of one field that were written without seeing each other."""

    field: str
    values: tuple[Any, ...]
    event_ids: tuple[str, ...]


# the confidentiality code of what may be handed to anyone (a public PDF, a data export)
PUBLIC = "public"


def is_public(values: Mapping[str, Any]) -> bool:
    """Whether an incident (its values) may be shown in a public report or export."""
    return values.get("confidentiality") == PUBLIC and not values.get("deleted")


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    title_ar: str | None = None
    title_en: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    governorate: str | None = None
    place_name: str | None = None
    incident_type: str | None = None
    weapons: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    killed: Casualties | None = None
    injured: Casualties | None = None
    status: str | None = None
    deleted: bool = False
    values: Mapping[str, Any] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()
    # Fields whose value the extractor suggested and no person has checked yet.
    unchecked: tuple[str, ...] = ()
    # Many reports, one incident: the range of the figures the reports of the incident's
    # group gave, as lists read it (None where no report gave one, or not read)
    killed_range: Casualties | None = None
    injured_range: Casualties | None = None

    @classmethod
    def from_state(
        cls,
        incident_id: str,
        state: Mapping[str, Any],
        conflicts: tuple[Conflict, ...] = (),
        unchecked: Iterable[str] = (),
    ) -> Incident:
        try:
            return cls._from_state(incident_id, state, conflicts, unchecked)
        except (TypeError, ValueError, KeyError, AttributeError):  # no value Tawthiq writes
            raise TamperedError(
                N_(
                    "incident {id} holds a value Tawthiq never writes: the database was changed "
                    "outside Tawthiq (run `tawthiq verify` to see where)"
                ),
                id=incident_id[:8],
            ) from None

    @classmethod
    def _from_state(
        cls,
        incident_id: str,
        state: Mapping[str, Any],
        conflicts: tuple[Conflict, ...],
        unchecked: Iterable[str],
    ) -> Incident:
        def day(name: str) -> date | None:
            v = state.get(name)
            return date.fromisoformat(v) if v else None

        return cls(
            id=incident_id,
            title_ar=state.get("title_ar"),
            title_en=state.get("title_en"),
            date_start=day("date_start"),
            date_end=day("date_end"),
            date_precision=state.get("date_precision"),
            governorate=state.get("governorate"),
            place_name=state.get("place_name")
            or state.get("place_name_ar")
            or state.get("place_name_en"),
            incident_type=state.get("incident_type"),
            weapons=tuple(state.get("weapons") or ()),
            perpetrators=tuple(state.get("perpetrators") or ()),
            killed=Casualties.from_value(state.get("killed")),
            injured=Casualties.from_value(state.get("injured")),
            status=state.get("status"),
            deleted=bool(state.get("deleted")),
            values=dict(state),
            conflicts=conflicts,
            unchecked=tuple(sorted(unchecked)),
        )

    @property
    def title(self) -> str:
        return self.title_ar or self.title_en or ""

    # Every field of the record, read through the registry: a name that is not an incident
    # field, or not of the kind asked for, is a mistake in the code and fails at once.

    def _of(self, name: str, *kinds: str) -> Any:
        spec = FIELDS[INCIDENT].get(name)
        if spec is None or spec.kind not in kinds:
            raise KeyError(f"{name!r} is not an incident field of kind {' or '.join(kinds)}")
        return self.values.get(name)

    def text(self, name: str) -> str | None:
        """A text field ("narrative", "pcode"), a date as written, or a code."""
        value = self._of(name, "text", "date", "time", "code", "governorate", "country")
        return None if value is None else str(value)

    def code(self, name: str) -> str | None:
        value = self._of(name, "code")
        return None if value is None else str(value)

    def codes(self, name: str) -> tuple[str, ...]:
        return tuple(self._of(name, "codes") or ())

    def names(self, name: str) -> tuple[str, ...]:
        return tuple(self._of(name, "texts") or ())

    def count(self, name: str) -> Casualties | None:
        return Casualties.from_value(self._of(name, "count"))

    def number(self, name: str) -> float | None:
        value = self._of(name, "latitude", "longitude")
        return None if value is None else float(value)

    def flag(self, name: str) -> bool | None:
        """A yes-or-no field: None when nobody said."""
        value = self._of(name, "bool")
        return None if value is None else bool(value)


@dataclass(frozen=True, slots=True)
class SourceReport:
    id: str
    text: str | None = None
    language: str | None = None
    outlet: str | None = None
    url: str | None = None
    publication_date: str | None = None
    received_date: str | None = None
    reliability: str | None = None

    @classmethod
    def from_state(cls, report_id: str, state: Mapping[str, Any]) -> SourceReport:
        keys = (
            "text",
            "language",
            "outlet",
            "url",
            "publication_date",
            "received_date",
            "reliability",
        )
        return cls(id=report_id, **{k: state.get(k) for k in keys})


# Where a value came from: typed or confirmed by a person, suggested by the extractor and
# not checked, or arrived from an import of another format.
PERSON, EXTRACTOR, IMPORTED = "person", "extractor", "import"
ORIGINS = (PERSON, EXTRACTOR, IMPORTED)


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the audit trail: who changed which field, from what, to what, when."""

    event_id: str
    when: datetime
    author: str
    device_id: str
    field: str
    old: tuple[Any, ...]
    new: Any
    in_conflict: bool
    # "person", "extractor" (suggested, not checked), "import", or None (written before
    # Tawthiq kept where values came from)
    origin: str | None = None
