"""Where Tawthiq keeps things, and the open database with this device's identity."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tawthiq.services.settings import data_dir, load_settings
from tawthiq.store import Database, DeviceIdentity, EventWriter, load_or_create_identity
from tawthiq.store import open_database as _open
from tawthiq.store.identity import trusted_keys

DEFAULT_AUTHOR = "unnamed documenter"


def default_db_path() -> Path:
    override = os.environ.get("TAWTHIQ_DB")
    return Path(override) if override else data_dir() / "tawthiq.db"


def default_author() -> str:
    author = os.environ.get("TAWTHIQ_AUTHOR") or load_settings().author
    return author or DEFAULT_AUTHOR


class Workspace:
    """An open database, the folder of this laptop's key and the documenter's name."""

    def __init__(self, db: Database, key_dir: Path, author: str) -> None:
        self.db = db
        self.key_dir = key_dir
        self.author = author
        self._identity: DeviceIdentity | None = None

    @property
    def identity(self) -> DeviceIdentity:
        """This laptop's signing identity, made at the first write if there is none yet."""
        if self._identity is None:
            self._identity = load_or_create_identity(self.key_dir)
        return self._identity

    def trusted_keys(self) -> dict[str, str]:
        return trusted_keys(self.key_dir)

    @contextmanager
    def writing(self) -> Iterator[EventWriter]:
        """One user action that changes things: all of it is saved, or none of it."""
        identity = self.identity
        with self.db.write() as session, EventWriter(session, identity, self.author) as w:
            yield w

    def close(self) -> None:
        self.db.close()


def open_workspace(
    db_path: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    key_dir: Path | None = None,
    create: bool = True,
) -> Workspace:
    """Open the database; with ``create=False`` (reading commands) it must already exist
    and nothing is created, not even the device key."""
    folder = key_dir or data_dir()
    if create:
        load_or_create_identity(folder)  # before the database: a failure leaves no file
    db = _open(db_path or default_db_path(), create=create)
    return Workspace(db=db, key_dir=folder, author=author or default_author())
