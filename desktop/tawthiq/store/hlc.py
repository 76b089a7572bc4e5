"""Hybrid logical clock: wall-clock milliseconds with a counter, packed in one integer.

The packed form sorts like the pair (ms, counter), so ``ORDER BY hlc`` is causal order
for events on one device and a fair total order across devices.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

_COUNTER_BITS = 16
_COUNTER_MASK = (1 << _COUNTER_BITS) - 1


def pack(ms: int, counter: int) -> int:
    return (ms << _COUNTER_BITS) | counter


def unpack(hlc: int) -> tuple[int, int]:
    return hlc >> _COUNTER_BITS, hlc & _COUNTER_MASK


def to_datetime(hlc: int) -> datetime:
    return datetime.fromtimestamp(unpack(hlc)[0] / 1000, tz=UTC)


class HybridClock:
    """Never goes backwards, even when the laptop's clock does.

    >>> c = HybridClock(wall=lambda: 1000)
    >>> [unpack(c.now()) for _ in range(3)]
    [(1000, 0), (1000, 1), (1000, 2)]
    >>> c.observe(pack(5000, 7)); unpack(c.now())
    (5000, 8)
    """

    def __init__(self, last: int = 0, wall: Callable[[], int] | None = None) -> None:
        self._last = last
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)

    def now(self) -> int:
        ms, counter = unpack(self._last)
        wall = self._wall()
        if wall > ms:
            self._last = pack(wall, 0)
        else:
            self._last = pack(ms, counter + 1) if counter < _COUNTER_MASK else pack(ms + 1, 0)
        return self._last

    def observe(self, other: int) -> None:
        """Move past a timestamp seen on another device's event."""
        self._last = max(self._last, other)
