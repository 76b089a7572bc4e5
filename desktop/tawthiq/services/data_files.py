"""Plain data files for other tools (``export-data``/``import-data``, File → Export data…):
the incidents chosen written in one of ``sync.data_formats`` in one step, public ones
only unless asked; taking them back in is ``data_import``'s. ``Desk.data`` is their door."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.data_record import FIGURES, DataRecord, ReportFigures
from tawthiq.domain.errors import N_, TawthiqError, ValidationError
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.records import Casualties, Incident, SourceReport
from tawthiq.services.changes import Changes
from tawthiq.services.data_import import (
    DataImported,
    DataPreview,
    RowsRefused,
    checked_rows,
    import_data,
    plan_import,
    preview,
    read_rows,
)
from tawthiq.services.targets import check_replaceable
from tawthiq.sync.data_formats import FORMATS, module_of
from tawthiq.sync.data_formats.mapping import ColumnMapping, checked_mapping, load_mapping, targets

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# what the command line and the window use besides ``Desk.data``
__all__ = [
    "FORMATS", "ColumnMapping", "DataDesk", "DataExported", "DataImported", "DataPreview",
    "RowsRefused", "checked_mapping", "checked_rows", "data_record", "export_data",
    "formats", "load_mapping", "read_rows", "records_for", "targets",
]  # fmt: skip

Progress = Callable[[int, int], None]
PUBLIC = "public"  # the confidentiality code of what may be handed to anyone
BATCH = 500


def formats() -> list[str]:
    """The formats this version can write, in the order FORMATS gives them."""
    base = "tawthiq.sync.data_formats."
    return [n for n, m in FORMATS.items() if importlib.util.find_spec(base + m) is not None]


def _module(fmt: str) -> Any:
    if fmt not in formats():
        raise ValidationError(
            N_("there is no data format {name!r} in this version; formats: {known}"),
            name=fmt,
            known=", ".join(formats()),
        )
    return module_of(fmt)


# --- export -------------------------------------------------------------------------------


def _span(counts: list[Casualties]) -> Casualties:
    lo, hi = min(c.min for c in counts), max(c.max for c in counts)
    return Casualties(lo, hi, lo != hi or any(c.approximate for c in counts))


def records_for(
    incidents: Sequence[Incident],
    linked: Mapping[str, list[tuple[str, dict[str, Any], dict[str, Any]]]],
) -> list[DataRecord]:
    """The records of ``incidents``: each with the reports it rests on (``linked``: id ->
    (report id, report values, link values)) and the figures each gave, as the link keeps
    them, and the range of each figure across the reports. The one place that builds
    them: grouping may replace it."""
    out = []
    for inc in incidents:
        per: list[ReportFigures] = []
        best: int | None = None
        reports = linked.get(inc.id, [])
        by_day = sorted(reports, key=lambda r: r[1].get("publication_date") or "9999")
        for report_id, values, link in by_day:
            given = link.get("figures")
            kept: Mapping[str, Any] = given if isinstance(given, dict) else link
            figures = {k: c for k in FIGURES if (c := Casualties.from_value(kept.get(k)))}
            killed = figures.get("killed")
            raises = killed is not None and best is not None and killed.max > best
            if killed is not None:
                best = killed.max if best is None else max(best, killed.max)
            per.append(ReportFigures(SourceReport.from_state(report_id, values), figures, raises))
        ranges = {}
        for name in FIGURES:
            told = [r.figures[name] for r in per if name in r.figures]
            if told:
                ranges[name] = _span(told)
        out.append(DataRecord(inc, tuple(per), ranges))
    return out


def data_record(session: Session, incident_id: str) -> DataRecord:
    """One incident's record, as ``records_for`` builds them."""
    from tawthiq.services.incidents import get_incident
    from tawthiq.store import queries

    inc = get_incident(session, incident_id)
    return records_for([inc], queries.reports_linked_to(session, [incident_id]))[0]


class NotWritten(TawthiqError):
    """The disk refused the file (full, failing): nothing was written; try again."""

    exit_code = 3


@dataclass(frozen=True, slots=True)
class DataExported:
    path: Path
    format: str
    written: int
    left_out: int  # incidents not marked public, left out of a public export


def _shown(inc: Incident, all_incidents: bool) -> bool:
    return all_incidents or inc.code("confidentiality") == PUBLIC


def export_data(
    session: Session,
    fmt: str,
    flt: IncidentFilter,
    *,
    all_incidents: bool,
    private: bool,
    path: Path,
    progress: Progress | None = None,
) -> DataExported:
    """Write the incidents ``flt`` matches (only those marked public unless
    ``all_incidents``; private fields only when ``private``) in one step: the file is
    whole or not there."""
    from tawthiq.store import queries

    module = _module(fmt)
    check_replaceable(path)
    if path.is_dir() or not path.parent.is_dir():
        raise ValidationError(
            N_("{path} cannot be written: give the name of a file in a folder that exists"),
            path=path,
        )
    flt = replace(flt, include_deleted=False)
    total = queries.count_incidents(session, flt)
    tell = progress or (lambda done, total: None)
    left_out = [0]

    def records() -> Iterator[DataRecord]:
        done = 0
        for batch in queries.incident_batches(session, flt, BATCH):
            tell(done, total)
            done += len(batch)
            incidents = [Incident.from_state(i, v, unchecked=u) for i, v, u in batch]
            chosen = [inc for inc in incidents if _shown(inc, all_incidents)]
            left_out[0] += len(incidents) - len(chosen)
            linked = queries.reports_linked_to(session, [i.id for i in chosen])
            yield from records_for(chosen, linked)
        tell(total, total)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise NotWritten(N_("{path} cannot be written: {reason}"), path=path,
                         reason=exc.strerror or exc) from None  # fmt: skip
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            written = module.write(records(), out, private=private)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk: the older file, if any, stays whole
        Path(tmp).unlink(missing_ok=True)
        raise NotWritten(
            N_("{path} could not be written ({reason}); nothing was written, try again"),
            path=path, reason=exc.strerror or exc,
        ) from None  # fmt: skip
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return DataExported(path, fmt, written, left_out[0])


class DataDesk:
    """The data file use cases, reached as ``Desk.data``, each in its own session."""

    def __init__(self, workspace: Callable[[], Any]) -> None:
        self._workspace = workspace

    def export(
        self,
        fmt: str,
        flt: IncidentFilter,
        path: Path,
        progress: Progress | None = None,
        *,
        all_incidents: bool = False,
        private: bool = False,
    ) -> DataExported:
        ws = self._workspace()
        db = ws.db.path if not ws.db.url else None
        own = () if db is None else (db, *(db.with_name(db.name + e) for e in ("-wal", "-shm")))
        if any(ws.db.is_stored_in(path) or path.resolve() == f.resolve() for f in own):
            raise ValidationError(
                N_("{path} is the database itself; choose another file"), path=path
            )
        with ws.db.read() as s:
            return export_data(
                s, fmt, flt, all_incidents=all_incidents or private, private=private,
                path=path, progress=progress,
            )  # fmt: skip

    def not_public(self, flt: IncidentFilter) -> tuple[int, int]:
        """(incidents ``flt`` matches, those of them not marked public): what a public
        export would leave out."""
        from tawthiq.store import queries

        total = hidden = 0
        with self._workspace().db.read() as s:
            for batch in queries.incident_batches(s, replace(flt, include_deleted=False), 2000):
                total += len(batch)
                hidden += sum(1 for _i, v, _u in batch if v.get("confidentiality") != PUBLIC)
        return total, hidden

    def preview(self, path: Path) -> DataPreview:
        return preview(path)

    def import_file(
        self, path: Path, *, mapping: ColumnMapping | None = None, dry_run: bool = False
    ) -> DataImported:
        """All the rows, or (one refused) none; ``dry_run``: checked, nothing written."""
        ws = self._workspace()
        if dry_run:
            with ws.db.read() as s:
                plan = plan_import(s, path, mapping)
            ids = tuple(i for _, i, _ in plan.new)
            return DataImported(path, ids, plan.kept, True, Changes())
        with ws.writing() as w:
            return import_data(w, path, mapping=mapping)
