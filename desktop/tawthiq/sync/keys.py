"""Keys for exports: fingerprints a person can read out over the phone, and the laptop's
X25519 key pair that a coordinator hands out so exports can be encrypted to it."""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from tawthiq.domain.errors import N_
from tawthiq.store import sealed
from tawthiq.store.identity import key_fingerprint
from tawthiq.sync.errors import SecretError

fingerprint = key_fingerprint  # the name sync and its callers know it by

BOX_KEY_FILE = "receive-key.json"
_PREFIX = "tqk-"


def encode_recipient(public: X25519PublicKey) -> str:
    raw = public.public_bytes_raw()
    return _PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=").lower()


def decode_recipient(text: str) -> X25519PublicKey:
    """The public key in a coordinator's ``tqk-…`` text (spaces and case do not matter)."""
    cleaned = "".join(text.split()).lower()
    body = cleaned.removeprefix(_PREFIX)
    try:
        if not cleaned.startswith(_PREFIX) or len(body) != 52:
            raise ValueError
        raw = base64.b32decode(body.upper() + "====")
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise SecretError(
            N_(
                "{key!r} is not a Tawthiq key: it starts with tqk- followed by 52 letters "
                "and digits, as `tawthiq key` prints it"
            ),
            key=text[:70],
        ) from None


def load_box_key(folder: Path, *, create: bool) -> X25519PrivateKey | None:
    """This laptop's key for opening exports encrypted to it (made on first request)."""
    path = folder / BOX_KEY_FILE
    if path.exists():
        try:
            data = sealed.read(path)
            return X25519PrivateKey.from_private_bytes(bytes.fromhex(data["private_key"]))
        except (OSError, ValueError, KeyError, TypeError):
            raise SecretError(
                N_("the key file {path} is damaged; restore it from a backup"), path=path
            ) from None
    if not create:
        return None
    key = X25519PrivateKey.generate()
    sealed.write(path, {"private_key": key.private_bytes_raw().hex()})
    return key
