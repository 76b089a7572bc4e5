"""``tawthiq extract`` and ``tawthiq ingest``: reports in, incidents out."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from tawthiq.cli.door import open_desk
from tawthiq.domain.errors import ValidationError
from tawthiq.services.report_files import read_report

if TYPE_CHECKING:
    from tawthiq.extract import IncidentResult


def ref_date(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            f"--ref-date: {raw!r} is not a valid date; write it as YYYY-MM-DD"
        ) from None
    if day > date.today():  # its "today" would make the incidents' days future ones
        raise ValidationError(
            f"--ref-date: {raw} is after today ({date.today().isoformat()}); give the day "
            "the report was written"
        )
    return day


def warn_guessed_day(name: str, incidents: Iterable[IncidentResult]) -> None:
    """Say on stderr when an incident's day was counted from today's date, for want of the
    day the report was written: a guess, not a fact."""
    if any(found["date"].unsure == "today" for found in incidents):
        print(
            f"tawthiq: {name}: the report does not say when it was written and no --ref-date "
            f"was given, so its 'today' and 'yesterday' were counted from today's date "
            f"({date.today().isoformat()}): the incident date is a guess; give --ref-date "
            "YYYY-MM-DD",
            file=sys.stderr,
        )


def cmd_extract(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.services import extract_report

    text = read_report(args.file)
    result = extract_report(text, ref_date(args.ref_date))
    warn_guessed_day("stdin" if args.file == "-" else args.file, result.incidents)
    if args.json:
        out(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    found = result.incidents[0]
    names = [n for n in found.fields if found[n].value not in (None, [])]
    if not found.is_incident:
        out("no incident recognised in this text (no attack and no casualty is told)")
        return 0
    width = max(16, *map(len, names))  # as wide as ever, wider for a longer name
    for name in names:
        f = found[name]
        evidence = " | ".join(text[s:e] for s, e in f.spans[:3])
        value = json.dumps(f.value, ensure_ascii=False)
        out(f"{name:{width}} {value:40} {f.confidence:.2f}  «{evidence}»")
    return 0


def cmd_ingest(args: argparse.Namespace, out: Callable[[str], None]) -> int:

    reports = [(name, read_report(name)) for name in args.files]  # all readable before saving
    when = ref_date(args.ref_date)
    desk = open_desk(args, create=True, signing=True)
    for name, text in reports:
        done = desk.ingest_report(text, ref_date=when, outlet=args.outlet)
        warn_guessed_day(name, (found for _, found in done.saved))
        if not done.saved:
            print(
                f"tawthiq: {name}: no incident recognised; the report was kept as source "
                f"report {done.report_id}",
                file=sys.stderr,
            )
        for incident_id, found in done.saved:
            killed, injured = found["killed"].value, found["injured"].value
            out(
                f"{incident_id}  {found['date'].value or '????-??-??'}  "
                f"{found['incident_type'].value or '-'}  "
                f"killed {'-' if killed is None else killed}  "
                f"injured {'-' if injured is None else injured}  ({name})"
            )
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register ``extract`` and ``ingest`` through the main parser's ``command`` helper."""
    ex = command("extract", cmd_extract, "read a report and print the incident fields found")
    ex.add_argument("file", nargs="?", default="-", help="report text file ('-' or none: stdin)")
    ex.add_argument("--ref-date", metavar="YYYY-MM-DD", help="the day the report was written")
    ex.add_argument("--json", action="store_true", help="the extraction contract's JSON")
    ing = command("ingest", cmd_ingest, "extract and save each report with its incidents")
    ing.add_argument("files", nargs="+", metavar="FILE")
    ing.add_argument("--ref-date", metavar="YYYY-MM-DD", help="the day the reports were written")
    ing.add_argument("--outlet", help="who published the reports")
