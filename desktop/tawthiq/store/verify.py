"""Checking every device's hash chain and signed head, and the tables against the log."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.domain.errors import N_, Sentence
from tawthiq.store import sqlite_search as search
from tawthiq.store.chain import device_key, logged_devices, signed_head, signed_heads
from tawthiq.store.checkpoint_check import check_checkpoints, untrusted
from tawthiq.store.checkpoints import Checkpoint
from tawthiq.store.events import GENESIS, Event, head_message, rehash
from tawthiq.store.identity import verify_signature
from tawthiq.store.materialize import Progress, count_entities, state_digest
from tawthiq.store.models import EventRow
from tawthiq.store.row_check import materialised_mismatches


@dataclass
class VerifyReport:
    events: int = 0
    devices: int = 0
    problems: list[str] = field(default_factory=list)
    digest: str = ""
    checkpoint: Checkpoint | None = None  # the latest one (None: no checkpoint yet)
    team_server: bool = False  # a team server's database: no checkpoints of its own

    @property
    def ok(self) -> bool:
        return not self.problems


def _read(row: object) -> tuple[Event | None, bool]:
    """The event of a row and whether its content still matches its hash."""
    try:
        e = Event.from_row(row)
        return e, rehash(e) == e.hash
    except (TypeError, ValueError, KeyError):
        return None, False


def altered(seq: int, device_id: str, event_id: str) -> Sentence:
    """An event whose content no longer matches its hash, as every check names it."""
    return Sentence(
        N_(
            "event #{seq} of device {device} ({event}) was altered: its content no longer "
            "matches its hash"
        ),
        seq=seq, device=device_id[:8], event=event_id,
    )  # fmt: skip


def check_chain(
    session: Session,
    device_id: str,
    progress: Callable[[int], None] | None = None,
    *,
    first: int = 1,
) -> tuple[int, str | None]:
    """Walk one device's events by sequence number, from ``first`` to its signed head;
    name the first break. From a later ``first`` on, the walk vouches for the events it
    reads (each chains to the next, the last is signed), not for those before it.
    ``progress`` hears how many events have been read, every few thousand."""
    rows = session.execute(
        select(EventRow.__table__)
        .where(EventRow.device_id == device_id, EventRow.seq >= first)
        .order_by(EventRow.seq),
        execution_options={"yield_per": 5000},
    )
    expected_seq, prev_hash, prev_id, count = first, GENESIS, "", 0
    who = device_id[:8]
    for row in rows:
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count)
        e, intact = _read(row)
        seq, event_id = row.seq, row.event_id
        if seq != expected_seq:
            return count, Sentence(
                N_(
                    "event #{missing} of device {device} is missing (removed); the chain jumps "
                    "to #{seq} ({event})"
                ),
                missing=expected_seq, device=who, seq=seq, event=event_id,
            )  # fmt: skip
        if e is None or not intact:
            return count, altered(seq, device_id, event_id)
        if seq == first > 1:  # where a partial walk starts: what came before is not its own
            prev_hash = e.prev_hash
        if e.prev_hash != prev_hash:
            return count, Sentence(
                N_(
                    "event #{seq} of device {device} ({event}) does not follow event #{before} "
                    "({previous}): event #{before} was altered or replaced, or events were "
                    "removed or reordered"
                ),
                seq=seq, device=who, event=event_id, before=seq - 1, previous=prev_id,
            )  # fmt: skip
        prev_hash, prev_id = e.hash, e.event_id
        expected_seq += 1
    last_seq = expected_seq - 1
    head = signed_head(session, device_id)
    if head is None:
        return count, Sentence(
            N_("device {device} has no signed chain head: its events cannot be vouched for"),
            device=who,
        )
    key = device_key(session, device_id) or ""
    if not verify_signature(key, head_message(device_id, head.seq, head.hash), head.signature):
        return count, Sentence(
            N_(
                "the signature on the chain of device {device} is not valid: the chain was "
                "re-written"
            ),
            device=who,
        )
    if head.seq > last_seq:
        return count, Sentence(
            N_("events #{first}..#{last} of device {device} are missing (removed from the end)"),
            first=last_seq + 1, last=head.seq, device=who,
        )  # fmt: skip
    if head.seq < last_seq:
        return count, Sentence(
            N_(
                "events after #{seq} of device {device} are not covered by its signature "
                "(added outside Tawthiq)"
            ),
            seq=head.seq, device=who,
        )  # fmt: skip
    if head.hash != prev_hash:
        return count, Sentence(
            N_("event #{seq} of device {device} differs from the one the device signed"),
            seq=head.seq, device=who,
        )  # fmt: skip
    return count, None


def _quiet(done: int, total: int) -> None:
    pass


def _offset(tell: Progress, before: int, total: int, n: int) -> None:
    tell(before + n, total)


def verify(
    session: Session,
    trusted: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    *,
    team_server: bool = False,
) -> VerifyReport:
    """Chains, checkpoints, signatures (against the keys the database's own laptop accepted
    in its signed log; ``trusted``, the loose file, only while there is no checkpoint yet),
    then the materialised tables and the search index against the log. ``progress`` hears (steps
    done, steps in all): every event once, then every record once. A ``team_server``'s
    database has no laptop of its own to sign checkpoints: its devices are checked against
    ``trusted`` (the keys the laptop verifying it accepted, in the server's log)."""
    report = VerifyReport()
    devices = set(logged_devices(session)) | set(signed_heads(session))
    tell: Progress = progress or _quiet
    events = session.execute(select(func.count()).select_from(EventRow)).scalar_one()
    total = events + count_entities(session)
    tell(0, total)
    for device_id in sorted(devices):
        before = report.events
        count, problem = check_chain(session, device_id, partial(_offset, tell, before, total))
        report.events += count
        if problem:
            report.problems.append(problem)
    report.devices = len(devices)
    report.team_server = team_server
    if not team_server:
        checked = check_checkpoints(session)
        report.checkpoint = checked.latest
        report.problems.extend(checked.problems)
        if checked.trusted is not None:
            trusted = checked.trusted
    if trusted is not None:
        report.problems.extend(untrusted(session, trusted))
    if report.ok:
        report.problems.extend(
            materialised_mismatches(
                session, progress=lambda done, _: tell(report.events + done, total)
            )
        )
        report.problems.extend(search.index_problems(session))
    report.digest = state_digest(session)
    tell(total, total)
    return report
