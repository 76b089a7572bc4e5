"""What can go wrong with an export file, each as one sentence naming file, device and
event; nothing is changed when one is raised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tawthiq.domain.errors import N_, TawthiqError
from tawthiq.store.hlc import DAY_MS, to_datetime

MIN_PASSPHRASE = 8
WRONG_PASSPHRASE = N_("the passphrase is wrong; nothing was imported")


class SyncError(TawthiqError):
    """An export could not be written or an export file cannot be merged."""


class BadFileError(SyncError):
    """The file is not a readable Tawthiq export (damaged, cut off, or something else)."""


class SecretError(SyncError):
    """The file is encrypted and the passphrase or key to open it is missing or wrong."""


class PassphraseNeeded(SecretError):
    """The file is encrypted with a passphrase and none was given."""


class ForgeryError(SyncError):
    """The file's history does not hold together: changed, removed, reordered or forged
    events, a fork, a gap or a bad signature."""


class RollbackError(SyncError):
    """An export older than one already merged from the same laptop."""


@dataclass(frozen=True, slots=True)
class NewDevice:
    device_id: str
    fingerprint: str
    authors: tuple[str, ...]  # who wrote its events in the file, as its signed events say
    # the name the exporting laptop gives itself when the file holds no event of its own:
    # a claim nothing in the file backs
    says: str = ""


class NewDevicesError(SyncError):
    """The file holds events of laptops this one has never accepted; the user must accept
    them (with their key fingerprints in view) before they are merged."""

    def __init__(self, template: str, /, *, devices: tuple[NewDevice, ...], **params: Any):
        self.devices = devices
        super().__init__(template, **params)


@dataclass(frozen=True, slots=True)
class ClockAhead:
    """A device's first event in a file dated further ahead of this laptop's clock than
    the margin allows."""

    device_id: str
    seq: int
    hlc: int
    ahead_ms: int  # how far its time runs ahead of this laptop's clock

    @property
    def day(self) -> date:
        """The day (UTC) the event claims."""
        return to_datetime(self.hlc).date()

    @property
    def days(self) -> float:
        """How many days ahead of this laptop's clock it is dated."""
        return self.ahead_ms / DAY_MS


class ClockAheadError(SyncError):
    """The file holds events dated too far in this laptop's future: that laptop's clock, or
    this one's, is wrong. A person who checked may import them accepting that clock."""

    def __init__(self, template: str, /, *, devices: tuple[ClockAhead, ...], **params: Any):
        self.devices = devices
        super().__init__(template, **params)

    @property
    def file(self) -> str:
        """The name of the file that holds the events."""
        return str(self.params.get("path", ""))
