"""``tawthiq export-data`` and ``tawthiq import-data``: plain files for other tools (CSV,
JSON and the shapes monitors use), not the encrypted exports that move work between
laptops."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

from tawthiq.cli.door import open_desk
from tawthiq.cli.report import WHERE_KEYS, check_output, incident_filter
from tawthiq.cli.sync import _done_percent, _percent
from tawthiq.domain.checks import clean_value
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import INCIDENT, incident_fields
from tawthiq.domain.filters import IncidentFilter
from tawthiq.services import data_files

PLAIN = N_("{path} is a plain file, not encrypted: anyone who has it can read every incident in it")
# yes-or-no columns of the registry a selection may name too: munition_remnants=yes
_FLAGS = {spec.name for spec in incident_fields(column=True, kind="bool")}


def selection(args: argparse.Namespace) -> IncidentFilter:
    """The incidents chosen by --where KEY=VALUE, --from, --to and --search, as `report`
    and `list` choose them, each part checked."""
    where: dict[str, str] = {}
    keys = sorted(WHERE_KEYS | _FLAGS)
    for pair in args.where or ():
        key, sep, value = (p.strip() for p in pair.partition("="))
        if not sep or key not in keys or not value:
            raise ValidationError(
                N_("--where {pair!r}: write KEY=VALUE with KEY one of {keys}"),
                pair=pair,
                keys=", ".join(keys),
            )
        where[key] = value
    flt = incident_filter(
        date_from=args.date_from,
        date_to=args.date_to,
        governorate=where.get("governorate"),
        incident_type=where.get("type"),
        status=where.get("status"),
        perpetrator=where.get("perpetrator"),
        text=args.search,
    )
    flags = tuple((k, clean_value(INCIDENT, k, v)) for k, v in where.items() if k in _FLAGS)
    return dataclasses.replace(flt, fields=flags)


def cmd_export_data(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq import services

    flt = selection(args)
    output = Path(args.output)
    check_output(output, Path(args.db) if args.db else services.default_db_path(), pdf=False)
    desk = open_desk(args, read_only=True)
    done = desk.data.export(
        args.format, flt, output, _percent(), all_incidents=args.all, private=args.private
    )
    _done_percent()
    said = f"wrote {output}: {done.written} incident(s) as {done.format}"
    if done.left_out:
        said += f"; {done.left_out} incident(s) not marked public left out (--all includes them)"
    out(said)
    print(f"tawthiq: warning: {PLAIN.format(path=output)}", file=sys.stderr)
    return 0


def cmd_import_data(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    try:
        return _import_data(args, out)
    except data_files.RowsRefused as refused:  # one line per row, then the sentence
        for line in refused.lines():
            print(f"tawthiq: {line}", file=sys.stderr)
        raise


def _import_data(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    mapping = data_files.load_mapping(Path(args.mapping)) if args.mapping else None
    path = Path(args.file)
    if not path.is_file():
        raise ValidationError(N_("{path} is not a file"), path=path)
    data_files.checked_rows(path, mapping)  # every check before the database opens
    desk = open_desk(
        args, read_only=args.dry_run, create=not args.dry_run, signing=not args.dry_run
    )
    done = desk.data.import_file(path, mapping=mapping, dry_run=args.dry_run)
    for row, incident_id in done.kept:
        print(f"tawthiq: row {row}: incident {incident_id[:8]} is already kept; left as it is",
              file=sys.stderr)  # fmt: skip
    n = len(done.imported)
    out(f"would import {n} incident(s) from {path}; nothing was changed" if done.dry_run
        else f"imported {n} incident(s) from {path}")  # fmt: skip
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    ex = command(
        "export-data",
        cmd_export_data,
        "write incidents to a plain file for other tools (not encrypted; public ones only "
        "unless --all)",
    )
    ex.add_argument("--format", required=True, choices=list(data_files.FORMATS),
                    help="the file's shape (csv and json: every field)")  # fmt: skip
    ex.add_argument("-o", "--output", required=True, metavar="FILE")
    ex.add_argument("--where", action="append", metavar="KEY=VALUE",
                    help="governorate=, type=, status=, perpetrator=, "
                    + "".join(f"{f}=yes|no, " for f in sorted(_FLAGS))
                    + "(repeatable)")  # fmt: skip
    ex.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    ex.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    ex.add_argument("--search", metavar="TEXT", help="words in titles, narratives, reports")
    ex.add_argument("--all", action="store_true",
                    help="every incident chosen, not only those marked public (still without "
                         "private fields)")  # fmt: skip
    ex.add_argument("--private", action="store_true",
                    help="every incident chosen with its private fields too (notes, named "
                         "sources): for your own team only")  # fmt: skip
    im = command(
        "import-data",
        cmd_import_data,
        "add the incidents of a data file (a csv or json export, or another CSV with "
        "--mapping); every row checked first, all or nothing",
    )
    im.add_argument("file", metavar="FILE")
    im.add_argument("--mapping", metavar="MAP.json",
                    help='for another tool\'s CSV: {"columns": {"their column": "our field"}, '
                         '"values": {"field": {"their value": "our code"}}, '
                         '"date_format": "%%d/%%m/%%Y"}')  # fmt: skip
    im.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
