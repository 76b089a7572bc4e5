"""Victims in the plain data files, as `tawthiq export-data` writes them: the HURIDOCS
export's person records and the JSON export's "victims" hold only the victims marked public
(without their private fields) unless --private; CSV and the other tools' tables name
nobody; our JSON read back imports the incidents and leaves the victims out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tawthiq import services
from tawthiq.domain.filters import IncidentFilter
from tawthiq.services.workspace import Workspace

PUBLIC = {"name_ar": "محمد الأحمد", "name_en": "Mohammad al-Ahmad", "sex": "m", "age": 34,
          "status": "killed", "occupation": "civil_defence", "public": True,
          "relation": "أخو سامر"}  # fmt: skip
PRIVATE = {"name_ar": "ليلى الخالد", "name_en": "Layla al-Khalid", "sex": "f",
           "age_group": "child", "status": "killed", "residence": "كفرنبل"}  # fmt: skip
HIDDEN = ("ليلى", "Layla", "الخالد", "Khalid", "كفرنبل", "أخو سامر")


@pytest.fixture
def named(ws: Workspace) -> dict[str, str]:
    """A public incident with a victim marked public and a private one, and another public
    incident grouped into it with a private victim of its own."""
    desk = services.Desk(ws)
    with ws.writing() as w:
        incident = services.incidents.create_incident(
            w, {"title_en": "Strike on Sarmin", "killed": 3, "confidentiality": "public"}
        )
        grouped = services.incidents.create_incident(
            w, {"title_en": "Sarmin strike, told again", "confidentiality": "public"}
        )
    omar = {"name_en": "Omar Haddad", "status": "injured"}
    ids = {
        "incident": incident,
        "public": desk.victims.add(incident, PUBLIC),
        "private": desk.victims.add(incident, PRIVATE),
        "grouped": desk.victims.add(grouped, omar),
    }
    desk.groups.group(grouped, incident)
    return ids


def _export(run, tmp_path: Path, fmt: str, *more: str) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / f"{fmt}{len(more)}.{'csv' if fmt in ('csv', 'acled', 'airwars') else 'json'}"
    done = run("export-data", "--format", fmt, "-o", str(out), *more)
    assert done.code == 0, done.err
    return out.read_text("utf-8")


def _event(text: str, incident: str) -> dict[str, Any]:
    return next(e for e in json.loads(text)["events"] if e["event_record_number"] == incident)


def test_a_public_huridocs_export_names_only_victims_marked_public(run, named, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = _export(run, tmp_path, "huridocs")
    for words in (*HIDDEN, "Omar", "Haddad"):
        assert words not in text, words
    (person,) = _event(text, named["incident"])["victims"]
    assert person["person_record_number"] == named["public"]
    assert person["person_name"] == "Mohammad al-Ahmad" and person["other_names"] == "محمد الأحمد"
    assert person["confidentiality"] == "n" and person["deceased"] == "y"
    assert person["sex"]["code"] == "m" and person["sex"]["ar"]
    assert person["occupation"]["code"] == "civil_defence"
    assert person["age_at_time_of_victimisation"] == "34"
    assert person["status_at_end_of_act"]["code"] == "killed"
    assert "relation" not in person["x_tawthiq"] and "local_term_for_occupation" not in person


def test_a_private_huridocs_export_names_every_victim(run, named, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = _export(run, tmp_path, "huridocs", "--private")
    people = {p["person_record_number"]: p for p in _event(text, named["incident"])["victims"]}
    # the victims of the incident grouped into it too, as its reports are
    assert set(people) == {named["public"], named["private"], named["grouped"]}
    layla = people[named["private"]]
    assert layla["person_name"] == "Layla al-Khalid" and layla["confidentiality"] == "y"
    assert layla["x_tawthiq"]["residence"] == "كفرنبل"
    assert layla["x_tawthiq"]["age_group"]["code"] == "child"
    assert people[named["public"]]["x_tawthiq"]["relation"] == "أخو سامر"


def test_the_json_export_lists_victims_under_the_same_rule(run, named, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = _export(run, tmp_path, "json")
    for words in (*HIDDEN, "Omar"):
        assert words not in text, words
    obj = next(o for o in json.loads(text) if o["id"] == named["incident"])
    assert obj["victims"] == [
        {"id": named["public"], "name_ar": "محمد الأحمد", "name_en": "Mohammad al-Ahmad",
         "sex": "m", "age": 34, "status": "killed", "occupation": "civil_defence",
         "public": True},
    ]  # fmt: skip
    private = _export(run, tmp_path, "json", "--private")
    obj = next(o for o in json.loads(private) if o["id"] == named["incident"])
    by_id = {v["id"]: v for v in obj["victims"]}
    assert set(by_id) == {named["public"], named["private"], named["grouped"]}
    assert by_id[named["private"]]["residence"] == "كفرنبل"
    assert by_id[named["public"]]["relation"] == "أخو سامر"


@pytest.mark.parametrize("fmt", ["csv", "acled", "airwars", "geojson"])
def test_the_tables_for_other_tools_name_nobody(run, named, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    text = _export(run, tmp_path, fmt, "--private")
    assert "Strike on Sarmin" in text or named["incident"] in text
    for words in ("محمد الأحمد", "Mohammad", "Layla", "ليلى", "Omar"):
        assert words not in text, words


def test_our_json_read_back_leaves_the_victims_out(run, named, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.json"
    assert run("export-data", "--format", "json", "--private", "-o", str(out)).code == 0
    assert "Layla al-Khalid" in out.read_text("utf-8")
    fresh = tmp_path / "fresh.db"
    back = run("import-data", str(out), db=fresh)
    assert back.code == 0, back.err
    assert "imported 1 incident(s)" in back.out  # the group, exported once
    ws = services.open_workspace(fresh)
    try:
        with ws.db.read() as s:
            kept = services.incidents.list_incidents(s, IncidentFilter(), limit=10)
        assert {i.id for i in kept} >= {named["incident"]}
        assert services.Desk(ws).victims.of(named["incident"]) == []
    finally:
        ws.close()
