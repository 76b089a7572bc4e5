"""Evidence files' bytes through a team server (issue 20): a file attached on one laptop
reaches the others by sync, checked against its SHA-256 before it is kept (sealed on an
encrypted laptop); a file changed on the server is refused and named, and nothing else is
lost; the server's own rules keep the files append-only and auditors out."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import psycopg
import pytest
from PIL import Image
from server_team import Team, connect

from tawthiq.services import Desk, team
from tawthiq.services.evidence_files import file_store


def _photo(path: Path, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    Image.new("RGB", (96, 64), colour).save(path, format="JPEG", quality=90)
    return path.read_bytes()


def _attach(laptop, incident: str, path: Path) -> str:  # type: ignore[no-untyped-def]
    (done,) = Desk(laptop.ws).files.attach(incident, [path], "a local contact").files
    return str(done.sha256)


def _here(laptop, incident: str) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {f.sha256: f.here for f in Desk(laptop.ws).files.files_of(incident)}


def _team_of_three(crew: Team):  # type: ignore[no-untyped-def]
    """Amal and Basel, documenters; Basel takes Amal's work once the coordinator did."""
    return crew.enrol("amal"), crew.enrol("basel")


def test_a_photo_attached_on_one_laptop_reaches_another(
    at_rest, crew: Team, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    amal, basel = _team_of_three(crew)
    incident = amal.new_incident(title_en="Strike on the bakery")
    photo = tmp_path / "bakery.jpg"
    data = _photo(photo)
    sha = _attach(amal, incident, photo)
    sent = crew.sync(amal)
    assert (sent.files.sent, sent.files.received, sent.files.refused) == (1, 0, [])
    assert crew.sync(amal).files.sent == 0  # the server has it (SHA-256 and size)
    assert crew.sync(crew.coordinator).files.received == 1
    got = crew.sync(basel)
    assert (got.files.received, got.files.refused) == (1, [])
    assert _here(basel, incident) == {sha: True}
    store = file_store(basel.ws)
    assert b"".join(store.read(sha)) == data
    raw = store.path_of(sha).read_bytes()
    if at_rest.encrypted:  # kept sealed, as the laptop's own files are
        assert raw != data and b"JFIF" not in raw
    else:
        assert raw == data
    assert Desk(basel.ws).trail.verify().ok
    # the server's database holds the original bytes, a row per chunk, as the events
    with connect(crew.owner_url) as conn:
        rows = conn.execute(
            "SELECT chunk, bytes, added_by FROM evidence_blob WHERE sha256 = %s", [sha]
        ).fetchall()
    assert [(c, bytes(b)) for c, b, _ in rows] == [(0, data)]
    assert rows[0][2].startswith("tawthiq_")  # Amal's login, as the server says it
    # `server init` again (a new release, say): the files stay, the rules are made again
    team.init_server(crew.owner_url)
    with connect(crew.owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM evidence_blob").fetchone() == (1,)


def test_a_file_changed_on_the_server_is_refused_and_named(crew: Team, tmp_path: Path) -> None:
    amal, basel = _team_of_three(crew)
    incident = amal.new_incident(title_en="Shelling of the market")
    _photo(tmp_path / "market.jpg")
    changed = _attach(amal, incident, tmp_path / "market.jpg")
    kept_data = _photo(tmp_path / "crater.jpg", (20, 90, 160))
    kept = _attach(amal, incident, tmp_path / "crater.jpg")
    assert crew.sync(amal).files.sent == 2
    crew.sync(crew.coordinator)
    with connect(crew.owner_url) as conn:
        # append-only for everyone, the owner included, until the owner drops the rule
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute("UPDATE evidence_blob SET bytes = bytes WHERE sha256 = %s", [changed])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute("DELETE FROM evidence_blob")
        conn.execute("ALTER TABLE evidence_blob DISABLE TRIGGER blob_append_only")
        conn.execute(
            "UPDATE evidence_blob SET bytes = overlay(bytes placing '\\x00'::bytea from 200) "
            "WHERE sha256 = %s",
            [changed],
        )
    got = crew.sync(basel)
    assert got.files.received == 1
    (refused,) = got.files.refused
    assert refused.sha256 == changed and refused.name == "market.jpg"
    said = str(refused.reason)
    assert "market.jpg" in said and changed[:12] in said and "changed on the server" in said
    # the rest goes on: the event is here, the other file too; the changed one is not kept
    assert basel.incident(incident).title_en == "Shelling of the market"
    assert _here(basel, incident) == {changed: False, kept: True}
    assert b"".join(file_store(basel.ws).read(kept)) == kept_data
    assert not list(file_store(basel.ws).folder.glob(".part-*"))
    assert Desk(basel.ws).trail.verify().ok  # never here: not missing (as after --without-files)
    # refused again at the next sync, said again
    assert [r.sha256 for r in crew.sync(basel).files.refused] == [changed]


def test_an_auditor_reads_files_but_adds_none(crew: Team, tmp_path: Path) -> None:
    amal = crew.enrol("amal")
    auditor = crew.enrol("nour", role="auditor")
    incident = amal.new_incident(title_en="Strike on the school")
    data = _photo(tmp_path / "school.jpg")
    sha = _attach(amal, incident, tmp_path / "school.jpg")
    crew.sync(amal)
    crew.sync(crew.coordinator)
    got = crew.sync(auditor)
    assert got.files.received == 1 and b"".join(file_store(auditor.ws).read(sha)) == data
    with connect(crew.urls["nour"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO evidence_blob (sha256, chunk, bytes) VALUES (%s, 0, 'x')", ["a" * 64]
        )
    with connect(crew.urls["amal"]) as conn:
        # a documenter adds rows, never changes or removes one, nor says who added it
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE evidence_blob SET bytes = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO evidence_blob (sha256, chunk, bytes, added_by) "
                "VALUES (%s, 0, 'x', 'someone')",
                ["b" * 64],
            )


def test_the_command_line_says_how_many_files_went_each_way(crew: Team, tmp_path: Path) -> None:
    amal, basel = _team_of_three(crew)
    incident = amal.new_incident(title_en="Strike on the clinic")
    _photo(tmp_path / "clinic.jpg")
    _attach(amal, incident, tmp_path / "clinic.jpg")
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(amal.ws.key_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "tawthiq", "sync", "--server", crew.urls["amal"],
         "--db", str(amal.ws.db.path)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "evidence files: 0 received, 1 sent" in done.stdout
    crew.sync(crew.coordinator)
    assert crew.sync(basel).files.received == 1


def test_a_large_file_goes_through_in_bounded_memory(at_rest, crew: Team, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    amal, basel = _team_of_three(crew)
    incident = amal.new_incident(title_en="Video of the strike")
    big = tmp_path / "strike.mp4"
    digest = hashlib.sha256()
    with big.open("wb") as f:
        for _ in range(50):
            block = os.urandom(1024 * 1024)
            digest.update(block)
            f.write(block)
    sha = _attach(amal, incident, big)
    assert sha == digest.hexdigest()
    started = time.monotonic()
    tracemalloc.start()
    try:
        sent = crew.sync(amal)
        _, up_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        crew.sync(crew.coordinator)
        got = crew.sync(basel)
        _, down_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    took = time.monotonic() - started
    assert sent.files.sent == 1 and got.files.received == 1
    assert max(up_peak, down_peak) < 16 * 2**20, (up_peak, down_peak)
    check = hashlib.sha256()
    for part in file_store(basel.ws).read(sha):
        check.update(part)
    assert check.hexdigest() == sha
    print(f"50 MB: up peak {up_peak / 2**20:.1f} MB, down {down_peak / 2**20:.1f} MB, {took:.1f} s")


def _this_trees_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arabic from this source tree's catalog, compiled here (an installed Tawthiq may read
    another tree's)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from tawthiq import i18n

    po = Path(__file__).resolve().parents[2] / "i18n/ar/LC_MESSAGES/tawthiq.po"
    mo = tmp_path / "ar.mo"
    with po.open("rb") as f, mo.open("wb") as out:
        write_mo(out, read_po(f, locale="ar"), use_fuzzy=False)
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: mo)


def test_the_windows_summary_tells_the_files_and_names_one_refused(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew, tmp_path: Path, monkeypatch
) -> None:
    from conftest import plain
    from tawthiq.i18n import error_text, setup_i18n
    from tawthiq.services.sync import signing_fingerprint
    from tawthiq.ui.server_dialogs import synced_text

    url = team.enrol(crew.coordinator.ws, crew.owner_url, signing_fingerprint(ws), "documenter").url
    incident = crew.coordinator.new_incident(title_en="Strike on the water station")
    _photo(tmp_path / "station.jpg")
    bad = _attach(crew.coordinator, incident, tmp_path / "station.jpg")
    _photo(tmp_path / "pipes.jpg", (10, 120, 40))
    good = _attach(crew.coordinator, incident, tmp_path / "pipes.jpg")
    assert crew.sync(crew.coordinator).files.sent == 2
    with connect(crew.owner_url) as conn:
        conn.execute("ALTER TABLE evidence_blob DISABLE TRIGGER blob_append_only")
        conn.execute(
            "UPDATE evidence_blob SET bytes = overlay(bytes placing '\\x01'::bytea from 300) "
            "WHERE sha256 = %s",
            [bad],
        )
    window.server.ask_server = lambda remembered: url
    window.server.ask_trust = lambda devices: True
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    summary = window.server.summary
    assert "Evidence files: 1 received, 0 sent." in plain(summary.synced.text())
    assert "Evidence files: 1 received, 0 sent." in plain(window.statusBar().currentMessage())
    assert summary.files_list.isVisibleTo(summary)
    (line,) = plain(summary.files_list.text()).splitlines()
    assert "station.jpg" in line and bad[:12] in line and "changed on the server" in line
    assert _here(crew.coordinator, incident) == {bad: True, good: True}
    assert {f.sha256: f.here for f in Desk(ws).files.files_of(incident)} == {
        bad: False,
        good: True,
    }
    _this_trees_catalog(tmp_path, monkeypatch)
    setup_i18n("ar")
    try:
        told = plain(synced_text(summary.synced_result))
        refusal = plain(error_text(summary.synced_result.files_refused[0]))
    finally:
        setup_i18n("en")
    assert "Evidence" not in told and "ملفات الأدلة" in told
    assert "غُيّرت على الخادم" in refusal and "station.jpg" in refusal


def test_two_laptops_adding_the_same_file_at_once_both_finish(crew: Team) -> None:
    """The same photo attached on two laptops, sent at the same moment: the second waits
    for the first's rows and adds none, and neither sync fails."""
    import threading

    from tawthiq.store import open_database, server_blobs

    crew.enrol("amal")
    crew.enrol("basel")
    sha = hashlib.sha256(b"x").hexdigest()
    first_db, second_db = open_database(crew.urls["amal"]), open_database(crew.urls["basel"])
    added: list[bool] = []
    try:
        with first_db.unlocked() as s:
            assert server_blobs.add_chunk(s, sha, 0, b"x")

            def second() -> None:
                with second_db.unlocked() as s2:
                    added.append(server_blobs.add_chunk(s2, sha, 0, b"x"))

            racing = threading.Thread(target=second)
            racing.start()
            time.sleep(0.5)  # the second insert waits on the first's row
            assert added == []
        racing.join(timeout=30)
        assert added == [False]
        with first_db.read() as s:
            assert server_blobs.held(s, [sha]) == {sha: server_blobs.Held(1, 1)}
    finally:
        first_db.close()
        second_db.close()
