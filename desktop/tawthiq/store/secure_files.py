"""Files that hold secrets, written and erased with care: written beside their place and
renamed over it (a crash leaves the old file or the new one), readable by this user only,
and, when replaced or destroyed, their bytes overwritten where they lay (crypto-erase of a
key file leaves what it protected unreadable)."""

from __future__ import annotations

import contextlib
import glob
import os
from pathlib import Path
from typing import Any

from tawthiq.domain.errors import N_
from tawthiq.store.errors import UnwritableError


def write_atomically(path: Path, data: bytes, *, destroy_old: bool = False) -> None:
    """``data`` in ``path``, written beside it and renamed over it; ``destroy_old``: the
    replaced file's bytes are then overwritten through a handle kept on it."""
    tmp = path.with_name(path.name + ".new")
    old = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if destroy_old:
            with contextlib.suppress(FileNotFoundError):
                old = open(path, "r+b", buffering=0)  # noqa: SIM115 - kept past the rename
        os.replace(tmp, path)
        sync_folder(path.parent)
        if old is not None:
            overwrite(old)
    except OSError as exc:
        raise UnwritableError(
            N_("cannot write {path}: {reason}"), path=path, reason=exc.strerror
        ) from None
    finally:
        if old is not None:
            old.close()


def overwrite(f: Any, *, chunk: int = 1 << 20) -> None:
    """Overwrite the whole of the open file ``f`` where its bytes lie (random, then zeros),
    each pass flushed to the disk."""
    size = os.fstat(f.fileno()).st_size
    for fill in ("random", "zeros"):
        f.seek(0)
        done = 0
        while done < size:
            n = min(chunk, size - done)
            f.write(os.urandom(n) if fill == "random" else bytes(n))
            done += n
        os.fsync(f.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


DOOMED = ".destroying"  # a file being destroyed, renamed so that no reader takes it


def destroy(path: Path) -> bool:
    """Remove ``path``, its bytes first overwritten where they lie (random, then zeros, each
    flushed to the disk). It is renamed aside before: a cut leaves the file whole, or gone
    from its name (``finish_destroying`` completes it), never garbage under its name.
    Whether there was a file."""
    doomed = path.with_name(path.name + DOOMED)
    _overwrite_and_remove(doomed)  # a previous cut's, before its name is taken again
    try:
        os.replace(path, doomed)
    except FileNotFoundError:
        return False
    sync_folder(path.parent)
    _overwrite_and_remove(doomed)
    return True


def finish_destroying(folder: Path, prefix: str = "") -> int:
    """Complete the destructions in ``folder`` (of the files whose names begin with
    ``prefix``) that a cut interrupted; how many. Nothing where nothing can be written."""
    try:
        doomed = sorted(folder.glob(f"{glob.escape(prefix)}*{DOOMED}"))
        return sum(_overwrite_and_remove(p) for p in doomed)
    except OSError:
        return 0


def _overwrite_and_remove(path: Path) -> bool:
    try:
        f = path.open("r+b", buffering=0)
    except (FileNotFoundError, NotADirectoryError):
        return False
    with f:
        overwrite(f)
    path.unlink(missing_ok=True)  # another process finishing the same one
    sync_folder(path.parent)
    return True
