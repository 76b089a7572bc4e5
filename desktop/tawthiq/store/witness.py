"""A witness outside the database: beside its key, the laptop remembers the latest
checkpoint it signed for each database (by the hash of the database's checkpoint #1, and
its path). Whoever changes the database file — removes its newest checkpoints with the
end of a chain, removes them all, or puts back an older copy of the whole file — cannot
change that memory without the key folder too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.domain.errors import N_, Sentence
from tawthiq.store import sealed
from tawthiq.store.checkpoints import first_hash
from tawthiq.store.models import CheckpointRow

WITNESS_FILE = "checkpoints-signed.json"


@dataclass(frozen=True, slots=True)
class Remembered:
    first: str  # the hash of the database's checkpoint #1: which database it is
    path: str
    number: int
    hash: str


def _read(key_dir: Path) -> list[Remembered]:
    try:
        data = sealed.read(key_dir / WITNESS_FILE) or []
        return [Remembered(str(d["first"]), str(d["path"]), int(d["number"]), str(d["hash"]))
                for d in data]  # fmt: skip
    except (OSError, ValueError, TypeError, KeyError):
        return []


def recall(key_dir: Path, db_path: Path, first: str | None) -> Remembered | None:
    """What this laptop remembers signing for the database whose checkpoint #1 is
    ``first``, or else for the database at ``db_path`` (whose checkpoint #1 may then be
    another: the checkpoints were rewritten)."""
    entries = _read(key_dir)
    for e in entries:
        if first is not None and e.first == first:
            return e
    for e in entries:
        if e.path == str(db_path):
            return e
    return None


def remember(key_dir: Path, db_path: Path, first: str, number: int, hash_: str) -> None:
    """Note the latest checkpoint signed for a database (after its transaction committed:
    the memory may lag a crash behind, never run ahead of the file)."""
    entries = [e for e in _read(key_dir) if e.first != first and e.path != str(db_path)]
    entries.append(Remembered(first, str(db_path), number, hash_))
    sealed.write(key_dir / WITNESS_FILE, [_as_dict(e) for e in entries])


def _as_dict(e: Remembered) -> dict[str, object]:
    return {"first": e.first, "path": e.path, "number": e.number, "hash": e.hash}


def problems(session: Session, key_dir: Path, db_path: Path) -> list[str]:
    """Whether the database still holds the latest checkpoint this laptop remembers
    signing for it."""
    first = first_hash(session)
    known = recall(key_dir, db_path, first)
    if known is None:
        return []
    if first is None:
        return [
            Sentence(
                N_(
                    "this laptop signed checkpoint #{number} of this database (it remembers "
                    "it beside its key), but the database holds no checkpoint: they were "
                    "removed"
                ),
                number=known.number,
            )
        ]
    if known.first != first:
        return [
            Sentence(
                N_(
                    "this laptop signed checkpoint #{number} of the database at this place (it "
                    "remembers it beside its key), but this one's checkpoints begin with "
                    "another #1: they were rewritten, or the file was replaced"
                ),
                number=known.number,
            )
        ]
    row = session.get(CheckpointRow, known.number)
    if row is None:
        latest = session.execute(select(func.max(CheckpointRow.number))).scalar()
        return [
            Sentence(
                N_(
                    "this laptop signed checkpoint #{number} of this database (it remembers "
                    "it beside its key), but the database's checkpoints end at #{last}: the "
                    "newest were removed, or the file was put back to an older copy"
                ),
                number=known.number,
                last=latest or 0,
            )
        ]
    if row.hash != known.hash:
        return [
            Sentence(
                N_(
                    "checkpoint #{number} of this database is not the one this laptop signed "
                    "(it remembers it beside its key): the checkpoints were rewritten"
                ),
                number=known.number,
            )
        ]
    return []
