"""Where Tawthiq keeps things, and the open database with this device's identity."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from tawthiq.store import Database, DeviceIdentity, EventWriter, load_or_create_identity
from tawthiq.store import open_database as _open

DEFAULT_AUTHOR = "unnamed documenter"


def data_dir() -> Path:
    """The user data folder (platformdirs), or ``$TAWTHIQ_DATA_DIR`` when set."""
    override = os.environ.get("TAWTHIQ_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("tawthiq", appauthor=False))


def default_db_path() -> Path:
    override = os.environ.get("TAWTHIQ_DB")
    return Path(override) if override else data_dir() / "tawthiq.db"


def settings_path() -> Path:
    return data_dir() / "settings.json"


def load_settings() -> dict[str, object]:
    try:
        data = json.loads(settings_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def default_author() -> str:
    author = os.environ.get("TAWTHIQ_AUTHOR") or load_settings().get("author")
    return str(author) if author else DEFAULT_AUTHOR


@dataclass
class Workspace:
    """An open database, the device that writes to it and the documenter's name."""

    db: Database
    identity: DeviceIdentity
    author: str

    @contextmanager
    def writing(self) -> Iterator[EventWriter]:
        """One user action that changes things: all of it is saved, or none of it."""
        with self.db.write() as session, EventWriter(session, self.identity, self.author) as w:
            yield w

    def close(self) -> None:
        self.db.close()


def open_workspace(
    db_path: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    key_dir: Path | None = None,
) -> Workspace:
    db = _open(db_path or default_db_path())
    try:
        identity = load_or_create_identity(key_dir or data_dir())
    except BaseException:
        db.close()
        raise
    return Workspace(db=db, identity=identity, author=author or default_author())
