"""Plain data files for other tools (``export-data``/``import-data``, File → Export data…):
the incidents chosen written in one of ``sync.data_formats`` in one step, public ones
only unless asked; taking them back in is ``data_import``'s. ``Desk.data`` is their door."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.data_record import DataRecord
from tawthiq.domain.errors import N_, TawthiqError, ValidationError
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.records import Incident, is_public
from tawthiq.services import grouping
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
    "RowsRefused", "checked_mapping", "checked_rows", "export_data",
    "formats", "load_mapping", "read_rows", "targets",
]  # fmt: skip

Progress = Callable[[int, int], None]
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
    return all_incidents or is_public(inc.values)


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
    ``all_incidents``; private fields, and the victims not marked public, only when
    ``private``) in one step: the file is whole or not there."""
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
            yield from grouping.records_of(
                session, chosen, public=not private, public_members=not all_incidents
            )
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
                hidden += sum(1 for _i, v, _u in batch if not is_public(v))
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
