"""Checking and rebuilding the database from its event log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tawthiq.store import materialize
from tawthiq.store.verify import VerifyReport, verify

__all__ = ["RebuildResult", "VerifyReport", "rebuild", "state_digest", "verify"]


@dataclass(frozen=True, slots=True)
class RebuildResult:
    entities: int
    digest_before: str
    digest_after: str


def rebuild(session: Session) -> RebuildResult:
    before = materialize.state_digest(session)
    count = materialize.rebuild(session)
    return RebuildResult(count, before, materialize.state_digest(session))


def state_digest(session: Session) -> str:
    return materialize.state_digest(session)
