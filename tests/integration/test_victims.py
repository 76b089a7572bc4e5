"""Victims by name in a real database: added, edited, deleted and linked as events,
listed with the reports naming them, found by name across scripts, kept out of a public
view unless marked public; through the command line as a user types it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tawthiq import services
from tawthiq.domain.errors import NotFoundError, ValidationError
from tawthiq.services import victims as V
from tawthiq.services.workspace import Workspace
from tawthiq.store.models import EventRow, VictimRow

ON_SERVER = True


def _events(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.execute(select(func.count()).select_from(EventRow)).scalar_one()


def _incident(ws: Workspace, **values: object) -> str:
    with ws.writing() as w:
        return services.incidents.create_incident(w, {"title_en": "Strike", **values})


def _add(ws: Workspace, incident_id: str, **values: object) -> str:
    with ws.writing() as w:
        return V.add_victim(w, incident_id, values)


def test_a_victim_is_kept_as_events_and_listed_with_its_incident(ws: Workspace) -> None:
    incident = _incident(ws, killed=3)
    a = _add(ws, incident, name_ar="محمد الأحمد", name_en="Mohammad al-Ahmad", sex="m",
             age=30, status="killed", occupation="civil_defence")  # fmt: skip
    b = _add(ws, incident, name_ar="سامر الأحمد", relation="ابنه", age_group="child")
    with ws.db.read() as s:
        listed = V.victims_of(s, incident)
        kinds = set(s.execute(select(EventRow.entity).where(EventRow.entity_id == a)).scalars())
        row = s.execute(select(VictimRow).where(VictimRow.id == a)).scalar_one()
    assert [v.id for v in listed] == [a, b]
    assert listed[0].name_en == "Mohammad al-Ahmad" and listed[0].public is False
    assert listed[1].relation == "ابنه" and listed[1].is_child is True
    assert kinds == {"victim"}
    assert row.incident_id == incident and row.status == "killed" and "mhmd lhmd" in row.name_key


def test_a_victim_of_an_unknown_or_deleted_incident_is_refused_and_nothing_written(
    ws: Workspace,
) -> None:
    incident = _incident(ws)
    with ws.writing() as w:
        services.incidents.delete_incident(w, incident)
    other = _incident(ws)  # an incident's id is no source report
    before = _events(ws)
    with pytest.raises(NotFoundError, match="no incident"):
        _add(ws, "5e1f0000-0000-4000-8000-000000000000", name_ar="ليلى")
    with pytest.raises(ValidationError, match="deleted"):
        _add(ws, incident, name_ar="ليلى")
    with pytest.raises(NotFoundError, match="no source report"):
        _add(ws, other, name_ar="ليلى", report_ids=[other])
    assert _events(ws) == before


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name_ar": "ليلى", "age": 19, "age_group": "child"}, "age_group"),
        ({"name_ar": "ليلى", "age": 130}, "age"),
        ({"sex": "f"}, "name_ar"),
        ({"name_ar": "ليلى", "status": "dead"}, None),  # the vocabulary says which codes
    ],
)
def test_a_victim_is_checked_like_an_incidents_fields(
    ws: Workspace, values: dict[str, object], field: str | None
) -> None:
    incident = _incident(ws)
    before = _events(ws)
    with pytest.raises(ValidationError) as caught:
        _add(ws, incident, **values)
    assert caught.value.field == field
    assert _events(ws) == before


def test_edit_delete_and_what_a_deleted_victim_refuses(ws: Workspace) -> None:
    incident = _incident(ws)
    victim = _add(ws, incident, name_ar="ليلى الخالد", age=9)
    with ws.writing() as w:
        assert len(V.edit_victim(w, victim, {"age": 10, "sex": "f"})) == 2
        assert V.edit_victim(w, victim, {"age": 10}) == []  # no change, no event
        with pytest.raises(ValidationError):
            V.edit_victim(w, victim, {"age_group": "adult"})  # aged 10
    with ws.writing() as w:
        V.delete_victim(w, victim)
    with ws.db.read() as s:
        assert V.victims_of(s, incident) == []
        assert V.get_victim(s, victim).deleted
        assert [c.field for c in services.incidents.history(s, victim)][-1] == "deleted"
    with ws.writing() as w, pytest.raises(ValidationError, match="deleted"):
        V.edit_victim(w, victim, {"age": 11})


def test_search_finds_a_name_after_folding_and_across_scripts(ws: Workspace) -> None:
    one, two = _incident(ws), _incident(ws)
    mohammad = _add(ws, one, name_ar="محمد الأحمد", status="killed")
    _add(ws, one, name_ar="عمر حداد")
    omar_en = _add(ws, two, name_en="Omar Haddad")
    with ws.db.read() as s:
        for asked in ("Mohammad al-Ahmad", "محمد الاحمد", "مُحمّد الأحمد", "Muhammad Ahmad"):
            assert [f.victim.id for f in V.find_victims(s, asked)] == [mohammad], asked
        assert {f.victim.incident_id for f in V.find_victims(s, "عمر حداد")} == {one, two}
        assert omar_en in {f.victim.id for f in V.find_victims(s, "عمر حداد")}
        assert V.find_victims(s, "Sami Nasser") == []


def test_one_person_in_two_incidents_is_linked(ws: Workspace) -> None:
    first, later = _incident(ws), _incident(ws)
    injured = _add(ws, first, name_ar="خالد العمر", status="injured")
    died = _add(ws, later, name_ar="خالد العمر", status="killed")
    sibling = _add(ws, later, name_ar="سلمى العمر")
    with ws.writing() as w:
        V.link_same_person(w, died, injured)
        with pytest.raises(ValidationError, match="same incident"):
            V.link_same_person(w, sibling, died)
    with ws.db.read() as s:
        assert V.get_victim(s, died).same_person_as == injured


def test_the_problems_of_counts_against_named_victims(ws: Workspace) -> None:
    incident = _incident(ws, killed=2, killed_women=1)
    for name in ("هند", "سعاد", "مريم"):
        _add(ws, incident, name_ar=name, sex="f", age_group="adult", status="killed")
    with ws.db.read() as s:
        problems = V.incident_problems_with_victims(s, incident)
    assert problems == [
        "3 victims are named as killed, but the killed toll is at most 2",
        "3 women are named as killed, but the women killed are at most 1",
    ]


def test_rebuild_and_verify_agree_with_the_victim_rows(ws: Workspace, run) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    _add(ws, incident, name_ar="ليلى الخالد", public=True)
    with ws.db.read() as s:
        before = services.maintenance.state_digest(s)
    with ws.db.write() as s:
        from tawthiq.store.materialize import rebuild

        rebuild(s)
    with ws.db.read() as s:
        assert services.maintenance.state_digest(s) == before
        from tawthiq.store.row_check import materialised_mismatches

        assert materialised_mismatches(s) == []
        s.connection().exec_driver_sql("SELECT 1")
    with ws.db.write() as s:  # a name changed behind the log is caught
        s.execute(VictimRow.__table__.update().values(name_key="someone else"))
    with ws.db.read() as s:
        from tawthiq.store.row_check import materialised_mismatches

        found = materialised_mismatches(s)
    assert len(found) == 1 and "victim" in found[0] and "name_key" in found[0]


def test_public_victims_leave_out_the_private_ones(ws: Workspace) -> None:
    incident = _incident(ws)
    _add(ws, incident, name_ar="اسم خاص")
    shown = _add(ws, incident, name_ar="اسم علني", public=True, residence="كفرنبل")
    with ws.db.read() as s:
        out = V.public_victims(V.victims_of(s, incident))
        assert len(V.victims_shown(s, incident, public=False)) == 2
        assert V.victims_shown(s, incident, public=True) == out
    assert [v.id for v in out] == [shown] and out[0].residence is None
    assert [v.name for v in services.Desk(ws).victims.shown(incident, public=True)] == ["اسم علني"]


def _out(result) -> str:  # type: ignore[no-untyped-def]
    assert result.code == 0, result.err
    return str(result.out)


def _report(ws: Workspace) -> str:
    with ws.writing() as w:
        return services.incidents.add_source_report(
            w, {"text": "وهم محمد الأحمد", "outlet": "Enab", "publication_date": "2024-03-03"}
        )


def test_cli_add_list_and_search(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws, killed=3)
    report_id = _report(ws)
    victim = _out(run("add-victim", incident[:8], "--name", "محمد الأحمد", "--name-en",
                      "Mohammad al-Ahmad", "--sex", "m", "--age", "30", "--status", "killed",
                      "--occupation", "civil defence volunteer",
                      "--report", report_id[:8])).strip()  # fmt: skip
    assert len(victim) == 36
    child = _out(run("add-victim", incident[:8], "--name", "Layla", "--age", "child",
                     "--relation", "his daughter", "--occupation", "baker",
                     "--public")).strip()  # fmt: skip
    listed = _out(run("victims", incident[:8]))
    assert (f"{victim[:8]}  محمد الأحمد / Mohammad al-Ahmad  killed, male, 30 years, "
            "civil defence volunteer  [private]") in listed  # fmt: skip
    assert f"named by Enab, 2024-03-03 (report {report_id[:8]})" in listed
    assert f"{child[:8]}  Layla  child (under 18), baker  [named publicly]" in listed
    assert "relation: his daughter" in listed
    assert f"2 victim(s) of incident {incident[:8]}" in listed
    with ws.db.read() as s:
        kept = V.get_victim(s, child)
    assert (kept.name_en, kept.occupation, kept.occupation_note) == ("Layla", "other", "baker")
    found = _out(run("victims", "--search", "Muhammad al Ahmad"))
    assert victim[:8] in found and child[:8] not in found
    assert _out(run("victims", "--search", "محمد الاحمد")).startswith(victim[:8])


def test_cli_lists_counts_that_named_victims_contradict(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws, killed=1)
    for name in ("هند", "سعاد"):
        _out(run("add-victim", incident[:8], "--name", name, "--status", "killed"))
    listed = _out(run("victims", incident[:8]))
    assert ("counts and victims disagree: 2 victims are named as killed, but the killed toll "
            "is at most 1") in listed  # fmt: skip


def test_show_lists_the_victims_and_where_they_contradict_the_counts(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws, killed=1)
    hind = _out(run("add-victim", incident[:8], "--name", "هند الأحمد", "--name-en", "Hind",
                    "--status", "killed", "--age", "30", "--public")).strip()  # fmt: skip
    suad = _out(run("add-victim", incident[:8], "--name", "سعاد", "--status", "killed",
                    "--age", "child")).strip()  # fmt: skip
    shown = _out(run("show", incident[:8]))
    assert f"  Victim {hind[:8]}: هند الأحمد / Hind  (killed, 30 years)  [named publicly]" in shown
    assert f"  Victim {suad[:8]}: سعاد  (killed, child (under 18))  [private]" in shown
    assert ("  CONTRADICTION in victims: 2 victims are named as killed, but the killed toll "
            "is at most 1") in shown  # fmt: skip
    assert run("edit", incident[:8], "--killed", "2").code == 0
    assert "CONTRADICTION" not in _out(run("show", incident[:8]))


def test_cli_refusals_are_one_sentence_exit_2_and_change_nothing(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    before = _events(ws)
    for args, says in [
        (("add-victim", incident[:8], "--name", "ليلى", "--age", "200"), "plausible age"),
        (("add-victim", incident[:8], "--name", "ليلى", "--sex", "x"), "unknown sex code"),
        (("add-victim", incident[:8], "--name", "ليلى", "--status", "dead"), "victim status"),
        (("add-victim", "abcd0000", "--name", "ليلى"), "no incident"),
        (("add-victim", incident[:8], "--name", "ليلى", "--report", "abcd0000"),
         "no source report"),
        (("victims",), "give an incident's id"),
        (("add-victim", incident[:8], "--name", " "), "needs a name"),
    ]:  # fmt: skip
        result = run(*args)
        assert result.code == 2, (args, result)
        assert says in result.err, (args, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert _events(ws) == before


def test_the_victims_of_an_incident_grouped_into_another_are_listed_with_it(ws: Workspace) -> None:
    kept, told_again = _incident(ws), _incident(ws)
    first = _add(ws, kept, name_ar="أحمد الخالد")
    second = _add(ws, told_again, name_ar="سامر الخالد")
    with ws.writing() as w:
        services.grouping.group(w, told_again, kept)
    with ws.db.read() as s:
        assert [v.id for v in V.victims_of(s, kept)] == [first, second]
        assert [v.id for v in V.victims_of(s, kept, group=False)] == [first]
        assert [v.id for v in V.victims_of(s, told_again)] == [second]
