"""``tawthiq list``: a page of incidents, filtered and sorted, by the columns of the
incident table (the range across each incident's reports among them)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable

from tawthiq.cli import report as cli_report
from tawthiq.cli.door import open_desk
from tawthiq.cli.format import incident_line
from tawthiq.domain.checks import clean_value
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import INCIDENT, incident_fields
from tawthiq.domain.filters import RANGED
from tawthiq.domain.records import Incident
from tawthiq.domain.text import visible

_NO_CHECKPOINT = (
    "no checkpoint yet: this database was written by an earlier release (or holds nothing); "
    "the first change saved signs one"
)
# --sort -> the store's sort key; "range": the highest killed figure any report gave
SORTS = {
    "date": "date",
    "title": "title",
    "governorate": "governorate",
    "place": "place",
    "type": "type",
    "killed": "killed",
    "injured": "injured",
    "status": "status",
    "range": "killed_range",
    "injured-range": "injured_range",
}


def _ranges(args: argparse.Namespace) -> tuple[tuple[str, str, int], ...]:
    out = []
    for name in RANGED:
        for bound in ("min", "max"):
            value = getattr(args, f"{name}_range_{bound}")
            if value is None:
                continue
            if value < 0:
                raise ValidationError(
                    f"--{name}-range-{bound} must be a number of people, 0 or more"
                )
            out.append((name, bound, value))
    return tuple(out)


def _line(inc: Incident) -> str:
    """An incident's line; then, where its reports gave different figures, their range."""
    spread = [
        f"{name} {r}"
        for name, r in (("killed", inc.killed_range), ("injured", inc.injured_range))
        if r is not None and r.min != r.max
    ]
    line = incident_line(inc)
    return line + visible(f"  [reports: {', '.join(spread)}]") if spread else line


def cmd_list(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    if args.limit < 1 or args.offset < 0:
        raise ValidationError("--limit must be at least 1 and --offset at least 0")
    flt = cli_report.incident_filter(
        date_from=args.date_from,
        date_to=args.date_to,
        governorate=args.governorate,
        incident_type=args.type,
        status=args.status,
        perpetrator=args.perpetrator,
        text=args.search,
        include_deleted=args.deleted,
    )
    fields = tuple(
        (spec.name, clean_value(INCIDENT, spec.name, getattr(args, f"w_{spec.name}")))
        for spec in incident_fields(column=True, kind="bool")
        if getattr(args, f"w_{spec.name}") is not None
    )
    flt = dataclasses.replace(
        flt, conflicts_only=args.conflicts, fields=fields, ranges=_ranges(args)
    )
    desk = open_desk(args, read_only=True)
    total = desk.count(flt)
    rows = desk.page(
        flt,
        limit=args.limit,
        offset=args.offset,
        sort=SORTS[args.sort],
        descending=not args.ascending,
    )
    for inc in rows:
        out(_line(inc))
    out(
        f"{total} incident(s)"
        + (f", showing {len(rows)} from {args.offset + 1}" if total > len(rows) else "")
    )
    if total and not desk.trail.checkpoints():
        print(_NO_CHECKPOINT, file=sys.stderr)
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    ls = command("list", cmd_list, "list incidents, newest first")
    ls.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    ls.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    ls.add_argument("--governorate")
    ls.add_argument("--type", help="incident type code")
    ls.add_argument("--status")
    ls.add_argument("--perpetrator")
    ls.add_argument("--search", "-s", metavar="TEXT", help="words in titles, narratives, reports")
    ls.add_argument("--deleted", action="store_true", help="include deleted incidents")
    ls.add_argument("--conflicts", action="store_true",
                    help="only incidents with a field in conflict (deleted ones too)")  # fmt: skip
    for spec in incident_fields(column=True, kind="bool"):  # the registry's yes/no columns
        ls.add_argument(f"--{spec.cli}", dest=f"w_{spec.name}", metavar="yes|no",
                        help=f"only incidents whose '{spec.label_en}' is yes, or no")  # fmt: skip
    for name in RANGED:  # the range across the reports of each incident's group
        for bound, words in (("min", "or more"), ("max", "or fewer")):
            said = f"only incidents a report of which gave {name} N {words}"
            ls.add_argument(f"--{name}-range-{bound}", type=int, metavar="N", help=said)
    ls.add_argument("--sort", choices=list(SORTS), default="date",
                    help="order by (range: the highest killed figure any report gave; "
                         "injured-range likewise)")  # fmt: skip
    ls.add_argument("--ascending", action="store_true", help="lowest (oldest) first")
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--offset", type=int, default=0)
