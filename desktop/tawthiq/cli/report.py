"""``tawthiq report`` (bilingual PDF reports) and ``tawthiq verify --fingerprint`` (a printed
copy checked against the database)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tawthiq.cli.door import open_desk
from tawthiq.domain.checks import clean_changes
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import INCIDENT
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.places import find_governorate
from tawthiq.domain.vocab import vocabulary

WHERE_KEYS = {"governorate", "type", "status", "perpetrator"}


def incident_filter(
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    governorate: str | None = None,
    incident_type: str | None = None,
    status: str | None = None,
    perpetrator: str | None = None,
    text: str | None = None,
    include_deleted: bool = False,
) -> IncidentFilter:
    """A filter from what a documenter typed, every part checked (an unknown code or a day
    that is no day is one sentence, not an empty list)."""
    return IncidentFilter(
        date_from=clean_changes(INCIDENT, {"date_start": date_from})["date_start"],
        date_to=clean_changes(INCIDENT, {"date_start": date_to})["date_start"],
        governorate=find_governorate(governorate).name_en if governorate else None,
        incident_type=vocabulary("incident_type").term(incident_type).code
        if incident_type
        else None,
        status=vocabulary("status").term(status).code if status else None,
        perpetrator=vocabulary("perpetrators").term(perpetrator).code if perpetrator else None,
        text=text,
        include_deleted=include_deleted,
    )


def _where(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key.strip() not in WHERE_KEYS or not value.strip():
            raise ValidationError(
                N_("--where {pair!r}: write KEY=VALUE with KEY one of {keys}"),
                pair=pair,
                keys=", ".join(sorted(WHERE_KEYS)),
            )
        out[key.strip()] = value.strip()
    return out


def cmd_report(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq import services
    from tawthiq.services.values import ReportOptions

    where = _where(args.where or [])
    flt = incident_filter(
        date_from=args.date_from,
        date_to=args.date_to,
        governorate=where.get("governorate"),
        incident_type=where.get("type"),
        status=where.get("status"),
        perpetrator=where.get("perpetrator"),
        text=args.search,
    )
    if args.ids and (args.where or args.date_from or args.date_to or args.search):
        raise ValidationError(
            N_("give incident ids or a selection (--where, --from, --to), not both")
        )
    output = Path(args.output)
    check_output(output, Path(args.db) if args.db else services.default_db_path())
    desk = open_desk(args, read_only=True, named=not args.public)
    options = ReportOptions(
        lang=args.lang,
        paper=args.paper,
        public=args.public,
        arabic_digits=args.arabic_digits,
        author=None if args.public else desk.author,
    )  # the selection, as the desk describes the filter
    try:
        written = desk.write_report(output, options, _progress(), ids=args.ids, flt=flt)
    except OSError as exc:  # a full disk, a folder that refuses: one sentence
        raise ValidationError(
            N_("cannot write {path}: {reason}"), path=output, reason=exc.strerror or exc
        ) from exc
    out(
        f"wrote {output}: {written.incidents} incident(s), {written.pages} page(s)"
        + (f"; {written.left_out} incident(s) not marked public left out" if written.left_out
           else "")
    )  # fmt: skip
    if written.unprintable:
        shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in written.unprintable[:12])
        print(
            "tawthiq: warning: "
            + N_(
                "the report's fonts cannot draw these characters; they are printed as [?]: {chars}"
            ).format(chars=shown + (" …" if len(written.unprintable) > 12 else "")),
            file=sys.stderr,
        )
    return 0


def check_output(output: Path, db: Path, *, pdf: bool = True) -> None:
    """Refuse, before anything is read, a file (a PDF, or a data file) that would replace
    the database (or its journal) or that cannot be written where it is asked for."""
    if output.is_dir():
        raise ValidationError(
            N_("{path} is a folder; give the name of the PDF to write")
            if pdf
            else N_("{path} is a folder; give the name of the file to write"),
            path=output,
        )
    target = output.resolve()
    for own in (db, *(db.with_name(db.name + end) for end in ("-wal", "-shm", "-journal"))):
        if target == own.resolve() or (output.exists() and own.exists() and output.samefile(own)):
            raise ValidationError(
                N_("{path} is the database itself; give another name for the PDF")
                if pdf
                else N_("{path} is the database itself; give another name for the file"),
                path=output,
            )
    folder = target.parent
    if not folder.exists():  # made by nobody but the person: a mistyped folder is said so
        raise ValidationError(
            N_("{path} cannot be written: the folder {folder} does not exist"),
            path=output,
            folder=folder,
        )
    if not folder.is_dir():
        raise ValidationError(
            N_("{path} cannot be written: {folder} is a file, not a folder"),
            path=output,
            folder=folder,
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError(
            N_("{path} cannot be written: you may not write in the folder {folder}"),
            path=output,
            folder=folder,
        )
    from tawthiq.services.targets import check_replaceable

    check_replaceable(output)


def _progress() -> Callable[[int, int], None]:
    """Progress on the terminal for long reports (nothing when stderr is not a terminal)."""
    last = [0.0]

    def tell(done: int, total: int) -> None:
        now = time.monotonic()
        if sys.stderr.isatty() and total > 20 and now - last[0] > 0.5:
            last[0] = now
            print(f"\rtawthiq: {done}/{total}", end="", file=sys.stderr, flush=True)

    return tell


def cmd_verify_fingerprint(args: argparse.Namespace, out: Callable[[str], None]) -> int:

    found = open_desk(args, read_only=True).trail.check_fingerprint(args.fingerprint, args.id)
    m = found.match
    if m is None:
        whose = (
            f"it is not the fingerprint of incident {args.id} at any moment of its history"
            if args.id
            else "no incident in this database has this fingerprint"
        )
        print(
            f"tawthiq: {whose}: the printed copy does not come from this database, or the "
            "record it was printed from was altered",
            file=sys.stderr,
        )
        return 1
    title = f" ({found.title})" if found.title else ""
    given = len("".join(args.fingerprint.split()))
    if m.changed_since == 0:
        text = N_("ok: this is the fingerprint of incident {id}{title} as it is now")
    else:
        text = N_(
            "ok: this is the fingerprint of incident {id}{title} as it was on {when}; "
            "{n} change(s) were made after it was printed to the incident, its source reports "
            "or their links (`tawthiq history {short}` lists the incident's own)"
        )
    lines = [text.format(id=m.incident_id, title=title, n=m.changed_since,
                         when=f"{found.printed_at:%Y-%m-%d %H:%M} UTC",
                         short=m.incident_id[:8])]  # fmt: skip
    if found.deleted:
        lines.append(N_("The incident is deleted; its history is kept."))
    if m.earlier_release:
        lines.append(
            N_(
                "This fingerprint was printed by Tawthiq 0.1, which did not check the record "
                "before printing: compare the words on the paper with a fresh print."
            )
        )
    if given < 64:
        lines.append(N_("Only the first {k} of the fingerprint's 64 characters were compared.")
                     .format(k=given))  # fmt: skip
    lines.append(
        N_(
            "The fingerprint is computed again from the content of the incident's record, its "
            "source reports and their links; it does not check the words on the paper: to see "
            "that they were not altered, print the incident again and compare."
        )
    )
    out("\n".join(lines))
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    rep = command("report", cmd_report, "write a bilingual PDF report of incidents")
    rep.add_argument("ids", nargs="*", metavar="ID", help="incident ids (first 8 characters)")
    rep.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    rep.add_argument("--lang", choices=("both", "ar", "en"), default="both")
    rep.add_argument("--paper", choices=("a4", "letter"), default="a4")
    rep.add_argument(
        "--public",
        action="store_true",
        help="print only incidents whose confidentiality is public (new incidents are "
        "restricted until someone marks them public), without private notes, named sources "
        "or documenters' names",
    )
    rep.add_argument("--arabic-digits", action="store_true", help="٠١٢٣ in the Arabic text")
    rep.add_argument(
        "--where",
        action="append",
        metavar="KEY=VALUE",
        help="governorate=, type=, status=, perpetrator= (repeatable)",
    )
    rep.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    rep.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    rep.add_argument("--search", metavar="TEXT")
