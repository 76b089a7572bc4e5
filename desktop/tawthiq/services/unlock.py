"""Unlocking at rest, as use cases: this laptop's sealed secrets and a database, with the
passphrase asked once when first needed, wrong tries counted and slowed down; what the
window asks before it opens anything."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tawthiq.domain.errors import N_
from tawthiq.store import keystore, protection, sealed, secure_files
from tawthiq.store.errors import StoreError
from tawthiq.store.keystore import LockedError, WrongPassphraseError

Ask = Callable[[], str]  # the passphrase, asked when first needed (LockedError if it cannot be)
T = TypeVar("T")
TRIES_FILE = "unlock-tries.json"
FREE_TRIES = 5  # wrong passphrases in a row before each further try is slowed down
MAX_WAIT = 30.0


def _wrong() -> WrongPassphraseError:
    return WrongPassphraseError(N_("the passphrase is not right; nothing was opened or changed"))


# -- unlocking -----------------------------------------------------------------------------


def unlock_laptop(folder: Path, ask: Ask | None) -> None:
    """This laptop's sealed secrets unlocked for this process (asking the passphrase once),
    when they are protected and not yet unlocked."""
    secure_files.finish_destroying(folder)  # a cut unprotect's or wipe's key file
    if sealed.is_unlocked(folder):
        return
    passphrase = _asked(ask, None)
    tried(folder, lambda: sealed.unlock(folder, passphrase))


def database_key(db: Path, folder: Path, ask: Ask | None) -> bytes | None:
    """The key of the database ``db`` if it is encrypted (asking the passphrase when this
    process has not unlocked it yet), None for a plain one."""
    protection.tidy(db)
    if not protection.is_encrypted(db):
        return None
    kf = database_key_file(db)
    key = keystore.remembered(kf)
    if key is None:
        passphrase = _asked(ask, db)
        key = tried(folder, lambda: keystore.open_with_passphrase(kf, passphrase))
        keystore.remember(kf, key)
    return key


def database_key_file(db: Path) -> keystore.KeyFile:
    path = protection.current_key_file(db)
    if not path.exists():
        raise StoreError(
            N_(
                "{path} is encrypted, but its key file {keys} is not beside it: put it back "
                "(from where the database was copied); without it neither the passphrase nor "
                "the recovery words open the database"
            ),
            path=db,
            keys=path.name,
        )
    return keystore.read_key_file(path)


def _asked(ask: Ask | None, db: Path | None) -> str:
    if ask is not None:
        return ask()
    if db is None:
        raise LockedError(
            N_(
                "this laptop's keys are protected by a passphrase: give it with "
                "--passphrase-file F or TAWTHIQ_PASSPHRASE_FILE, or run the command on a terminal"
            )
        )
    raise LockedError(
        N_(
            "the database {path} is encrypted: give its passphrase with --passphrase-file F "
            "or TAWTHIQ_PASSPHRASE_FILE, or run the command on a terminal"
        ),
        path=db,
    )


def tried(folder: Path, attempt: Callable[[], T | bool | None]) -> T:
    """``attempt`` (which opens with the passphrase), slowed down after five wrong
    passphrases in a row on this laptop; a wrong one is counted and said."""
    tries = _read_tries(folder)
    if tries >= FREE_TRIES:
        time.sleep(_wait(tries))
    result = attempt()
    if result is None or result is False:
        _write_tries(folder, tries + 1)
        raise _wrong()
    if tries:
        _write_tries(folder, 0)
    return result  # type: ignore[return-value]


def _read_tries(folder: Path) -> int:
    try:
        return int(json.loads((folder / TRIES_FILE).read_text("utf-8"))["wrong"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _write_tries(folder: Path, n: int) -> None:
    with contextlib.suppress(StoreError):  # a read-only folder: no slowing down
        secure_files.write_atomically(folder / TRIES_FILE, json.dumps({"wrong": n}).encode())


def wrong_tries(folder: Path) -> int:
    """How many wrong passphrases were typed in a row on this laptop."""
    return _read_tries(folder)


def _wait(tries: int) -> float:
    return min(MAX_WAIT, 2.0 ** (tries - FREE_TRIES + 1)) if tries >= FREE_TRIES else 0.0


def seconds_before_try(folder: Path) -> float:
    """How long the next passphrase try will wait (after five wrong ones in a row), so a
    window can say that it is waiting."""
    return _wait(_read_tries(folder))


def needs_passphrase(db: Path, folder: Path) -> bool:
    """Whether opening ``db`` with this laptop's keys needs the passphrase first (the
    window asks it before it shows any record)."""
    if not sealed.is_unlocked(folder):
        return True
    try:
        database_key(db, folder, None)
    except LockedError:
        return True
    return False


def unlock(db: Path, folder: Path, passphrase: str) -> None:
    """This laptop's keys and the key of ``db`` unlocked for this process with
    ``passphrase`` (WrongPassphraseError, counted, when it does not open them)."""
    unlock_laptop(folder, lambda: passphrase)
    database_key(db, folder, lambda: passphrase)


def check_passphrase(db: Path, folder: Path, passphrase: str) -> None:
    """Refuse (counted as a wrong try) a ``passphrase`` that does not open ``db``, even
    while its key is unlocked: asked before the passphrase is changed."""
    kf = database_key_file(db)
    tried(folder, lambda: keystore.open_with_passphrase(kf, passphrase))


def refuse_locked() -> str:
    """The ``Ask`` of a window, which asks the passphrase before it opens anything (and
    again after a lock): asked here, something was left locked, and nothing is opened."""
    raise LockedError(N_("this laptop's keys are locked: type the passphrase to open them"))


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect anything, with a sentence."""
    keystore.check_new_passphrase(passphrase)


def is_protected(db: Path, folder: Path) -> bool:
    """Whether this laptop's keys or the database ``db`` are protected by a passphrase
    (only read: nothing left by a cut protect is tidied here)."""
    return sealed.is_protected(folder) or protection.is_encrypted(db)
