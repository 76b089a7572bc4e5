"""Two values of one field written without seeing each other are both kept and shown."""

from __future__ import annotations

from conftest import on_other_laptop, where
from tawthiq import services
from tawthiq.domain.fields import INCIDENT

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)


def _count(n: int) -> dict[str, object]:
    return {"min": n, "max": n, "approximate": False}


def test_concurrent_values_are_a_conflict_until_resolved(  # type: ignore[no-untyped-def]
    ws: services.Workspace, run, killed_conflict: str
) -> None:
    incident_id = killed_conflict  # 6, then 9 here; 8 from a laptop that had only seen 6
    with ws.db.read() as s:
        inc = services.incidents.get_incident(s, incident_id)
        changes = services.incidents.history(s, incident_id)
        assert services.maintenance.verify(s).ok
    assert len(inc.conflicts) == 1
    conflict = inc.conflicts[0]
    assert conflict.field == "killed"
    assert sorted(v["max"] for v in conflict.values) == [8, 9]
    assert inc.killed is not None and inc.killed.max == 8  # the later write is shown
    flagged = [c for c in changes if c.in_conflict]
    assert {c.author for c in flagged} == {"Amal", "Basel"}

    shown = run("show", incident_id, db=where(ws)).out
    assert "CONFLICT in killed: 9 [" in shown and "| 8 [" in shown
    assert "CONFLICT" in run("history", incident_id, db=where(ws)).out

    # Resolving is an ordinary edit: its parents are both heads, so one head remains.
    with ws.writing() as w:
        events = services.incidents.edit_incident(w, incident_id, {"killed": 9})
    assert set(events[0].parents) == set(conflict.event_ids)
    with ws.db.read() as s:
        inc = services.incidents.get_incident(s, incident_id)
        assert inc.conflicts == () and inc.killed.max == 9
        all_killed = [c for c in services.incidents.history(s, incident_id) if c.field == "killed"]
    assert [c.new["max"] for c in all_killed] == [6, 9, 8, 9]  # nothing dropped
    assert "CONFLICT" not in run("show", incident_id, db=where(ws)).out


def test_conflict_survives_rebuild(ws: services.Workspace) -> None:
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "x", "status": "draft"})
    on_other_laptop(
        ws, lambda w: w.record(INCIDENT, incident_id, {"status": "verified"}, seen={"status": []})
    )
    with ws.db.write() as s:
        result = services.maintenance.rebuild(s)
    assert result.digest_before == result.digest_after
    with ws.db.read() as s:
        assert [c.field for c in services.incidents.get_incident(s, incident_id).conflicts] == [
            "status"
        ]
        n = s.connection().exec_driver_sql("SELECT n_conflicts FROM incident").scalar()
    assert n == 1


def test_conflict_can_be_settled_on_the_value_shown(ws: services.Workspace, run) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "x", "killed": 6})
    on_other_laptop(
        ws, lambda w: w.record(INCIDENT, incident_id, {"killed": _count(10)}, seen={"killed": []})
    )
    shown = run("show", incident_id, db=where(ws)).out
    assert "CONFLICT in killed" in shown and "Killed / القتلى: 10" in shown
    tags = [part.split("]")[0] for part in shown.split("[event …")[1:]]
    assert len(set(tags)) == 2  # the two sides can be told apart
    r = run("edit", incident_id, "--killed", "10", db=where(ws))
    assert r.code == 0 and "1 field(s) changed" in r.out
    assert "CONFLICT" not in run("show", incident_id, db=where(ws)).out
