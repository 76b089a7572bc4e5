"""One incident as the plain data exports hand it over: the incident, the reports it rests
on with the figures each of them gave, the range of those figures across them, and the
victims named in it that the export may list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tawthiq.domain.records import Casualties, Incident, SourceReport
from tawthiq.domain.victims import Victim

# the figures a report gives and a range is taken of, in the order tables show them
FIGURES = (
    "killed",
    "killed_children",
    "killed_women",
    "killed_men",
    "injured",
    "injured_children",
    "injured_women",
    "injured_men",
)


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """What one report said of the incident: its figures (only those it gave), or none
    recorded (a report linked before Tawthiq kept a report's own figures)."""

    report: SourceReport
    figures: Mapping[str, Casualties] = field(default_factory=dict)
    # the report gave a higher killed figure than every report published before it
    raises_toll: bool = False


@dataclass(frozen=True, slots=True)
class DataRecord:
    incident: Incident
    per_source: tuple[ReportFigures, ...] = ()
    # for each of FIGURES that at least one report gave: the lowest minimum and the
    # highest maximum across the reports (Airwars' and UCDP's low and high estimates)
    ranges: Mapping[str, Casualties] = field(default_factory=dict)
    # the victims of the incident and of those grouped into it, in the order recorded:
    # for a public record only those marked public, with only their public fields
    victims: tuple[Victim, ...] = ()

    @property
    def reports(self) -> tuple[SourceReport, ...]:
        return tuple(r.report for r in self.per_source)
