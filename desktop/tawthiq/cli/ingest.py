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
from tawthiq.domain.text import visible
from tawthiq.services.kept import AlreadyKept, describe
from tawthiq.services.report_files import read_report

if TYPE_CHECKING:
    from tawthiq.extract.result import IncidentResult


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


# what makes a further incident one of its own, and why a sentence was set aside
_WHY = {
    "headline": "the incident the report is mostly about",
    "other_governorate": "another attack, in another governorate",
    "other_place": "another attack, elsewhere in the same governorate",
    "own_day": "another attack, told with a place and a day of its own",
}
_ASIDE = {
    "history": "history: it tells of a time long past",
    "general": "a general statement: it tells of a state or a habit, not of one attack",
    "recap": "a recap of what had happened before, with no day of its own",
}


def _quoted(words: str, limit: int = 120) -> str:
    """Words of a report, on one line, their control characters visible (a report file may
    hold an escape sequence or a bidi override)."""
    words = " ".join(words.split())
    return f"«{visible(words if len(words) <= limit else words[: limit - 1] + '…')}»"


def _told(found: IncidentResult) -> str:
    why = _WHY.get(found.why, found.why)
    return f"{why}; told in {_quoted(found.sentence.value)}" if found.sentence.value else why


def cmd_extract(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.services import extract_report

    text = read_report(args.file)
    result = extract_report(text, ref_date(args.ref_date))
    warn_guessed_day("stdin" if args.file == "-" else args.file, result.incidents)
    if args.json:
        out(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    incidents = [i for i in result.incidents if i.is_incident]  # what ingest would save
    if not incidents:
        out("no incident recognised in this text (no attack and no casualty is told)")
        return 0
    for n, found in enumerate(incidents, 1):
        if len(incidents) > 1:
            out(f"{'' if n == 1 else chr(10)}incident {n} of {len(incidents)}: {_told(found)}")
        names = [name for name in found.fields if found[name].value not in (None, [])]
        width = max(16, *map(len, names))  # as wide as ever, wider for a longer name
        for name in names:
            f = found[name]
            evidence = visible(" | ".join(text[s:e] for s, e in f.spans[:3]))
            value = json.dumps(f.value, ensure_ascii=False)
            out(f"{name:{width}} {value:40} {f.confidence:.2f}  «{evidence}»")
    for aside in result.set_aside:
        out(f"\nnot an incident of its own: {_quoted(aside.sentence.value or '')}")
        out(f"  ({_ASIDE.get(aside.why, aside.why)})")
    return 0


def _say_kept(name: str, kept: AlreadyKept) -> None:
    n = len(kept.incidents)
    print(
        f"tawthiq: {name}: this report is already kept (source report "
        f"{', '.join(r[:8] for r in kept.report_ids)}); nothing new was saved "
        f"(ingest --again saves it once more); {n} incident{'' if n == 1 else 's'} "
        f"rest{'s' if n == 1 else ''} on it{':' if n else '.'}",
        file=sys.stderr,
    )
    for incident_id, values in kept.incidents:
        print(f"  {incident_id}  {visible(describe(values))}", file=sys.stderr)


def cmd_ingest(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.services.drafts import incident_values

    reports = [(name, read_report(name)) for name in args.files]  # all readable before saving
    when = ref_date(args.ref_date)
    desk = open_desk(args, create=True, signing=True)
    saved_any = False
    for name, text in reports:
        done = desk.ingest_report(
            text, ref_date=when, outlet=args.outlet, again=args.again, separate=args.separate
        )
        if done.kept is not None:
            _say_kept(name, done.kept)
            continue
        warn_guessed_day(name, (found for _, found in done.saved))
        if not done.saved and not done.added:
            print(
                f"tawthiq: {name}: no incident recognised; the report was kept as source "
                f"report {done.report_id}",
                file=sys.stderr,
            )
        for incident_id, found in done.saved:
            out(visible(f"{incident_id}  new  {describe(incident_values(found))}  ({name})"))
        for incident_id, found, _ in done.added:
            out(visible(f"{incident_id}  added  {describe(incident_values(found))}  ({name})"))
        n = len(done.saved)
        if n:
            print(
                f"tawthiq: {name}: {n} incident{'' if n == 1 else 's'} saved with the report "
                f"as their source (source report {(done.report_id or '')[:8]}):",
                file=sys.stderr,
            )
        for k, (incident_id, found) in enumerate(done.saved, 1):
            print(f"  {k}. {incident_id[:8]}  {_told(found)}", file=sys.stderr)
        for incident_id, _, match in done.added:
            print(
                f"tawthiq: {name}: added to incident {incident_id[:8]}, kept before "
                f"({'; '.join(match.match.reasons)}); `tawthiq ingest --separate` keeps a "
                "report's incidents apart",
                file=sys.stderr,
            )
        joined = {incident_id for incident_id, _, _ in done.added}
        for incident_id, c in done.weaker:
            if incident_id in joined:  # two incidents kept before: not for this report to join
                print(
                    f"tawthiq: {name}: what it tells may also be incident {c.incident.id[:8]} "
                    f"({'; '.join(c.match.reasons)})",
                    file=sys.stderr,
                )
                continue
            print(
                f"tawthiq: {name}: incident {incident_id[:8]} may also be incident "
                f"{c.incident.id[:8]} ({'; '.join(c.match.reasons)}); if so: `tawthiq group "
                f"{incident_id[:8]} {c.incident.id[:8]}`",
                file=sys.stderr,
            )
        for aside in done.set_aside:
            print(
                f"  not saved: {_quoted(aside.sentence.value or '')} "
                f"({_ASIDE.get(aside.why, aside.why)})",
                file=sys.stderr,
            )
        saved_any = saved_any or bool(done.saved)
    if saved_any:
        print(UNCHECKED_NOTE, file=sys.stderr)
    return 0


UNCHECKED_NOTE = (
    "tawthiq: every value was saved as suggested by the extractor, not checked: check them "
    "in the window, or confirm them with `tawthiq edit ID --confirm FIELD` (`--confirm all`)"
)


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
    ing.add_argument(
        "--separate",
        action="store_true",
        help="save each incident as a new one, even one that matches an incident kept",
    )
    ing.add_argument(
        "--again",
        action="store_true",
        help="save a report already kept once more, with new incidents",
    )
