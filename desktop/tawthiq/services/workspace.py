"""Where Tawthiq keeps things, and the open database with this device's identity."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import TRUST
from tawthiq.services import protection
from tawthiq.services.protection import Ask, database_key, unlock_laptop
from tawthiq.services.settings import data_dir, load_settings
from tawthiq.store import (
    Database,
    DeviceIdentity,
    EventWriter,
    StoreError,
    checkpoints,
    load_or_create_identity,
    witness,
)
from tawthiq.store import open_database as _open
from tawthiq.store.identity import load_identity, trusted_keys
from tawthiq.store.materialize import entity_state
from tawthiq.store.pg_connection import is_url
from tawthiq.store.trust import accepted_keys, decision_id, laptop_keys
from tawthiq.sync.stream import clear_killed_exports

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store.keystore import Kdf


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
        """The loose trust file of an earlier release (read while a database has no
        checkpoint yet; the first writing command turns it into trust decisions)."""
        return trusted_keys(self.key_dir)

    def accepted_keys(self, session: Session) -> dict[str, str]:
        """The keys this laptop accepts in this database (``store.trust.laptop_keys``)."""
        identity = self._identity or load_identity(self.key_dir)  # reading makes no key
        return laptop_keys(session, identity, self.trusted_keys())

    def server_keys(self, session: Session) -> dict[str, str]:
        """In a team server's database (which no laptop owns): the keys this laptop
        accepted, as its signed decisions there say, and its own."""
        identity = self._identity or load_identity(self.key_dir)
        if identity is None:
            return {}
        own = {identity.device_id: identity.public_key_hex}
        return {**accepted_keys(session, identity.device_id), **own}

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
        self.refuse_server_writes()
        author = self.signing_author
        identity = self.identity
        with self.db.write() as session, EventWriter(session, identity, author) as w:
            self.check_witness(session)
            adopt_trust_file(w, self.key_dir)
            yield w
        self.remember(w)

    def refuse_server_writes(self) -> None:
        """A team server's database takes this laptop's work by ``tawthiq sync`` only: an
        event signed straight into it would not be in the laptop's own database, whose next
        change would then fork this laptop's chain (two events with one number)."""
        if self.db.url and self._team_server():
            raise StoreError(
                N_(
                    "{url} is a team server's database: it is read here, and changed only by "
                    "`tawthiq sync`; make the change on your laptop's database and sync"
                ),
                url=self.db.location,
            )

    def _team_server(self) -> bool:
        from tawthiq.store.server_schema import is_team_server

        with self.db.read() as session:
            return is_team_server(session)

    def check_witness(self, session: Session) -> None:
        """Refuse to write over a database whose checkpoints were removed, or that no longer
        holds the latest checkpoint this laptop remembers signing for it: a save would sign
        over what was removed. Asked at the start of every writing command."""
        if checkpoints.latest_number(session) == 0 and checkpoints.holds_later_events(session):
            raise StoreError(
                N_(
                    "the database holds events of this release but no checkpoint: its "
                    "checkpoints were removed outside Tawthiq (run `tawthiq verify`); nothing "
                    "was saved"
                )
            )
        found = witness.problems(session, self.key_dir, self.db.path)
        if found:
            raise StoreError(
                N_(
                    "{problem}; nothing was saved. If you put back an older copy of this "
                    "database yourself, what was saved after it is not in it: get it back "
                    "(an export of it, the coordinator's copy), then run `tawthiq rebuild "
                    "--accept-rollback` to carry on from this copy"
                ),
                problem=found[0],
            )

    def remember(self, w: EventWriter) -> None:
        """Once its transaction committed, note the checkpoint a writer signed beside this
        laptop's key (the witness ``check_witness`` asks)."""
        cp, first = w.signed, w.first_checkpoint
        if cp is not None and first is not None:
            witness.remember(self.key_dir, self.db.path, first, cp.number, cp.hash)

    def close(self) -> None:
        self.db.close()


def is_server_url(target: object) -> bool:
    """Whether a database named on the command line or in the window is a PostgreSQL one
    (a connection string) rather than a file."""
    return is_url(target)


def open_workspace(
    db_path: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    key_dir: Path | None = None,
    create: bool = True,
    signing: bool = False,
    read_only: bool = False,
    ask: Ask | None = None,
) -> Workspace:
    """Open the database; with ``create=False`` it must already exist and nothing is
    created, not even the device key; ``read_only`` (reading commands): nothing is
    written to it either, not even a schema upgrade, so a read-only copy can be read.
    ``signing``: the caller is about to write, so a missing name is refused before any
    file is made. ``ask``: the passphrase, asked when the laptop's keys or the database
    are protected and this process has not unlocked them yet."""
    folder = key_dir or data_dir()
    unlock_laptop(folder, ask)
    name = author or default_author()
    if signing and not name:
        raise _nobody()
    if create and not read_only:
        load_or_create_identity(folder)  # before the database: a failure leaves no file
    if is_server_url(db_path):  # a team server's database, worked on directly
        db = _open(str(db_path), create=create, read_only=read_only)
        return Workspace(db=db, key_dir=folder, author=name)
    path = Path(db_path or default_db_path()).expanduser().absolute()
    key = database_key(path, folder, ask)
    db = _open(path, create=create, read_only=read_only, key=key)
    clear_killed_exports(folder)  # a killed export's file must not outlive it
    return Workspace(db=db, key_dir=folder, author=name)


@contextmanager
def scratch_workspace(*, author: str | None = None) -> Iterator[Workspace]:
    """An empty database in a temporary folder, removed afterwards: a dry run on a laptop
    that has no database yet shows what a first import would do and leaves nothing behind
    (this laptop's key folder is only read, for the devices it already trusts)."""
    with tempfile.TemporaryDirectory(prefix="tawthiq-dry-run-") as folder:
        ws = Workspace(
            # encrypted under a key that lives in this process only: what a dry run reads
            # from an encrypted export is never on the disk in plain
            db=_open(Path(folder) / "scratch.db", create=True, key=os.urandom(32)),
            key_dir=data_dir(),
            author=author or default_author(),
        )
        try:
            yield ws
        finally:
            ws.close()


def record_trust(
    w: EventWriter,
    keys: Mapping[str, str],
    *,
    roles: Mapping[str, str] | None = None,
    revoked_after: Mapping[str, int] | None = None,
) -> int:
    """Write this laptop's decision to accept each device's key (unless already written
    for that key), with the team role it takes it in (``roles``) and, for a revoked one,
    its last event still taken (``revoked_after``), in its signed chain; how many it wrote."""
    own = w.identity.device_id
    written = 0
    for device_id, key in sorted(keys.items()):
        if device_id == own:
            continue
        record_id = decision_id(own, device_id)
        known = w.events_of(record_id)
        values = entity_state(known).values if known else {}
        wanted = {"device": device_id, "public_key": key}
        if roles and device_id in roles:
            wanted["role"] = roles[device_id]
        if revoked_after and device_id in revoked_after:
            wanted["revoked_after"] = str(revoked_after[device_id])
        changes = {k: v for k, v in wanted.items() if values.get(k) != v}
        if not changes:
            continue
        w.record(TRUST, record_id, changes, new=not known)
        written += 1
    return written


def adopt_trust_file(w: EventWriter, key_dir: Path) -> None:
    """On the first writing command in a database without a checkpoint (an earlier
    release's), the laptop's loose trust file becomes trust decisions in its log."""
    if checkpoints.latest_number(w.session) == 0:
        record_trust(w, trusted_keys(key_dir))


def create_protected(
    db_path: Path, *, author: str | None, key_dir: Path, passphrase: str, kdf: Kdf | None = None
) -> protection.Protected:
    """A new database (or the plain one already there) made and encrypted with
    ``passphrase``, this laptop's keys with it: the window's first start."""
    open_workspace(db_path, author=author, key_dir=key_dir, create=True).close()
    return protection.protect(db_path, key_dir, passphrase, kdf=kdf)
