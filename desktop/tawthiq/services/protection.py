"""Protection at rest, as use cases: unlock this laptop's secrets and a database, protect
and unprotect, change the passphrase, erase. One passphrase per laptop: its secrets and
the databases protected on it are wrapped with the same passphrase and salt, so a session
types it once and derives it once. One set of recovery words per laptop, too.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tawthiq.domain.errors import N_
from tawthiq.services.settings import data_dir, load_settings, save_settings
from tawthiq.store import keystore, protection, sealed
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
    if sealed.is_unlocked(folder):
        return
    passphrase = _asked(ask, None)
    _tried(folder, lambda: sealed.unlock(folder, passphrase))


def database_key(db: Path, folder: Path, ask: Ask | None) -> bytes | None:
    """The key of the database ``db`` if it is encrypted (asking the passphrase when this
    process has not unlocked it yet), None for a plain one."""
    protection.tidy(db)
    if not protection.is_encrypted(db):
        return None
    kf = _database_key_file(db)
    key = keystore.remembered(kf)
    if key is None:
        passphrase = _asked(ask, db)
        key = _tried(folder, lambda: keystore.open_with_passphrase(kf, passphrase))
        keystore.remember(kf, key)
    return key


def _database_key_file(db: Path) -> keystore.KeyFile:
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


def _tried(folder: Path, attempt: Callable[[], T | bool | None]) -> T:
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
        keystore.write_atomically(folder / TRIES_FILE, json.dumps({"wrong": n}).encode())


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
    kf = _database_key_file(db)
    _tried(folder, lambda: keystore.open_with_passphrase(kf, passphrase))


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


# -- protect, unprotect, change ------------------------------------------------------------


@dataclass(frozen=True)
class Protected:
    recovery_words: str | None  # None: the laptop's earlier words open this database too
    seconds: float  # one key derivation


def protect(
    db: Path, folder: Path, passphrase: str, *, kdf: keystore.Kdf | None = None
) -> Protected:
    """Encrypt the database ``db`` and this laptop's secrets with ``passphrase``. On a
    laptop already protected the passphrase must be its passphrase, and its recovery words
    open the database as well."""
    protection.tidy(db)
    if protection.is_encrypted(db):
        raise StoreError(N_("{path} is already protected by a passphrase"), path=db)
    if not db.exists() or db.stat().st_size == 0:
        raise StoreError(N_("there is no Tawthiq database at {path} to protect"), path=db)
    keystore.check_new_passphrase(passphrase)
    protection.check_alone(db)  # before the laptop's secrets are sealed: a window open on
    # this database would otherwise find its own keys sealed under it
    words: str | None = None
    start = time.perf_counter()
    if sealed.is_protected(folder):
        _tried(folder, lambda: sealed.unlock(folder, passphrase))
        laptop = keystore.read_key_file(folder / sealed.LAPTOP_KEYS)
        recovery = bytes.fromhex(sealed.read(folder / sealed.RECOVERY_FILE)["secret"])
        kdf = laptop.kdf
    else:
        words, recovery = keystore.new_recovery()
        kdf = kdf or keystore.tuned_kdf()
        settings = load_settings() if _holds_settings(folder) else None
        laptop_key = os.urandom(32)
        laptop = keystore.new_key_file(laptop_key, passphrase, recovery, kdf=kdf)
        sealed.protect(folder, laptop, laptop_key)
        sealed.write(folder / sealed.RECOVERY_FILE, {"secret": recovery.hex()}, key=laptop_key)
        if settings is not None:
            save_settings(settings)  # the name moves to the sealed settings
    key = os.urandom(32)
    kf = keystore.new_key_file(key, passphrase, recovery, kdf=kdf)
    protection.protect(db, key, kf)
    for kept in _backups(db):  # copies kept before schema upgrades: the same key
        if not protection.is_encrypted(kept):
            protection.protect(kept, key, kf)
    keystore.remember(kf, key)
    return Protected(words, time.perf_counter() - start)


def _backups(db: Path) -> list[Path]:
    """The copies of ``db`` kept before schema upgrades (``db.before-upgrade-from-N``)."""
    prefix = f"{db.name}.before-upgrade-from-"
    return sorted(p for p in db.parent.glob(prefix + "*") if "." not in p.name[len(prefix) :])


def unprotect(db: Path, folder: Path, ask: Ask | None) -> None:
    """Decrypt the database ``db`` and this laptop's secrets (the passphrase asked)."""
    protection.tidy(db)
    if not protection.is_encrypted(db):
        raise StoreError(N_("{path} is not protected: there is nothing to undo"), path=db)
    key = database_key(db, folder, ask)
    assert key is not None
    unlock_laptop(folder, ask)
    protection.unprotect(db, key)
    for kept in _backups(db):
        if protection.is_encrypted(kept):
            protection.unprotect(kept, key)
    if sealed.is_protected(folder):
        settings = load_settings() if _holds_settings(folder) else None
        sealed.unprotect(folder)
        if settings is not None:
            save_settings(settings)
            (folder / "private-settings.json").unlink(missing_ok=True)


def _holds_settings(folder: Path) -> bool:
    """Whether ``folder`` is the data folder, where the settings (the documenter's name)
    are kept: a key folder elsewhere (another laptop's, as tests make) has none of them."""
    return folder.absolute() == data_dir().absolute()


def change_passphrase(
    db: Path,
    folder: Path,
    new: str,
    *,
    ask: Ask | None = None,
    recovery_words: str | None = None,
) -> None:
    """Wrap the keys of ``db`` and of this laptop under ``new`` (the database itself is
    not rewritten). Opened with the old passphrase or the recovery words. A crash part-way
    leaves each file opening with the old passphrase or the new one: the laptop's file
    holds both until the database's has the new one."""
    protection.tidy(db)
    if not protection.is_encrypted(db):
        raise StoreError(
            N_("{path} is not protected: protect it first (`tawthiq protect`)"), path=db
        )
    keystore.check_new_passphrase(new)
    db_kf = _database_key_file(db)
    laptop_file = folder / sealed.LAPTOP_KEYS
    laptop_kf = keystore.read_key_file(laptop_file) if laptop_file.exists() else None
    if recovery_words is not None:
        secret = keystore.recovery_secret(recovery_words)
        key = keystore.open_with_recovery(db_kf, secret)
        laptop_key = keystore.open_with_recovery(laptop_kf, secret) if laptop_kf else None
        if key is None or (laptop_kf is not None and laptop_key is None):
            raise WrongPassphraseError(
                N_("these recovery words do not open {path}; nothing was changed"), path=db
            )
    else:
        key = database_key(db, folder, ask)
        unlock_laptop(folder, ask)
        laptop_key = sealed.laptop_key(folder) if laptop_kf else None
    assert key is not None
    kdf = keystore.fresh_salt(db_kf.kdf)
    if laptop_kf is not None and laptop_key is not None:
        keystore.write_key_file(
            laptop_file, keystore.rewrapped(laptop_kf, laptop_key, new, kdf=kdf, keep_old=True)
        )
    for target in [db, *(p for p in _backups(db) if protection.key_file(p).exists())]:
        keystore.write_key_file(
            protection.key_file(target), keystore.rewrapped(db_kf, key, new, kdf=kdf)
        )
    if laptop_kf is not None:
        keystore.write_key_file(laptop_file, keystore.read_key_file(laptop_file).settled())
    keystore.forget()
    keystore.remember(keystore.read_key_file(protection.key_file(db)), key)
    if laptop_kf is not None and laptop_key is not None:
        keystore.remember(keystore.read_key_file(laptop_file), laptop_key)


def lock() -> None:
    """Forget every key this process unlocked (the window's lock)."""
    keystore.forget()


# -- erase ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Erased:
    keys: int  # key files destroyed (crypto-erase)
    files: int  # other files overwritten and removed
    encrypted: bool


def erase(db: Path, folder: Path) -> Erased:
    """Destroy the wrapped keys first (the database is unreadable from that moment, the
    recovery words cannot bring it back), then overwrite and remove the database, its
    journals and backups, and this laptop's secrets."""
    encrypted = protection.is_encrypted(db)
    # the key files, with what a write of one cut short left (``.keys.new``, pending ones)
    key_files = sorted(db.parent.glob(f"{db.name}.keys*"))
    key_files += sorted(db.parent.glob(f"{db.name}.before-upgrade-from-*.keys*"))
    key_files += sorted(folder.glob(f"{sealed.LAPTOP_KEYS}*"))
    keys = sum(keystore.destroy(p) for p in key_files)
    keystore.forget()
    files = [db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))]
    files += sorted(db.parent.glob(f"{db.name}.before-upgrade-from-*"))
    # an encrypted database is unreadable once its keys are gone: removed, not overwritten
    removed = sum(_remove(p) if encrypted else keystore.destroy(p) for p in files)
    # what a cut unprotect left: the database decrypted, part-written; always overwritten
    cut = [db.with_name(db.name + s) for s in (".converting", ".converting-journal")]
    removed += sum(keystore.destroy(p) for p in cut)
    secrets = [folder / name for name in (*sealed.SECRET_FILES, TRIES_FILE)]
    secrets += [p for name in sealed.SECRET_FILES for p in folder.glob(f"{name}.new")]
    removed += sum(keystore.destroy(p) for p in secrets)
    _forget_name()
    return Erased(keys, removed, encrypted)


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _forget_name() -> None:
    """The documenter's name out of the plain settings too (an unprotected laptop's)."""
    settings = load_settings()
    if settings.author:
        save_settings(settings.changed(author=""))
