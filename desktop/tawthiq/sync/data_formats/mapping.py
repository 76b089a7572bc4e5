"""Another tool's CSV read through a mapping file that says which of its columns is which
of our fields, and which of its values is which of our codes:

    {"columns": {"Date": "date_start", "Deaths (low)": "killed_min", ...},
     "values": {"incident_type": {"Airstrike": "air_drone_strike"}},
     "date_format": "%d/%m/%Y"}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import BOOKKEEPING, FIELDS, INCIDENT


class UnknownColumns(ValidationError):
    """A file with columns that are none of ours: it needs a mapping."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = tuple(columns)
        super().__init__(
            N_("columns not recognised: {columns}"), columns=", ".join(map(repr, columns))
        )


def targets() -> list[str]:
    """What a column may be: a field, or the lowest or highest of a figure."""
    out = ["id"]
    for f in FIELDS[INCIDENT].values():
        if f.name in BOOKKEEPING:
            continue
        out.append(f.name)
        if f.kind == "count":
            out += [f"{f.name}_min", f"{f.name}_max"]
    return out


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    columns: Mapping[str, str]  # their column -> one of ``targets()``
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # field -> theirs -> ours
    date_format: str | None = None


def checked_mapping(data: Any, name: str = "the mapping") -> ColumnMapping:
    """A mapping as a file or the window gives it, every part checked."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise ValidationError(
            N_('{name} must be a JSON object with "columns": {{"their column": "our field"}}'),
            name=name,
        )
    known = set(targets())
    columns = {str(k): str(v) for k, v in data["columns"].items() if v}
    wrong = sorted(v for v in columns.values() if v not in known)
    if wrong:
        raise ValidationError(
            N_("{name} maps columns to {wrong}, which are not fields (see `tawthiq codes` and "
               "the field names of a csv export)"),
            name=name, wrong=", ".join(wrong),
        )  # fmt: skip
    if not columns:
        raise ValidationError(N_("{name} maps no column to a field"), name=name)
    twice = sorted({v for v in columns.values() if list(columns.values()).count(v) > 1})
    if twice:
        raise ValidationError(
            N_("{name} maps more than one column to {fields}: say which column each is"),
            name=name, fields=", ".join(twice),
        )  # fmt: skip
    values = data.get("values") or {}
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise ValidationError(
            N_('{name}: "values" must be {{"field": {{"their value": "our code"}}}}'), name=name
        )
    fmt = data.get("date_format")
    if fmt is not None and (not isinstance(fmt, str) or "%" not in fmt):
        raise ValidationError(
            N_('{name}: "date_format" must be a format such as "%d/%m/%Y"'), name=name
        )
    return ColumnMapping(
        columns, {f: {str(k): str(v) for k, v in m.items()} for f, m in values.items()}, fmt
    )


def load_mapping(path: Path) -> ColumnMapping:
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except OSError as exc:
        raise ValidationError(
            N_("cannot read {name}: {reason}"), name=str(path), reason=exc.strerror
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(N_("{name} is not valid JSON"), name=str(path)) from None
    return checked_mapping(data, str(path))


def _converted(mapping: ColumnMapping, name: str, text: str) -> Any:
    spec = FIELDS[INCIDENT].get(name)
    ours = mapping.values.get(name, {})
    if spec is None:
        return text
    if spec.kind in ("codes", "texts"):
        sep = ";" if ";" in text else ","
        return [ours.get(p.strip(), p.strip()) for p in text.split(sep) if p.strip()]
    text = ours.get(text, text)
    if spec.kind == "date" and mapping.date_format:
        try:
            return datetime.strptime(text, mapping.date_format).date().isoformat()
        except ValueError:
            return text  # the date's own check says what is wrong with it
    return text


def mapped_values(row: Mapping[str, str], mapping: ColumnMapping) -> dict[str, Any]:
    """A row of their columns as our values (empty cells left out)."""
    out: dict[str, Any] = {}
    for theirs, ours in mapping.columns.items():
        text = (row.get(theirs) or "").strip()
        if not text:
            continue
        base, _, end = ours.rpartition("_")
        spec = FIELDS[INCIDENT].get(base)
        if end in ("min", "max") and spec is not None and spec.kind == "count":
            count = out.setdefault(base, {})
            count[end] = int(text) if text.isascii() and text.isdigit() else text
        else:
            out[ours] = _converted(mapping, ours, text)
    for name, v in out.items():  # a figure given by one end only: that number
        if isinstance(v, dict) and len(v) == 1:
            (only,) = v.values()
            out[name] = {"min": only, "max": only}
    return out


def read_mapped(stream: IO[str], mapping: ColumnMapping) -> list[tuple[int, dict[str, Any]]]:
    """Each row of another tool's CSV as (row number, our values)."""
    from tawthiq.sync.data_formats.plain_csv import rows

    header, found = rows(stream)
    missing = [c for c in mapping.columns if c not in header]
    if missing:
        raise ValidationError(
            N_("the mapping names columns the file does not have: {columns}"),
            columns=", ".join(map(repr, missing)),
        )
    return [(n, mapped_values(row, mapping)) for n, row in found]
