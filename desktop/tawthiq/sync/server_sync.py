"""Syncing with a team server (issue 18): the same set union of signed events as an export
file, over a PostgreSQL database instead of a USB stick.

Both ways go through the file path's own code: what is sent is written as an export (sealed
to this laptop's own key, in its key folder, removed afterwards), checked by ``Checker`` and
applied by ``merge_files`` in one transaction of the receiving database. So the server's
database is a Tawthiq database like any other, an event that reached it by USB and by sync
is the same event, and a cut connection leaves nothing half-applied on either side: the
next sync starts again from what each side holds.

- **Push**: this laptop's events the server lacks (a documenter sends its own device's
  only; the server's row-level security would refuse others'), merged into the server's
  database under the server's rules.
- **Pull**: everyone's events this laptop lacks, in two steps inside one transaction: first
  those of the devices this laptop trusts; then those of the devices that a laptop it trusts
  accepted (a coordinator's enrolment is such a decision, signed in the log and checked in
  step one), or that it enrolled itself, or every new one when the person said so.
- A device whose events fail a check (forged or equivocating, a key other than the one
  this laptop knows, dated far ahead of this laptop's clock) is **quarantined**: named in
  the result, its events not taken, everyone else's taken all the same.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, TawthiqError
from tawthiq.store import chain, checkpoints, trust
from tawthiq.store.identity import DeviceIdentity, key_fingerprint
from tawthiq.store.processes import is_running
from tawthiq.sync import seal
from tawthiq.sync.check_checkpoint import against_earlier
from tawthiq.sync.errors import ClockAheadError, ForgeryError, SyncError
from tawthiq.sync.export import write_export
from tawthiq.sync.keys import load_box_key
from tawthiq.sync.merge import ImportSummary, merge_files
from tawthiq.sync.revoked import RevokedDevice, refuse_revoked

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store import Database

Progress = Callable[[int, int], None]
MAX_QUARANTINED = 50  # devices set aside in one pull before it gives up


@dataclass
class Quarantined:
    device_id: str
    reason: TawthiqError


@dataclass
class PullResult:
    summaries: list[ImportSummary] = field(default_factory=list)
    accepted: dict[str, str] = field(default_factory=dict)  # device -> key newly trusted
    quarantined: list[Quarantined] = field(default_factory=list)
    waiting: dict[str, str] = field(default_factory=dict)  # untrusted device -> key
    roles: dict[str, str] = field(default_factory=dict)  # accepted device -> its team role
    revoked: dict[str, int] = field(default_factory=dict)  # device -> last event taken
    checkpoints: int = 0  # other laptops' checkpoints taken

    @property
    def new(self) -> int:
        return sum(s.new for s in self.summaries)


@dataclass
class PushResult:
    events: int = 0
    summary: ImportSummary | None = None


@dataclass
class Laptop:
    """This laptop as a sync sees it: its identity, the name it signs with, its key folder
    (the sealed bundles go there) and the keys it trusts."""

    identity: DeviceIdentity
    author: str
    key_dir: Path
    enrolled: Mapping[str, str] = field(default_factory=dict)  # fingerprint -> role, enrolled
    coordinators: Collection[str] = ()  # fingerprints of the coordinators it was enrolled by


_BUNDLE = re.compile(r"sync-(\d+)-[0-9a-f-]{36}\.tawthiq")


@contextlib.contextmanager
def _bundle_file(laptop: Laptop) -> Iterator[tuple[Path, seal.Lock, seal.Keys]]:
    """A file for one bundle, sealed to this laptop's own key (what it holds is never on
    the disk in plain) and removed afterwards; those of syncs killed before they could
    remove theirs are removed first (named by their process, so a running one keeps its)."""
    box = load_box_key(laptop.key_dir, create=True)
    assert box is not None
    for old in laptop.key_dir.glob("sync-*.tawthiq"):
        found = _BUNDLE.fullmatch(old.name)
        if found is not None and not is_running(int(found[1])):
            old.unlink(missing_ok=True)
    path = laptop.key_dir / f"sync-{os.getpid()}-{uuid.uuid4()}.tawthiq"
    try:
        yield path, seal.Lock(recipient=box.public_key()), seal.Keys(box_key=box)
    finally:
        path.unlink(missing_ok=True)


def _heads(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {d: h.seq for d, h in chain.signed_heads(s).items()}


def push(
    laptop_db: Database,
    server_db: Database,
    laptop: Laptop,
    *,
    own_only: bool,
    trusted: Mapping[str, str],
    progress: Progress | None = None,
) -> PushResult:
    """Send the events the server lacks (``own_only``: this device's only; never those of a
    laptop revoked here, after its last event still taken) and merge them there in one
    transaction."""
    theirs = _heads(server_db)
    ours = _heads(laptop_db)
    own = laptop.identity.device_id
    with laptop_db.read() as s:
        revoked = trust.team_view(s, own).revoked
    devices = [
        d
        for d, seq in ours.items()
        if seq > theirs.get(d, 0)
        and (d == own or not own_only)
        and (d == own or d not in revoked or seq <= revoked[d])
    ]
    if not devices:
        return PushResult()
    with _bundle_file(laptop) as (path, lock, keys):
        with laptop_db.read() as s:
            written = write_export(
                s,
                laptop.identity,
                laptop.author,
                path,
                since={d: theirs.get(d, 0) for d in devices},
                lock=lock,
                devices_only=devices,
            )
        with server_db.write() as s:
            # this laptop's key first: the server's rules hold each event to its device's
            # key, enrolled by its fingerprint
            me = laptop.identity
            chain.add_device(s, me.device_id, me.public_key_hex, first_seen=written.created_hlc)
            summary = merge_files(s, [path], trusted=trusted, keys=keys, progress=progress)
    return PushResult(events=written.events, summary=summary)


def pull(
    session: Session,
    server_db: Database,
    laptop: Laptop,
    *,
    trusted: Mapping[str, str],
    accept_new: bool,
    accept: Mapping[str, str] | None = None,
    clock_ahead: Collection[str] = (),
    skip: Collection[str] = (),
    progress: Progress | None = None,
) -> PullResult:
    """Check and merge into ``session`` (this laptop's write transaction) what the server
    holds and this laptop lacks, but the devices in ``skip``. ``accept``: laptops the
    person accepted (device -> the key fingerprint shown), taken only with that key;
    ``accept_new``: every laptop new here. A check that fails on one
    device raises ``DeviceRefused`` naming it: the caller rolls back and pulls again
    without it."""
    result = PullResult()
    with server_db.read() as s:
        heads = chain.signed_heads(s)
        keys = chain.device_keys(s)
    theirs = {d: h.seq for d, h in heads.items()}
    ours = {d: chain.last_seq(session, d) for d in theirs}
    for d, seq in sorted(theirs.items()):  # as far as both reach, the same events
        if d not in skip and 0 < seq <= ours[d]:
            mine = chain.hashes(session, d, seq, seq).get(seq)
            if mine != heads[d].hash:
                raise DeviceRefused(d, _forked(d, seq))
    behind = {d for d, seq in theirs.items() if seq > ours[d] and d not in skip}
    first = {d for d in behind if d in trusted}
    _merge(session, server_db, laptop, result, first, ours, trusted, False, clock_ahead, progress)
    # Then, round by round (a coordinator taken brings the acceptances it signed): the keys
    # accepted by the coordinators this laptop follows, as their signed events (checked
    # above) say; those of the laptops it enrolled itself, of the coordinators it was
    # enrolled by, and those the person accepted with their fingerprints; or every one.
    own = laptop.identity.device_id
    rest = behind - first
    extra: dict[str, str] = {}
    while rest - set(extra):
        pending = {d: trust.Decision(k, result.roles.get(d)) for d, k in extra.items()}
        vouched = _vouched(session, laptop, keys, trusted, accept, pending, result)
        new = {d: keys.get(d, "") for d in rest - set(extra) if accept_new or (
            d in keys and vouched.get(d) == keys[d])}  # fmt: skip
        if not new:
            break
        extra.update(new)
        both = {**trusted, **extra}
        _merge(session, server_db, laptop, result, set(new), ours, both, accept_new,
               clock_ahead, progress)  # fmt: skip
    result.waiting = {d: keys.get(d, "") for d in sorted(rest - set(extra))}
    brought = {k: v for s in result.summaries for k, v in s.new_keys.items()}
    result.accepted = {**{d: k for d, k in extra.items() if k}, **brought}
    result.roles = {d: r for d, r in result.roles.items() if d in result.accepted}
    try:
        result.revoked = refuse_revoked(session, own, ours)
    except RevokedDevice as exc:
        raise DeviceRefused(exc.device_id, exc) from None
    known = {**trusted, **result.accepted}
    result.checkpoints = _take_checkpoints(session, server_db, laptop, known, skip)
    return result


def _vouched(
    session: Session,
    laptop: Laptop,
    keys: Mapping[str, str],
    trusted: Mapping[str, str],
    accept: Mapping[str, str] | None,
    pending: Mapping[str, trust.Decision],
    result: PullResult,
) -> dict[str, str]:
    """Device -> key of the laptops this pull may take beyond those trusted (``pending``:
    decisions this pull is taking, not yet signed); the roles they come in, in ``result``."""
    team = trust.team_view(session, laptop.identity.device_id, pending)
    vouched = dict(team.vouched)
    shown = {d: "".join(fp.split()) for d, fp in (accept or {}).items()}
    for d, key in keys.items():
        fp = key_fingerprint(key).replace(" ", "")
        if d in trusted or d in team.revoked:
            continue
        if fp in laptop.coordinators:
            result.roles[d] = trust.COORDINATOR
        elif laptop.enrolled.get(fp):
            result.roles[d] = laptop.enrolled[fp]
        if d in result.roles or fp in laptop.enrolled or shown.get(d) == fp:
            vouched[d] = key
    return vouched


class DeviceRefused(SyncError):
    """One device's events failed a check: the pull goes on without them."""

    def __init__(self, device_id: str, reason: TawthiqError) -> None:
        super().__init__(reason.template, **reason.params)
        self.device_id = device_id
        self.reason = reason


def _merge(
    session: Session,
    server_db: Database,
    laptop: Laptop,
    result: PullResult,
    devices: set[str],
    ours: Mapping[str, int],
    trusted: Mapping[str, str],
    accept_new: bool,
    clock_ahead: Collection[str],
    progress: Progress | None,
) -> None:
    # One device at a time: whatever its rows on the server hold (a text that is no JSON, a
    # chain head far past its events…), a failure is that device's, and the pull goes on
    # without it.
    for device in sorted(devices):
        with _bundle_file(laptop) as (path, lock, keys):
            try:
                with server_db.read() as s:
                    write_export(
                        s,
                        laptop.identity,
                        laptop.author,
                        path,
                        since={device: ours[device]},
                        lock=lock,
                        devices_only={device},
                        with_checkpoint=False,
                        recheck=False,  # merge_files checks every event's hash below
                    )
                summary = merge_files(
                    session,
                    [path],
                    trusted=trusted,
                    accept_new=accept_new,
                    keys=keys,
                    progress=progress,
                    clock_ahead=clock_ahead,
                )
            except ClockAheadError as exc:
                raise DeviceRefused(exc.devices[0].device_id, exc) from exc
            except SyncError as exc:  # a check failed, or its rows did not make an export
                raise DeviceRefused(device, exc) from exc
            except (ValueError, TypeError, KeyError, OverflowError) as exc:  # its rows unreadable
                raise DeviceRefused(device, _unreadable(device, exc)) from exc
        result.summaries.append(summary)


def _unreadable(device: str, exc: Exception) -> SyncError:
    return SyncError(
        N_("the server's copy of laptop {device}'s work cannot be read ({reason}): it was "
           "changed outside Tawthiq"),
        device=device[:8],
        reason=type(exc).__name__,
    )  # fmt: skip


def _forked(device: str, seq: int) -> ForgeryError:
    return ForgeryError(
        N_("the server holds another event #{seq} of laptop {device} than this laptop does: "
           "that laptop has two histories, or the server's copy was changed"),
        seq=seq,
        device=device[:8],
    )  # fmt: skip


def _named_device(exc: TawthiqError, devices: Collection[str]) -> str | None:
    """The device a refusal names (sentences give the first 8 characters of its id)."""
    short = exc.params.get("device")
    if not isinstance(short, str):
        return None
    found = [d for d in devices if d.startswith(short)]
    return found[0] if len(found) == 1 else None


def _take_checkpoints(
    session: Session,
    server_db: Database,
    laptop: Laptop,
    known: Mapping[str, str],
    skip: Collection[str],
) -> int:
    """The latest checkpoints the server holds of the other laptops this one trusts, each
    checked (signed with the key this laptop knows, never behind what it received from
    that laptop) and kept, as an export's is."""
    held = []
    with server_db.read() as s:
        for d in sorted(known):
            if d == laptop.identity.device_id or d in skip:
                continue
            try:
                cp = checkpoints.received(s, d)
            except (ValueError, TypeError, KeyError) as exc:  # its row unreadable
                raise DeviceRefused(d, _unreadable(d, exc)) from exc
            if cp is not None:
                held.append(replace(cp, public_key=known[d]))
    taken = 0
    now = chain.latest_hlc(session)
    for cp in held:
        if not checkpoints.intact(cp):
            raise DeviceRefused(
                cp.device_id,
                ForgeryError(
                    N_(
                        "the checkpoint the server holds of laptop {device} is not the one "
                        "it signed: it was changed or forged"
                    ),
                    device=cp.device_id[:8],
                ),
            )
        before = checkpoints.received(session, cp.device_id)
        if before is not None:
            if before.number > cp.number:
                continue  # a later one came by USB: the server's is only older, not a rollback
            try:
                against_earlier(cp, before, Path("server"))
            except SyncError as exc:
                raise DeviceRefused(cp.device_id, exc) from exc
            if before.number == cp.number:
                continue
        checkpoints.remember_received(session, cp, now=now)
        taken += 1
    return taken
