"""Hybrid logical clock: wall-clock milliseconds with a counter, packed in one integer.

The packed form sorts like the pair (ms, counter), so ``ORDER BY hlc`` is causal order
for events on one device and a fair total order across devices. It stays within what
SQLite and an export can hold (``MAX_HLC``); an import refuses events dated more than
``CLOCK_MARGIN`` past this laptop's clock, and the events it accepts pull this clock
forward by at most half of that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from tawthiq.domain.errors import N_
from tawthiq.store.errors import StoreError

_COUNTER_BITS = 16
_COUNTER_MASK = (1 << _COUNTER_BITS) - 1
MAX_HLC = 2**63 - 1  # the largest integer SQLite stores
MAX_MS = MAX_HLC >> _COUNTER_BITS
# How far another device's physical time may run ahead of this laptop's clock: clocks set
# by hand drift, and a time zone set wrong is hours off; beyond a day, a clock is wrong.
CLOCK_MARGIN = timedelta(hours=24)
CLOCK_MARGIN_MS = CLOCK_MARGIN // timedelta(milliseconds=1)
# How far other devices' events may pull this laptop's clock ahead of its own: half the
# margin, so that what this laptop writes after accepting a device whose clock ran ahead
# is still accepted by a laptop whose clock is up to the other half behind this one's.
CLOCK_PULL_MS = CLOCK_MARGIN_MS // 2
DAY_MS = 86_400_000


class ClockExhaustedError(StoreError):
    """The history's clock is at the last time an event can carry: no later one exists."""


def wall_ms() -> int:
    """This laptop's clock, in milliseconds since 1970 (UTC)."""
    return time.time_ns() // 1_000_000


def pack(ms: int, counter: int) -> int:
    """One timestamp from its physical time and counter; ValueError outside their ranges.

    >>> pack(MAX_MS, 0xFFFF) == MAX_HLC
    True
    """
    if not (0 <= ms <= MAX_MS and 0 <= counter <= _COUNTER_MASK):
        raise ValueError(f"no timestamp has physical time {ms} and counter {counter}")
    return (ms << _COUNTER_BITS) | counter


def unpack(hlc: int) -> tuple[int, int]:
    return hlc >> _COUNTER_BITS, hlc & _COUNTER_MASK


def to_datetime(hlc: int) -> datetime:
    return datetime.fromtimestamp(unpack(hlc)[0] / 1000, tz=UTC)


def ahead_of_wall(hlc: int, *, wall: int | None = None) -> int:
    """How many milliseconds ``hlc``'s physical time runs ahead of this laptop's clock
    (``wall``, default: now); zero or less when it does not."""
    return unpack(hlc)[0] - (wall_ms() if wall is None else wall)


def latest_allowed(wall: int, *, margin: int = CLOCK_PULL_MS) -> int:
    """The latest timestamp ``margin`` past ``wall`` (this laptop's clock): by default, how
    far another device's events may move this clock."""
    return pack(min(max(wall, 0) + margin, MAX_MS), 0)


class HybridClock:
    """Never goes backwards, even when the laptop's clock does.

    >>> c = HybridClock(wall=lambda: 1000)
    >>> [unpack(c.now()) for _ in range(3)]
    [(1000, 0), (1000, 1), (1000, 2)]
    >>> c.observe(pack(5000, 7)); unpack(c.now())
    (5000, 8)
    """

    def __init__(self, last: int = 0, wall: Callable[[], int] | None = None) -> None:
        self._last = min(max(last, 0), MAX_HLC)
        self._wall = wall or (lambda: wall_ms())  # looked up at each call: tests set it

    def now(self) -> int:
        """A timestamp later than every one given before, at this laptop's clock when that
        is later still; past ``MAX_HLC`` there is none, and the error says so."""
        if self._last >= MAX_HLC:
            raise ClockExhaustedError(
                N_(
                    "the history in this database already holds an event dated at the end "
                    "of time ({date}), so no later change can be dated; nothing was saved "
                    "(run `tawthiq verify` and keep a copy of the database)"
                ),
                date=f"{to_datetime(MAX_HLC):%Y-%m-%d}",
            )
        wall = min(max(self._wall(), 0), MAX_MS)
        # one more than the last is the same counter + 1 or, once it is full, the next ms
        self._last = max(self._last + 1, pack(wall, 0))
        return self._last

    def observe(self, other: int) -> None:
        """Move past a timestamp seen on another device's event, but never further than
        ``CLOCK_PULL_MS`` ahead of this laptop's clock: a device whose clock was wrong must
        not carry this one into its future."""
        bound = latest_allowed(self._wall())
        self._last = max(self._last, min(other, bound))
