"""Checking and rebuilding the database from its event log."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, Sentence
from tawthiq.store import StoreError, checkpoints, materialize, witness
from tawthiq.store.chain import logged_devices
from tawthiq.store.checkpoint_check import quick_check
from tawthiq.store.errors import KeyPinError
from tawthiq.store.identity import DeviceIdentity
from tawthiq.store.verify import VerifyReport, check_chain, verify
from tawthiq.store.writer import check_signer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "RebuildResult",
    "VerifyReport",
    "opening_check",
    "rebuild",
    "state_digest",
    "verify",
]


@dataclass(frozen=True, slots=True)
class RebuildResult:
    entities: int
    digest_before: str
    digest_after: str


def rebuild(session: Session, progress: materialize.Progress | None = None) -> RebuildResult:
    """Re-materialise every table, refusing when the log itself is damaged: a rebuild
    would then spread the damage into the tables instead of repairing them."""
    for device_id in logged_devices(session):
        _, problem = check_chain(session, device_id)
        if problem:
            raise StoreError(
                N_("the event log is damaged ({problem}); rebuild would not repair it"),
                problem=problem,
            )
    before = materialize.state_digest(session)
    count = materialize.rebuild(session, progress) if progress else materialize.rebuild(session)
    return RebuildResult(count, before, materialize.state_digest(session))


def state_digest(session: Session) -> str:
    return materialize.state_digest(session)


def witnessed(session: Session, key_dir: Path, db_path: Path) -> list[str]:
    """What the laptop remembers signing for this database, beside its key, against what
    the database holds (``store.witness``)."""
    return witness.problems(session, key_dir, db_path)


def accept_rollback(session: Session, key_dir: Path, db_path: Path) -> int:
    """A person put back an older copy of the database on purpose: from now on the laptop
    remembers the copy's latest checkpoint (its number) instead of the later ones."""
    cp = checkpoints.latest(session)
    first = checkpoints.first_hash(session)
    if cp is None or first is None:
        return 0
    witness.remember(key_dir, db_path, first, cp.number, cp.hash)
    return cp.number


def opening_check(session: Session, identity: DeviceIdentity | None) -> list[str]:
    """What the window checks as it opens a database (in a moment: the latest checkpoint,
    every chain head and its signature), and whether this laptop's key may write to it;
    the full ``verify`` follows in the background."""
    problems = quick_check(session)
    if identity is not None:
        try:
            check_signer(session, identity)
        except KeyPinError as exc:
            problems.append(Sentence(exc.template, **exc.params))
    return problems
