"""Protection at rest, as use cases: unlock this laptop's secrets and a database, protect
and unprotect, change the passphrase, erase. One passphrase per laptop: its secrets and
the databases protected on it are wrapped with the same passphrase and salt, so a session
types it once and derives it once. One set of recovery words per laptop, too.
"""

from __future__ import annotations

import glob
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tawthiq.domain.errors import N_
from tawthiq.services.settings import NAMING, data_dir, load_settings, raw_settings, save_settings
from tawthiq.services.unlock import (  # the unlocking half, named here too
    FREE_TRIES,
    MAX_WAIT,
    TRIES_FILE,
    Ask,
    check_new_passphrase,
    check_passphrase,
    database_key,
    database_key_file,
    is_protected,
    needs_passphrase,
    refuse_locked,
    seconds_before_try,
    tried,
    unlock,
    unlock_laptop,
    wrong_tries,
)
from tawthiq.store import keystore, protection, sealed, secure_files
from tawthiq.store.errors import StoreError
from tawthiq.store.evidence_store import FileStore, file_key, folder_beside
from tawthiq.store.keystore import WrongPassphraseError

__all__ = [  # the use cases at rest: these, and the unlocking half's
    "FREE_TRIES",
    "MAX_WAIT",
    "TRIES_FILE",
    "Ask",
    "Erased",
    "Protected",
    "change_passphrase",
    "check_new_passphrase",
    "check_passphrase",
    "database_key",
    "database_key_file",
    "erase",
    "is_protected",
    "lock",
    "needs_passphrase",
    "protect",
    "refuse_locked",
    "seconds_before_try",
    "tried",
    "unlock",
    "unlock_laptop",
    "unprotect",
    "wrong_tries",
]

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
    start = time.perf_counter()
    if sealed.is_protected(folder):
        tried(folder, lambda: sealed.unlock(folder, passphrase))
        laptop_key = sealed.laptop_key(folder)
        sealed.reseal(folder, laptop_key)  # what a cut first protect left plain
        if _holds_settings(folder):
            _seal_names()
        kdf = keystore.read_key_file(folder / sealed.LAPTOP_KEYS).kdf
        recovery = _recovery(folder, laptop_key)
    else:
        secret = keystore.new_recovery()[1]
        kdf = kdf or keystore.tuned_kdf()
        settings = load_settings() if _holds_settings(folder) else None
        laptop_key = os.urandom(32)
        # the words first, sealed: a cut after the laptop's key file still finds them
        rec = {"secret": secret.hex(), "shown": False}
        sealed.write(folder / sealed.RECOVERY_FILE, rec, key=laptop_key)
        laptop = keystore.new_key_file(laptop_key, passphrase, secret, kdf=kdf)
        sealed.protect(folder, laptop, laptop_key)
        if settings is not None:
            save_settings(settings)  # the name moves to the sealed settings
        recovery = rec
    secret = bytes.fromhex(recovery["secret"])
    key = os.urandom(32)
    kf = keystore.new_key_file(key, passphrase, secret, kdf=kdf)
    protection.protect(db, key, kf)
    FileStore(folder_beside(db)).convert(file_key(key))  # its evidence files too
    for kept in _backups(db):  # copies kept before schema upgrades: the same key
        if not protection.is_encrypted(kept):
            protection.protect(kept, key, kf)
    keystore.remember(kf, key)
    words = None if recovery.get("shown", True) else keystore.words_of(secret)
    if words is not None:
        sealed.write(folder / sealed.RECOVERY_FILE, {**recovery, "shown": True})
    return Protected(words, time.perf_counter() - start)


def _seal_names() -> None:
    """The names a cut first protect left in the plain settings, moved to the sealed ones."""
    plain = raw_settings()
    left = {k: plain[k] for k in NAMING if plain.get(k)}
    if left:
        current = load_settings()
        save_settings(current.changed(**{k: getattr(current, k) or v for k, v in left.items()}))


def _recovery(folder: Path, laptop_key: bytes) -> dict[str, Any]:
    """This laptop's recovery secret (and whether its words were shown); new words when a
    cut first protect left none, the laptop's key file wrapped under them too."""
    path = folder / sealed.RECOVERY_FILE
    rec = sealed.read(path)
    if isinstance(rec, dict) and isinstance(rec.get("secret"), str):
        return rec
    secret = keystore.new_recovery()[1]
    rec = {"secret": secret.hex(), "shown": False}
    sealed.write(path, rec)
    laptop_file = folder / sealed.LAPTOP_KEYS
    kf = keystore.read_key_file(laptop_file)
    keystore.write_key_file(laptop_file, keystore.with_recovery(kf, laptop_key, secret))
    return rec


def _backups(db: Path) -> list[Path]:
    """The copies of ``db`` kept before schema upgrades (``db.before-upgrade-from-N``)."""
    prefix = f"{db.name}.before-upgrade-from-"
    found = db.parent.glob(glob.escape(prefix) + "*")
    return sorted(p for p in found if "." not in p.name[len(prefix) :])


def unprotect(db: Path, folder: Path, ask: Ask | None) -> None:
    """Decrypt the database ``db`` and this laptop's secrets (the passphrase asked)."""
    protection.tidy(db)
    if not protection.is_encrypted(db):
        raise StoreError(N_("{path} is not protected: there is nothing to undo"), path=db)
    key = database_key(db, folder, ask)
    assert key is not None
    unlock_laptop(folder, ask)
    FileStore(folder_beside(db), file_key(key)).convert(None)  # its evidence files first
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
    db_kf = database_key_file(db)
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
        if laptop_kf is not None and laptop_key is not None:
            keystore.remember(laptop_kf, laptop_key)  # its sealed files are read below
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
    known = protection.is_plain_database(db) or (
        encrypted and protection.current_key_file(db).exists()
    )
    if not known:  # a mistyped path must not cost the laptop its keys
        raise StoreError(N_("there is no Tawthiq database at {path}: nothing was erased"), path=db)
    name = glob.escape(db.name)
    cut = [*db.parent.glob(f"{name}.converting-*")]  # a running unprotect's plain copy
    removed = sum(secure_files.destroy(p) for p in cut)
    # the key files, with what a write of one cut short left (``.keys.new``, pending ones)
    key_files = sorted(db.parent.glob(f"{name}.keys*"))
    key_files += sorted(db.parent.glob(f"{name}.before-upgrade-from-*.keys*"))
    key_files += sorted(folder.glob(f"{glob.escape(sealed.LAPTOP_KEYS)}*"))
    keys = sum(secure_files.destroy(p) for p in key_files)
    keystore.forget()
    files = [db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))]
    files += sorted(db.parent.glob(f"{name}.before-upgrade-from-*"))
    # its evidence files: sealed under the database key when it is encrypted
    evidence = folder_beside(db)
    files += sorted(p for p in evidence.rglob("*") if p.is_file()) if evidence.is_dir() else []
    # an encrypted database is unreadable once its keys are gone: removed, not overwritten
    removed += sum(_remove(p) if encrypted else secure_files.destroy(p) for p in files)
    # what a cut or running unprotect left: the database decrypted; always overwritten
    removed += sum(secure_files.destroy(p) for p in db.parent.glob(f"{name}.converting-*"))
    secrets = [folder / name for name in (*sealed.SECRET_FILES, TRIES_FILE)]
    secrets += [p for name in sealed.SECRET_FILES for p in folder.glob(f"{name}.new")]
    secrets += sorted(folder.glob(".exporting-*"))  # notes naming the folders exported to
    removed += sum(secure_files.destroy(p) for p in secrets)
    if evidence.is_dir():
        shutil.rmtree(evidence, ignore_errors=True)  # the folders left empty
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
