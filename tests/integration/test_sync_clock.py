"""An event dated far in this laptop's future, whether forged or written by a laptop whose
clock was wrong, is refused with a sentence naming it; accepted only for a laptop a person
vouched for, and then it neither stops this database nor carries its clock into the future."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop

from tawthiq import services
from tawthiq.store import chain, hlc
from tawthiq.store.hlc import CLOCK_PULL_MS, DAY_MS, MAX_HLC, HybridClock, pack, unpack
from tawthiq.sync.check_claims import Clocks
from tawthiq.sync.errors import ClockAheadError

NOW = int(datetime(2026, 12, 7, tzinfo=UTC).timestamp() * 1000)
YEAR_4199 = pack(int(datetime(4199, 1, 1, tzinfo=UTC).timestamp() * 1000), 0)


@dataclass
class Wall:
    """The laptops' clock, as a test sets it (all of them share this process)."""

    ms: int = NOW


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> Wall:
    clock = Wall()
    monkeypatch.setattr(hlc, "wall_ms", lambda: clock.ms)
    return clock


@dataclass
class FixedClock:
    """A clock that dates every event alike: what a forger's modified program does (the
    events are still hashed, chained and signed with the laptop's real key)."""

    stamp: int

    def now(self) -> int:
        return self.stamp


@pytest.fixture
def coordinator(tmp_path: Path, wall: Wall) -> Iterator[Laptop]:
    laptop = Laptop(tmp_path, "Coordinator")
    laptop.new_incident(title_en="the coordinator's own")
    yield laptop
    laptop.close()


@pytest.fixture
def field(tmp_path: Path, coordinator: Laptop) -> Iterator[Laptop]:
    """A laptop the coordinator already accepted, with one incident (``maram``) the
    coordinator holds."""
    laptop = Laptop(tmp_path, "Field")
    laptop.maram = laptop.new_incident(title_en="Maram camp", killed=9)  # type: ignore[attr-defined]
    coordinator.import_(laptop.export(), accept_new=True)
    yield laptop
    laptop.close()


def _dated(laptop: Laptop, stamp: int, incident_id: str, **changes: Any) -> None:
    with laptop.ws.writing() as w:
        w.clock = FixedClock(stamp)  # type: ignore[assignment]
        services.incidents.edit_incident(w, incident_id, changes)


def _forged_export(laptop: Laptop, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The forger's program exports a chain dated at the end of time (Tawthiq's own would
    refuse: no export can be dated after it)."""
    with monkeypatch.context() as m:
        m.setattr(chain, "device_clock", lambda _s, _d, at_least=0: HybridClock(at_least))
        return laptop.export()


def _last_seq(laptop: Laptop) -> int:
    with laptop.ws.db.read() as s:
        return chain.last_seq(s, laptop.ws.identity.device_id)


def _refusal(path: Path, *, seq: int, device: str, date: str, days: str) -> str:
    return (
        f"{path.name} holds event #{seq} of device {device} dated {date}, {days} days ahead of "
        "this laptop's clock (at most 24 hours are allowed); nothing was imported: if that "
        "laptop's clock was wrong, check with its owner and import again accepting its clock "
        f"(`tawthiq import --accept-clock-ahead {device}`), and if this laptop's clock is "
        "wrong, correct it first"
    )


def _still_works(laptop: Laptop, incident_id: str) -> None:
    """Later saves, edits and exports of the laptop work, dated by its own clock."""
    new = laptop.new_incident(title_en="written afterwards")
    laptop.edit(incident_id, injured=4)
    assert laptop.incident(new).title_en == "written afterwards"
    assert laptop.incident(incident_id).injured is not None
    laptop.export()
    with laptop.ws.writing() as w:
        assert unpack(w.clock.now())[0] - NOW <= CLOCK_PULL_MS
    assert laptop.verify().ok


def test_attack_an_event_dated_at_the_end_of_time(
    field: Laptop, coordinator: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident: str = field.maram  # type: ignore[attr-defined]
    _dated(field, MAX_HLC, incident, killed=90)
    path = _forged_export(field, monkeypatch)
    digest, events = coordinator.digest(), coordinator.event_ids()
    with pytest.raises(ClockAheadError) as refused:
        coordinator.import_(path, accept_new=False)
    device = field.ws.identity.device_id[:8]
    assert str(refused.value) == _refusal(
        path, seq=_last_seq(field), device=device, date="6429-10-17", days="1,608,112"
    )
    assert [d.device_id for d in refused.value.devices] == [field.ws.identity.device_id]
    assert coordinator.digest() == digest and coordinator.event_ids() == events
    assert coordinator.incident(incident).killed.max == 9  # type: ignore[union-attr]
    _still_works(coordinator, incident)


def test_attack_an_event_dated_in_the_year_4199(field: Laptop, coordinator: Laptop) -> None:
    incident: str = field.maram  # type: ignore[attr-defined]
    _dated(field, YEAR_4199, incident, killed=90)
    path = field.export()
    digest, events = coordinator.digest(), coordinator.event_ids()
    with pytest.raises(ClockAheadError) as refused:
        coordinator.import_(path, accept_new=False)
    assert str(refused.value) == _refusal(
        path,
        seq=_last_seq(field),
        device=field.ws.identity.device_id[:8],
        date="4199-01-01",
        days="793,332",
    )
    assert coordinator.digest() == digest and coordinator.event_ids() == events
    _still_works(coordinator, incident)


def test_attack_a_forged_date_hides_behind_no_other_device(
    field: Laptop, coordinator: Laptop, tmp_path: Path
) -> None:
    """Accepting one laptop's clock does not let another's far-future events through."""
    incident: str = field.maram  # type: ignore[attr-defined]
    _dated(field, YEAR_4199, incident, killed=90)
    path = field.export()
    other = Laptop(tmp_path, "Other")
    other.new_incident(title_en="elsewhere")
    with pytest.raises(ClockAheadError, match=r"--accept-clock-ahead \w{8}`"):
        coordinator.import_(path, clock_ahead=[other.ws.identity.device_id[:8]])
    other.close()


def test_a_laptop_whose_clock_was_a_year_ahead_is_accepted_when_a_person_says_so(
    field: Laptop, coordinator: Laptop, wall: Wall, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(coordinator.ws.key_dir))  # her laptop's key
    incident: str = field.maram  # type: ignore[attr-defined]
    wall.ms = NOW + 365 * DAY_MS  # the field laptop's clock is set a year ahead
    field.edit(incident, killed=12)
    path = field.export()
    wall.ms = NOW
    device = field.ws.identity.device_id[:8]
    digest = coordinator.digest()
    refused = run("import", str(path), db=coordinator.ws.db.path)
    assert refused.code == 2
    expected = _refusal(path, seq=_last_seq(field), device=device, date="2027-12-07", days="365")
    assert refused.err.strip() == f"tawthiq: {expected}"
    assert coordinator.digest() == digest

    accepted = run("import", str(path), "--accept-clock-ahead", device, db=coordinator.ws.db.path)
    assert accepted.code == 0, accepted.err
    assert coordinator.incident(incident).killed.max == 12  # type: ignore[union-attr]

    # The coordinator's own next edit is dated by its own clock, not a year ahead, and it
    # is the value shown: it names the future event as the one it saw.
    with coordinator.ws.writing() as w:
        (edit,) = services.incidents.edit_incident(w, incident, {"killed": 14})
    future = max(e.hlc for e in coordinator_events(coordinator, incident))
    assert unpack(future)[0] - NOW > 300 * DAY_MS
    assert 0 <= unpack(edit.hlc)[0] - NOW <= CLOCK_PULL_MS
    assert edit.hlc < future and len(edit.parents) == 1
    assert coordinator.incident(incident).killed.max == 14  # type: ignore[union-attr]
    assert coordinator.verify().ok
    with coordinator.ws.db.write() as s:
        services.maintenance.rebuild(s)
    assert coordinator.incident(incident).killed.max == 14  # type: ignore[union-attr]
    assert coordinator.verify().ok


def coordinator_events(laptop: Laptop, incident_id: str) -> list[Any]:
    from tawthiq.store.writer import load_events

    with laptop.ws.db.read() as s:
        return load_events(s, incident_id)


def test_a_database_already_holding_an_event_at_the_end_of_time_keeps_working(
    field: Laptop, coordinator: Laptop, monkeypatch: pytest.MonkeyPatch, run
) -> None:  # type: ignore[no-untyped-def]
    """As the previous release imported it, without a look at its date."""
    incident: str = field.maram  # type: ignore[attr-defined]
    _dated(field, MAX_HLC, incident, killed=90)
    path = _forged_export(field, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(Clocks, "check", lambda *_: None)
        coordinator.import_(path)
    assert max(e.hlc for e in coordinator_events(coordinator, incident)) == MAX_HLC
    db = coordinator.ws.db.path
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(coordinator.ws.key_dir))
    added = run("add", "--title-en", "after the end of time", "--killed", "2", db=db)
    assert added.code == 0, added.err
    edited = run("edit", incident, "--killed", "15", db=db)
    assert edited.code == 0, edited.err
    report = db.parent / "report.txt"
    report.write_text("Two people were killed in Maram camp on 6 November 2022.\n")
    ingested = run("ingest", str(report), "--ref-date", "2022-11-06", db=db)
    assert ingested.code == 0, ingested.err
    exported = run("export", "-o", str(db.parent / "after.tawthiq"), "--unencrypted", db=db)
    assert exported.code == 0, exported.err
    assert run("verify", db=db).code == 0
    # the edit named the event at the end of time as its parent: it is the value shown
    assert coordinator.incident(incident).killed.max == 15  # type: ignore[union-attr]
    _still_works(coordinator, incident)


def test_what_a_coordinator_writes_after_accepting_a_clock_ahead_is_accepted_elsewhere(
    field: Laptop, coordinator: Laptop, wall: Wall, tmp_path: Path
) -> None:
    """Its own events are not dated at the edge of the margin: a laptop whose clock is a few
    hours behind the coordinator's takes them without a question (the year-ahead laptop's
    events it is asked about, as the coordinator was)."""
    incident: str = field.maram  # type: ignore[attr-defined]
    wall.ms = NOW + 365 * DAY_MS
    field.edit(incident, killed=12)
    path = field.export()
    wall.ms = NOW
    device = field.ws.identity.device_id
    coordinator.import_(path, clock_ahead=[device])
    coordinator.edit(incident, killed=14)
    other = Laptop(tmp_path, "Other")
    wall.ms = NOW - 6 * 3_600_000  # six hours behind the coordinator
    with pytest.raises(ClockAheadError) as refused:
        other.import_(coordinator.export())
    assert [d.device_id for d in refused.value.devices] == [device]
    other.import_(coordinator.export(), clock_ahead=[device])
    assert other.incident(incident).killed.max == 14  # type: ignore[union-attr]
    assert other.verify().ok
    other.close()
