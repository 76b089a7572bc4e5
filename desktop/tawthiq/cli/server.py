"""``tawthiq server init|enrol|revoke|members`` and ``tawthiq sync``: a team server
(PostgreSQL), made and kept by a coordinator, synced with by every laptop."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from tawthiq.cli.door import open_desk
from tawthiq.cli.sync import _done_percent, _list_devices, _percent
from tawthiq.domain.text import visible


def cmd_server(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.services import team

    if args.action == "init":
        if not args.url:
            out_err("give the server: `tawthiq server init postgresql://OWNER@HOST/DATABASE`")
            return 2
        where = team.init_server(args.url)
        out(
            f"{where} is a Tawthiq team server: the event log, the roles tawthiq_documenter, "
            "tawthiq_coordinator and tawthiq_auditor, row-level security and an append-only "
            "event table are in place"
        )
        out("next: `tawthiq server enrol --device FINGERPRINT --role documenter` for each laptop")
        return 0
    desk = open_desk(args, create=True, signing=args.action in ("enrol", "revoke"))
    url = args.url or args.server
    if args.action == "members":
        for m in team.members(desk.ws, url):
            state = "revoked" if m.revoked else m.role
            fp = " ".join(m.fingerprint[i : i + 4] for i in range(0, 16, 4))
            out(f"{fp}  {state:<12} {m.login}")
        return 0
    if not args.device:
        out_err(
            f"give the laptop's signing key fingerprint: `tawthiq server {args.action} "
            "--device 'XXXX XXXX XXXX XXXX'` (`tawthiq key` shows it on that laptop)"
        )
        return 2
    if args.action == "revoke":
        login = team.revoke(desk.ws, url, args.device)
        if login is None:
            out(f"revoked: laptop {args.device} had no login on the server (it worked by USB)")
        else:
            out(f"revoked: {login} can no longer connect")
        out(
            "the events it sent stay in the log. Your "
            "revocation is signed: your next `tawthiq sync` sends it, and the laptops that "
            "follow you take none of that laptop's later events, by server or by USB"
        )
        return 0
    e = team.enrol(desk.ws, url, args.device, args.role)
    out(f"enrolled laptop {args.device} as {e.role}; on that laptop run:")
    out(f"  tawthiq sync --server '{e.url}'")
    out(
        "give it this connection string in person or over a channel you trust (it holds the "
        "password and your key's fingerprint, which that laptop will follow); add "
        "&sslmode=verify-full when the server has a TLS certificate"
    )
    if not e.trusted_now:
        out(
            "its key arrives with its first sync; your next `tawthiq sync` signs your trust "
            "in it, and the laptops that follow you accept it"
        )
    return 0


def out_err(message: str) -> None:
    print(f"tawthiq: {message}", file=sys.stderr)


def cmd_sync(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from tawthiq.services import team

    desk = open_desk(args, create=True, signing=True)
    result = team.sync(
        desk.ws,
        args.server,
        accept_new=args.accept_new_devices,
        clock_ahead=args.accept_clock_ahead or (),
        progress=_percent(),
    )
    _done_percent()
    pulled, pushed = result.pulled, result.pushed
    out(
        f"synced with {result.server} (as {result.role}): {pulled.new} new event(s) pulled, "
        f"{pushed.events} pushed"
    )
    for summary in pulled.summaries:
        for entity, n in sorted(summary.records_new.items()):
            out(f"  {n} new {entity.replace('_', ' ')} record(s)")
        for entity, n in sorted(summary.records_changed.items()):
            out(f"  {n} {entity.replace('_', ' ')} record(s) changed")
        for record_id, (entity, fields) in list(summary.conflicts.items())[:20]:
            out(f"  conflict: {entity.replace('_', ' ')} {record_id[:8]}: {', '.join(fields)}")
    for device, key in sorted(pulled.accepted.items()):
        out(f"  accepted laptop {device[:8]} (key fingerprint {team.fingerprint_of(key)})")
    files = result.files
    if files.supported:
        out(f"  evidence files: {files.received} received, {files.sent} sent")
    else:
        out(
            "  evidence files: this server keeps none yet (its coordinator runs `tawthiq "
            "server init` again with this release); they still travel in export files"
        )
    code = 0
    for f in [*files.refused, *files.not_sent]:
        print(f"tawthiq: {visible(str(f.reason))}", file=sys.stderr)
        code = 1
    for q in pulled.quarantined:
        print(
            f"tawthiq: quarantined laptop {q.device_id[:8]}: its events were not taken: "
            f"{visible(str(q.reason))}",
            file=sys.stderr,
        )
        code = 1
    if pulled.waiting:
        from tawthiq.services.values import NewDevice

        print(
            f"tawthiq: {len(pulled.waiting)} laptop(s) on the server are not trusted here, "
            "and no laptop you trust vouched for them; their events were not taken:",
            file=sys.stderr,
        )
        devices = [NewDevice(d, team.fingerprint_of(k), ()) for d, k in pulled.waiting.items()]
        _list_devices(devices, lambda line: print(line, file=sys.stderr))
        print(
            "tawthiq: once the fingerprints are confirmed with their owners, sync again with "
            "--accept-new-devices",
            file=sys.stderr,
        )
    return code


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    sv = command("server", cmd_server, "make and keep a team server (PostgreSQL): coordinators")
    sv.add_argument("action", choices=("init", "enrol", "revoke", "members"))
    sv.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="the server: postgresql://USER:PASSWORD@HOST:PORT/DATABASE (for init, "
        "the database owner's; later, the one remembered by `tawthiq sync`)",
    )
    sv.add_argument("--server", metavar="URL", help="the server, as URL above")
    sv.add_argument(
        "--device",
        metavar="FINGERPRINT",
        help="the laptop's signing key fingerprint, as `tawthiq key` shows it there",
    )
    sv.add_argument(
        "--role",
        choices=("documenter", "coordinator", "auditor"),
        default="documenter",
        help="what the laptop may do (default: documenter)",
    )
    sy = command("sync", cmd_sync, "pull the team's work from the server and push this laptop's")
    sy.add_argument(
        "--server",
        metavar="URL",
        help="postgresql://USER:PASSWORD@HOST:PORT/DATABASE, as your coordinator "
        "gave it (remembered, sealed with this laptop's keys)",
    )
    sy.add_argument(
        "--accept-new-devices",
        action="store_true",
        help="also take the work of laptops seen for the first time (check their fingerprints)",
    )
    sy.add_argument(
        "--accept-clock-ahead",
        action="append",
        metavar="DEVICE",
        help="take the events of laptop DEVICE though they are dated more than 24 "
        "hours ahead of this laptop's clock",
    )
