"""Signed checkpoints: with each commit, the laptop that owns the database signs what the
log holds — every device's chain head, under a Merkle root — chained to the checkpoint
before. Each head's hash chains back over every event of its device, so the root commits
to the whole log; a device's history that vanishes, a chain cut back to an older signed
head, a checkpoint removed or reordered, all no longer match.

Heads are stored only where they moved (``checkpoint_head``); the signed root covers them
all, so a stored head that was changed no longer gives the root.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import exists, func, select, text
from sqlalchemy.orm import Session

from tawthiq.domain.errors import N_
from tawthiq.store.chain import signed_heads
from tawthiq.store.errors import StoreError
from tawthiq.store.events import GENESIS, canonical_json
from tawthiq.store.identity import DeviceIdentity, verify_signature
from tawthiq.store.models import CheckpointHead, CheckpointRow, EventRow, ReceivedCheckpoint

TAG = "tawthiq-checkpoint/1"
Head = tuple[str, int, str]  # (device id, seq, hash of its last event)


def merkle_root(heads: Iterable[Head]) -> str:
    """The Merkle tree hash (as RFC 6962 builds it: leaves and nodes hashed apart) of the
    heads in order of device id; an empty log has the hash of nothing."""
    leaves = [
        hashlib.sha256(b"\x00" + f"{d}\n{seq}\n{h}".encode("ascii")).digest()
        for d, seq, h in sorted(heads)
    ]
    return _tree(leaves).hex() if leaves else hashlib.sha256(b"").hexdigest()


def _tree(nodes: Sequence[bytes]) -> bytes:
    if len(nodes) == 1:
        return nodes[0]
    split = 1 << ((len(nodes) - 1).bit_length() - 1)  # the largest power of two below
    return hashlib.sha256(b"\x01" + _tree(nodes[:split]) + _tree(nodes[split:])).digest()


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """One signed checkpoint with every head it covers (sorted by device id)."""

    device_id: str
    public_key: str
    number: int
    hlc: int
    heads: tuple[Head, ...]
    root: str
    previous: str
    hash: str
    signature: str

    @property
    def events(self) -> int:
        return sum(seq for _, seq, _ in self.heads)

    @property
    def head_of(self) -> dict[str, tuple[int, str]]:
        return {d: (seq, h) for d, seq, h in self.heads}

    def as_json(self) -> dict[str, object]:
        """As an export's header carries it."""
        return {
            "device": self.device_id,
            "number": self.number,
            "hlc": self.hlc,
            "heads": [list(h) for h in self.heads],
            "root": self.root,
            "previous": self.previous,
            "signature": self.signature,
        }

    @property
    def short(self) -> str:
        """How a person names it: its number, and the start of its hash."""
        return f"#{self.number} {self.hash[:16]}"


def checkpoint_hash(
    *, device_id: str, public_key: str, number: int, hlc: int, heads: Sequence[Head],
    root: str, previous: str,
) -> str:  # fmt: skip
    """What is signed: the checkpoint's place, its signer, and the root over its heads."""
    payload = [TAG, device_id, public_key, number, hlc, len(heads), sum(h[1] for h in heads),
               root, previous]  # fmt: skip
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def rehashed(cp: Checkpoint) -> Checkpoint:
    """``cp`` with the hash its fields give (a checkpoint read from a file carries none)."""
    return replace(
        cp,
        hash=checkpoint_hash(
            device_id=cp.device_id, public_key=cp.public_key, number=cp.number, hlc=cp.hlc,
            heads=cp.heads, root=cp.root, previous=cp.previous,
        ),
    )  # fmt: skip


def signed_message(hash_hex: str) -> bytes:
    return f"{TAG}\n{hash_hex}".encode("ascii")


def intact(cp: Checkpoint) -> bool:
    """The checkpoint's heads give its root, its fields its hash, and its signer's key
    signed that hash."""
    again = checkpoint_hash(
        device_id=cp.device_id, public_key=cp.public_key, number=cp.number, hlc=cp.hlc,
        heads=cp.heads, root=cp.root, previous=cp.previous,
    )  # fmt: skip
    return (
        merkle_root(cp.heads) == cp.root
        and again == cp.hash
        and verify_signature(cp.public_key, signed_message(cp.hash), cp.signature)
    )


# --- this database's own checkpoints ----------------------------------------------------


def latest_number(session: Session) -> int:
    return int(session.execute(select(func.max(CheckpointRow.number))).scalar() or 0)


def latest(session: Session) -> Checkpoint | None:
    """The last checkpoint written in this database, with all its heads (None: none yet)."""
    row = session.get(CheckpointRow, latest_number(session))
    return None if row is None else _with_heads(row, _heads_at(session, row.number))


def _heads_at(session: Session, number: int) -> tuple[Head, ...]:
    newest = (
        select(CheckpointHead.device_id, func.max(CheckpointHead.number).label("n"))
        .where(CheckpointHead.number <= number)
        .group_by(CheckpointHead.device_id)
        .subquery()
    )
    rows = session.execute(
        select(CheckpointHead.device_id, CheckpointHead.seq, CheckpointHead.hash)
        .join(
            newest,
            (newest.c.device_id == CheckpointHead.device_id)
            & (newest.c.n == CheckpointHead.number),
        )
        .order_by(CheckpointHead.device_id)
    )
    return tuple((d, int(s), h) for d, s, h in rows)


def _with_heads(row: CheckpointRow, heads: tuple[Head, ...]) -> Checkpoint:
    return Checkpoint(
        row.device_id, row.public_key, row.number, row.hlc, heads, row.root, row.previous,
        row.hash, row.signature,
    )  # fmt: skip


def all_checkpoints(
    session: Session,
) -> Iterator[tuple[CheckpointRow, tuple[Head, ...], tuple[Head, ...]]]:
    """Every checkpoint in order of number with the heads it covers, the moved ones folded
    in one by one, and the heads stored as moved at it (for ``verify``)."""
    moved: dict[int, list[Head]] = {}
    for n, d, seq, h in session.execute(
        select(
            CheckpointHead.number, CheckpointHead.device_id, CheckpointHead.seq, CheckpointHead.hash
        )
    ):
        moved.setdefault(int(n), []).append((d, int(seq), h))
    heads: dict[str, Head] = {}
    for row in session.execute(select(CheckpointRow).order_by(CheckpointRow.number)).scalars():
        here = tuple(sorted(moved.pop(row.number, ())))
        for head in here:
            heads[head[0]] = head
        yield row, tuple(heads[d] for d in sorted(heads)), here


def first_stray_head(session: Session) -> tuple[int, str] | None:
    """The first stored head (number, device) of a checkpoint that does not exist: no
    signature covers it, yet the next save weighs the log against it."""
    found = session.execute(
        select(CheckpointHead.number, CheckpointHead.device_id)
        .where(CheckpointHead.number.not_in(select(CheckpointRow.number)))
        .order_by(CheckpointHead.number, CheckpointHead.device_id)
        .limit(1)
    ).first()
    return None if found is None else (int(found[0]), found[1])


def log_heads(session: Session) -> tuple[Head, ...]:
    """The signed chain head of every device, as the database holds them now."""
    return tuple(
        (h.device_id, h.seq, h.hash) for h in sorted(signed_heads(session).values(), key=_by_id)
    )


def _by_id(h: object) -> str:
    return h.device_id  # type: ignore[attr-defined, no-any-return]


def first_hash(session: Session) -> str | None:
    """The hash of checkpoint #1: which database this is, whatever its path."""
    row = session.get(CheckpointRow, 1)
    return None if row is None else row.hash


def latest_row(session: Session) -> CheckpointRow | None:
    """The last checkpoint's own row (its signer, number and hash), without its heads."""
    return session.get(CheckpointRow, latest_number(session))


def pinned_head(session: Session, device_id: str) -> tuple[int, str] | None:
    """Where the latest checkpoint holds ``device_id``'s chain (None: it holds none)."""
    found = session.execute(
        select(CheckpointHead.seq, CheckpointHead.hash)
        .where(CheckpointHead.device_id == device_id)
        .order_by(CheckpointHead.number.desc())
        .limit(1)
    ).first()
    return None if found is None else (int(found[0]), found[1])


# Each device's signed head beside where the latest checkpoint holds it: one indexed look-up
# per device however many checkpoints there are (in SQL as written: it runs with every save).
_AGAINST_TIP = text(
    "SELECT c.device_id, c.seq, c.hash, t.seq, t.hash FROM chain_head AS c "
    "LEFT JOIN checkpoint_head AS t ON t.device_id = c.device_id AND t.number = "
    "(SELECT max(number) FROM checkpoint_head WHERE device_id = c.device_id) "
    "ORDER BY c.device_id"
)


def _heads_against_tip(session: Session) -> list[tuple[str, int, str, int | None, str | None]]:
    rows = session.execute(_AGAINST_TIP)
    return [(d, int(s), h, None if ts is None else int(ts), th) for d, s, h, ts, th in rows]


def commit(session: Session, identity: DeviceIdentity, hlc: int) -> Checkpoint | None:
    """Sign a checkpoint of what the log holds now, when it moved since the last one (or
    there is none yet); inside the caller's write transaction, so it is saved with it.
    Refuses when the log holds less than the last checkpoint did: something was removed
    outside Tawthiq, and signing would vouch for it."""
    before = latest_row(session)
    rows = _heads_against_tip(session)
    if before is None and not rows:
        return None
    held = [r for r in rows if r[3] is not None]
    if before is not None and (
        len(held) != before.devices
        or any(r[1] < r[3] or (r[1] == r[3] and r[2] != r[4]) for r in held)  # type: ignore[operator]
    ):
        raise StoreError(
            N_(
                "the history in the database was changed outside Tawthiq since its last "
                "checkpoint (run `tawthiq verify` to see where); nothing was saved"
            )
        )
    moved = [(d, seq, h) for d, seq, h, t_seq, t_hash in rows if (seq, h) != (t_seq, t_hash)]
    if before is not None and not moved:
        return None
    heads = tuple((d, seq, h) for d, seq, h, _, _ in rows)
    number = (before.number if before else 0) + 1
    previous = before.hash if before else GENESIS
    root = merkle_root(heads)
    digest = checkpoint_hash(
        device_id=identity.device_id, public_key=identity.public_key_hex, number=number,
        hlc=hlc, heads=heads, root=root, previous=previous,
    )  # fmt: skip
    cp = Checkpoint(
        identity.device_id, identity.public_key_hex, number, hlc, heads, root, previous, digest,
        identity.sign(signed_message(digest)),
    )  # fmt: skip
    session.add(
        CheckpointRow(
            number=number, device_id=cp.device_id, public_key=cp.public_key, hlc=hlc,
            devices=len(heads), events=cp.events, root=root, previous=previous, hash=digest,
            signature=cp.signature,
        )
    )  # fmt: skip
    for d, seq, h in moved:
        session.add(CheckpointHead(number=number, device_id=d, seq=seq, hash=h))
    session.flush()
    return cp


# --- other laptops' checkpoints, as their exports brought them ---------------------------


def received(session: Session, device_id: str) -> Checkpoint | None:
    """The latest checkpoint of laptop ``device_id`` that an import brought here."""
    row = session.get(ReceivedCheckpoint, device_id)
    if row is None:
        return None
    heads = tuple((d, int(seq), h) for d, seq, h in json.loads(row.heads))
    return Checkpoint(
        device_id, "", row.number, row.hlc, heads, row.root, row.previous, row.hash,
        row.signature,
    )  # fmt: skip


def remember_received(session: Session, cp: Checkpoint, *, now: int) -> None:
    """Keep ``cp`` as the latest checkpoint received from its laptop."""
    row = session.get(ReceivedCheckpoint, cp.device_id)
    if row is None:
        row = ReceivedCheckpoint(device_id=cp.device_id)
        session.add(row)
    row.number, row.hlc, row.root, row.previous = cp.number, cp.hlc, cp.root, cp.previous
    row.hash, row.signature, row.received_hlc = cp.hash, cp.signature, now
    row.heads = canonical_json([list(h) for h in cp.heads])


def holds_later_events(session: Session) -> bool:
    """Whether any event was written in this release's format (it has an origin): such a
    database has had checkpoints from its first write on."""
    return bool(session.execute(select(exists().where(EventRow.origin.is_not(None)))).scalar())
