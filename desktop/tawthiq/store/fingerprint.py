"""An incident's fingerprint: a hash of its events, printed on its reports, so a printed
copy can be checked against the database it came from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tawthiq.store.events import Event

PREFIX = "tawthiq-fp1:"


def fingerprint(events: Iterable[Event]) -> str:
    """SHA-256 over the hashes of the events, in their total order (the hashes cover every
    value, author and time, and each chains to its device's previous event)."""
    return next(_prefixes(sorted(events, key=lambda e: e.order), last_only=True))[1]


def _prefixes(ordered: list[Event], *, last_only: bool = False) -> Iterator[tuple[int, str]]:
    h = hashlib.sha256(PREFIX.encode())
    for n, e in enumerate(ordered, 1):
        h.update(e.hash.encode("ascii"))
        h.update(b"\n")
        if not last_only or n == len(ordered):
            yield n, h.hexdigest()
    if not ordered:
        yield 0, h.hexdigest()


@dataclass(frozen=True, slots=True)
class Match:
    """The incident a printed fingerprint was taken from, and how much it changed since."""

    incident_id: str
    events_then: int
    events_now: int
    hlc_then: int

    @property
    def changed_since(self) -> int:
        return self.events_now - self.events_then


def match(events: Iterable[Event], printed: str) -> Match | None:
    """Whether ``printed`` (or its first characters, at least 16) is this incident's
    fingerprint now or at any earlier moment of its history."""
    printed = printed.strip().lower()
    ordered = sorted(events, key=lambda e: e.order)
    if len(printed) < 16 or not ordered:
        return None
    for n, digest in _prefixes(ordered):
        if digest.startswith(printed):
            return Match(ordered[0].entity_id, n, len(ordered), ordered[n - 1].hlc)
    return None
