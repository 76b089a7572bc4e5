"""Victims through a team server: a documenter's victim reaches the coordinator and the
server's own tables (the documenter role may write the victim table's rows it derives),
and every copy verifies."""

from __future__ import annotations

from server_team import Team

from tawthiq import services
from tawthiq.services import victims as V


def test_a_documenters_victim_reaches_the_coordinator_and_the_server(crew: Team) -> None:
    amal = crew.enrol("amal")
    crew.sync(crew.coordinator)
    incident = amal.new_incident(title_en="Airstrike on Maarat", killed=1)
    with amal.ws.writing() as w:
        victim = V.add_victim(w, incident, {"name_ar": "محمد الأحمد", "status": "killed"})
    crew.sync(amal)
    crew.sync(crew.coordinator)
    with crew.coordinator.ws.db.read() as s:
        assert [v.id for v in V.victims_of(s, incident)] == [victim]
        assert [f.victim.id for f in V.find_victims(s, "Mohammad al-Ahmad")] == [victim]
    server = services.open_workspace(crew.owner_url, key_dir=crew.coordinator.ws.key_dir)
    try:
        with server.db.read() as s:
            assert V.get_victim(s, victim).name_ar == "محمد الأحمد"
            assert [v.id for v in V.victims_of(s, incident)] == [victim]
        assert services.Desk(server).trail.verify().ok
    finally:
        server.close()
    assert amal.verify().ok and crew.coordinator.verify().ok
