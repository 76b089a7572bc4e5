"""The store's side of a merge, inside its write transaction: events staged as each file
is checked, then applied to the log with a list of the records they touch, whose rows are
written again at the end (``refresh.refresh_touched``). How (temporary tables,
``executemany``, the page cache) is the dialect's, in ``sqlite_bulk``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from tawthiq.store import sqlite_bulk as bulk

# the staging steps of a merge are the dialect module's own, named here for the callers
from tawthiq.store.sqlite_bulk import apply_staged, stage, staged_id_clash, staged_kind_clash

__all__ = [
    "apply_staged",
    "merging",
    "stage",
    "staged_id_clash",
    "staged_kind_clash",
    "touched_incidents",
]


@contextmanager
def merging(session: Session) -> Iterator[None]:
    """Set up for a merge (empty staging, an empty list of touched records, settings for
    bulk work) and put the settings back after it."""
    with bulk.merge_settings(session):
        bulk.make_merge_tables(session)
        yield


def touched_incidents(session: Session) -> list[str]:
    """The ids of the incidents the merge touched."""
    return bulk.touched_in(session, "incident")
