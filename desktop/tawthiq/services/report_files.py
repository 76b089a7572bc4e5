"""Reading a report from a file (or standard input) as text, refusing what is not one."""

from __future__ import annotations

import sys
from pathlib import Path

from tawthiq.domain.errors import N_, ValidationError

MAX_BYTES = 20_000_000


def read_report(name: str) -> str:
    """A report file (or '-' for standard input) as text; binary files are refused."""
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1) if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise ValidationError(
            N_("cannot read {name}: {reason}"), name=name, reason=exc.strerror
        ) from None
    if len(data) > MAX_BYTES:
        raise ValidationError(
            N_("{name} is larger than {size} MB; is it a report?"),
            name=name,
            size=MAX_BYTES // 1_000_000,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            N_("{name} is not UTF-8 text; save the report as plain text"), name=name
        ) from None
    if "\x00" in text:
        raise ValidationError(N_("{name} is a binary file, not a report"), name=name)
    return text
