"""Where an export or a PDF is written: what already has that name must be a file (or a
link to one), since the finished file is renamed onto it and would take its place."""

from __future__ import annotations

import stat
from pathlib import Path

from tawthiq.domain.errors import N_, ValidationError


def check_replaceable(path: Path) -> None:
    """Refuse, before anything is written, to put a file in place of a named pipe, a device
    (such as /dev/full) or a socket named ``path``; a folder is the callers' to name."""
    try:
        mode = path.stat().st_mode
    except OSError:  # nothing there (or nothing to tell): the writing says what fails
        return
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    if stat.S_ISFIFO(mode):
        raise ValidationError(
            N_("{path} is a named pipe, not a file; give the name of a file to write"), path=path
        )
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise ValidationError(
            N_("{path} is a device, not a file; give the name of a file to write"), path=path
        )
    raise ValidationError(
        N_("{path} is not a regular file; give the name of a file to write"), path=path
    )
