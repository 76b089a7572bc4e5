"""Where a workspace's evidence files are kept: ``<database file>.files/`` beside a
database file; for a team server's database (PostgreSQL), in this laptop's key folder,
``<key folder>/server-files/<host>_<port>/<database>/`` (what a team server keeps for its
laptops' syncs is in its own table: ``store.server_blobs``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.store.db import server_path
from tawthiq.store.evidence_store import FileStore, folder_beside

if TYPE_CHECKING:
    from tawthiq.services.workspace import Workspace


def files_folder(ws: Workspace) -> Path:
    db = ws.db
    if db.url:
        return ws.key_dir / "server-files" / server_path(db.url)
    return folder_beside(db.path)


def file_store(ws: Workspace) -> FileStore:
    """The workspace's files, sealed with the database's key while it is encrypted."""
    return FileStore(files_folder(ws), ws.db.files_key)
