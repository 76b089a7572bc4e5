"""Copies of evidence files opened with the system's viewer: Tawthiq plays and shows nothing
itself. The copy is decrypted into a private temporary folder (only this user may read it)
and the folder is removed when the window closes; the stored file is never handed over."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.services.desk import Desk
from tawthiq.services.desk_files import EvidenceFile

_UNSAFE = set('/\\:*?"<>|\x00')
# the endings a viewer opens (photos, recordings, documents); a file under any other ending
# (.exe, .bat, .desktop, .hta…) is opened as data, never run as a program
VIEWED = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "webp",
        "tif",
        "tiff",
        "gif",
        "bmp",
        "heic",
        "pdf",
        "txt",
        "odt",
        "doc",
        "docx",
        "mp4",
        "mov",
        "m4v",
        "webm",
        "mkv",
        "avi",
        "3gp",
        "mp3",
        "m4a",
        "ogg",
        "opus",
        "wav",
        "aac",
        "amr",
    ]
)
PREFIX = "tawthiq-opened-"


def safe_name(name: str, sha256: str) -> str:
    """The name the copy is written under: the file's own without anything that makes it a
    path or reorders how it reads (a right-to-left override shows "…exe.jpg" for a
    program), its ending one a viewer opens or ".bin" after it."""
    kept = "".join(
        "_" if ch in _UNSAFE or ord(ch) < 32 or unicodedata.category(ch) == "Cf" else ch
        for ch in name
    ).strip(". ")
    kept = kept[:120] or sha256[:16]
    ending = kept.rpartition(".")[2].lower() if "." in kept else ""
    return kept if ending in VIEWED else f"{kept}.bin"


def sweep_left_over() -> None:
    """Remove the copies a window killed before it could close left in the temporary
    folder (a laptop switched off by its power button, a crash): plain evidence."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        pid = folder.name[len(PREFIX) :].partition("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's: not ours to remove
    return True


class OpenedCopies:
    """The private folder of the copies opened in this session."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        atexit.register(self.remove)  # the window may not close normally
        sweep_left_over()  # nor may an earlier one have

    def _private(self) -> Path:
        if self.folder is None or not self.folder.is_dir():
            # mode 0700; the process named, so a later window knows when it is gone
            self.folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
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
