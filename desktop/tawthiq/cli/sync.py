"""``tawthiq export``, ``import``, ``resolve``, ``key`` and ``duplicates``: moving work
between laptops, and settling what a merge brings up."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.cli.door import given_name, open_desk
from tawthiq.cli.export_lock import (
    EXPOSED,
    PASSPHRASE_ENV,
    add_export_options,
    add_import_options,
    ask_twice,
    export_lock,
    import_passphrase,
)
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.text import visible

if TYPE_CHECKING:
    from tawthiq.services import Desk
    from tawthiq.services.values import NewDevice


def _percent() -> Callable[[int, int], None]:
    """Progress on the terminal (nothing when stderr is not one), at most twice a second."""
    last = [0.0]

    def tell(done: int, total: int) -> None:
        now = time.monotonic()
        if sys.stderr.isatty() and total and now - last[0] > 0.5:
            last[0] = now
            print(f"\rtawthiq: {100 * done // total}%", end="", file=sys.stderr, flush=True)

    return tell


def _done_percent() -> None:
    if sys.stderr.isatty():
        print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)


def cmd_export(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.services.desk_sync import ExportChoice

    lock = export_lock(args)  # refused before the database opens
    desk = open_desk(args)
    passphrase = ask_twice() if lock.ask else lock.passphrase
    choice = ExportChoice(
        Path(args.output),
        since_last=args.since == "last",
        since_file=None if args.since in (None, "last") else Path(args.since),
        recipient=lock.recipient,
        passphrase=passphrase,
        plain=lock.plain,
        # an earlier export named by --since, if it is locked: with the same passphrase
        open_passphrase=passphrase or os.environ.get(PASSPHRASE_ENV),
        with_files=not args.without_files,
    )
    result = desk.sync.export(choice, _percent())
    _done_percent()
    what = "every event" if not result.since else "the events since the earlier export"
    lock_said = (
        f", encrypted to key {lock.recipient[:12]}…"
        if lock.recipient
        else (", encrypted with a passphrase" if passphrase else ", not encrypted")
    )
    out(
        f"wrote {result.path}: {result.events} events from {result.devices} device(s) "
        f"({what}), {result.files} evidence file(s), {result.size:,} bytes{lock_said}"
    )
    if lock.plain:
        print(f"tawthiq: warning: {EXPOSED}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq import services

    # a coordinator's first import makes the database; a dry run changes nothing, not even
    # that: with no database yet, it tries the files on an empty one that is thrown away
    target = Path(args.db).expanduser() if args.db else services.default_db_path()
    if args.dry_run and not target.exists():
        out(f"there is no database at {target} yet: an import would make it")
        with services.scratch_workspace(author=given_name(args)) as ws:
            return _import(args, out, services.Desk(ws))
    return _import(args, out, open_desk(args, create=not args.dry_run))


def _import(args: argparse.Namespace, out: Callable[[str], None], desk: Desk) -> int:
    from tawthiq.services.desk_sync import Imported
    from tawthiq.services.values import NewDevicesError, PassphraseNeeded

    paths = [Path(p) for p in args.files]
    passphrase = import_passphrase(args)

    def run(phrase: str | None) -> Imported:
        return desk.sync.import_files(
            paths, _percent(), accept_new=args.accept_new_devices, dry_run=args.dry_run,
            passphrase=phrase, clock_ahead=args.accept_clock_ahead or (),
        )  # fmt: skip

    try:
        try:
            imported = run(passphrase)
        except PassphraseNeeded:
            if passphrase is not None or not sys.stdin.isatty():
                raise
            imported = run(getpass.getpass("passphrase of the export: "))
    except NewDevicesError as exc:
        _done_percent()
        print(f"tawthiq: {visible(str(exc))}:", file=sys.stderr)
        _list_devices(exc.devices, lambda line: print(line, file=sys.stderr))
        print(
            "tawthiq: nothing was imported; once the fingerprints are confirmed, run again "
            "with --accept-new-devices",
            file=sys.stderr,
        )
        return 2
    _done_percent()
    summary = imported.summary
    verb = "would be" if summary.dry_run else "were"
    out(
        f"{summary.new} new events, {summary.known} already known, "
        f"{summary.n_conflicts} conflicts, from devices "
        + ", ".join(
            f"{d.device_id[:8]} ({visible(', '.join(d.authors)) or 'unnamed'}"
            + (", new" if d.first_seen else "")
            + ")"
            for d in summary.devices.values()
        )
    )
    if summary.files_received:
        out(f"{summary.files_received} evidence file(s) received, each checked against its SHA-256")
    for entity, n in sorted(summary.records_new.items()):
        out(f"  {n} new {entity.replace('_', ' ')} record(s) {verb} added")
    for entity, n in sorted(summary.records_changed.items()):
        out(f"  {n} {entity.replace('_', ' ')} record(s) {verb} changed")
    for record_id, (entity, fields) in list(summary.conflicts.items())[:20]:
        out(f"  conflict: {entity.replace('_', ' ')} {record_id[:8]}: {', '.join(fields)}")
    if len(summary.conflicts) > 20:
        out(f"  … and {len(summary.conflicts) - 20} more (tawthiq list --conflicts)")
    if summary.dry_run:
        if imported.unconfirmed:
            out(
                f"an import would first ask you to accept {len(imported.unconfirmed)} "
                "laptop(s) not seen before (--accept-new-devices), once their owners "
                "confirm these key fingerprints:"
            )
            _list_devices(imported.unconfirmed, out)
        out("dry run: nothing was changed")
        return 0
    if imported.pairs:  # among the incidents the merge touched
        out(f"{len(imported.pairs)} possible duplicate(s) among them: see `tawthiq duplicates`")
    for incident_id, problems in imported.contradictions.items():
        # merged as signed, never refused: named so that someone corrects them
        out(f"  contradiction: incident {incident_id[:8]}: {problems[0]}")
    return 0


def _list_devices(devices: Sequence[NewDevice], out: Callable[[str], None]) -> None:
    """Each laptop with its key fingerprint, named by the authors of its signed events (or,
    with none in the file, by what it calls itself); names from another laptop are written
    with their control characters visible, so none can overwrite a fingerprint."""
    for d in devices:
        if d.authors:
            who = f" (events by {visible(', '.join(d.authors))})"
        elif d.says:
            who = f' (no events of its own in the file; it says it is "{visible(d.says)}")'
        else:
            who = ""
        out(f"  device {d.device_id}  key fingerprint {d.fingerprint}{who}")


def cmd_resolve(args: argparse.Namespace, out: Callable[[str], None]) -> int:

    if (args.pick is None) == (args.value is None):
        raise ValidationError("give either --pick EVENT or --value VALUE")
    desk = open_desk(args)
    field = args.field.replace("-", "_")
    incident_id = desk.resolve_id(args.id)
    resolved = desk.resolve(incident_id, field, args.value, pick=args.pick)
    out(f"{incident_id}: {field} resolved (event {resolved.event_id})")
    return 0


def cmd_key(args: argparse.Namespace, out: Callable[[str], None]) -> int:

    keys = open_desk(args, create=True).sync.keys()
    out(f"key for encrypted exports to this laptop: {keys.receive}")
    out(f"  its fingerprint (read it out to check): {keys.receive_fingerprint}")
    out(f"this laptop: device {keys.device_id}, signing key fingerprint "
        f"{keys.signing_fingerprint}")  # fmt: skip
    return 0


def cmd_duplicates(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.cli.format import incident_line

    decision = "same" if args.same else "different" if args.different else None
    desk = open_desk(args, read_only=decision is None)
    if decision:
        ids = [desk.resolve_id(x) for x in args.same or args.different]
        desk.sync.decide_pair(ids[0], ids[1], decision)
        out(f"{ids[0][:8]} and {ids[1][:8]}: recorded as "
            f"{'the same incident' if decision == 'same' else 'different incidents'}")  # fmt: skip
        return 0
    pairs = desk.sync.duplicates()
    for p in pairs:
        out(f"possible duplicate ({'; '.join(p.reasons)}):")
        out(f"  {incident_line(p.a)}")
        out(f"  {incident_line(p.b)}")
    out(f"{len(pairs)} possible duplicate(s); record a judgement with "
        "--same ID ID or --different ID ID")  # fmt: skip
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    ex = command("export", cmd_export, "write this database's history to a file for another laptop")
    ex.add_argument("-o", "--output", required=True, metavar="FILE.tawthiq")
    ex.add_argument(
        "--since", metavar="last|FILE", help="only what came after the last export, or after FILE"
    )
    add_export_options(ex)
    ex.add_argument(
        "--without-files",
        action="store_true",
        help="leave the evidence files out (only their SHA-256s go); a later export brings them",
    )
    im = command("import", cmd_import, "merge export files into this database")
    im.add_argument("files", nargs="+", metavar="FILE")
    im.add_argument(
        "--accept-new-devices",
        action="store_true",
        help="trust laptops seen for the first time (check their fingerprints)",
    )
    im.add_argument(
        "--accept-clock-ahead",
        action="append",
        metavar="DEVICE",
        help="merge the events of laptop DEVICE (its id or first 8 characters; may be "
        "repeated) though they are dated more than 24 hours ahead of this laptop's clock: "
        "only once its owner confirmed that its clock was wrong",
    )
    im.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    add_import_options(im)
    rs = command("resolve", cmd_resolve, "settle a conflict with a new value that saw both")
    rs.add_argument("id", help="incident id (the first 8 characters are enough)")
    rs.add_argument("field", help="the field in conflict, e.g. killed or deleted")
    rs.add_argument(
        "--pick", metavar="EVENT", help="keep the value of this event (as `show` prints it)"
    )
    rs.add_argument("--value", help="a new value (for deleted: yes keeps it deleted, no restores)")
    command("key", cmd_key, "show this laptop's keys: for receiving encrypted exports, for signing")
    du = command("duplicates", cmd_duplicates, "incidents recorded twice: list, or judge a pair")
    du.add_argument("--same", nargs=2, metavar="ID", help="record two incidents as one")
    du.add_argument("--different", nargs=2, metavar="ID", help="record them as different")
