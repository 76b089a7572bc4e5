"""What the window does with export files and with what a merge brings up: the sync use
cases, reached as ``Desk.sync``, each a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from tawthiq.domain.errors import N_, Cancelled, TawthiqError, ValidationError
from tawthiq.services.changes import EVERYTHING, NOTHING, Changes, Stopped

if TYPE_CHECKING:
    from tawthiq.services.sync import DuplicatePair, ExportResult, ImportSummary
    from tawthiq.services.workspace import Workspace
    from tawthiq.sync.errors import ClockAhead, NewDevice

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog (or ``tawthiq export``) asked for: ``since_file``, only what
    came after that earlier export; ``open_passphrase``, to read it if it is locked. An
    export is locked, to ``recipient`` or with ``passphrase``, unless ``plain`` says that
    the person chose to have it readable by anyone."""

    path: Path
    since_last: bool = False
    passphrase: str | None = None
    recipient: str | None = None
    since_file: Path | None = None
    open_passphrase: str | None = None
    plain: bool = False
    with_files: bool = True  # False: the evidence files' SHA-256s only (a later export brings them)


@dataclass(frozen=True, slots=True)
class Imported:
    summary: ImportSummary
    pairs: list[DuplicatePair]  # possible duplicates among the incidents the merge touched
    changes: Changes
    # a dry run: the laptops whose keys a real import would first ask the person to accept
    unconfirmed: tuple[NewDevice, ...] = ()
    # incidents the merge touched whose fields now contradict each other (a governorate
    # that is not the one of the P-code), with each contradiction
    contradictions: dict[str, list[ValidationError]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LaptopKeys:
    """This laptop's keys as people compare them: the one others encrypt exports to, with
    its fingerprint, and the fingerprint of the one its events are signed with."""

    receive: str
    receive_fingerprint: str
    device_id: str
    signing_fingerprint: str


@dataclass(frozen=True, slots=True)
class Refused:
    """A laptop whose events on the team server failed a check here: none of its work was
    taken. ``clock``: when the check was its dates far ahead of this laptop's clock (a
    person who checked may take its work accepting that clock)."""

    device_id: str
    reason: TawthiqError
    clock: tuple[ClockAhead, ...] = ()


@dataclass(frozen=True, slots=True)
class ServerSynced:
    """What a sync with the team server did: the work pulled, told as an import's (with
    its possible duplicates and contradictions), the events pushed, and the laptops whose
    work was not taken: ``waiting``, not trusted here and vouched for by no laptop trusted
    here; ``refused``, failed a check."""

    server: str  # as shown: without its password
    role: str
    pulled: Imported
    pushed: int
    accepted: tuple[NewDevice, ...] = ()
    waiting: tuple[NewDevice, ...] = ()
    refused: tuple[Refused, ...] = ()
    changes: Changes = EVERYTHING
    files_received: int = 0  # evidence files' bytes taken from the server
    files_sent: int = 0
    files_refused: tuple[TawthiqError, ...] = ()  # served changed, or damaged here: named


class SyncDesk:
    def __init__(self, workspace: Callable[[], Workspace]) -> None:
        """``workspace``: the desk's, opened when first needed."""
        self._workspace = workspace

    @property
    def ws(self) -> Workspace:
        return self._workspace()

    def last_export(self) -> datetime | None:
        """When this laptop last exported (None: never)."""
        from tawthiq.store.bookkeeping import last_export_hlc
        from tawthiq.store.hlc import to_datetime

        with self.ws.db.read() as s:
            hlc = last_export_hlc(s)
        return None if hlc is None else to_datetime(hlc)

    def export(self, choice: ExportChoice, progress: Progress) -> ExportResult:
        """Refused, before anything is read, when nothing locks the file and nobody chose
        a plain one, or when a plain one is asked for with a lock."""
        from tawthiq.services.sync import export_database

        locked = bool(choice.recipient) or choice.passphrase is not None
        if locked == choice.plain:
            raise ValidationError(
                N_("an export is either encrypted (to a key or with a passphrase) or, when "
                   "chosen, not encrypted; nothing was exported")
            )  # fmt: skip
        return export_database(
            self.ws,
            choice.path,
            since="last" if choice.since_last else choice.since_file,
            recipient=choice.recipient,
            passphrase=choice.passphrase,
            open_passphrase=choice.open_passphrase,
            progress=progress,
            with_files=choice.with_files,
        )

    def import_files(
        self,
        paths: Sequence[Path],
        progress: Progress,
        *,
        accept_new: bool = False,
        passphrase: str | None = None,
        dry_run: bool = False,
        clock_ahead: Sequence[str] = (),
    ) -> Imported:
        """Merge the files (all or none); then the possible duplicates among what changed.
        A dry run checks and counts and changes nothing; it goes on past laptops not seen
        before and names them, as the import would ask about them."""
        from tawthiq.services.incidents import contradictions
        from tawthiq.services.sync import import_files, possible_duplicates

        summary = import_files(
            self.ws, paths, accept_new=accept_new or dry_run, dry_run=dry_run,
            passphrase=passphrase, progress=progress, clock_ahead=clock_ahead,
        )  # fmt: skip
        if dry_run:
            unconfirmed = () if accept_new else _unconfirmed(summary)
            return Imported(summary, [], NOTHING, unconfirmed=unconfirmed)
        with self.ws.db.read() as s:
            pairs = possible_duplicates(s, summary.touched_incidents)
            contradicting = contradictions(s, summary.touched_incidents)
        return Imported(summary, pairs, EVERYTHING, contradictions=contradicting)

    def remembered_server(self) -> str | None:
        """The team server's connection string this laptop synced with last (None: never)."""
        from tawthiq.services import team

        return team.remembered_server(self.ws)

    def server_sync(
        self,
        url: str | None,
        progress: Progress,
        *,
        accept_new: bool = False,
        accept: Mapping[str, str] | None = None,
        clock_ahead: Sequence[str] = (),
        after: ServerSynced | None = None,
    ) -> ServerSynced:
        """Sync with the team server at ``url`` (None: the remembered one). ``after``: the
        sync just before, whose answers (new laptops to accept, clocks) this one follows
        up: the result tells both together."""
        from tawthiq.services import team
        from tawthiq.sync.errors import ClockAheadError

        try:
            result = team.sync(
                self.ws,
                url,
                accept_new=accept_new,
                accept=accept,
                clock_ahead=clock_ahead,
                progress=progress,
            )
        except Cancelled as stop:  # stopped in the push, what was pulled is kept: shown
            raise Stopped(stop, EVERYTHING) from None
        pulled = result.pulled
        earlier = after.pulled.summary if after is not None else None
        summary = combined([*([earlier] if earlier else []), *pulled.summaries])
        accepted = _devices(pulled.accepted, summary)
        if after is not None:
            accepted = (*after.accepted, *accepted)
        return ServerSynced(
            server=result.server,
            role=result.role,
            pulled=self._pulled(summary),
            pushed=result.pushed.events + (after.pushed if after is not None else 0),
            accepted=accepted,
            waiting=_devices(pulled.waiting, summary),
            refused=tuple(
                Refused(q.device_id, q.reason, q.reason.devices)
                if isinstance(q.reason, ClockAheadError)
                else Refused(q.device_id, q.reason)
                for q in pulled.quarantined
            ),
            files_received=result.files.received + (after.files_received if after else 0),
            files_sent=result.files.sent + (after.files_sent if after else 0),
            files_refused=tuple(f.reason for f in (*result.files.refused, *result.files.not_sent)),
        )

    def _pulled(self, summary: ImportSummary) -> Imported:
        from tawthiq.services.incidents import contradictions
        from tawthiq.services.sync import possible_duplicates

        touched = summary.touched_incidents
        with self.ws.db.read() as s:
            pairs = possible_duplicates(s, touched) if touched else []
            contradicting = contradictions(s, touched)
        return Imported(summary, pairs, EVERYTHING, contradictions=contradicting)

    def duplicates(self) -> list[DuplicatePair]:
        from tawthiq.services.sync import possible_duplicates

        with self.ws.db.read() as s:
            return possible_duplicates(s)

    def decide_pair(self, a: str, b: str, decision: str) -> Changes:
        from tawthiq.services.sync import decide_pair

        with self.ws.writing() as w:
            decide_pair(w, a, b, decision)
        return Changes.of((a, b))

    def keys(self) -> LaptopKeys:
        from tawthiq.services.sync import receive_key, signing_fingerprint

        text, fingerprint = receive_key(self.ws)
        device = self.ws.identity.device_id
        return LaptopKeys(text, fingerprint, device, signing_fingerprint(self.ws))


def _user_info(url: str) -> tuple[str, str, str, str] | None:
    """``scheme://``, the user, its password (as written, percent-encoded) and the rest of a
    connection string; None when it has no user part."""
    scheme, sep, rest = url.strip().partition("://")
    where, slash, tail = rest.partition("/")
    user, at, host = where.rpartition("@")
    if not sep or not at:
        return None
    name, _colon, password = user.partition(":")
    return f"{scheme}://", name, password, f"{host}{slash}{tail}"


def without_password(url: str) -> tuple[str, str]:
    """A connection string split into the string without its password and the password
    (``""`` when it has none): the window shows the first and keeps the second out of
    sight."""
    parts = _user_info(url)
    if parts is None or not parts[2]:
        return url, ""
    scheme, name, password, rest = parts
    return f"{scheme}{name}@{rest}", unquote(password)


def with_password(url: str, password: str) -> str:
    """The connection string ``url`` (without a password) with ``password`` (none: as
    it is)."""
    parts = _user_info(url)
    if not password or parts is None:
        return url.strip()
    scheme, name, _old, rest = parts
    return f"{scheme}{name}:{quote(password, safe='')}@{rest}"


def combined(summaries: Sequence[ImportSummary]) -> ImportSummary:
    """Several merges told as one (a pull merges the trusted laptops' work, then the work
    of those they vouch for; a follow-up sync adds to the one before)."""
    from dataclasses import replace

    from tawthiq.services.sync import ImportSummary

    out = ImportSummary()
    for one in summaries:
        out.files += one.files
        for device, count in one.devices.items():
            had = out.devices.get(device)
            out.devices[device] = count if had is None else replace(
                had,
                authors=tuple(dict.fromkeys((*had.authors, *count.authors))),
                new=had.new + count.new,
                known=had.known + count.known,
                first_seen=had.first_seen or count.first_seen,
            )  # fmt: skip
        for counts, more in (
            (out.records_new, one.records_new),
            (out.records_changed, one.records_changed),
        ):
            for entity, n in more.items():
                counts[entity] = counts.get(entity, 0) + n
        out.conflicts.update(one.conflicts)
        out.new_keys.update(one.new_keys)
        out.touched_incidents += [i for i in one.touched_incidents
                                  if i not in out.touched_incidents]  # fmt: skip
    return out


def _devices(keys: dict[str, str], summary: ImportSummary) -> tuple[NewDevice, ...]:
    """Laptops by their keys' fingerprints, each named by the authors of its signed events
    the merge checked (none for a laptop whose work was not taken)."""
    from tawthiq.services import team
    from tawthiq.sync.errors import NewDevice

    return tuple(
        NewDevice(device, team.fingerprint_of(key), count.authors if count else ())
        for device, key in sorted(keys.items())
        for count in [summary.devices.get(device)]
    )


def _unconfirmed(summary: ImportSummary) -> tuple[NewDevice, ...]:
    """The laptops a real import would ask about, each named by the authors of its signed
    events in any of the files."""
    from dataclasses import replace

    from tawthiq.sync.check_header import new_devices

    found: dict[str, NewDevice] = {}
    for checked in summary.files:
        for d in new_devices(checked):
            count = summary.devices.get(d.device_id)
            if count is not None and count.authors:
                d = replace(d, authors=count.authors, says="")
            found.setdefault(d.device_id, d)
    return tuple(found[k] for k in sorted(found))
