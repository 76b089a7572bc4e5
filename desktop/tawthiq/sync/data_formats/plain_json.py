"""Every field of an incident as the event log holds it (a figure as {"min", "max",
"approximate"}, lists as lists), with each report it rests on (outlet, address, day of
publication and the figures it gave, under "source_reports"), the range of each figure
across them, and its victims by name (under "victims": only those marked public, with their
public fields, unless private): a list of objects, written one at a time. Reading a file
back takes the incidents' fields only; reports, ranges and victims are not imported."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from tawthiq.domain.data_record import DataRecord
from tawthiq.domain.fields import DELETED, FIELDS, VICTIM
from tawthiq.domain.records import Casualties
from tawthiq.domain.victims import Victim, public_victims
from tawthiq.sync.data_formats.mapping import UnknownColumns
from tawthiq.sync.data_formats.plain_csv import fields

SUFFIX = ".json"
# written for other tools and never taken back in
READ_ONLY = frozenset(("source_reports", "ranges", "victims"))
# a victim's fields as written, registry order (which incident it is, and whether it is
# deleted, are said by where it stands)
VICTIM_KEYS = tuple(k for k in FIELDS[VICTIM] if k not in ("incident_id", DELETED))


def _count(c: Casualties) -> dict[str, Any]:
    return {"min": c.min, "max": c.max, "approximate": c.approximate}


def victim_objects(victims: Iterable[Victim], *, private: bool) -> list[dict[str, Any]]:
    """Each victim's fields (those it has); without ``private`` only the victims marked
    public, with only their public fields, whatever the caller handed over."""
    shown = list(victims) if private else public_victims(victims)
    return [
        {"id": v.id, **{k: v.values[k] for k in VICTIM_KEYS if v.values.get(k) is not None}}
        for v in shown
    ]


def object_of(
    record: DataRecord, names: tuple[str, ...], *, private: bool = False
) -> dict[str, Any]:
    values = record.incident.values
    out: dict[str, Any] = {"id": record.incident.id}
    out.update((name, values.get(name)) for name in names)
    out["source_reports"] = [  # not "sources": that is a field (who the report cites)
        {
            "outlet": r.report.outlet,
            "url": r.report.url,
            "publication_date": r.report.publication_date,
            "figures": {k: _count(v) for k, v in r.figures.items()},
        }
        for r in record.per_source
    ]
    out["ranges"] = {k: _count(v) for k, v in record.ranges.items()}
    out["victims"] = victim_objects(record.victims, private=private)
    return out


def write(records: Iterable[DataRecord], out: IO[str], *, private: bool) -> int:
    names = tuple(f.name for f in fields(private))
    n = 0
    out.write("[")
    for record in records:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(object_of(record, names, private=private), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def read(stream: IO[str]) -> list[tuple[int, dict[str, Any]]]:
    """Each object of a file this module wrote as (its number from 1, values with ``id``);
    an object with keys of its own is refused naming them."""
    from tawthiq.domain.errors import N_, ValidationError

    try:
        data = json.load(stream)
    except (ValueError, RecursionError):
        raise ValidationError(N_("the file is not valid JSON")) from None
    if not isinstance(data, list) or not all(isinstance(o, dict) for o in data):
        raise ValidationError(N_("the file must hold a list of objects, one per incident"))
    known = {"id", *READ_ONLY, *(f.name for f in fields(private=True))}
    unknown = sorted({k for o in data for k in o if k not in known})
    if unknown:
        raise UnknownColumns(unknown)
    return [
        (n, {k: v for k, v in o.items() if k not in READ_ONLY and v is not None})
        for n, o in enumerate(data, start=1)
    ]
