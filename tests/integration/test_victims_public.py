"""A public PDF of an incident with named victims holds no victim's name (read back with
pdftotext), while the documenters' own copy, which prints the reports naming them, does;
the list a public report or export may print holds only victims marked public."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tawthiq import services
from tawthiq.extract.victims import name_rolls
from tawthiq.services import victims as V
from tawthiq.services.workspace import Workspace

TEXT = (
    "Two civilians were killed when a drone struck a car near Sarmin on Sunday, identified "
    "as Karim Haddad and his neighbour Samih Nasrallah."
)


def _pdf_text(run, incident: str, pdf: Path, *more: str) -> str:  # type: ignore[no-untyped-def]
    result = run("report", incident[:8], "-o", str(pdf), "--lang", "en", *more)
    assert result.code == 0, result.err
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def test_a_public_pdf_names_no_victim(run, ws: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        incident = services.incidents.create_incident(
            w, {"title_en": "Drone strike near Sarmin", "killed": 2, "confidentiality": "public"}
        )
        report = services.incidents.add_source_report(
            w, {"text": TEXT, "outlet": "Enab", "language": "en"}, incident_ids=[incident]
        )
        for found in name_rolls(TEXT):
            V.add_victim(w, incident, {**found.values(), "report_ids": [report]})
    with ws.db.read() as s:
        named = [v.name for v in V.victims_of(s, incident)]
        assert V.victims_shown(s, incident, public=True) == []
    assert named == ["Karim Haddad", "Samih Nasrallah"]
    private = _pdf_text(run, incident, tmp_path / "own.pdf")
    public = _pdf_text(run, incident, tmp_path / "public.pdf", "--public")
    assert "Karim Haddad" in private  # the report naming them, in the documenters' copy
    assert "Drone strike near Sarmin" in public
    for name in ("Karim", "Haddad", "Samih", "Nasrallah"):
        assert name not in public


def test_the_rolls_of_an_incidents_reports_are_suggested_and_accepted_one_by_one(
    ws: Workspace,
) -> None:
    desk = services.Desk(ws)
    with ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Strike", "killed": 2})
        report = services.incidents.add_source_report(w, {"text": TEXT}, incident_ids=[incident])
    offered = desk.victims.suggested(incident)
    assert [(s.report_id, s.victim.name) for s in offered] == [
        (report, "Karim Haddad"),
        (report, "Samih Nasrallah"),
    ]
    karim = desk.victims.accept(incident, offered[0])
    kept = desk.victims.get(karim)
    assert kept.report_ids == (report,) and kept.status == "killed"
    assert set(kept.unchecked) >= {"name_en", "status"}  # suggested, not checked
    assert [s.victim.name for s in desk.victims.suggested(incident)] == ["Samih Nasrallah"]
    assert desk.victims.edit(karim, {"name_en": "Karim Haddad"}) == 1  # a person checked it
    assert "name_en" not in desk.victims.get(karim).unchecked
