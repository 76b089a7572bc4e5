"""Store errors, each with a message a documenter can act on."""

from __future__ import annotations

from tawthiq.domain.errors import TawthiqError


class StoreError(TawthiqError):
    pass


class NotADatabaseError(StoreError):
    pass


class DatabaseLockedError(StoreError):
    """Another program holds the database: nothing is wrong with it, try again."""

    exit_code = 3


class UnreadableError(StoreError):
    """The database could not be read (a disk error, a file that cannot be opened): no
    finding about its content, try again."""

    exit_code = 3


class NewerSchemaError(StoreError):
    pass


class UnwritableError(StoreError):
    pass


class DiskError(StoreError):
    """The disk refused a write (full, failing) part-way: nothing was changed, try again."""

    exit_code = 3


class KeyPinError(StoreError):
    """The device key beside the database is not the one its checkpoints are signed with."""
