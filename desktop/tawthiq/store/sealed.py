"""This laptop's secrets at rest: the device's signing key, the key for receiving encrypted
exports, the documenter's name, the checkpoints it remembers signing. Each is a small JSON
file in the laptop's key folder, written sealed (ChaCha20-Poly1305 under the laptop's own
key, its file name authenticated with it) once the laptop is protected, plain before.

The laptop's key is wrapped in ``laptop-keys.json`` (``keystore``) with the same passphrase
and salt as the database protected with it, so one derivation unlocks both.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tawthiq.domain.errors import N_
from tawthiq.store import keystore, secure_files
from tawthiq.store.errors import StoreError, UnwritableError

LAPTOP_KEYS = "laptop-keys.json"
SEALED = "tawthiq-sealed-file/1"
RECOVERY_FILE = "recovery.json"  # the recovery secret, so that a later database shares it
# every file of the key folder that names a person or holds a key (sealed when protected)
SECRET_FILES = (
    "device-key.json",
    "receive-key.json",
    "checkpoints-signed.json",
    "private-settings.json",
    "trusted-devices.json",
    "locked-draft.json",
    "team-server.json",  # the team server's connection string, its password in it
    "enrolled-devices.json",  # the laptops this one enrolled on a team server
    RECOVERY_FILE,
)


def is_protected(folder: Path) -> bool:
    return (folder / LAPTOP_KEYS).exists()


def laptop_key(folder: Path) -> bytes:
    """The laptop's key, if this process unlocked it; refused with a sentence otherwise."""
    key = keystore.remembered(keystore.read_key_file(folder / LAPTOP_KEYS))
    if key is None:
        raise keystore.LockedError(
            N_(
                "this laptop's keys are locked: give the passphrase (--passphrase-file F, "
                "TAWTHIQ_PASSPHRASE_FILE, or on a terminal)"
            )
        )
    return key


def is_unlocked(folder: Path) -> bool:
    if not is_protected(folder):
        return True
    return keystore.remembered(keystore.read_key_file(folder / LAPTOP_KEYS)) is not None


def unlock(folder: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens this laptop's keys (kept unlocked in this process)."""
    kf = keystore.read_key_file(folder / LAPTOP_KEYS)
    key = keystore.open_with_passphrase(kf, passphrase)
    if key is None:
        return False
    keystore.remember(kf, key)
    return True


def unlock_with_recovery(folder: Path, secret: bytes) -> bytes | None:
    kf = keystore.read_key_file(folder / LAPTOP_KEYS)
    key = keystore.open_with_recovery(kf, secret)
    if key is not None:
        keystore.remember(kf, key)
    return key


def read(path: Path) -> Any:
    """The JSON content of a secret file (None when there is none); a sealed file needs
    the laptop unlocked."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    data = json.loads(raw.decode("utf-8"))
    if isinstance(data, dict) and data.get("format") == SEALED:
        blob = bytes.fromhex(str(data["data"]))
        try:
            plain = ChaCha20Poly1305(laptop_key(path.parent)).decrypt(
                blob[:12], blob[12:], _ad(path)
            )
        except InvalidTag:
            raise StoreError(
                N_("{path} was changed or does not belong to this laptop"), path=path
            ) from None
        return json.loads(plain.decode("utf-8"))
    # plain on a protected laptop: a protect cut part-way left it so, and the laptop must
    # still open (the next protect seals it); a plain file put there by someone else is
    # taken too (left open: README)
    return data


def write(path: Path, data: Any, *, key: bytes | None = None) -> None:
    """Write a secret file in one step, readable by this user only: sealed when the laptop
    is protected (``key``: its key, when it is being protected now)."""
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    if key is None and is_protected(path.parent):
        key = laptop_key(path.parent)
    if key is not None:
        nonce = os.urandom(12)
        blob = nonce + ChaCha20Poly1305(key).encrypt(nonce, text, _ad(path))
        text = json.dumps({"format": SEALED, "data": blob.hex()}).encode("utf-8")
    secure_files.write_atomically(path, text, destroy_old=True)


def _ad(path: Path) -> bytes:
    return SEALED.encode() + b" " + path.name.encode("utf-8")


def is_sealed(path: Path) -> bool:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == SEALED


def protect(folder: Path, kf: keystore.KeyFile, key: bytes) -> None:
    """Seal every secret file of ``folder`` under ``key`` and keep ``kf`` (``key``
    wrapped) as the laptop's key file. A crash part-way leaves each file plain or sealed,
    both readable once the key file is there; the key file is written first."""
    keystore.write_key_file(folder / LAPTOP_KEYS, kf)
    keystore.remember(kf, key)
    reseal(folder, key)


def reseal(folder: Path, key: bytes) -> None:
    """Seal every secret file of ``folder`` still plain (a protect cut part-way left it so;
    called when the person protects again, who thereby vouches for those files)."""
    for name in SECRET_FILES:
        path = folder / name
        if path.exists() and not is_sealed(path):
            try:
                plain = json.loads(path.read_text("utf-8"))
            except ValueError:
                secure_files.destroy(path)  # a write cut short: nothing to keep
                continue
            write(path, plain, key=key)


def unprotect(folder: Path) -> None:
    """Every secret file written plain again (but the keys of the protection itself,
    destroyed), then the laptop's key file destroyed."""
    secure_files.destroy(folder / RECOVERY_FILE)
    for name in SECRET_FILES:
        path = folder / name
        if path.exists() and is_sealed(path):
            data = read(path)
            try:
                text = json.dumps(data, ensure_ascii=False).encode()
                secure_files.write_atomically(path, text, destroy_old=True)
            except OSError as exc:
                raise UnwritableError(
                    N_("cannot write {path}: {reason}"), path=path, reason=exc.strerror
                ) from None
    secure_files.destroy(folder / LAPTOP_KEYS)
