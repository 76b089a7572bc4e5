"""One person recorded as a victim of two incidents (a casualty who later died of wounds):
linked and unlinked through the command line as a user types it, each an event in the
victim's history, and shown by ``tawthiq victims``."""

from __future__ import annotations

from sqlalchemy import func, select

from tawthiq import services
from tawthiq.services import victims as V
from tawthiq.services.workspace import Workspace
from tawthiq.store.models import EventRow


def _events(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.execute(select(func.count()).select_from(EventRow)).scalar_one()


def _incident(ws: Workspace, title: str) -> str:
    with ws.writing() as w:
        return services.incidents.create_incident(w, {"title_en": title})


def _out(result) -> str:  # type: ignore[no-untyped-def]
    assert result.code == 0, result.err
    return str(result.out)


def test_cli_links_and_unlinks_one_person_in_two_incidents(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    shelling, hospital = _incident(ws, "Shelling"), _incident(ws, "Hospital")
    injured = _out(run("add-victim", shelling[:8], "--name", "سامر الخالد", "--status",
                       "injured")).strip()  # fmt: skip
    died = _out(run("add-victim", hospital[:8], "--name", "Samer al-Khaled", "--status",
                    "killed")).strip()  # fmt: skip
    said = _out(run("link-victims", died[:8], injured[:8]))
    assert f"victim {died[:8]} (Samer al-Khaled, incident {hospital[:8]})" in said
    assert "are recorded as the same person" in said
    listed = _out(run("victims", hospital[:8]))
    assert (f"the same person as victim {injured[:8]} (سامر الخالد) in incident "
            f"{shelling[:8]}") in listed  # fmt: skip
    # and the other way round: the victim linked to is told of the link too
    assert (
        f"the same person as victim {died[:8]} (Samer al-Khaled) in incident {hospital[:8]}"
    ) in _out(run("victims", shelling[:8]))
    again = run("link-victims", injured[:8], died[:8])
    assert again.code == 2 and "already linked" in again.err
    before = _events(ws)
    assert "no longer recorded as the same person" in _out(
        run("link-victims", injured[:8], died[:8], "--undo")  # undone from either end
    )
    assert _events(ws) == before + 1
    assert "the same person" not in _out(run("victims", hospital[:8]))
    assert "the same person" not in _out(run("victims", shelling[:8]))
    with ws.db.read() as s:
        assert V.get_victim(s, died).same_person_as is None
        changes = [(c.field, c.new) for c in services.incidents.history(s, died)]
    assert ("same_person_as", injured) in changes and changes[-1][0] == "same_person_as"


def test_cli_link_refusals_are_one_sentence_and_change_nothing(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    one = _incident(ws, "Shelling")
    a = _out(run("add-victim", one[:8], "--name", "هند")).strip()
    b = _out(run("add-victim", one[:8], "--name", "سعاد")).strip()
    before = _events(ws)
    for args, says in [
        (("link-victims", a[:8], b[:8]), "same incident"),
        (("link-victims", a[:8], "abcd0000"), "no victim"),
        (("link-victims", a[:8], b[:8], "--undo"), "not linked"),
    ]:
        result = run(*args)
        assert result.code == 2, (args, result)
        assert says in result.err, (args, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert _events(ws) == before
