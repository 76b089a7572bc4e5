"""Checking every device's hash chain and signed head, and the tables against the log."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.store.events import GENESIS, Event, head_message, rehash
from tawthiq.store.identity import verify_signature
from tawthiq.store.materialize import materialised_mismatches, state_digest
from tawthiq.store.models import ChainHead, Device, EventRow


@dataclass
class VerifyReport:
    events: int = 0
    devices: int = 0
    problems: list[str] = field(default_factory=list)
    digest: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_chain(session: Session, device_id: str) -> tuple[int, str | None]:
    """Walk one device's events by sequence number; stop at the first break."""
    rows = session.execute(
        select(EventRow.__table__).where(EventRow.device_id == device_id).order_by(EventRow.seq),
        execution_options={"yield_per": 5000},
    )
    expected_seq, prev_hash, count = 1, GENESIS, 0
    who = f"device {device_id[:8]}"
    for row in rows:
        e = Event.from_row(row)
        count += 1
        if e.seq != expected_seq:
            return count, (
                f"event #{expected_seq} of {who} is missing (removed); the chain jumps to "
                f"#{e.seq} ({e.event_id})"
            )
        if e.prev_hash != prev_hash:
            return count, (
                f"event #{e.seq} of {who} ({e.event_id}) does not follow event #{e.seq - 1}: "
                "events were removed or reordered"
            )
        if rehash(e) != e.hash:
            return count, (
                f"event #{e.seq} of {who} ({e.event_id}) was altered: its content no longer "
                "matches its hash"
            )
        prev_hash = e.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    head = session.get(ChainHead, device_id)
    device = session.get(Device, device_id)
    if head is None or device is None:
        return count, f"{who} has no signed chain head: its events cannot be vouched for"
    if not verify_signature(
        device.public_key, head_message(device_id, head.seq, head.hash), head.signature
    ):
        return count, f"the signature on the chain of {who} is not valid: the chain was re-written"
    if head.seq > last_seq:
        return count, (
            f"events #{last_seq + 1}..#{head.seq} of {who} are missing (removed from the end)"
        )
    if head.seq < last_seq:
        return count, (
            f"events after #{head.seq} of {who} are not covered by its signature "
            "(added outside Tawthiq)"
        )
    if head.hash != prev_hash:
        return count, f"event #{head.seq} of {who} differs from the one the device signed"
    return count, None


def verify(session: Session) -> VerifyReport:
    report = VerifyReport()
    devices = set(session.execute(select(EventRow.device_id).distinct()).scalars())
    devices |= set(session.execute(select(ChainHead.device_id)).scalars())
    for device_id in sorted(devices):
        count, problem = _check_chain(session, device_id)
        report.events += count
        if problem:
            report.problems.append(problem)
    report.devices = len(devices)
    if report.ok:
        report.problems.extend(materialised_mismatches(session))
    report.digest = state_digest(session)
    return report
