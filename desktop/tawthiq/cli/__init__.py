"""The ``tawthiq`` command: every use case from a terminal, errors as one plain sentence."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from tawthiq import __version__, services
from tawthiq.cli import data as cli_data
from tawthiq.cli import files as cli_files
from tawthiq.cli import groups as cli_groups
from tawthiq.cli import ingest as cli_ingest
from tawthiq.cli import listing as cli_listing
from tawthiq.cli import protect as cli_protect
from tawthiq.cli import report as cli_report
from tawthiq.cli import server as cli_server
from tawthiq.cli import sync as cli_sync
from tawthiq.cli import victims as cli_victims
from tawthiq.cli.door import close_opened, open_desk
from tawthiq.cli.format import history_lines, incident_details
from tawthiq.cli.listing import _NO_CHECKPOINT
from tawthiq.domain.arabic import has_arabic
from tawthiq.domain.checks import checked_name, clean_changes
from tawthiq.domain.errors import TawthiqError, ValidationError, bug_place
from tawthiq.domain.fields import INCIDENT, cli_options, field_spec
from tawthiq.domain.text import visible

# option -> incident field, for ``add`` and ``edit``: the registry's
FIELD_OPTIONS: dict[str, str] = cli_options()


_HINTS = {"count": "N or MIN-MAX", "codes": "CODE,CODE", "date": "YYYY-MM-DD", "bool": "yes|no"}


def _add_field_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("incident fields (codes: see `tawthiq codes`)")
    g.add_argument("--title", help="title; goes to --title-ar when it is Arabic, else --title-en")
    for opt, name in FIELD_OPTIONS.items():
        spec = field_spec(INCIDENT, name)
        hint = _HINTS.get(spec.kind)
        g.add_argument(
            f"--{opt}",
            dest=f"f_{name}",
            metavar=hint or opt.split("-")[0].upper(),
            help=spec.label_en,
        )
    g.add_argument("--json", metavar="FILE", help="field values as a JSON object ('-' for stdin)")


def _changes_from_args(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.json:
        try:
            raw = sys.stdin.read() if args.json == "-" else Path(args.json).read_text("utf-8-sig")
            data = json.loads(raw)
        except OSError as exc:
            raise ValidationError(f"cannot read {args.json}: {exc.strerror}") from None
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ValidationError(f"{args.json} is not valid JSON ({reason})") from None
        if not isinstance(data, dict):
            raise ValidationError(f"{args.json} must hold one JSON object of field values")
        changes.update(data)
    if args.title:
        changes["title_ar" if has_arabic(args.title) else "title_en"] = args.title
    for name in FIELD_OPTIONS.values():
        value = getattr(args, f"f_{name}")
        if value is not None:
            changes[name] = value
    for name in getattr(args, "clear", None) or ():
        changes[field_spec(INCIDENT, name.replace("-", "_")).name] = None
    return clean_changes(INCIDENT, changes)


def cmd_add(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    values = _changes_from_args(args)
    if not values:
        raise ValidationError("give at least one field, e.g. --title or --date")
    services.Desk.check_new(values)  # every check before the database opens
    desk = open_desk(args, create=True, signing=True)
    out(desk.save(values).incident_id)
    return 0


def cmd_edit(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    changes = _changes_from_args(args)
    confirm = [n.replace("-", "_") for n in args.confirm or ()]
    for name in confirm:
        if name != "all":
            field_spec(INCIDENT, name)  # a name that is no field is refused before opening
    if not changes and not confirm:
        raise ValidationError(
            "give at least one field to change, e.g. --killed 10, or --confirm FIELD"
        )
    desk = open_desk(args)
    incident_id = desk.resolve_id(args.id)
    if "all" in confirm:
        confirm = list(desk.incident(incident_id).incident.unchecked)
    saved = desk.save(changes, incident_id=incident_id, confirmed=confirm)
    n = saved.events
    out(f"{incident_id}: {n} field(s) changed" if n else f"{incident_id}: no change")
    if saved.unchecked:
        out(f"{len(saved.unchecked)} value(s) still suggested, not checked: "
            + ", ".join(saved.unchecked))  # fmt: skip
    in_conflict = sorted({c.field for c in desk.incident(incident_id).incident.conflicts}
                         & set(confirm))  # fmt: skip
    if in_conflict:
        out(f"not confirmed, in conflict: {', '.join(in_conflict)}; settle each with "
            f"`tawthiq resolve {incident_id[:8]} FIELD`, which sees every value")  # fmt: skip
    return 0


def cmd_delete(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    desk = open_desk(args)
    incident_id = desk.resolve_id(args.id)
    desk.delete(incident_id)
    out(f"{incident_id}: deleted (its history is kept)")
    return 0


def cmd_show(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    desk = open_desk(args, read_only=True)
    view = desk.incident(desk.resolve_id(args.id))
    for line in incident_details(view.incident, view.reports):
        out(line)
    if view.sources is not None:
        for line in cli_groups.source_lines(view.sources, view.members):
            out(line)
    victims = desk.victims.of(view.incident.id)
    for line in cli_victims.victim_lines(victims, desk.victims.problems(view.incident.id)):
        out(line)
    files = [] if view.incident.deleted else desk.files.files_of(view.incident.id)
    for line in cli_files.show_lines(files):
        out(line)
    return 0


def cmd_history(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    desk = open_desk(args, read_only=True)
    incident_id = desk.resolve_id(args.id)
    changes = list(reversed(desk.incident(incident_id).history))
    out(f"History of incident {incident_id} ({len(changes)} changes, oldest first):")
    for line in history_lines(changes):
        out(line)
    return 0


def cmd_verify(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    if args.fingerprint:
        return cli_report.cmd_verify_fingerprint(args, out)
    report = open_desk(args, read_only=True).trail.verify()
    if report.ok:
        cp = report.checkpoint
        out(
            f"ok: {_many(report.events, 'event')} from {_many(report.devices, 'device')}; "
            f"state digest {report.digest}"
        )
        if report.team_server:
            out("a team server's database: every chain and signature checked against the keys "
                "this laptop accepted, and every table against the log")  # fmt: skip
            return 0
        out(f"checkpoint {cp.short} signed by laptop {cp.device_id[:8]}" if cp else _NO_CHECKPOINT)
        return 0
    for problem in report.problems:
        print(f"tawthiq: verify failed: {visible(problem)}", file=sys.stderr)
    return 1


def cmd_rebuild(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    result = open_desk(args).trail.rebuild(accept_rollback=args.accept_rollback)
    out(
        f"rebuilt {result.entities} records from the event log; state digest "
        f"{result.digest} "
        f"({'changed: the tables had drifted from the log' if result.drifted else 'unchanged'})"
    )
    return 0


def cmd_demo(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    if args.db is None:
        folder = Path(tempfile.mkdtemp(prefix="tawthiq-demo-"))
        args.db = str(folder / "demo.db")
    desk = open_desk(args, create=True, author="demo")
    out(f"database: {desk.location}")
    incident_id = desk.demo(out)
    out(f"next: tawthiq history {incident_id[:8]} --db {desk.location}")
    return 0


def cmd_gui(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.ui.app import run

    shot = Path(args.screenshot) if getattr(args, "screenshot", None) else None
    return run(
        db=args.db,
        author=checked_name(args.author),
        lang=getattr(args, "lang", None),
        screenshot=shot,
        tab=getattr(args, "tab", "review"),
    )


def cmd_codes(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.domain.places import governorates
    from tawthiq.domain.vocab import vocabularies

    for name, vocab in vocabularies().items():
        if args.vocabulary in (None, name):
            out(f"{name}:")
            for t in vocab.terms:
                out(f"  {t.code:28} {t.en} / {t.ar}")
    if args.vocabulary in (None, "governorate"):
        out("governorate:")
        for g in governorates():
            out(f"  {g.pcode:28} {g.name_en} / {g.name_ar}")
    return 0


def _many(n: int, word: str) -> str:
    """ "1 device", "2 devices": the command line's English, counted."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence, like every other error."""

    def error(self, message: str) -> NoReturn:
        # a misplaced option echoes the command's words: never a connection string's password
        message = re.sub(r"(postgres(?:ql)?(?:\+\w+)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", message)
        print(f"tawthiq: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=os.environ.get("TAWTHIQ_DB"),
        help="database file (default: tawthiq.db in the user data folder)",
    )
    common.add_argument("--author", help="your name, as the audit trail records it")
    common.add_argument(
        "--passphrase-file",
        metavar="F",
        help="the database's passphrase, on the first line of F (or $TAWTHIQ_PASSPHRASE_FILE); "
        "otherwise it is asked on the terminal",
    )
    p = _Parser(
        prog="tawthiq",
        description="Tawthiq (توثيق): document attacks "
        "on civilians, offline, with a tamper-evident audit trail.",
    )
    p.add_argument("--version", action="version", version=f"tawthiq {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[..., int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    command("demo", cmd_demo, "store a sample incident in a new database and show what happened")
    cli_ingest.add_commands(command)
    cli_groups.add_commands(command)
    cli_victims.add_commands(command)
    cli_files.add_commands(command)
    cli_report.add_commands(command)
    cli_data.add_commands(command)
    cli_sync.add_commands(command)
    cli_server.add_commands(command)
    cli_protect.add_commands(command)
    _add_field_options(command("add", cmd_add, "store a new incident"))
    ed = command("edit", cmd_edit, "change fields of an incident")
    ed.add_argument("id", help="incident id (the first 8 characters are enough)")
    _add_field_options(ed)
    ed.add_argument("--clear", action="append", metavar="FIELD", help="empty a field")
    ed.add_argument("--confirm", action="append", metavar="FIELD",
                    help="mark a value the extractor suggested as checked by you (`all`: "
                         "every such value)")  # fmt: skip
    command("delete", cmd_delete, "delete an incident (its history stays)").add_argument("id")
    cli_listing.add_commands(command)
    command("show", cmd_show, "show an incident with its sources and conflicts").add_argument("id")
    command("history", cmd_history, "every field-level change of an incident").add_argument("id")
    ver = command(
        "verify", cmd_verify, "check every device's hash chain and the tables against the log"
    )
    ver.add_argument("--fingerprint", metavar="FP",
                     help="check a printed report instead: the fingerprint it carries "
                          "(of the incident, its source reports and their links)")  # fmt: skip
    ver.add_argument("--id", help="with --fingerprint: the incident it should be")
    command("rebuild", cmd_rebuild, "write all tables again from the event log").add_argument(
        "--accept-rollback",
        action="store_true",
        help="this database is an older copy you put back on purpose: carry on from it (this "
        "laptop then forgets the later checkpoints it remembers signing for it)",
    )
    gui = command("gui", cmd_gui, "open the window (the same as `tawthiq` alone)")
    gui.add_argument(
        "--lang",
        choices=("ar", "en", "pseudo"),
        help="the interface's language (pseudo: every string longer and mirrored, to find "
        "labels that do not fit)",
    )
    gui.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="show the sample report in the form (on a sample database unless --db), save "
        "a picture of the window and exit",
    )
    gui.add_argument("--tab", choices=("review", "incidents"), default="review",
                     help="which room of the window the screenshot shows")  # fmt: skip
    command("codes", cmd_codes, "list vocabulary codes with their labels").add_argument(
        "vocabulary", nargs="?"
    )
    return p


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    if argv is None:  # run as a program: what it writes is for this user only (shared laptops)
        os.umask(0o077)
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]  # `tawthiq` alone (or `tawthiq --db PATH`) opens the window
    args = parser.parse_args(argv)
    try:
        return int(args.func(args, out))
    except TawthiqError as exc:  # its sentence may name what a file or another laptop wrote
        print(f"tawthiq: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `tawthiq list | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("tawthiq: interrupted; nothing after the last saved change was kept", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one sentence, the details only on request
        if os.environ.get("TAWTHIQ_DEBUG"):
            raise
        # its type and place only: its message may quote report text or a passphrase
        print(
            f"tawthiq: unexpected error ({bug_place(exc)}); run again with TAWTHIQ_DEBUG=1 "
            "and report it",
            file=sys.stderr,
        )
        return 70
    finally:
        close_opened()
