"""Five laptops syncing with one team server at the same time (issue 18), each editing as
it goes, some of them the same incidents: nothing is lost, and after a last round every
laptop and the server are in one state. The server's write lock makes pushes take turns;
pulls read meanwhile."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from pathlib import Path

import pytest
from laptops import Laptop
from server_team import Team, connect

from tawthiq import cli, services
from tawthiq.domain.errors import ValidationError

PLAIN_ONLY = True
LAPTOPS = 5
ROUNDS = 4


def _edits(laptop: Laptop, rng: random.Random, shared: list[str]) -> None:
    """A few changes: new incidents, and tolls and titles of incidents everyone holds."""
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.4:
            laptop.new_incident(title_en=f"{laptop.name} {rng.randrange(10**6)}")
        else:
            incident = rng.choice(shared)
            with contextlib.suppress(ValidationError):  # a form would refuse it too
                laptop.edit(incident, killed=rng.randint(0, 9), title_en=rng.choice("abc"))


def test_five_laptops_syncing_at_once_lose_nothing_and_converge(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = random.randrange(1 << 30)
    print(f"random seed {seed}")
    crew = Team(tmp_path, pg_url)
    shared = [crew.coordinator.new_incident(title_en=f"shared {i}", killed=1) for i in range(3)]
    laptops = [crew.enrol(f"laptop{i}") for i in range(LAPTOPS)]
    crew.sync(crew.coordinator)
    for laptop in laptops:  # each accepts the coordinator, seen in person, and gets the start
        crew.sync(laptop, accept_new=True)
    made: dict[str, set[str]] = {}
    spans: list[tuple[float, float]] = []  # when each sync ran
    failures: list[BaseException] = []
    start = threading.Barrier(LAPTOPS)

    def work(laptop: Laptop, rng: random.Random) -> None:
        try:
            start.wait()
            for _ in range(ROUNDS):
                _edits(laptop, rng, shared)
                began = time.monotonic()
                crew.sync(laptop, accept_new=True)
                spans.append((began, time.monotonic()))
            made[laptop.name] = laptop.event_ids()
        except BaseException as exc:  # told in the main thread
            failures.append(exc)

    threads = [
        threading.Thread(target=work, args=(laptop, random.Random(seed + i)))
        for i, laptop in enumerate(laptops)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads)
    if failures:
        raise failures[0]
    overlapping = sum(a0 < b1 and b0 < a1 for i, (a0, a1) in enumerate(spans)
                      for b0, b1 in spans[i + 1 :])  # fmt: skip
    print(f"{len(spans)} syncs, {overlapping} pairs of them at the same time")
    assert overlapping >= LAPTOPS
    # a last round, one after the other: everyone's work everywhere
    for _ in range(2):
        for laptop in crew.laptops.values():
            crew.sync(laptop, accept_new=True)
    every = set().union(*made.values())
    with connect(pg_url) as conn:
        on_server = {r[0] for r in conn.execute("SELECT event_id FROM event")}
    assert every <= on_server
    for laptop in crew.laptops.values():
        assert laptop.event_ids() == on_server, laptop.name
        assert laptop.verify().ok, laptop.name
    digests = {laptop.digest() for laptop in crew.laptops.values()}
    assert len(digests) == 1
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(crew.coordinator.ws.key_dir))
    assert cli.main(["verify", "--db", pg_url]) == 0
    server = services.open_workspace(pg_url, key_dir=crew.coordinator.ws.key_dir)
    try:
        with server.db.read() as s:
            assert services.maintenance.state_digest(s) in digests
    finally:
        server.close()
    crew.close()
