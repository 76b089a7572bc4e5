"""Encrypting an export as it is written, and opening it as it is read.

Built from the `cryptography` package's primitives (already a dependency for signatures)
in the shape of age's STREAM construction: a per-file key from a passphrase (scrypt) or
from an X25519 exchange with the recipient's key, then 64 KiB chunks sealed with
ChaCha20-Poly1305, each with a counter nonce whose last byte marks the final chunk, so a
cut-off, reordered or spliced file fails to open instead of opening short. The header is
authenticated with every chunk. Memory stays one chunk, whatever the file's size.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from tawthiq.domain.errors import N_
from tawthiq.sync.errors import (
    MIN_PASSPHRASE,
    WRONG_PASSPHRASE,
    BadFileError,
    PassphraseNeeded,
    SecretError,
)
from tawthiq.sync.keys import fingerprint

MAGIC = b"TAWTHIQ-SEALED/1\n"
CHUNK = 64 * 1024
_TAG = 16
_MAX_HEADER = 4096
_FINGERPRINT = re.compile(r"[0-9a-f]{4}( [0-9a-f]{4}){3}")
SCRYPT_N = 2**16  # 64 MiB and about half a second to try one passphrase


def _hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def _scrypt(passphrase: str, salt: bytes, n: int) -> bytes:
    text = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(text)


def _check_tag(key: bytes) -> str:
    return hmac.new(key, b"tawthiq-sealed/1 key check", hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Lock:
    """How an export is to be encrypted: with a passphrase, or to a recipient's key."""

    passphrase: str | None = None
    recipient: X25519PublicKey | None = None

    def header_and_key(self) -> tuple[bytes, bytes]:
        nonce = os.urandom(16)
        if self.recipient is not None:
            ephemeral = X25519PrivateKey.generate()
            shared = ephemeral.exchange(self.recipient)
            eph = ephemeral.public_key().public_bytes_raw()
            rcp = self.recipient.public_bytes_raw()
            secret = _hkdf(shared, eph + rcp, b"tawthiq-sealed/1 x25519")
            head: dict[str, object] = {
                "mode": "recipient",
                "ephemeral": eph.hex(),
                "recipient": fingerprint(rcp),
            }
        elif self.passphrase is not None:
            if len(self.passphrase) < MIN_PASSPHRASE:
                raise SecretError(
                    N_("a passphrase needs at least {n} characters"), n=MIN_PASSPHRASE
                )
            salt = os.urandom(16)
            secret = _scrypt(self.passphrase, salt, SCRYPT_N)
            head = {"mode": "passphrase", "salt": salt.hex(), "n": SCRYPT_N}
        else:
            raise ValueError("a lock needs a passphrase or a recipient")
        key = _hkdf(secret, nonce, b"tawthiq-sealed/1 payload")
        head |= {"nonce": nonce.hex(), "check": _check_tag(key)}
        return MAGIC + json.dumps(head, sort_keys=True).encode("ascii") + b"\n", key


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class Sealer:
    """Encrypts what is written to it, chunk by chunk, into ``out`` (a binary file)."""

    def __init__(self, out: object, lock: Lock) -> None:
        self._out = out
        header, key = lock.header_and_key()
        self._aead, self._aad = ChaCha20Poly1305(key), header
        self._buffer = bytearray()
        self._counter = 0
        out.write(header)  # type: ignore[attr-defined]

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep one back: the last chunk is marked
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, data: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._counter, last), data, self._aad)
        self._out.write(sealed)  # type: ignore[attr-defined]
        self._counter += 1


@dataclass(frozen=True)
class Keys:
    """What this laptop can try to open a sealed export with."""

    passphrase: str | None = None
    box_key: X25519PrivateKey | None = None


def read_header(first: bytes) -> tuple[dict[str, object], int]:
    """The sealed header at the start of ``first`` and where the chunks begin."""
    end = first.find(b"\n", len(MAGIC))
    if end < 0 or end > _MAX_HEADER:
        raise BadFileError(N_("the encrypted export is damaged: its header is unreadable"))
    try:
        head = json.loads(first[len(MAGIC) : end])
        if not isinstance(head, dict):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise BadFileError(
            N_("the encrypted export is damaged: its header is unreadable")
        ) from None
    return head, end + 1


def opening_key(head: dict[str, object], header: bytes, keys: Keys) -> bytes:
    """The payload key, or a clear sentence on why it cannot be had."""
    try:
        nonce = bytes.fromhex(str(head["nonce"]))
        check = str(head["check"])
        mode = head["mode"]
        if mode == "passphrase":
            if keys.passphrase is None:
                raise PassphraseNeeded(N_("this export is encrypted: give its passphrase"))
            n = int(str(head["n"]))
            if n not in (2**14, 2**15, 2**16, 2**17):
                raise ValueError
            secret = _scrypt(keys.passphrase, bytes.fromhex(str(head["salt"])), n)
            wrong = SecretError(WRONG_PASSPHRASE)
        elif mode == "recipient":
            ours = keys.box_key
            recipient = head["recipient"]
            if not isinstance(recipient, str) or not _FINGERPRINT.fullmatch(recipient):
                raise ValueError  # the sentence below shows it: only a fingerprint may be
            if ours is None or fingerprint(ours.public_key().public_bytes_raw()) != recipient:
                raise SecretError(
                    N_(
                        "this export was encrypted for another laptop (key {fingerprint}); "
                        "only that laptop can open it"
                    ),
                    fingerprint=recipient,
                )
            eph = bytes.fromhex(str(head["ephemeral"]))
            shared = ours.exchange(X25519PublicKey.from_public_bytes(eph))
            rcp = ours.public_key().public_bytes_raw()
            secret = _hkdf(shared, eph + rcp, b"tawthiq-sealed/1 x25519")
            wrong = SecretError(N_("the encrypted export is damaged: its key does not fit"))
        else:
            raise ValueError
    except (KeyError, ValueError, TypeError):
        raise BadFileError(
            N_("the encrypted export is damaged: its header is unreadable")
        ) from None
    key = _hkdf(secret, nonce, b"tawthiq-sealed/1 payload")
    if not hmac.compare_digest(_check_tag(key), check):
        raise wrong
    return key


def unseal(chunks: Iterable[bytes], key: bytes, header: bytes) -> Iterator[bytes]:
    """The plaintext of the sealed chunks that follow ``header``, chunk by chunk."""
    aead = ChaCha20Poly1305(key)
    size = CHUNK + _TAG
    buffer = bytearray()
    counter = 0
    source = iter(chunks)
    done = False
    while not done:
        while len(buffer) <= size and not done:  # one byte beyond tells it is not the last
            more = next(source, None)
            if more is None:
                done = True
            else:
                buffer += more
        while len(buffer) > size or done:
            last = len(buffer) <= size
            piece = bytes(buffer[:size])
            del buffer[:size]
            try:
                yield aead.decrypt(_nonce(counter, last), piece, header)
            except InvalidTag:
                raise BadFileError(
                    N_(
                        "the encrypted export is damaged or cut off (part {part} does not "
                        "open); nothing was imported"
                    ),
                    part=counter + 1,
                ) from None
            counter += 1
            if last:
                return
