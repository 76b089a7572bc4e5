"""``kill -9`` of ``tawthiq sync`` in the middle of a push or a pull (issue 18): the server
holds all of what was being pushed or none of it, the laptop all of what was being pulled or
none of it, both verify, and the next sync completes; afterwards every laptop and the server
are in one state."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from laptops import Laptop
from server_team import Team, connect

from tawthiq import cli, services
from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.store import chain

PLAIN_ONLY = True
TRIALS = 10  # kills mid-push and mid-pull: twice this in all, at least half this of each
PUSHED = 40  # incidents a laptop adds before each push (about ten events each)


def _fill(laptop: Laptop, n: int, tag: str) -> None:
    batch = [
        {"title_en": f"{tag} {i}", "title_ar": f"حادثة {i}", "killed": i % 40, "injured": i % 9,
         "date_start": "2022-11-06", "governorate": "Idlib", "place_name": "مخيم مرام",
         "narrative": f"نص الرواية رقم {i}"}
        for i in range(n)
    ]  # fmt: skip
    with laptop.ws.writing() as w:
        services.incidents.create_incidents(w, batch)


def _server_events(url: str, device: str = "%") -> set[str]:
    with connect(url) as conn:
        rows = conn.execute("SELECT event_id FROM event WHERE device_id LIKE %s", [device])
        return {r[0] for r in rows}


def _own_events(laptop: Laptop) -> set[str]:
    with laptop.ws.db.read() as s:
        return {
            e.event_id for e in chain.device_events(s, laptop.ws.identity.device_id, 1, 1 << 62)
        }


def _laptop_events(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(db)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        return check, con.execute("SELECT count(*) FROM event").fetchone()[0]
    finally:
        con.close()


def _sync_killed(laptop: Laptop, delay: float, *args: str) -> bool:
    """``tawthiq sync`` as a program on ``laptop`` (closed meanwhile), killed ``delay``
    seconds after it started sending or taking a bundle; False if it ended first."""
    db, keys = laptop.ws.db.path, laptop.ws.key_dir
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(keys)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tawthiq", "sync", *args, "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(keys.glob("sync-*.tawthiq")):  # a push or a pull has begun
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.communicate()
            assert proc.returncode == 0, proc.stderr
            return False
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is not None:
        assert proc.returncode == 0
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    return True


def _newcomer(crew: Team, name: str, template: Path) -> Laptop:
    """A new laptop (from an empty database made once), enrolled as a documenter."""
    laptop = Laptop(crew.root, name, template)
    fp = signing_fingerprint(laptop.ws)
    crew.urls[name] = team.enrol(crew.coordinator.ws, crew.owner_url, fp, "documenter").url
    crew.laptops[name] = laptop
    return laptop


def _server_verifies(crew: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """``tawthiq verify --db postgresql://…`` with the coordinator's keys, once it signed
    its trust in the laptops it enrolled whose keys reached the server since."""
    crew.sync(crew.coordinator)
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(crew.coordinator.ws.key_dir))
    assert cli.main(["verify", "--db", crew.owner_url]) == 0


def test_sync_killed_mid_push_or_mid_pull_applies_all_or_nothing(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = random.randrange(1 << 30)
    print(f"random seed {seed}")
    rng = random.Random(seed)
    crew = Team(tmp_path, pg_url)
    template = tmp_path / "empty.db"
    services.open_workspace(template, key_dir=tmp_path / "template-keys").close()
    amal = crew.enrol("amal")
    _fill(amal, 120, "first")
    crew.sync(amal)
    crew.sync(crew.coordinator)  # signs its trust in Amal (it enrolled her)
    crew.sync(amal, accept_new=True)  # she accepts the coordinator, seen in person
    kills = {"push": 0, "pull": 0}
    seen: dict[str, set[str]] = {"push": set(), "pull": set()}  # what the kills left
    device = amal.ws.identity.device_id
    for trial in range(3 * TRIALS):
        if sum(kills.values()) >= 2 * TRIALS and min(kills.values()) >= TRIALS // 2:
            break
        # At once: Amal pushes her new work (the server takes all of it or none), and a
        # newly enrolled laptop pulls the whole log (it takes all of it or none).
        _fill(amal, PUSHED, f"trial {trial}")
        newcomer = _newcomer(crew, f"new{trial}", template)
        ours, before = amal.event_ids(), _server_events(pg_url, device)
        held = _server_events(pg_url)
        amal.close()
        newcomer.close()
        with ThreadPoolExecutor(2) as pool:
            push = pool.submit(_sync_killed, amal, rng.uniform(0, 0.5))
            pull = pool.submit(_sync_killed, newcomer, rng.uniform(0, 0.8), "--server",
                               crew.urls[newcomer.name], "--accept-new-devices")  # fmt: skip
            kills["push"] += push.result()
            kills["pull"] += pull.result()
        after = _server_events(pg_url, device)
        amal.ws = services.open_workspace(amal.ws.db.path, key_dir=amal.ws.key_dir)
        assert amal.verify().ok and amal.event_ids() >= ours
        assert after in (before, _own_events(amal))  # (she signed what she took, too)
        seen["push"].add("none" if after == before else "all")
        check, count = _laptop_events(newcomer.ws.db.path)
        assert check == "ok"
        assert count == 0 or count >= len(held), (count, len(held))
        newcomer.ws = services.open_workspace(newcomer.ws.db.path, key_dir=newcomer.ws.key_dir)
        assert newcomer.verify().ok
        assert count == 0 or newcomer.event_ids() >= held
        seen["pull"].add("none" if count == 0 else "all")
        _server_verifies(crew, monkeypatch)
        # the next syncs complete
        crew.sync(amal)
        assert ours <= _server_events(pg_url)
        crew.sync(newcomer, accept_new=True)
        assert newcomer.event_ids() >= held
        # what a killed sync was sending or taking is not left behind in the key folder
        assert not list(tmp_path.glob("*-keys/*sync-*")), list(tmp_path.glob("*-keys/*"))
    print(f"kills: {kills}, leaving {seen}")
    assert sum(kills.values()) >= 2 * TRIALS and min(kills.values()) >= TRIALS // 2, kills
    # a last round: everyone's work everywhere, one state
    for _ in range(2):
        for laptop in crew.laptops.values():
            crew.sync(laptop)
    digests = {name: laptop.digest() for name, laptop in crew.laptops.items()}
    assert len(set(digests.values())) == 1, digests
    events = {laptop.name: laptop.event_ids() for laptop in crew.laptops.values()}
    assert all(e == events["coordinator"] for e in events.values())
    assert events["coordinator"] == _server_events(pg_url)
    _server_verifies(crew, monkeypatch)
    crew.close()
