"""Store errors, each with a message a documenter can act on."""

from __future__ import annotations

from tawthiq.domain.errors import TawthiqError


class StoreError(TawthiqError):
    pass


class NotADatabaseError(StoreError):
    pass


class DatabaseLockedError(StoreError):
    exit_code = 3  # in use: trying again later can work


class NewerSchemaError(StoreError):
    pass


class UnwritableError(StoreError):
    pass


class KeyPinError(StoreError):
    """The device key beside the database is not the one its checkpoints are signed with."""
