"""A team server when things go wrong (issue 18): a laptop put back from an old copy of
itself, a laptop whose clock runs days ahead; and the command line end to end, from
``server init`` to a revoked laptop, its password never shown nor left readable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from laptops import Laptop
from server_team import Team, connect, heads

from conftest import PASSPHRASE, backup_database
from tawthiq import services
from tawthiq.services import team
from tawthiq.store import checkpoints, hlc, sealed
from tawthiq.store.hlc import DAY_MS
from tawthiq.sync.errors import RollbackError

PLAIN_ONLY = True
NOW = int(datetime(2026, 12, 7, tzinfo=UTC).timestamp() * 1000)


def _server_events(url: str) -> set[str]:
    with connect(url) as conn:
        return {r[0] for r in conn.execute("SELECT event_id FROM event")}


@pytest.mark.parametrize("written_after", [0, 1, 2, 3])
def test_attack_a_laptop_put_back_from_an_old_copy_is_told_so_when_it_syncs(
    crew: Team, tmp_path: Path, written_after: int
) -> None:
    """Amal's laptop (database and key folder) is put back from last week's copy; she then
    writes less, as much, or more than what was lost, and syncs. The server holds the lost
    history: her sync is refused with a sentence naming her laptop, nothing changes on
    either side, and the others are not troubled. (Before, the same length passed unseen
    and the rest was refused as if the server's events were forged.)"""
    amal = crew.enrol("amal")
    amal.new_incident(title_en="a1")
    crew.sync(amal)
    old_db, old_keys = tmp_path / "old.db", tmp_path / "old-keys"
    backup_database(amal.ws.db.path, old_db)
    shutil.copytree(amal.ws.key_dir, old_keys)
    amal.new_incident(title_en="lost: a2")
    amal.new_incident(title_en="lost: a3")
    crew.sync(amal)
    crew.sync(crew.coordinator)
    amal.close()
    backup_database(old_db, amal.ws.db.path)
    shutil.rmtree(amal.ws.key_dir)
    shutil.copytree(old_keys, amal.ws.key_dir)
    amal.ws = services.open_workspace(amal.ws.db.path, author="amal", key_dir=amal.ws.key_dir)
    for i in range(written_after):
        amal.new_incident(title_en=f"after the copy was put back {i}")
    server, digest = _server_events(crew.owner_url), amal.digest()
    with pytest.raises(RollbackError) as refused:
        crew.sync(amal)
    device = amal.ws.identity.device_id
    assert str(refused.value).startswith(
        f"the server holds another history of this laptop ({device[:8]}) than its database"
    )
    assert "put back from an old copy" in str(refused.value)
    assert _server_events(crew.owner_url) == server and amal.digest() == digest
    assert amal.verify().ok
    carol = crew.enrol("carol")
    taken = crew.sync(carol, accept_new=True)
    assert not taken.pulled.quarantined and heads(carol)[device] == heads(crew.coordinator)[device]
    assert not crew.sync(crew.coordinator).pulled.quarantined


def test_attack_a_coordinator_put_back_from_an_old_copy_is_told_so_by_its_checkpoint(
    crew: Team, tmp_path: Path
) -> None:
    """A coordinator that only relays what comes by USB (its own chain does not move) is
    put back from an old copy: only its checkpoints tell. Its sync is refused in a sentence
    naming it, not one about a temporary file and a new export to ask for."""
    coord = crew.coordinator
    coord.new_incident(title_en="the coordinator's own")
    field = Laptop(tmp_path, "field")  # sends USB sticks, not on the server
    coord.trust(field)
    crew.sync(coord)
    old_db, old_keys = tmp_path / "old.db", tmp_path / "old-keys"
    backup_database(coord.ws.db.path, old_db)
    shutil.copytree(coord.ws.key_dir, old_keys)
    for i in range(3):
        field.new_incident(title_en=f"by USB {i}")
        coord.import_(field.export(), accept_new=False)
        crew.sync(coord)
    coord.close()
    backup_database(old_db, coord.ws.db.path)
    shutil.rmtree(coord.ws.key_dir)
    shutil.copytree(old_keys, coord.ws.key_dir)
    coord.ws = services.open_workspace(coord.ws.db.path, key_dir=coord.ws.key_dir)
    field.new_incident(title_en="after the copy was put back")
    coord.import_(field.export(), accept_new=False)
    server, digest = _server_events(crew.owner_url), coord.digest()
    with pytest.raises(RollbackError) as refused:
        crew.sync(coord)
    device = coord.ws.identity.device_id[:8]
    assert str(refused.value).startswith(
        f"the server received checkpoint #{_sent_number(crew, coord)} from this laptop "
        f"({device}), and its database does not hold it: it was put back from an old copy"
    )
    assert _server_events(crew.owner_url) == server and coord.digest() == digest
    field.close()


def _sent_number(crew: Team, laptop: Laptop) -> int:
    with connect(crew.owner_url) as conn:
        found = conn.execute(
            "SELECT number FROM received_checkpoint WHERE device_id = %s",
            [laptop.ws.identity.device_id],
        ).fetchone()
    assert found is not None
    return int(found[0])


class _Wall:
    ms = NOW


def test_an_event_far_ahead_of_the_pulling_laptops_clock_is_quarantined_there(
    crew: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    wall = _Wall()
    monkeypatch.setattr(hlc, "wall_ms", lambda: wall.ms)
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    wall.ms = NOW + 3 * DAY_MS  # Amal's laptop's clock runs three days ahead
    ahead = amal.new_incident(title_en="written three days ahead", killed=2)
    crew.sync(amal)
    wall.ms = NOW
    basel_incident = basel.new_incident(title_en="Basel's", killed=1)
    crew.sync(basel)
    crew.sync(crew.coordinator, clock_ahead=[amal.ws.identity.device_id[:8]])  # checked with her
    coordinator_incident = crew.coordinator.new_incident(title_en="the coordinator's")
    crew.sync(crew.coordinator)
    carol = crew.enrol("carol")
    pulled = crew.sync(carol, accept_new=True).pulled
    device = amal.ws.identity.device_id
    assert [q.device_id for q in pulled.quarantined] == [device]
    reason = str(pulled.quarantined[0].reason)
    assert "days ahead of this laptop's clock" in reason and device[:8] in reason
    assert f"--accept-clock-ahead {device[:8]}" in reason
    # the rest of the pull was taken all the same
    assert carol.incident(basel_incident).title_en == "Basel's"
    assert carol.incident(coordinator_incident).title_en == "the coordinator's"
    assert device not in heads(carol)
    assert carol.verify().ok
    # once her clock is checked with her, the next sync takes it
    again = crew.sync(carol, clock_ahead=[device[:8]]).pulled
    assert not again.quarantined
    assert carol.incident(ahead).killed.max == 2  # type: ignore[union-attr]
    assert carol.verify().ok
    crew.sync(carol)
    crew.sync(crew.coordinator)
    assert carol.event_ids() >= amal.event_ids()


def _tawthiq(*args: str, keys: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(keys)}
    return subprocess.run(
        [sys.executable, "-m", "tawthiq", *args, "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_from_server_init_to_a_revoked_laptop(tmp_path: Path, pg_url: str) -> None:
    coord = {"keys": tmp_path / "coord-keys", "db": tmp_path / "coord.db"}
    amal = {"keys": tmp_path / "amal-keys", "db": tmp_path / "amal.db"}
    done = _tawthiq("server", "init", pg_url, **coord)
    assert done.returncode == 0, done.stderr
    assert "is a Tawthiq team server" in done.stdout
    assert "tawthiq-test-owner" not in done.stdout + done.stderr  # the owner's password
    added = _tawthiq("add", "--title", "Shelling of Maram camp", "--killed", "9", **amal)
    assert added.returncode == 0, added.stderr
    key = _tawthiq("key", **amal).stdout
    fp = key.split("signing key fingerprint", 1)[1].strip()
    enrolled = _tawthiq("server", "enrol", pg_url, "--device", fp, "--role", "documenter", **coord)
    assert enrolled.returncode == 0, enrolled.stderr
    url = next(
        line.split("--server", 1)[1].strip().strip("'")
        for line in enrolled.stdout.splitlines()
        if "tawthiq sync --server" in line
    )
    password = url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    first = _tawthiq("sync", "--server", url, **amal)
    assert first.returncode == 0, first.stderr
    assert "pushed" in first.stdout and password not in first.stdout + first.stderr
    again = _tawthiq("sync", **amal)  # the server remembered
    assert again.returncode == 0, again.stderr
    assert "0 pushed" in again.stdout and password not in again.stdout + again.stderr
    coord_sync = _tawthiq("sync", "--server", pg_url, **coord)
    assert coord_sync.returncode == 0, coord_sync.stderr
    listed = _tawthiq("list", **coord)
    assert "Maram" in listed.stdout
    members = _tawthiq("server", "members", pg_url, **coord)
    assert members.returncode == 0, members.stderr
    assert fp in members.stdout and "documenter" in members.stdout
    assert password not in members.stdout
    # Amal protects her laptop: the stored connection string is sealed, its password unreadable
    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE + "\n", "utf-8")
    protected = _tawthiq("protect", "--passphrase-file", str(pw), **amal)
    assert protected.returncode == 0, protected.stderr
    assert sealed.is_sealed(amal["keys"] / team.SERVER_FILE)
    for f in amal["keys"].rglob("*"):
        if f.is_file():
            assert password.encode() not in f.read_bytes(), f
    still = _tawthiq("sync", "--passphrase-file", str(pw), **amal)
    assert still.returncode == 0, still.stderr
    # revoked: her next sync is refused in one sentence, without the password
    revoked = _tawthiq("server", "revoke", pg_url, "--device", fp, **coord)
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in _tawthiq("server", "members", pg_url, **coord).stdout
    refused = _tawthiq("sync", "--passphrase-file", str(pw), **amal)
    assert refused.returncode == 2, (refused.returncode, refused.stderr)  # not "try again"
    assert "does not let this login in: it was revoked" in refused.stderr
    assert refused.stdout == "" and refused.stderr.count("\n") == 1, refused.stderr
    assert refused.stderr.startswith("tawthiq: ")
    assert password not in refused.stderr and "Traceback" not in refused.stderr


def test_attack_the_servers_copy_of_a_laptops_checkpoint_taken_back_takes_no_one_back(
    crew: Team,
) -> None:
    """Someone with the owner's password puts back an older checkpoint of Amal's laptop on
    the server: a laptop that received the later one keeps it (the next one from Amal must
    still reach as far) and takes everyone's later work as before. (An older checkpoint on
    the server is no sign against Amal herself: a later one may have come by USB.)"""
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    amal.new_incident(title_en="first")
    crew.sync(amal)
    device = amal.ws.identity.device_id
    with connect(crew.owner_url) as conn:
        found = conn.execute("SELECT * FROM received_checkpoint WHERE device_id = %s", [device])
        cols = [d.name for d in found.description or []]
        older = dict(zip(cols, found.fetchone() or (), strict=True))
    amal.new_incident(title_en="second")
    crew.sync(amal)
    basel.new_incident(title_en="Basel's first")
    crew.sync(basel)
    crew.sync(crew.coordinator)  # vouches for both
    carol = crew.enrol("carol")
    crew.sync(carol, accept_new=True)
    kept = _received_number(carol, device)
    assert kept > older["number"]
    with connect(crew.owner_url) as conn:
        sets = ", ".join(f"{c} = %s" for c in cols if c != "device_id")
        values = [v for c, v in older.items() if c != "device_id"]
        conn.execute(f"UPDATE received_checkpoint SET {sets} WHERE device_id = %s",
                     [*values, device])  # fmt: skip
    basel_incident = basel.new_incident(title_en="Basel's later work")
    crew.sync(basel)
    pulled = crew.sync(carol).pulled
    assert not pulled.quarantined
    assert _received_number(carol, device) == kept
    assert carol.incident(basel_incident).title_en == "Basel's later work"
    assert carol.verify().ok


def _received_number(laptop: Laptop, device: str) -> int:
    with laptop.ws.db.read() as s:
        cp = checkpoints.received(s, device)
    assert cp is not None
    return cp.number
