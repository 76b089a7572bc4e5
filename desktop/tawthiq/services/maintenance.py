"""Checking and rebuilding the database from its event log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.store import StoreError, materialize
from tawthiq.store.chain import logged_devices
from tawthiq.store.verify import VerifyReport, check_chain, verify

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["RebuildResult", "VerifyReport", "rebuild", "state_digest", "verify"]


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
