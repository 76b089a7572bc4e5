"""Every field of an incident as one row of a spreadsheet: ``id``, then each field of the
registry by its name (a figure as three columns: ``killed_min``, ``killed_max``,
``killed_approximate``; a list joined with "; "), then the range of each figure across the
reports and how many reports there are (both only read, never taken back in). UTF-8 with
a byte order mark, so a spreadsheet opens the Arabic right."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from tawthiq.domain.data_record import FIGURES, DataRecord
from tawthiq.domain.fields import BOOKKEEPING, INCIDENT_FIELDS, FieldSpec
from tawthiq.sync.data_formats import cells
from tawthiq.sync.data_formats.mapping import UnknownColumns

SUFFIX = ".csv"
BOM = "\ufeff"
LIST_SEP = "; "
ENDS = ("min", "max", "approximate")
RANGE_COLUMNS = tuple(f"range_{name}_{end}" for name in FIGURES for end in ("min", "max"))
REPORTS_COLUMN = "source_reports"
# columns written for other tools and never taken back in
READ_ONLY = frozenset((*RANGE_COLUMNS, REPORTS_COLUMN))


def fields(private: bool) -> tuple[FieldSpec, ...]:
    """The incident fields an export carries: the public ones, or (``private``) all."""
    return tuple(f for f in INCIDENT_FIELDS if f.name not in BOOKKEEPING and (private or f.public))


def columns(private: bool) -> list[str]:
    out = ["id"]
    for f in fields(private):
        out += [f"{f.name}_{end}" for end in ENDS] if f.kind == "count" else [f.name]
    return [*out, *RANGE_COLUMNS, REPORTS_COLUMN]


def cell(value: Any) -> str:
    """A value as a spreadsheet cell: lists joined, yes/no, numbers as Python writes them
    (a coordinate keeps every digit)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return LIST_SEP.join(str(v) for v in value)
    return str(value)


def row_of(record: DataRecord, specs: tuple[FieldSpec, ...]) -> list[str]:
    values = record.incident.values
    out = [record.incident.id]
    for f in specs:
        v = values.get(f.name)
        if f.kind == "count":
            out += (
                ["", "", ""]
                if v is None
                else [str(v["min"]), str(v["max"]), cell(v["approximate"])]
            )
        else:
            out.append(cell(v))
    for name in FIGURES:
        r = record.ranges.get(name)
        out += ["", ""] if r is None else [str(r.min), str(r.max)]
    out.append(str(len(record.per_source)))
    return out


def write(records: Iterable[DataRecord], out: IO[str], *, private: bool) -> int:
    specs = fields(private)
    out.write(BOM)
    rows = (row_of(r, specs) for r in records)
    return cells.write_rows(out, columns(private), rows, lineterminator="\r\n")


def _number(text: str) -> Any:
    """A whole number as one, anything else as written (its check names it): digits only,
    0-9 ("²" and "١" are digits to Python, not to a spreadsheet)."""
    return int(text) if text.isascii() and text.isdigit() else text


def values_of(row: Mapping[str, str]) -> dict[str, Any]:
    """A row of our own columns back as incident values (empty cells left out)."""
    out: dict[str, Any] = {}
    for f in fields(private=True):
        if f.kind == "count":
            lo, hi, approx = (row.get(f"{f.name}_{end}", "").strip() for end in ENDS)
            if lo or hi:
                count: dict[str, Any] = {"min": _number(lo or hi), "max": _number(hi or lo)}
                if approx:
                    count["approximate"] = {"yes": True, "no": False}.get(approx.lower(), approx)
                out[f.name] = count
            continue
        text = row.get(f.name, "").strip()
        if not text:
            continue
        if f.kind in ("codes", "texts"):
            out[f.name] = [part.strip() for part in text.split(";") if part.strip()]
        else:
            out[f.name] = text
    return out


def known_columns() -> frozenset[str]:
    return frozenset(columns(private=True))


def rows(stream: IO[str]) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and each row under it with its number as a spreadsheet shows it (the
    header is row 1), a byte order mark at the start left out."""
    reader = csv.reader(stream)
    try:
        header = [h.lstrip(BOM).strip() for h in cells.checked(next(reader, []), 1)]
    except csv.Error as exc:
        raise cells.reading_error(exc, 1) from None

    def each() -> Iterator[tuple[int, dict[str, str]]]:
        n = 1
        while True:
            n += 1
            try:
                found = next(reader, None)
            except csv.Error as exc:
                raise cells.reading_error(exc, n) from None
            if found is None:
                return
            row = [cells.unmarked(c) for c in cells.checked(found, n)]
            if any(c.strip() for c in row):
                yield n, dict(zip(header, row, strict=False))

    return header, each()


def read(stream: IO[str]) -> list[tuple[int, dict[str, Any]]]:
    """Each row of a file this module wrote as (row number, values, with ``id`` when it has
    one); a file with columns of its own is refused naming them (it needs a mapping)."""
    header, found = rows(stream)
    unknown = [h for h in header if h not in known_columns()]
    if unknown:
        raise UnknownColumns(unknown)
    out = []
    for n, row in found:
        values = values_of(row)
        if row.get("id", "").strip():
            values["id"] = row["id"].strip()
        out.append((n, values))
    return out
