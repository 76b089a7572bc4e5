"""What the form held when the window was locked: kept sealed in this laptop's key folder
(``locked-draft.json``) while the window is locked, so the unsaved work is neither lost nor
left readable, and taken back (the file destroyed) once it is unlocked. A laptop that is
not protected has no key to seal it with: the window keeps it in memory instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tawthiq.store import sealed, secure_files

DRAFT_FILE = "locked-draft.json"


def keep(folder: Path, draft: dict[str, Any]) -> bool:
    """Seal ``draft`` in the key folder; False (nothing written) when this laptop is not
    protected, so the caller keeps it itself."""
    if not sealed.is_protected(folder):
        return False
    sealed.write(folder / DRAFT_FILE, draft)
    return True


def take(folder: Path) -> dict[str, Any] | None:
    """The draft kept at the lock (this laptop unlocked again), its file then destroyed;
    None when there is none."""
    path = folder / DRAFT_FILE
    if not path.exists():
        return None
    data = sealed.read(path)
    secure_files.destroy(path)
    return data if isinstance(data, dict) else None
