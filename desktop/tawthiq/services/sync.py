"""Exporting this database for another laptop, merging exports, and the possible
duplicates a merge brings: the use cases the command line and the window share."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.checks import clean_value
from tawthiq.domain.duplicates import duplicate_reasons
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import PAIR
from tawthiq.domain.records import Incident
from tawthiq.services.evidence_files import file_store
from tawthiq.services.targets import check_replaceable
from tawthiq.services.workspace import Workspace, adopt_trust_file, record_trust
from tawthiq.store import EventWriter, chain, checkpoints, queries
from tawthiq.store.bookkeeping import last_export_heads
from tawthiq.store.identity import load_identity
from tawthiq.store.writer import check_signer
from tawthiq.sync import seal
from tawthiq.sync.errors import MIN_PASSPHRASE, SyncError
from tawthiq.sync.export import (
    ExportResult,
    covered_by,
    remember_export,
    write_export,
)
from tawthiq.sync.keys import decode_recipient, encode_recipient, fingerprint, load_box_key
from tawthiq.sync.merge import DryRun, ImportSummary, merge_files
from tawthiq.sync.revoked import RevokedDevice, refuse_revoked
from tawthiq.sync.stream import check_readable, noted_export

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Progress = Callable[[int, int], None]
_PAIR_NS = uuid.UUID("0b6f8e4e-2d0a-4f49-8f44-5a7c3f2e9d61")
MAX_SUGGESTIONS = 200

__all__ = [
    "DuplicatePair",
    "ExportResult",
    "ImportSummary",
    "decide_pair",
    "export_database",
    "import_files",
    "possible_duplicates",
    "receive_key",
]


def receive_key(ws: Workspace) -> tuple[str, str]:
    """This laptop's key for receiving encrypted exports (made on first request), as the
    text to hand out and its fingerprint to read out over the phone."""
    key = load_box_key(ws.key_dir, create=True)
    assert key is not None
    public = key.public_key()
    return encode_recipient(public), fingerprint(public.public_bytes_raw())


def signing_fingerprint(ws: Workspace) -> str:
    """The fingerprint of this laptop's signing key, to read out to a coordinator."""
    return fingerprint(ws.identity.public_key_hex)


def export_database(
    ws: Workspace,
    path: Path,
    *,
    since: str | Path | None = None,
    recipient: str | None = None,
    passphrase: str | None = None,
    open_passphrase: str | None = None,
    progress: Progress | None = None,
    with_files: bool = True,
) -> ExportResult:
    """Write an export of this database to ``path``: every event, or with ``since``
    ("last", or an earlier export file) only what came after; encrypted to a recipient's
    key or with a passphrase when given. The evidence files its events name go with it,
    unless ``with_files`` is False (their SHA-256s only: a later export brings them)."""
    if recipient and passphrase:
        raise SyncError(N_("encrypt either to a key or with a passphrase, not both"))
    lock = None
    if recipient:
        lock = seal.Lock(recipient=decode_recipient(recipient))
    elif passphrase is not None:
        lock = seal.Lock(passphrase=passphrase)
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise SyncError(N_("a passphrase needs at least {n} characters"), n=MIN_PASSPHRASE)
    path = Path(path).expanduser().absolute()
    _check_target(ws, path)
    heads: dict[str, int] | None = None
    if since == "last":
        with ws.db.read() as s:
            heads = last_export_heads(s)
    elif since is not None:
        heads = covered_by(Path(since), _keys(ws, open_passphrase))
    identity = ws.identity
    ws.db.check_writable()  # in use by another program: said now, before a byte is written

    def publish(result: ExportResult, put_in_place: Callable[[], None]) -> None:
        # Noted and put in place together: a file that cannot be noted for the next
        # ``--since last`` is not left behind, and a note never names a missing file.
        with ws.db.write() as s:
            remember_export(s, result)
            s.flush()
            put_in_place()

    with noted_export(ws.key_dir, path.parent), ws.db.read() as s:
        check_signer(s, identity)  # an export is signed: not with a key swapped in
        return write_export(
            s,
            identity,
            ws.signing_author,
            path,
            since=heads,
            lock=lock,
            progress=progress,
            publish=publish,
            files=file_store(ws) if with_files else None,
        )


def _check_target(ws: Workspace, path: Path) -> None:
    if path.is_dir():
        raise SyncError(N_("{path} is a folder; give a file name for the export"), path=path)
    if ws.db.is_stored_in(path):
        raise SyncError(N_("{path} is the database itself; choose another file"), path=path)
    if not path.parent.is_dir():
        raise SyncError(N_("the folder {path} does not exist"), path=path.parent)
    check_replaceable(path)


def _keys(ws: Workspace, passphrase: str | None) -> seal.Keys:
    return seal.Keys(passphrase=passphrase, box_key=load_box_key(ws.key_dir, create=False))


def import_files(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    accept_new: bool = False,
    dry_run: bool = False,
    passphrase: str | None = None,
    progress: Progress | None = None,
    clock_ahead: Sequence[str] = (),
) -> ImportSummary:
    """Check every file, then merge all of them in one transaction (or none: any error
    leaves the database as it was). Devices accepted here join the trusted list; those in
    ``clock_ahead`` (ids or their first 8 characters) may have clocks running ahead."""
    if not paths:
        raise SyncError(N_("name at least one export file to import"))
    ws.refuse_server_writes()
    keys = _keys(ws, passphrase)
    # a dry run makes nothing, not even this laptop's key when it has none yet
    identity = load_identity(ws.key_dir) if dry_run else ws.identity
    files = [Path(p).expanduser() for p in paths]
    for path in files:  # before the write lock is taken: a named pipe would hold it
        check_readable(path)
    summary: ImportSummary | None = None
    try:
        with ws.db.write() as s:
            if identity is not None:  # before any work: a swapped key writes nothing
                check_signer(s, identity)
                if not dry_run:
                    ws.check_witness(s)
            before = {d: h.seq for d, h in chain.signed_heads(s).items()}
            summary = merge_files(
                s,
                files,
                trusted=ws.accepted_keys(s),
                accept_new=accept_new,
                keys=keys,
                dry_run=dry_run,
                progress=progress,
                clock_ahead=clock_ahead,
                files=None if dry_run else file_store(ws),
            )
            if identity is not None:
                try:
                    refuse_revoked(s, identity.device_id, before)
                except RevokedDevice as exc:
                    raise SyncError(
                        N_("the import carries events of laptop {device} after its key was "
                           "revoked (after its event {seq}); nothing was imported"),
                        device=exc.device_id[:8],
                        seq=exc.last,
                    ) from None  # fmt: skip
            # The keys accepted become this laptop's signed decisions, and the checkpoint
            # signed as the writer closes covers what the merge brought.
            assert identity is not None  # made above: only a dry run has none, and it ended
            decides = summary.new_keys or checkpoints.latest_number(s) == 0
            author = ws.signing_author if decides else ws.author or ""  # a decision is signed
            with EventWriter(s, identity, author) as w:
                adopt_trust_file(w, ws.key_dir)
                record_trust(w, summary.new_keys)
    except DryRun as done:
        return done.summary
    except BaseException:
        if summary is not None:
            summary.drop_files()
        raise
    summary.publish_files()  # saved: the files it brought, checked already, put in place
    ws.remember(w)
    return summary


# --- possible duplicates ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    a: Incident
    b: Incident
    reasons: tuple[str, ...]

    @property
    def pair_id(self) -> str:
        return pair_id(self.a.id, self.b.id)


def pair_id(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return str(uuid.uuid5(_PAIR_NS, f"{first}/{second}"))


def possible_duplicates(
    session: Session, ids: Sequence[str] | None = None, *, limit: int = MAX_SUGGESTIONS
) -> list[DuplicatePair]:
    """Pairs of incidents that are probably one, not yet judged by anyone: each of ``ids``
    (default: every incident) against every other with a date a day apart at most."""
    decided = queries.judged_pairs(session)
    out: list[DuplicatePair] = []
    seen: set[str] = set()
    for incident_id, values, day_text in queries.dated_incidents(session, ids):
        if not day_text:
            continue
        day = date.fromisoformat(day_text)
        lo, hi = (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat()
        for other_id, other_values, _ in queries.incidents_between(
            session, lo, hi, besides=incident_id
        ):
            key = pair_id(incident_id, other_id)
            if key in decided or key in seen:
                continue
            reasons = duplicate_reasons(values, other_values)
            if reasons:
                seen.add(key)
                a, b = sorted(((incident_id, values), (other_id, other_values)))
                out.append(
                    DuplicatePair(
                        Incident.from_state(a[0], a[1]),
                        Incident.from_state(b[0], b[1]),
                        tuple(reasons),
                    )
                )
                if len(out) >= limit:
                    return out
    return out


def decide_pair(writer: EventWriter, a: str, b: str, decision: str) -> str:
    """Record a judgement on two incidents: "same" (one incident recorded twice: the one
    recorded later is grouped into the other, its reports then count for it) or
    "different" (a grouping of the two is undone); an event like any other, merged to
    every laptop."""
    if a == b:
        raise ValidationError(N_("an incident cannot be a duplicate of itself"))
    code = clean_value(PAIR, "decision", decision)
    first, second = sorted((a, b))
    for incident_id in (first, second):
        if not writer.events_of(incident_id):
            raise ValidationError(N_("there is no incident with id {id!r}"), id=incident_id)
    key = pair_id(first, second)
    values: dict[str, Any] = {"incident_a": first, "incident_b": second, "decision": code}
    existing = writer.events_of(key)
    if existing:
        values = {"decision": code}
    writer.record(PAIR, key, values, new=not existing)
    _group_as_judged(writer, first, second, code)
    return key


def _group_as_judged(writer: EventWriter, a: str, b: str, decision: str) -> None:
    from tawthiq.services import grouping
    from tawthiq.services.incidents import get_incident

    older, newer = sorted((a, b), key=lambda i: (writer.events_of(i)[0].hlc, i))
    session = writer.session
    together = grouping.root_of(session, older) == grouping.root_of(session, newer)
    if decision == "same" and not together:
        grouping.group(writer, newer, older)
    elif decision == "different" and together:
        for one in (newer, older):  # the one of the two grouped into the other
            into = get_incident(session, one).values.get("grouped_into")
            if into in (a, b) or (into and grouping.root_of(session, into) in (a, b)):
                grouping.ungroup(writer, one)
                return


def pairs_of(session: Session, incident_id: str) -> list[tuple[str, str]]:
    """(other incident, decision) of every judgement on ``incident_id``."""
    rows = queries.judgements_on(session, incident_id)
    return [(b if a == incident_id else a, d) for a, b, d in rows if d]
