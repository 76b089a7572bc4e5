"""Each device's hash chain as the database holds it: its key, its signed head, its events
by sequence number. The one place a device's chain head is recorded, whether this laptop
wrote the events or a merge brought them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.store.events import Event
from tawthiq.store.hlc import HybridClock
from tawthiq.store.models import ChainHead, Device, EventRow

_BATCH = 5000


@dataclass(frozen=True, slots=True)
class SignedHead:
    """A device's last event (``seq``, ``hash``) with the device's signature over both."""

    device_id: str
    seq: int
    hash: str
    signature: str


def record_head(
    session: Session,
    head: SignedHead,
    *,
    public_key: str,
    first_seen: Callable[[], int],
) -> None:
    """Keep ``head`` as its device's chain head unless the one kept reaches further, and
    the device's key if it is new here (``first_seen`` gives its time, read only then)."""
    if session.get(Device, head.device_id) is None:
        add_device(session, head.device_id, public_key, first_seen=first_seen())
    kept = session.get(ChainHead, head.device_id)
    if kept is None:
        session.add(
            ChainHead(
                device_id=head.device_id, seq=head.seq, hash=head.hash, signature=head.signature
            )
        )
    elif kept.seq < head.seq:
        kept.seq, kept.hash, kept.signature = head.seq, head.hash, head.signature


def add_device(session: Session, device_id: str, public_key: str, *, first_seen: int) -> None:
    """Keep a device's key (unless one is kept already)."""
    if session.get(Device, device_id) is None:
        session.add(
            Device(
                device_id=device_id, public_key=public_key, first_seen_hlc=first_seen, trusted=True
            )
        )
        session.flush()


def signed_head(session: Session, device_id: str) -> SignedHead | None:
    kept = session.get(ChainHead, device_id)
    return None if kept is None else SignedHead(kept.device_id, kept.seq, kept.hash, kept.signature)


def signed_heads(session: Session) -> dict[str, SignedHead]:
    """Every device's chain head, by device id."""
    return {
        h.device_id: SignedHead(h.device_id, h.seq, h.hash, h.signature)
        for h in session.execute(select(ChainHead)).scalars()
    }


def device_key(session: Session, device_id: str) -> str | None:
    """The public key the database holds for a device (None: a device new here)."""
    device = session.get(Device, device_id)
    return device.public_key if device else None


def device_keys(session: Session) -> dict[str, str]:
    return {d.device_id: d.public_key for d in session.execute(select(Device)).scalars()}


def logged_devices(session: Session) -> list[str]:
    """Every device with events in the log, in order of id."""
    return sorted(set(session.execute(select(EventRow.device_id).distinct()).scalars()))


def last_seq(session: Session, device_id: str) -> int:
    """How far the device's chain reaches here (0: none of its events)."""
    found = session.execute(
        select(func.max(EventRow.seq)).where(EventRow.device_id == device_id)
    ).scalar()
    return int(found or 0)


def hashes(session: Session, device_id: str, first: int, last: int) -> dict[int, str]:
    """The hashes of the device's events ``first`` to ``last`` held here, by sequence number."""
    rows = session.execute(
        select(EventRow.seq, EventRow.hash).where(
            EventRow.device_id == device_id, EventRow.seq >= first, EventRow.seq <= last
        )
    )
    return {int(s): h for s, h in rows}


def authors_since(session: Session, device_id: str, first: int, *, most: int) -> list[str]:
    """Who wrote the device's events from ``first`` on (``most`` names at most), sorted."""
    found = session.execute(
        select(EventRow.author)
        .where(EventRow.device_id == device_id, EventRow.seq >= first)
        .distinct()
        .limit(most)
    ).scalars()
    return sorted(found)


def device_events(session: Session, device_id: str, first: int, last: int) -> Iterator[Event]:
    """The device's events ``first`` to ``last`` held here, by sequence number, streamed."""
    table = EventRow.__table__
    rows = session.execute(
        select(table)
        .where(table.c.device_id == device_id, table.c.seq >= first, table.c.seq <= last)
        .order_by(table.c.seq),
        execution_options={"yield_per": _BATCH},
    )
    return (Event.from_row(r) for r in rows)


def latest_hlc(
    session: Session, *, device_id: str | None = None, besides: str | None = None
) -> int:
    """The latest time any device (or only ``device_id``, or all but ``besides``) has
    written: each device's clock only moves forward, so it is at one of the signed chain
    heads (no index on event.hlc to keep up to date)."""
    query = select(func.max(EventRow.hlc)).join(
        ChainHead,
        (ChainHead.device_id == EventRow.device_id) & (ChainHead.seq == EventRow.seq),
    )
    if device_id is not None:
        query = query.where(ChainHead.device_id == device_id)
    if besides is not None:
        query = query.where(ChainHead.device_id != besides)
    return session.execute(query).scalar() or 0


def device_clock(session: Session, device_id: str, *, at_least: int = 0) -> HybridClock:
    """The clock for ``device_id``'s next events: after its own last one (and ``at_least``),
    after every other device's too, but pulled forward by them no further than
    ``CLOCK_PULL_MS`` past this laptop's clock. What an edit saw is in its parents, not its
    time, so a device whose clock was wrong cannot make this one's edits lose."""
    clock = HybridClock(max(latest_hlc(session, device_id=device_id), at_least))
    clock.observe(latest_hlc(session, besides=device_id))
    return clock
