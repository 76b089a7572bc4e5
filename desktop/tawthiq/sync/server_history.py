"""A laptop's own history against the team server's copy of it (issue 18): a laptop put
back from an old copy, or whose key is used on two laptops, is stopped before it syncs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.store import chain, checkpoints
from tawthiq.sync.errors import RollbackError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store import Database


def check_own_history(session: Session, server_db: Database, me: str) -> None:
    """Refuse to sync a laptop whose own history the server holds further, or otherwise,
    than its database does: it was put back from an old copy (or its key is used on two
    laptops). Syncs compare chains by how far they reach; two histories of one laptop as
    long as each other would otherwise pass unseen, and a shorter one be taken for a
    forger's. Its latest checkpoint, likewise, is never behind one it sent the server."""
    with server_db.read() as s:
        theirs = chain.signed_head(s, me)
        sent = checkpoints.received(s, me)
        ours = chain.last_seq(session, me)
        at = min(ours, theirs.seq if theirs else 0)
        there = chain.hashes(s, me, at, at).get(at)
    if theirs is not None and (
        theirs.seq > ours or chain.hashes(session, me, at, at).get(at) != there
    ):
        raise RollbackError(
            N_(
                "the server holds another history of this laptop ({device}) than its "
                "database: up to event #{theirs} there, #{ours} here. This database was put "
                "back from an old copy, or this laptop's key is used on another laptop; "
                "nothing was sent or taken. Put back this laptop's latest copy, or ask your "
                "coordinator"
            ),
            device=me[:8],
            theirs=theirs.seq,
            ours=ours,
        )
    mine = checkpoints.latest(session)
    if sent is not None and (
        mine is None
        or mine.number < sent.number
        or (mine.number == sent.number and mine.hash != sent.hash)
    ):
        raise RollbackError(
            N_(
                "the server received checkpoint #{number} from this laptop ({device}), and "
                "its database does not hold it: it was put back from an old copy, or this "
                "laptop's key is used on another laptop; nothing was sent or taken. Put back "
                "this laptop's latest copy, or ask your coordinator"
            ),
            device=me[:8],
            number=sent.number,
        )
