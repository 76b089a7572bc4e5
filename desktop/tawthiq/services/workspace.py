"""Where Tawthiq keeps things, and the open database with this device's identity."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.services.settings import data_dir, load_settings
from tawthiq.store import Database, DeviceIdentity, EventWriter, load_or_create_identity
from tawthiq.store import open_database as _open
from tawthiq.store.identity import trusted_keys


def default_db_path() -> Path:
    override = os.environ.get("TAWTHIQ_DB")
    return Path(override) if override else data_dir() / "tawthiq.db"


class NoAuthorError(ValidationError):
    """A change with nobody's name on it: the signed log, printed reports and another
    laptop's trust question would name "unnamed documenter" for ever."""


def _nobody() -> NoAuthorError:
    return NoAuthorError(
        N_(
            "who is making this change? Give your name with --author NAME, the "
            "TAWTHIQ_AUTHOR environment variable, or once in the window's settings: "
            "the audit trail records it with every change"
        )
    )


def default_author() -> str | None:
    author = os.environ.get("TAWTHIQ_AUTHOR") or load_settings().author
    return author.strip() or None if author else None


class Workspace:
    """An open database, the folder of this laptop's key and the documenter's name."""

    def __init__(self, db: Database, key_dir: Path, author: str | None) -> None:
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

    @property
    def signing_author(self) -> str:
        """The name every change is signed with; refused, before anything is written, while
        nobody has said who is working on this laptop."""
        if not self.author:
            raise _nobody()
        return self.author

    @contextmanager
    def writing(self) -> Iterator[EventWriter]:
        """One user action that changes things: all of it is saved, or none of it."""
        author = self.signing_author
        identity = self.identity
        with self.db.write() as session, EventWriter(session, identity, author) as w:
            yield w

    def close(self) -> None:
        self.db.close()


def open_workspace(
    db_path: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    key_dir: Path | None = None,
    create: bool = True,
    signing: bool = False,
    read_only: bool = False,
) -> Workspace:
    """Open the database; with ``create=False`` it must already exist and nothing is
    created, not even the device key; ``read_only`` (reading commands): nothing is
    written to it either, not even a schema upgrade, so a read-only copy can be read.
    ``signing``: the caller is about to write, so a missing name is refused before any
    file is made."""
    folder = key_dir or data_dir()
    name = author or default_author()
    if signing and not name:
        raise _nobody()
    if create and not read_only:
        load_or_create_identity(folder)  # before the database: a failure leaves no file
    db = _open(db_path or default_db_path(), create=create, read_only=read_only)
    return Workspace(db=db, key_dir=folder, author=name)


@contextmanager
def scratch_workspace(*, author: str | None = None) -> Iterator[Workspace]:
    """An empty database in a temporary folder, removed afterwards: a dry run on a laptop
    that has no database yet shows what a first import would do and leaves nothing behind
    (this laptop's key folder is only read, for the devices it already trusts)."""
    with tempfile.TemporaryDirectory(prefix="tawthiq-dry-run-") as folder:
        ws = Workspace(
            db=_open(Path(folder) / "scratch.db", create=True),
            key_dir=data_dir(),
            author=author or default_author(),
        )
        try:
            yield ws
        finally:
            ws.close()
