"""Copies of evidence files opened with the system's viewer: Tawthiq plays and shows nothing
itself. The copy is decrypted into a private temporary folder (only this user may read it)
and the folder is removed when the window closes; the stored file is never handed over."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.services.desk import Desk
from tawthiq.services.desk_files import EvidenceFile

_UNSAFE = set('/\\:*?"<>|\x00')


def safe_name(name: str, sha256: str) -> str:
    """The name the copy is written under: the file's own (the viewer goes by its ending),
    without anything that would make it a path."""
    kept = "".join("_" if ch in _UNSAFE or ord(ch) < 32 else ch for ch in name).strip(". ")
    return kept[:120] or sha256[:16]


class OpenedCopies:
    """The private folder of the copies opened in this session."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        atexit.register(self.remove)  # the window may not close normally

    def _private(self) -> Path:
        if self.folder is None or not self.folder.is_dir():
            self.folder = Path(tempfile.mkdtemp(prefix="tawthiq-opened-"))  # mode 0700
        return self.folder

    def write(self, desk: Desk, f: EvidenceFile) -> Path:
        """A plain copy of ``f``, checked against its SHA-256 as it is read (off the UI
        thread); the same file opened again is written again."""
        if not f.here:
            raise ValidationError(
                N_("file {sha} is not on this laptop yet: import an export that carries it"),
                sha=f.sha256[:12],
            )
        where = self._private() / f.sha256[:16]
        where.mkdir(mode=0o700, exist_ok=True)
        target = where / safe_name(str(f.record.values.get("file_name") or ""), f.sha256)
        part = where / f".{target.name}.part"
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                for chunk in desk.files.read(f.sha256):
                    out.write(chunk)
            os.replace(part, target)
        except OSError as exc:
            raise ValidationError(
                N_("cannot write {path}: {reason}"), path=target, reason=exc.strerror
            ) from None
        finally:
            part.unlink(missing_ok=True)
        return target

    def remove(self) -> None:
        """Every copy opened, gone (when the window closes)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
