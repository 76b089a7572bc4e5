"""Revoked laptops (issue 18): a coordinator that revokes a laptop signs, in its trust
record of it, the last event of it still taken; the laptops that follow that coordinator,
and itself, take none of its events after that one, by server or by USB."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.store import chain, trust
from tawthiq.sync.errors import SyncError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class RevokedDevice(SyncError):
    """A revoked laptop's events after its last one still taken were brought."""

    def __init__(self, device_id: str, last: int) -> None:
        super().__init__(
            N_("laptop {device}'s key was revoked by its coordinator after its event {seq}: "
               "its later events are not taken"),
            device=device_id[:8],
            seq=last,
        )  # fmt: skip
        self.device_id = device_id
        self.last = last


def refuse_revoked(session: Session, own: str, before: Mapping[str, int]) -> dict[str, int]:
    """Raise ``RevokedDevice`` if ``session`` now holds events of a laptop revoked (by
    ``own`` or a coordinator it follows, ``trust.team_view``) after its last one still
    taken that it did not hold before (``before``: how far each chain reached). Gives back
    the revocations in force (device -> last event taken), which are not signed again as
    ``own``'s: they stand or fall with the coordinators who made them."""
    revoked = trust.team_view(session, own).revoked
    for device, last in sorted(revoked.items()):
        if chain.last_seq(session, device) > max(last, before.get(device, 0)):
            raise RevokedDevice(device, last)
    return revoked


__all__ = ["RevokedDevice", "refuse_revoked"]
