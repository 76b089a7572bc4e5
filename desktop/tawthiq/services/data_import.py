"""Taking plain data files in: our own CSV or JSON exports, or another tool's CSV through a
mapping of its columns; every row checked as the form checks a new incident before any is
written, and a row whose incident is already kept left as it is."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.errors import N_, TawthiqError, ValidationError
from tawthiq.domain.fields import INCIDENT
from tawthiq.domain.records import IMPORTED
from tawthiq.services.changes import Changes
from tawthiq.sync.data_formats import module_of
from tawthiq.sync.data_formats.mapping import ColumnMapping, UnknownColumns, read_mapped

# the ids of rows that come without one are made from their values in this namespace
_ROW_NS = uuid.UUID("0b5e7a52-4d3c-4f2e-9a61-2c8d1f7e6b34")

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store import EventWriter


class RowsRefused(ValidationError):
    """Rows that fail the form's checks: nothing was imported. ``rows``: (row, error)."""

    def __init__(self, rows: Sequence[tuple[int, TawthiqError]]) -> None:
        self.rows = tuple(rows)
        super().__init__(N_("nothing was imported: {n} row(s) refused"), n=len(rows))

    def lines(self, text: Callable[[TawthiqError], str] = TawthiqError.text) -> list[str]:
        """One line per refused row: its number, the field and why."""
        return [f"row {n}: {text(err)}" for n, err in self.rows]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do: the rows to add as (row, id, values), and the rows whose
    incident this database already keeps (row, id), left as they are."""

    new: tuple[tuple[int, str, dict[str, Any]], ...]
    kept: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class DataImported:
    path: Path
    imported: tuple[str, ...]
    kept: tuple[tuple[int, str], ...]
    dry_run: bool
    changes: Changes


def read_rows(path: Path, mapping: ColumnMapping | None = None) -> list[tuple[int, dict[str, Any]]]:
    """The rows of a data file as (row, values): ours by its name's ending, another tool's
    CSV through ``mapping``."""
    json_file = path.suffix.lower() == ".json"
    if json_file and mapping is not None:
        raise ValidationError(
            N_("a mapping is for CSV files; a JSON file is read as Tawthiq writes it")
        )
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            if mapping is not None:
                return read_mapped(stream, mapping)
            found: list[tuple[int, dict[str, Any]]]
            found = module_of("json" if json_file else "csv").read(stream)
            return found
    except OSError as exc:
        raise ValidationError(
            N_("cannot read {name}: {reason}"), name=str(path), reason=exc.strerror
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(N_("{name} is not UTF-8 text"), name=str(path)) from None
    except UnknownColumns as exc:
        raise ValidationError(
            N_("{name} is not a file Tawthiq wrote ({columns}): give --mapping MAP.json "
               "saying which field each column is"),
            name=str(path), columns=exc.text(),
        ) from None  # fmt: skip


@dataclass(frozen=True, slots=True)
class DataPreview:
    """The start of a data file, for the window to show before importing: ``ours`` when it
    is a file Tawthiq wrote (no mapping needed); else its columns and first rows."""

    path: Path
    ours: bool
    header: tuple[str, ...] = ()
    first_rows: tuple[tuple[str, ...], ...] = ()


def preview(path: Path, rows: int = 5) -> DataPreview:
    from tawthiq.sync.data_formats import plain_csv

    if path.suffix.lower() == ".json":
        return DataPreview(path, True)
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            header, found = plain_csv.rows(stream)
            first = []
            for _n, row in found:
                first.append(tuple(row.get(h, "") for h in header))
                if len(first) >= rows:
                    break
    except OSError as exc:
        raise ValidationError(
            N_("cannot read {name}: {reason}"), name=str(path), reason=exc.strerror
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(N_("{name} is not UTF-8 text"), name=str(path)) from None
    ours = bool(header) and set(header) <= plain_csv.known_columns()
    return DataPreview(path, ours, tuple(header), tuple(first))


def _id_of(given: Any) -> str:
    try:
        return str(uuid.UUID(str(given)))
    except ValueError:
        raise ValidationError(
            N_("{value!r} is not an incident id"), field="id", value=given
        ) from None


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values of a new incident as the form checks them; a value refused names its
    field (a vocabulary's refusal names only the vocabulary)."""
    from tawthiq.domain.checks import clean_value
    from tawthiq.services.incidents import new_incident_values

    for name, v in values.items():
        try:
            clean_value(INCIDENT, name, v)
        except ValidationError as exc:
            exc.field = exc.field or name
            raise
    return new_incident_values(values)


def checked_rows(
    path: Path, mapping: ColumnMapping | None = None
) -> list[tuple[int, str, dict[str, Any]]]:
    """Each row of the file as (row, incident id, values checked as the form checks a new
    incident); refused rows (``RowsRefused``) name their row and field. A row without an id
    (another tool's) gets one made from its values, so the same file imported twice is
    found kept the second time."""
    refused: list[tuple[int, TawthiqError]] = []
    checked: list[tuple[int, str, dict[str, Any]]] = []
    first_row: dict[str, int] = {}
    for n, values in read_rows(path, mapping):
        given = values.pop("id", None)
        try:
            clean = _checked(values)
            if given:
                incident_id = _id_of(given)
                twice = ValidationError(N_("the same id as row {row}"), field="id", row=0)
            else:
                content = json.dumps(clean, sort_keys=True, ensure_ascii=False)
                incident_id = str(uuid.uuid5(_ROW_NS, content))
                twice = ValidationError(N_("the same values as row {row}"), row=0)
            if incident_id in first_row:
                twice.params["row"] = first_row[incident_id]
                raise twice
            first_row[incident_id] = n
            checked.append((n, incident_id, clean))
        except TawthiqError as exc:
            refused.append((n, exc))
    if refused:
        raise RowsRefused(refused)
    if not checked:
        raise ValidationError(N_("{name} holds no row to import"), name=str(path))
    return checked


def plan_import(session: Session, path: Path, mapping: ColumnMapping | None = None) -> ImportPlan:
    """Every row checked (``checked_rows``), nothing planned while one is refused; a row
    whose incident this database keeps is left as it is (an import is not an edit)."""
    from tawthiq.store import queries

    checked = checked_rows(path, mapping)
    kept = queries.kept_ids(session, [i for _, i, _ in checked])
    return ImportPlan(
        tuple(r for r in checked if r[1] not in kept),
        tuple((n, i) for n, i, _ in checked if i in kept),
    )


def import_data(
    writer: EventWriter, path: Path, *, mapping: ColumnMapping | None = None
) -> DataImported:
    """Every row of ``path`` saved as a new incident, its values recorded as arrived from
    an import; all of them or (a row refused) none."""
    plan = plan_import(writer.session, path, mapping)
    for _n, incident_id, values in plan.new:
        writer.record(INCIDENT, incident_id, values, new=True, origin=IMPORTED)
    ids = tuple(i for _, i, _ in plan.new)
    return DataImported(path, ids, plan.kept, False, Changes.of(ids))
