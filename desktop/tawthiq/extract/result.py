"""The extraction result, shaped exactly as DESIGN.md's extraction contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tawthiq.domain.fields import extracted_fields

# the contract's fields, in the order of the incident fields they fill (the registry's)
FIELDS = tuple(dict.fromkeys(f.extract_field for f in extracted_fields()))
LIST_FIELDS = frozenset(f.extract_field for f in extracted_fields() if f.kind == "codes")
COUNT_FIELDS = frozenset(f.extract_field for f in extracted_fields() if f.kind == "count")
# yes-or-no facts a listed phrase tells ("unexploded ordnance"): see extract/flags.py
FLAG_FIELDS = tuple(f.name for f in extracted_fields() if f.kind == "bool")


@dataclass(frozen=True, slots=True)
class FieldResult:
    """One field: its value, how sure we are, and where in the text it came from."""

    value: Any = None
    confidence: float = 0.0
    spans: tuple[tuple[int, int], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    # why it is less sure than its words suggest, for the people checking it (not part of
    # the JSON contract): "today" when "اليوم", "yesterday" … were counted from today's date
    # for want of the day the report was written
    unsure: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            **self.extra,
            "confidence": round(self.confidence, 2),
            "spans": [list(s) for s in self.spans],
        }


def exact_count(value: int, confidence: float, spans: tuple[tuple[int, int], ...]) -> FieldResult:
    """A count told exactly (no range, not approximate): ``value`` people."""
    return FieldResult(value, confidence, spans, {"min": value, "max": value, "approximate": False})


def unknown(name: str) -> FieldResult:
    if name in LIST_FIELDS:
        return FieldResult(value=[])
    if name in COUNT_FIELDS:
        return FieldResult(extra={"min": None, "max": None, "approximate": False})
    if name == "date":
        return FieldResult(extra={"precision": None})
    return FieldResult()


@dataclass(frozen=True, slots=True)
class IncidentResult:
    """One incident's fields; ``sentence`` is the sentence of the report it rests on (its
    words as the value, its span), ``why`` what makes it an incident of its own: "headline"
    for the one the report is mostly about, else "other_governorate", "other_place" or
    "own_day" (extract/incidents.py)."""

    fields: dict[str, FieldResult]
    sentence: FieldResult = field(default_factory=FieldResult)
    why: str = "headline"

    def __getitem__(self, name: str) -> FieldResult:
        return self.fields.get(name) or unknown(name)

    def to_dict(self) -> dict[str, Any]:
        return {
            **{name: self[name].to_dict() for name in FIELDS},
            "sentence": self.sentence.to_dict(),
        }

    @property
    def is_incident(self) -> bool:
        """An attack or a casualty is told: a date or a place alone is not an incident."""
        return self["incident_type"].value is not None or any(
            self[name].value is not None for name in COUNT_FIELDS
        )


@dataclass(frozen=True, slots=True)
class Aside:
    """A sentence that tells of an attack with a place of its own, and why it is no
    incident of its own: "history", "general" (a state or a habit) or "recap"."""

    sentence: FieldResult
    why: str


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """The incidents of a report, the most prominent first, each with the sentence it rests
    on; ``set_aside``: what was not taken for an incident, and why (not in the contract)."""

    language: str
    incidents: tuple[IncidentResult, ...]
    set_aside: tuple[Aside, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "incidents": [i.to_dict() for i in self.incidents]}
