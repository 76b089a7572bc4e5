"""Cells of the CSV files Tawthiq writes and reads: text a spreadsheet would run as a
formula (a cell starting with = + - @, a tab or a carriage return: OWASP's "CSV
injection") is written with an apostrophe before it, as spreadsheets themselves mark text,
and our own files read back without it; a cell too long, or holding a NUL, is refused."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from tawthiq.domain.errors import N_, ValidationError

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
MARK = "'"
# longer than any narrative a person writes (a report's text is not in these files), short
# enough that a hostile file is refused before it fills the memory
LONGEST = 8 * 1024 * 1024
csv.field_size_limit(LONGEST)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe(value: Any) -> Any:
    """A cell as written: text a spreadsheet would run is marked as text."""
    if isinstance(value, str) and value[:1] in _FORMULA and not _number(value):
        return MARK + value
    return value


def unmarked(text: str) -> str:
    """A cell of our own file as it was before ``safe``."""
    return text[1:] if text[:1] == MARK and text[1:2] in _FORMULA else text


class Writer:
    """``csv.writer`` that writes every cell through ``safe``."""

    def __init__(self, out: IO[str], lineterminator: str = "\n") -> None:
        self._rows = csv.writer(out, lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> None:
        self._rows.writerow([safe(c) for c in row])


def write_rows(
    out: IO[str], header: Iterable[Any], rows: Iterable[Iterable[Any]], lineterminator: str = "\n"
) -> int:
    """The header, then every row (each cell through ``safe``); the rows written."""
    w = Writer(out, lineterminator)
    w.writerow(header)
    n = 0
    for row in rows:
        w.writerow(row)
        n += 1
    return n


def checked(cells: list[str], row: int) -> list[str]:
    """A row read, refused in one sentence when a cell holds a NUL."""
    if any("\x00" in c for c in cells):
        raise ValidationError(N_("row {row}: a cell holds a NUL character"), row=row)
    return cells


def reading_error(exc: csv.Error, row: int) -> ValidationError:
    return ValidationError(
        N_("row {row} cannot be read as CSV ({reason}); nothing was imported"),
        row=row, reason=str(exc),
    )  # fmt: skip
