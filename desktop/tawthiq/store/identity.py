"""This laptop's identity: a device id and an Ed25519 key made at first run."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tawthiq.domain.errors import N_
from tawthiq.store import sealed
from tawthiq.store.errors import StoreError, UnwritableError

KEY_FILE = "device-key.json"
TRUST_FILE = "trusted-devices.json"


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    private_key: Ed25519PrivateKey

    @property
    def public_key_hex(self) -> str:
        return self.private_key.public_key().public_bytes_raw().hex()

    def sign(self, message: bytes) -> str:
        return self.private_key.sign(message).hex()

    @classmethod
    def generate(cls) -> DeviceIdentity:
        return cls(str(uuid.uuid4()), Ed25519PrivateKey.generate())


def key_fingerprint(public_key: bytes | str) -> str:
    """Sixteen hex digits in four groups of a key's SHA-256, e.g. '3f2a 91c0 77de 41b2':
    what a person reads out over the phone to compare keys."""
    raw = bytes.fromhex(public_key) if isinstance(public_key, str) else public_key
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def verify_signature(public_key_hex: str, message: bytes, signature_hex: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def load_identity(folder: Path) -> DeviceIdentity | None:
    """This laptop's key if it has one; reading never creates it."""
    return load_or_create_identity(folder) if (folder / KEY_FILE).exists() else None


def trusted_keys(folder: Path) -> dict[str, str]:
    """Device id -> public key of every device this laptop accepted before trust decisions
    were events in the log (an earlier release's file beside the key), its own included:
    read for a database without a checkpoint, which its first writing command signs."""
    try:
        data = sealed.read(folder / TRUST_FILE) or {}
    except (OSError, ValueError):
        data = {}
    keys = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    own = load_identity(folder)
    if own is not None:
        keys[own.device_id] = own.public_key_hex
    return keys


def load_or_create_identity(folder: Path) -> DeviceIdentity:
    """Read the device key from ``folder``, creating it (readable by this user only) if absent."""
    path = folder / KEY_FILE
    if path.exists():
        try:
            data = sealed.read(path)
            key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(data["private_key"]))
            return DeviceIdentity(str(uuid.UUID(data["device_id"])), key)
        except (OSError, ValueError, KeyError, TypeError):
            raise StoreError(
                N_("the device key {path} is damaged; restore it from a backup"), path=path
            ) from None
    identity = DeviceIdentity.generate()
    data = {
        "device_id": identity.device_id,
        "private_key": identity.private_key.private_bytes_raw().hex(),
        "public_key": identity.public_key_hex,
    }
    try:
        sealed.write(path, data)
    except (OSError, UnwritableError) as exc:  # sealed files are written by the keystore
        reason = exc.strerror if isinstance(exc, OSError) else exc.params.get("reason")
        raise UnwritableError(
            N_("cannot store the device key in {folder}: {reason}"),
            folder=folder,
            reason=reason or exc.__class__.__name__,
        ) from None
    return identity
