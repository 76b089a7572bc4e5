"""What a report is made from: plain records the services prepare (no database here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tawthiq.domain.data_record import DataRecord
from tawthiq.domain.records import Incident, SourceReport
from tawthiq.domain.victims import Victim


@dataclass(frozen=True, slots=True)
class ReportFile:
    """An evidence file as a report prints it: its record's fields (a public report's
    without the private ones), who attached it and when, and a thumbnail of a photo (a PNG
    made from its pixels alone)."""

    values: dict[str, Any]
    attached_by: str
    attached_at: datetime
    thumbnail: bytes | None = None

    @property
    def sha256(self) -> str:
        return str(self.values.get("sha256", ""))


@dataclass(frozen=True, slots=True)
class ReportIncident:
    incident: Incident
    sources: tuple[SourceReport, ...]
    created_by: str
    created_at: datetime
    changed_by: str
    changed_at: datetime
    revisions: int
    fingerprint: str
    deleted_at: datetime | None = None  # when a deleted incident was deleted
    # what each report of the incident's group said, and the range across them
    figures: DataRecord | None = None
    # the victims the report lists: in a public one only those marked public, with only
    # their public fields (``public_victims``)
    victims: tuple[Victim, ...] = ()
    # where the named victims say more than the counts, in English and Arabic (printed in
    # a full report only)
    victim_notes: tuple[tuple[str, str], ...] = ()
    files: tuple[ReportFile, ...] = ()  # its evidence files, in the order attached


@dataclass(frozen=True, slots=True)
class Written:
    """A report written: its pages, and the characters its fonts could not draw (printed
    as a visible mark; the caller says which they were)."""

    pages: int
    unprintable: tuple[str, ...] = ()


def qr_data(incident_id: str, fingerprint: str) -> str:
    """What a report's QR code carries: enough to find the incident and check the copy."""
    return f"tawthiq:incident:{incident_id}:{fingerprint}"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    lang: str = "both"  # "both", "ar" or "en"
    paper: str = "a4"
    # only incidents marked public; no private notes, no names but those of victims marked
    # public
    public: bool = False
    arabic_digits: bool = False
    author: str | None = None  # the PDF's author; never set on a public report
    selection: tuple[str, str] | None = None  # how the incidents were chosen (en, ar)
    # A line under the fingerprint in every page's footer (Latin text: the checkpoint the
    # report was printed from, e.g. "checkpoint #12 · 3f2a91c0…"); none by default.
    footer_line: str | None = None

    @property
    def english(self) -> bool:
        return self.lang in ("both", "en")

    @property
    def arabic(self) -> bool:
        return self.lang in ("both", "ar")
