"""The hybrid clock at its bounds: every timestamp it gives fits SQLite, never goes back,
and another device's clock pulls it at most ``CLOCK_PULL_MS`` past this laptop's own."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.store import hlc
from tawthiq.store.errors import StoreError
from tawthiq.store.hlc import (
    CLOCK_MARGIN_MS,
    CLOCK_PULL_MS,
    MAX_HLC,
    MAX_MS,
    ClockExhaustedError,
    HybridClock,
    pack,
    unpack,
)

ms = st.integers(0, MAX_MS)
counters = st.integers(0, 0xFFFF)
stamps = st.integers(0, MAX_HLC)
# what a laptop's clock may say, including nonsense on either side
walls = st.integers(-(2**64), 2**64)
# anything another device's event may claim, including what no file may hold
claims = st.integers(-(2**64), 2**70)


def test_doctests() -> None:
    assert doctest.testmod(hlc).failed == 0


@given(ms, counters)
def test_pack_and_unpack_are_inverse_and_fit_sqlite(t: int, counter: int) -> None:
    packed = pack(t, counter)
    assert 0 <= packed <= MAX_HLC
    assert unpack(packed) == (t, counter)


@given(ms, counters, ms, counters)
def test_packed_stamps_sort_as_their_pairs(t1: int, c1: int, t2: int, c2: int) -> None:
    assert (pack(t1, c1) < pack(t2, c2)) == ((t1, c1) < (t2, c2))


@given(st.integers(-(2**70), 2**70), st.integers(-(2**20), 2**20))
def test_pack_refuses_what_does_not_fit(t: int, counter: int) -> None:
    if 0 <= t <= MAX_MS and 0 <= counter <= 0xFFFF:
        assert pack(t, counter) <= MAX_HLC
    else:
        with pytest.raises(ValueError):
            pack(t, counter)


@given(stamps, st.lists(walls, min_size=1, max_size=20))
def test_now_moves_forward_within_bounds_until_it_cannot(start: int, readings: list[int]) -> None:
    it = iter(readings)
    clock = HybridClock(start, wall=lambda: next(it, readings[-1]))
    before = start
    for reading in readings:
        if before == MAX_HLC:
            with pytest.raises(ClockExhaustedError) as stopped:
                clock.now()
            assert isinstance(stopped.value, StoreError)
            assert "no later change can be dated" in str(stopped.value)
            return
        got = clock.now()
        assert before < got <= MAX_HLC
        assert got >= pack(min(max(reading, 0), MAX_MS), 0)  # at the wall clock, or later
        before = got


def test_the_last_stamp_is_given_once_then_a_sentence_not_an_overflow() -> None:
    clock = HybridClock(MAX_HLC - 2, wall=lambda: MAX_MS)
    assert [clock.now(), clock.now()] == [MAX_HLC - 1, MAX_HLC]
    with pytest.raises(ClockExhaustedError, match=r"^the history in this database already"):
        clock.now()


@given(walls, claims)
def test_another_device_pulls_the_clock_at_most_the_margin_ahead(wall: int, claim: int) -> None:
    clock = HybridClock(wall=lambda: wall)
    clock.observe(claim)
    t, _ = unpack(clock.now())
    here = min(max(wall, 0), MAX_MS)
    assert t <= min(here + CLOCK_PULL_MS, MAX_MS)
    assert t >= min(max(claim >> 16, here), here + CLOCK_PULL_MS, MAX_MS)


def test_what_a_pulled_clock_writes_is_within_the_margin_of_a_clock_behind() -> None:
    """A laptop whose clock is up to half the margin behind still accepts what this one
    writes after it accepted a device whose clock ran a year ahead."""
    here = 1_796_601_600_000
    clock = HybridClock(wall=lambda: here)
    clock.observe(pack(here + 365 * 86_400_000, 0))
    behind = here - CLOCK_MARGIN_MS // 2
    assert hlc.ahead_of_wall(clock.now(), wall=behind) <= CLOCK_MARGIN_MS


@given(stamps, claims, walls)
def test_observing_never_takes_the_clock_back(start: int, claim: int, wall: int) -> None:
    clock = HybridClock(start, wall=lambda: wall)
    clock.observe(claim)
    if start < MAX_HLC:
        assert clock.now() > start
