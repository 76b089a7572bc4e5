"""The store: SQLite through SQLAlchemy, the event log, materialised tables, search. No Qt."""

from tawthiq.domain.filters import IncidentFilter
from tawthiq.store.db import Database, open_database
from tawthiq.store.errors import (
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    UnreadableError,
    UnwritableError,
)
from tawthiq.store.events import Event
from tawthiq.store.identity import DeviceIdentity, load_or_create_identity
from tawthiq.store.writer import EventWriter

__all__ = [
    "Database",
    "DatabaseLockedError",
    "DeviceIdentity",
    "Event",
    "EventWriter",
    "IncidentFilter",
    "NewerSchemaError",
    "NotADatabaseError",
    "StoreError",
    "UnreadableError",
    "UnwritableError",
    "load_or_create_identity",
    "open_database",
]
