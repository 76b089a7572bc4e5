"""Syncing through a team server (issue 18): the same set union of signed events as
export files, checked before anything is applied, the server's own rules holding every
login to what its role allows."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from server_team import Team, connect, forge_next_event, heads
from sqlalchemy.engine import make_url

from tawthiq import services
from tawthiq.services import team
from tawthiq.store.errors import StoreError, UnwritableError
from tawthiq.sync.errors import SyncError

PLAIN_ONLY = True


def test_documenters_work_reaches_everyone_through_the_server(crew: Team) -> None:
    amal = crew.enrol("amal")
    basel = crew.enrol("basel")
    coord_incident = crew.coordinator.new_incident(title_en="Shelling of Ariha", killed=3)
    crew.sync(crew.coordinator)
    # A documenter's first sync: the coordinator is new to it, and taken at once, as the
    # coordinator it follows: the connection string its enrolment printed carries the
    # coordinator's key fingerprint. Its own work goes up.
    amal_incident = amal.new_incident(title_en="Airstrike on Maarat", injured=7)
    assert "tawthiq_coordinator=" in crew.urls["amal"]
    first = crew.sync(amal)
    assert first.pushed.events > 0
    coordinator = crew.coordinator.ws.identity.device_id
    assert first.pulled.waiting == {} and first.pulled.roles == {coordinator: "coordinator"}
    assert amal.incident(coord_incident).title_en == "Shelling of Ariha"
    assert "tawthiq_coordinator" not in first.server  # shown without it
    # The coordinator's sync brings Amal's work and signs its trust in her key (it enrolled
    # her); Basel, who follows the coordinator, then takes Amal's work without being asked.
    crew.sync(crew.coordinator)
    assert crew.coordinator.incident(amal_incident).injured.max == 7
    crew.sync(basel)
    assert basel.incident(amal_incident).injured.max == 7
    assert crew.sync(basel).pulled.waiting == {}
    for laptop in (amal, basel):
        crew.sync(laptop)
    crew.sync(crew.coordinator)
    digests = {name: laptop.digest() for name, laptop in crew.laptops.items()}
    assert len(set(digests.values())) == 1, digests
    for laptop in crew.laptops.values():
        assert laptop.verify().ok
    # the coordinator's desk can be the server database itself: the same records there
    server = services.open_workspace(crew.owner_url, key_dir=crew.coordinator.ws.key_dir)
    try:
        with server.db.read() as s:
            assert services.maintenance.state_digest(s) == digests["amal"]
        assert services.Desk(server).trail.verify().ok
    finally:
        server.close()


def test_a_second_sync_sends_and_takes_nothing_again(crew: Team) -> None:
    amal = crew.enrol("amal")
    amal.new_incident(title_en="one")
    crew.sync(amal)
    again = crew.sync(amal)
    assert again.pushed.events == 0 and again.pulled.new == 0
    before = heads(amal)
    crew.sync(amal)
    assert heads(amal) == before


def test_usb_and_server_give_the_same_events(crew: Team) -> None:
    """Work that reached the coordinator by USB and by the server is the same work: no
    duplicate, no conflict, one state."""
    amal = crew.enrol("amal")
    incident = amal.new_incident(title_en="Market shelled", killed=4)
    stick = amal.export()
    crew.coordinator.import_(stick)  # the USB stick first
    crew.sync(amal)  # then the server
    result = crew.sync(crew.coordinator)
    assert result.pulled.new == 0  # it had all of it already
    amal.edit(incident, killed=5)
    crew.sync(amal)
    crew.sync(crew.coordinator)
    assert crew.coordinator.incident(incident).killed.max == 5
    assert amal.event_ids() <= crew.coordinator.event_ids()
    crew.sync(amal, accept_new=True)  # and back: the coordinator's trust in her comes too
    crew.sync(crew.coordinator)  # and her trust in the coordinator, signed as she accepted it
    assert crew.coordinator.event_ids() == amal.event_ids()
    assert crew.coordinator.digest() == amal.digest()


def test_event_table_is_append_only_for_everyone(crew: Team) -> None:
    amal = crew.enrol("amal")
    amal.new_incident(title_en="kept")
    crew.sync(amal)
    auditor = crew.enrol("audit", role="auditor")
    for url in (crew.owner_url, crew.urls["amal"], crew.urls["audit"]):
        with connect(url) as conn:
            for sql in ("UPDATE event SET author = 'x'", "DELETE FROM event", "TRUNCATE event"):
                with pytest.raises(psycopg.Error):
                    conn.execute(sql)
    with connect(crew.owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM event").fetchone()[0] > 0  # type: ignore[index]
    assert auditor.ws is not None


def test_documenter_cannot_append_as_another_device(crew: Team) -> None:
    amal = crew.enrol("amal")
    crew.enrol("basel")
    amal.new_incident(title_en="Amal's")
    crew.sync(amal)
    with connect(crew.owner_url) as conn:
        row = conn.execute("SELECT * FROM event LIMIT 1").fetchone()
        cols = [d.name for d in conn.execute("SELECT * FROM event LIMIT 0").description or []]
    forged = dict(zip(cols, row or (), strict=True))
    forged["event_id"] = "00000000-0000-4000-8000-000000000001"
    forged["seq"] = 999
    names = ", ".join(forged)
    marks = ", ".join(["%s"] * len(forged))
    # Basel's login appends an event of Amal's device: refused by the server itself
    with connect(crew.urls["basel"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"INSERT INTO event ({names}) VALUES ({marks})", list(forged.values()))
    auditor_url = crew.enrol("audit", role="auditor") and crew.urls["audit"]
    with connect(auditor_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"INSERT INTO event ({names}) VALUES ({marks})", list(forged.values()))


def test_an_auditor_reads_and_sends_nothing(crew: Team) -> None:
    amal = crew.enrol("amal")
    incident = amal.new_incident(title_en="read me")
    crew.sync(amal)
    crew.sync(crew.coordinator)
    audit = crew.enrol("audit", role="auditor")
    audit.new_incident(title_en="never sent")
    result = crew.sync(audit, accept_new=True)
    assert result.role == "auditor" and result.pushed.events == 0
    assert audit.incident(incident).title_en == "read me"


def test_forged_event_put_in_with_psql_is_quarantined_and_the_rest_is_taken(crew: Team) -> None:
    amal = crew.enrol("amal")
    basel = crew.enrol("basel")
    amal.new_incident(title_en="honest")
    crew.sync(amal)
    basel_incident = basel.new_incident(title_en="Basel's honest work")
    crew.sync(basel)
    crew.sync(crew.coordinator)  # vouches for both
    amal_device = amal.ws.identity.device_id
    # Someone with the owner's password changes what Amal said: a new event in her chain,
    # its head moved on, but signed with no key of hers.
    forge_next_event(crew.owner_url, amal_device)
    carol = crew.enrol("carol")
    result = crew.sync(carol, accept_new=True)
    refused = {q.device_id: str(q.reason) for q in result.pulled.quarantined}
    assert list(refused) == [amal_device]
    assert amal_device[:8] in refused[amal_device]
    assert "this database is damaged" not in refused[amal_device], refused
    assert carol.incident(basel_incident).title_en == "Basel's honest work"  # the rest came
    assert amal_device not in heads(carol)
    assert carol.verify().ok


def test_revoked_laptop_cannot_connect(crew: Team) -> None:
    amal = crew.enrol("amal")
    crew.sync(amal)
    from tawthiq.services.sync import signing_fingerprint

    team.revoke(crew.coordinator.ws, crew.owner_url, signing_fingerprint(amal.ws))
    with pytest.raises(StoreError) as refused:
        crew.sync(amal)
    assert "password" not in str(refused.value).lower() or "***" in str(refused.value)


def test_only_the_owner_inits_and_only_a_coordinator_enrols(crew: Team) -> None:
    amal = crew.enrol("amal")
    with pytest.raises((SyncError, UnwritableError)):
        team.init_server(crew.urls["amal"])
    with pytest.raises(SyncError):
        team.enrol(amal.ws, crew.urls["amal"], "0123 4567 89ab cdef", "documenter")
    with pytest.raises(StoreError):
        team.enrol(crew.coordinator.ws, crew.owner_url, "not a fingerprint", "documenter")


def test_init_refuses_a_database_of_something_else(pg_url: str) -> None:
    with connect(pg_url) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(StoreError) as refused:
        team.init_server(pg_url)
    assert "not Tawthiq's" in str(refused.value)
    with connect(pg_url) as conn:
        tables = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
    assert tables == {"payroll"}


def test_the_coordinators_desk_reads_the_server_and_writes_only_by_sync(  # type: ignore[no-untyped-def]
    crew: Team, capsys, tmp_path: Path
) -> None:
    import subprocess

    from tawthiq import cli

    amal = crew.enrol("amal")
    incident = amal.new_incident(title_en="Shelling of the bakery", killed=2)
    crew.sync(amal)
    with connect(crew.owner_url) as conn:
        before = conn.execute("SELECT count(*) FROM event").fetchone()
    pdf = tmp_path / "from-server.pdf"
    assert cli.main(["report", incident[:8], "-o", str(pdf), "--db", crew.owner_url]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Shelling of the bakery" in text
    capsys.readouterr()
    # a change signed straight into the server would fork this laptop's own chain
    code = cli.main(["add", "--title-en", "typed on the server", "--db", crew.owner_url])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "tawthiq sync" in err
    password = make_url(crew.owner_url).password  # CI's own under TAWTHIQ_TEST_PG
    assert password and password not in err  # the password is never shown
    with connect(crew.owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM event").fetchone() == before


def test_the_window_opens_the_servers_database(  # type: ignore[no-untyped-def]
    crew: Team, tmp_path: Path, monkeypatch, capsys
) -> None:
    from tawthiq import cli

    amal = crew.enrol("amal")
    amal.new_incident(title_en="Seen in the window")
    crew.sync(amal)
    monkeypatch.chdir(tmp_path)
    picture = tmp_path / "server.png"
    argv = ["gui", "--db", crew.owner_url, "--tab", "incidents", "--screenshot", str(picture)]
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert picture.stat().st_size > 10_000
    # nothing named after the connection string (its password in it) was made anywhere here
    assert not [p for p in tmp_path.rglob("*") if "postgres" in p.name]
    assert not (Path.cwd() / "postgresql:").exists()


def test_the_server_refuses_a_malformed_event_from_anyone(crew: Team) -> None:
    amal = crew.enrol("amal")
    amal.new_incident(title_en="shape")
    crew.sync(amal)
    with connect(crew.owner_url) as conn:
        last = conn.execute("SELECT * FROM event ORDER BY seq DESC LIMIT 1")
        cols = [d.name for d in last.description or []]
        row = dict(zip(cols, last.fetchone() or (), strict=True))
        row.update(event_id="00000000-0000-4000-8000-0000000000aa", seq=row["seq"] + 1)
        row["hash"] = "not a hash"
        names, marks = ", ".join(row), ", ".join(["%s"] * len(row))
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(f"INSERT INTO event ({names}) VALUES ({marks})", list(row.values()))


def test_a_row_changed_behind_tawthiqs_back_is_found_and_never_pulled(crew: Team) -> None:
    amal = crew.enrol("amal")
    incident = amal.new_incident(title_en="Bakery", killed=6)
    crew.sync(amal)
    crew.sync(crew.coordinator)  # takes her work, and its trust in her goes up
    with connect(crew.urls["amal"]) as conn:  # a documenter with psql rewrites a toll
        conn.execute("UPDATE incident SET killed_max = 0 WHERE id = %s", [incident])
    server = services.open_workspace(crew.owner_url, key_dir=crew.coordinator.ws.key_dir)
    try:
        report = services.Desk(server).trail.verify()
    finally:
        server.close()
    assert not report.ok and any(incident[:8] in str(p) for p in report.problems)
    crew.sync(crew.coordinator)
    assert crew.coordinator.incident(incident).killed.max == 6


def test_accepting_the_laptops_shown_takes_no_other(crew: Team) -> None:
    """The person accepts the laptops a sync showed, with their fingerprints: a laptop
    that reached the server since, or a shown one whose key changed, is not taken."""
    from tawthiq.services.sync import signing_fingerprint

    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    amal.new_incident(title_en="Amal's")
    crew.sync(amal)
    shown = crew.sync(basel).pulled.waiting
    assert set(shown) == {amal.ws.identity.device_id}
    carol = crew.enrol("carol")  # arrives between the question and the answer
    carol.new_incident(title_en="Carol's")
    crew.sync(carol)
    fp = {amal.ws.identity.device_id: signing_fingerprint(amal.ws)}
    after = crew.sync(basel, accept=fp)
    assert set(after.pulled.accepted) == {amal.ws.identity.device_id}
    assert carol.ws.identity.device_id in after.pulled.waiting
    # a fingerprint that is not the key's takes nothing
    dan = crew.enrol("dan")
    dan.new_incident(title_en="Dan's")
    crew.sync(dan)
    wrong = {dan.ws.identity.device_id: "0000 0000 0000 0000"}
    assert dan.ws.identity.device_id in crew.sync(basel, accept=wrong).pulled.waiting
