"""What an export claims beside its signed events, weighed as the events are read: the
authors its header names for each device, and the times its events carry against this
laptop's clock (``hlc.CLOCK_MARGIN_MS``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from tawthiq.domain.errors import N_
from tawthiq.store import hlc
from tawthiq.sync.check_header import FileCheck, short_id
from tawthiq.sync.errors import ClockAhead, ClockAheadError, ForgeryError
from tawthiq.sync.format import MAX_AUTHORS, MAX_NAME


class Authors:
    """Who wrote one device's events in a file, gathered as they are read, against the
    names its header claims. An honest export names every author of the device's events
    in the file, or ``MAX_AUTHORS`` of them when there are more; each name cut as the
    header's are. Bounded: past ``MAX_AUTHORS`` names besides the claimed ones, only that
    there are more is kept."""

    def __init__(self, claimed: tuple[str, ...]) -> None:
        self.claimed = frozenset(claimed)
        self.found: set[str] = set()
        self.more = False

    def add(self, author: str) -> None:
        """Called for an author not yet in ``found`` (the common case is checked inline)."""
        name = author[:MAX_NAME]
        if name in self.found:
            return
        if name in self.claimed or len(self.found) < 2 * MAX_AUTHORS:
            self.found.add(name)
        else:
            self.more = True

    def as_claimed(self) -> bool:
        """The header's list is the one an honest export of these events writes."""
        if not self.claimed <= self.found:
            return False
        return len(self.claimed) >= MAX_AUTHORS or (self.found <= self.claimed and not self.more)

    def signed(self) -> tuple[str, ...]:
        """The authors to show: those of the signed events, ``MAX_AUTHORS`` at most."""
        return tuple(sorted(self.found)[:MAX_AUTHORS])


def check_authors(authors: Mapping[str, Authors], result: FileCheck, path: Path) -> None:
    """The authors the signed header claims for each device are those of its signed
    events; from here on, only the latter are shown."""
    for device_id, found in authors.items():
        if not found.as_claimed():
            raise ForgeryError(
                N_(
                    "{path} names other authors for device {device} than its signed "
                    "events do: its header was forged"
                ),
                path=path.name,
                device=short_id(device_id),
            )
        result.devices[device_id].authors = found.signed()


class Clocks:
    """The first event of each device dated more than the margin past this laptop's clock,
    unless a person accepted that device's clock (``accepted``: full ids or their first 8
    characters)."""

    def __init__(self, accepted: Collection[str]) -> None:
        self.accepted = {d.lower() for d in accepted}
        self.wall = hlc.wall_ms()
        self.bound = hlc.latest_allowed(self.wall, margin=hlc.CLOCK_MARGIN_MS)
        self.ahead: dict[str, ClockAhead] = {}  # device -> its first event dated too late

    def check(self, device_id: str, seq: int, stamp: int) -> None:
        """Note the device's first event dated more than the margin past this laptop's
        clock, unless a person accepted that device's clock."""
        ahead = hlc.ahead_of_wall(stamp, wall=self.wall)
        if (
            ahead > hlc.CLOCK_MARGIN_MS
            and device_id not in self.ahead
            and not {device_id, short_id(device_id)} & self.accepted
        ):
            self.ahead[device_id] = ClockAhead(device_id, seq, stamp, ahead)

    def refusal(self, path: Path) -> ClockAheadError:
        first = next(iter(self.ahead.values()))
        days = first.days
        return ClockAheadError(
            N_(
                "{path} holds event #{seq} of device {device} dated {date}, {days} days ahead "
                "of this laptop's clock (at most {hours} hours are allowed); nothing was "
                "imported: if that laptop's clock was wrong, check with its owner and import "
                "again accepting its clock (`tawthiq import {option}`), and if this laptop's "
                "clock is wrong, correct it first"
            ),
            devices=tuple(self.ahead.values()),
            path=path.name,
            seq=first.seq,
            device=short_id(first.device_id),
            date=first.day.isoformat(),
            days=f"{days:.1f}" if days < 10 else f"{days:,.0f}",
            hours=hlc.CLOCK_MARGIN_MS // 3_600_000,
            option=" ".join(f"--accept-clock-ahead {short_id(d)}" for d in self.ahead),
        )
