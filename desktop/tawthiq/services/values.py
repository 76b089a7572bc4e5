"""Plain values and errors of the layers behind the services that the command line and the
window need to name (report options, the questions a merge asks): named here, once, so
nothing in front of the services imports those layers."""

from __future__ import annotations

from tawthiq.report.model import ReportOptions
from tawthiq.sync.errors import (
    MIN_PASSPHRASE,
    WRONG_PASSPHRASE,
    ClockAhead,
    ClockAheadError,
    NewDevice,
    NewDevicesError,
    PassphraseNeeded,
    SecretError,
)

__all__ = [
    "MIN_PASSPHRASE",
    "ClockAhead",
    "ClockAheadError",
    "NewDevice",
    "NewDevicesError",
    "PassphraseNeeded",
    "ReportOptions",
    "wrong_passphrase",
]


def wrong_passphrase(exc: BaseException) -> bool:
    """The export's passphrase was given and is wrong (to ask again, not to give up)."""
    return isinstance(exc, SecretError) and exc.template == WRONG_PASSPHRASE
