"""The store's side of a merge, inside its write transaction: events staged as each file
is checked, then applied to the log with a list of the records they touch, whose rows are
written again at the end (``refresh.refresh_touched``). How (temporary tables,
``executemany``, the page cache) is the dialect's, in ``sqlite_bulk``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from tawthiq.store import sqlite_bulk as bulk

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


def stage(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Keep checked events (tuples in the order of ``COLUMNS``) until ``apply_staged``."""
    bulk.stage(session, rows)


def staged_id_clash(session: Session) -> tuple[int, str] | None:
    """(seq, device) of a staged event whose id is already here, or twice in staging."""
    return bulk.staged_id_clash(session)


def staged_kind_clash(session: Session) -> tuple[str, int, str] | None:
    """(record, seq, device) of a staged event naming a record id as another kind of record
    than it is here, or as two kinds in staging."""
    return bulk.staged_kind_clash(session)


def apply_staged(session: Session) -> None:
    """Move the staged events into the log; their records are marked for ``refresh_touched``."""
    bulk.apply_staged(session)


def touched_incidents(session: Session) -> list[str]:
    """The ids of the incidents the merge touched."""
    return bulk.touched_in(session, "incident")
