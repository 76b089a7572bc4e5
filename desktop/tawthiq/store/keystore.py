"""Keys at rest: a random 256-bit key kept in a small JSON file, wrapped twice — by a key
derived from the passphrase (Argon2id, its parameters stored beside it) and by a key made
from recovery words written on paper. Changing the passphrase wraps the same key again;
what it protects is never rewritten. Destroying the file's bytes (crypto-erase) leaves
what it protected unreadable, recovery words or not.

A process that unlocked a key keeps it until ``forget()`` (the window's lock): a second
file wrapped with the same passphrase and salt (this laptop's secrets and its database)
then costs no second derivation.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tawthiq.domain.errors import N_
from tawthiq.store import secure_files
from tawthiq.store.errors import StoreError

FORMAT = "tawthiq-keys/1"
MIN_PASSPHRASE = 8
TARGET_SECONDS = 0.5  # one derivation on this machine (the figure)
MEMORY_KIB = 128 * 1024
LANES = 2
RECOVERY_BYTES = 16  # 128 bits: twelve words


class LockedError(StoreError):
    """A secret was needed and its passphrase was not given."""


class WrongPassphraseError(StoreError):
    """The passphrase (or the recovery words) does not open the key file."""


@dataclass(frozen=True)
class Kdf:
    """Argon2id's parameters for one key file (stored in it: a later release may raise them
    for new files and still open old ones)."""

    salt: bytes
    iterations: int
    memory_kib: int = MEMORY_KIB
    lanes: int = LANES

    def derive(self, passphrase: str) -> bytes:
        text = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        return Argon2id(
            salt=self.salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(text)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "salt": self.salt.hex(),
            "iterations": self.iterations,
            "memory_kib": self.memory_kib,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, data: Any) -> Kdf:
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise ValueError("not argon2id")
        kdf = cls(
            salt=bytes.fromhex(data["salt"]),
            iterations=int(data["iterations"]),
            memory_kib=int(data["memory_kib"]),
            lanes=int(data["lanes"]),
        )
        if not (8 <= len(kdf.salt) <= 64 and 1 <= kdf.iterations <= 32):
            raise ValueError("parameters out of range")
        if not (8 * kdf.lanes <= kdf.memory_kib <= 1024 * 1024 and 1 <= kdf.lanes <= 16):
            raise ValueError("parameters out of range")
        return kdf


def tuned_kdf(target: float = TARGET_SECONDS) -> Kdf:
    """Parameters that take about ``target`` seconds on this machine (memory fixed at
    128 MiB; the passes counted from one timed pass), with a fresh salt."""
    probe = Kdf(os.urandom(16), iterations=1)
    start = time.perf_counter()
    probe.derive("calibration")
    one = max(time.perf_counter() - start, 1e-3)
    return Kdf(os.urandom(16), iterations=max(2, min(32, round(target / one))))


# -- recovery words ----------------------------------------------------------------------


def new_recovery() -> tuple[str, bytes]:
    """Recovery words to write on paper (twelve, BIP-39's English list, with its checksum
    so a misspelt word is caught), and the secret they stand for."""
    from mnemonic import Mnemonic

    secret = os.urandom(RECOVERY_BYTES)
    return Mnemonic("english").to_mnemonic(secret), secret


def words_of(secret: bytes) -> str:
    """The recovery words of ``secret`` (shown again while a first protect was cut short
    before they were shown)."""
    from mnemonic import Mnemonic

    return str(Mnemonic("english").to_mnemonic(secret))


def with_recovery(kf: KeyFile, key: bytes, secret: bytes) -> KeyFile:
    """``kf`` with ``key`` wrapped under new recovery words."""
    by_recovery = _wrap(_recovery_key(secret), key, _AD_RECOVERY)
    return KeyFile(kf.kdf, kf.by_passphrase, by_recovery, kf.previous)


def recovery_secret(words: str) -> bytes:
    """The secret behind recovery words as a person typed them (case, spaces and line
    breaks do not matter); a missing or misspelt word is said, not guessed."""
    from mnemonic import Mnemonic

    m = Mnemonic("english")
    cleaned = " ".join(unicodedata.normalize("NFKC", words).lower().split())
    if len(cleaned.split()) != 12 or not m.check(cleaned):
        raise WrongPassphraseError(
            N_(
                "these are not the twelve recovery words: one is missing, misspelt or in "
                "the wrong place; nothing was changed"
            )
        )
    return bytes(m.to_entropy(cleaned))


def _recovery_key(secret: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"tawthiq recovery").derive(
        secret
    )


# -- wrapping ------------------------------------------------------------------------------

_WRAPPED = 12 + 32 + 16  # nonce, key, tag
_AD_PASS = FORMAT.encode() + b" passphrase"
_AD_RECOVERY = FORMAT.encode() + b" recovery"


def _wrap(kek: bytes, key: bytes, ad: bytes) -> str:
    nonce = os.urandom(12)
    return (nonce + ChaCha20Poly1305(kek).encrypt(nonce, key, ad)).hex()


def _unwrap(kek: bytes, blob: str, ad: bytes) -> bytes | None:
    raw = bytes.fromhex(blob)
    try:
        return ChaCha20Poly1305(kek).decrypt(raw[:12], raw[12:], ad)
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeyFile:
    """The parsed content of a key file."""

    kdf: Kdf
    by_passphrase: str
    by_recovery: str
    # while a change of passphrase is under way: the key under the old one as well
    previous: tuple[Kdf, str] | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "kdf": self.kdf.as_json(),
            "passphrase": self.by_passphrase,
            "recovery": self.by_recovery,
        }
        if self.previous is not None:
            data["previous"] = {"kdf": self.previous[0].as_json(), "passphrase": self.previous[1]}
        return data

    def settled(self) -> KeyFile:
        """The same without the old passphrase's wrapping (a change of passphrase done)."""
        return KeyFile(self.kdf, self.by_passphrase, self.by_recovery)


def read_key_file(path: Path) -> KeyFile:
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("format")
        old = data.get("previous")
        previous = (Kdf.from_json(old["kdf"]), str(old["passphrase"])) if old else None
        kf = KeyFile(
            Kdf.from_json(data["kdf"]), str(data["passphrase"]), str(data["recovery"]), previous
        )
        for blob in (kf.by_passphrase, kf.by_recovery, *((previous[1],) if previous else ())):
            if len(bytes.fromhex(blob)) != _WRAPPED:
                raise ValueError("not a wrapped key")
        return kf
    except FileNotFoundError:
        raise StoreError(N_("the key file {path} is missing"), path=path) from None
    except OSError as exc:
        raise StoreError(
            N_("cannot read the key file {path}: {reason}"), path=path, reason=exc.strerror
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreError(
            N_("the key file {path} is damaged; restore it from a backup"), path=path
        ) from None


def write_key_file(path: Path, kf: KeyFile) -> None:
    """Write ``kf`` to ``path`` in one step (a crash leaves the old file or the new one),
    readable by this user only; the old file's bytes overwritten where they lay (the old
    wrapping must not outlive a change of passphrase)."""
    secure_files.write_atomically(path, json.dumps(kf.as_json()).encode("utf-8"), destroy_old=True)


def new_key_file(
    key: bytes, passphrase: str, recovery: bytes, *, kdf: Kdf | None = None
) -> KeyFile:
    """``key`` wrapped by ``passphrase`` and by the recovery secret."""
    check_new_passphrase(passphrase)
    kdf = kdf or tuned_kdf()
    kek = kdf.derive(passphrase)
    _remember_kek(kdf, passphrase, kek)
    return KeyFile(
        kdf, _wrap(kek, key, _AD_PASS), _wrap(_recovery_key(recovery), key, _AD_RECOVERY)
    )


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WrongPassphraseError(
            N_("a passphrase needs at least {n} characters; nothing was changed"),
            n=MIN_PASSPHRASE,
        )


def rewrapped(
    kf: KeyFile, key: bytes, passphrase: str, *, kdf: Kdf, keep_old: bool = False
) -> KeyFile:
    """The same key under a new passphrase (the recovery wrapping kept as it was);
    ``keep_old``: the old passphrase still opens it until ``settled``."""
    check_new_passphrase(passphrase)
    kek = _KEKS.get(_kek_id(kdf, passphrase)) or kdf.derive(passphrase)
    _remember_kek(kdf, passphrase, kek)
    previous = (kf.kdf, kf.by_passphrase) if keep_old else None
    return KeyFile(kdf, _wrap(kek, key, _AD_PASS), kf.by_recovery, previous)


def fresh_salt(kdf: Kdf) -> Kdf:
    return Kdf(os.urandom(16), kdf.iterations, kdf.memory_kib, kdf.lanes)


def open_with_passphrase(kf: KeyFile, passphrase: str) -> bytes | None:
    """The key, or None when ``passphrase`` is not the one it was wrapped with."""
    slots = [(kf.kdf, kf.by_passphrase)] + ([kf.previous] if kf.previous else [])
    for kdf, blob in slots:
        kek = _KEKS.get(_kek_id(kdf, passphrase)) or kdf.derive(passphrase)
        key = _unwrap(kek, blob, _AD_PASS)
        if key is not None:
            _remember_kek(kdf, passphrase, kek)
            return key
    return None


def open_with_recovery(kf: KeyFile, secret: bytes) -> bytes | None:
    return _unwrap(_recovery_key(secret), kf.by_recovery, _AD_RECOVERY)


def wrapped_bytes(kf: KeyFile) -> list[bytes]:
    """The key material a key file holds (what must be gone after an erase)."""
    old = [bytes.fromhex(kf.previous[1])] if kf.previous else []
    return [bytes.fromhex(kf.by_passphrase), bytes.fromhex(kf.by_recovery), *old]


# -- what this process has unlocked ----------------------------------------------------------

_KEKS: dict[str, bytes] = {}  # derived keys, by salt, parameters and passphrase digest
_KEYS: dict[str, bytes] = {}  # unlocked keys, by the key file's content digest


def _kek_id(kdf: Kdf, passphrase: str) -> str:
    text = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.sha256(json.dumps(kdf.as_json()).encode() + b"\0" + text).hexdigest()


def _remember_kek(kdf: Kdf, passphrase: str, kek: bytes) -> None:
    _KEKS[_kek_id(kdf, passphrase)] = kek


def _file_id(kf: KeyFile) -> str:
    return hashlib.sha256(json.dumps(kf.as_json(), sort_keys=True).encode()).hexdigest()


def remember(kf: KeyFile, key: bytes) -> None:
    _KEYS[_file_id(kf)] = key


def remembered(kf: KeyFile) -> bytes | None:
    """The key of ``kf`` if this process unlocked it since the last ``forget``."""
    return _KEYS.get(_file_id(kf))


def forget() -> None:
    """Drop every unlocked key and derived key from this process (the window's lock).
    Python may keep copies of the bytes until its memory is reused: the lock hides the
    records and makes the passphrase necessary again, it does not scrub memory."""
    _KEKS.clear()
    _KEYS.clear()
