"""`tawthiq export-data` and `tawthiq import-data` as a user types them: plain files for
other tools, public incidents only unless asked, and taken back in all or nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import untouched
from tawthiq import services
from tawthiq.domain.fields import BOOKKEEPING, DELETED, INCIDENT_FIELDS
from tawthiq.domain.filters import IncidentFilter

# every field of the registry, each with a value the form accepts
EVERY_FIELD: dict[str, Any] = {
    "title_ar": "قصف مخيم في سرمدا", "title_en": 'Shelling of a camp, "Sarmada"',
    "date_start": "2022-11-06", "date_end": "2022-11-07", "date_precision": "day",
    "time_of_day": "morning", "place_name": "سرمدا", "place_name_ar": "سرمدا",
    "place_name_en": "Sarmada", "place_kind": "town", "subdistrict": "Dana",
    "district": "Harim", "governorate": "Idlib", "country": "SY", "pcode": "C4121",
    "lat": 36.178912345678, "lon": 36.7212, "geo_precision": "locality",
    "incident_type": "air_drone_strike", "weapons": ["rocket", "cluster_munition"],
    "perpetrators": ["russia", "syrian_government"], "target": "idp_camp",
    "munition_remnants": True, "killed": "9-12", "killed_children": 3, "killed_women": 2,
    "killed_men": 4, "injured": 75, "injured_children": 10, "injured_women": 5,
    "injured_men": 20, "sources": ["civil_defence", "witnesses"],
    "source_names": ["الدفاع المدني", "Abu Ahmad"], "evidence_grade": "fair",
    "status": "reviewed", "confidentiality": "public",
    "narrative": "سقطت قذائف، \"عنقودية\"\nوأصيب مدنيون, as told",
    "private_notes": "witness: أبو أحمد",
}  # fmt: skip
PRIVATE = ("private_notes", "source_names")


def test_every_field_is_in_the_sample() -> None:
    assert set(EVERY_FIELD) == {f.name for f in INCIDENT_FIELDS if f.name not in BOOKKEEPING}


def _values(db: Path) -> dict[str, dict[str, Any]]:
    ws = services.open_workspace(db)
    with ws.db.read() as s:
        found = services.incidents.list_incidents(s, IncidentFilter(), limit=1000)
        out = {i.id: {k: v for k, v in i.values.items() if k != DELETED} for i in found}
    ws.close()
    return out


@pytest.fixture
def kept(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A public incident with every field, a restricted one, and a public one with a
    report linked."""
    with ws.writing() as w:
        full = services.incidents.create_incident(w, EVERY_FIELD)
        restricted = services.incidents.create_incident(
            w, {"title_en": "Kept restricted", "killed": 2, "private_notes": "a contact"}
        )
        linked = services.incidents.create_incident(
            w, {"title_ar": "قصف أريحا", "confidentiality": "public", "killed": 6}
        )
        services.incidents.add_source_report(
            w, {"text": "نص", "outlet": "SANA", "url": "https://example.org/a",
                "publication_date": "2022-11-07"}, incident_ids=[linked],
        )  # fmt: skip
    return {"full": full, "restricted": restricted, "linked": linked}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_gives_back_every_field(run, kept, db_path, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"all.{fmt}"
    done = run("export-data", "--format", fmt, "--private", "-o", str(out))
    assert done.code == 0, done.err
    assert "3 incident(s)" in done.out and "not encrypted" in done.err
    fresh = tmp_path / "fresh.db"
    back = run("import-data", str(out), db=fresh)
    assert back.code == 0, back.err
    assert "imported 3 incident(s)" in back.out
    assert _values(fresh) == _values(db_path)
    again = run("import-data", str(out), db=fresh)  # the same file twice: nothing doubled
    assert again.code == 0 and "imported 0 incident(s)" in again.out
    assert again.err.count("is already kept; left as it is") == 3
    assert _values(fresh) == _values(db_path)


def test_imported_values_are_recorded_as_arrived_from_an_import(run, kept, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.csv"
    assert run("export-data", "--format", "csv", "-o", str(out)).code == 0
    fresh = tmp_path / "fresh.db"
    assert run("import-data", str(out), db=fresh).code == 0
    ws = services.open_workspace(fresh)
    with ws.db.read() as s:
        changes = services.incidents.history(s, kept["full"])
    ws.close()
    assert changes and {c.origin for c in changes} == {"import"}


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())  # a spreadsheet opens the Arabic right
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_a_public_export_leaves_out_incidents_and_fields_not_public(run, kept, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "public.csv"
    done = run("export-data", "--format", "csv", "-o", str(out))
    assert done.code == 0, done.err
    assert "1 incident(s) not marked public left out" in done.out
    rows = _csv(out)
    assert {r["id"] for r in rows} == {kept["full"], kept["linked"]}
    assert not set(PRIVATE) & set(rows[0])
    assert "a contact" not in out.read_text("utf-8") and "أبو أحمد" not in out.read_text("utf-8")
    full = next(r for r in rows if r["id"] == kept["full"])
    assert full["killed_min"] == "9" and full["killed_max"] == "12"
    assert full["killed_approximate"] == "yes" and full["weapons"] == "rocket; cluster_munition"
    linked = next(r for r in rows if r["id"] == kept["linked"])
    assert linked["source_reports"] == "1"
    every = tmp_path / "every.json"
    assert run("export-data", "--format", "json", "--all", "-o", str(every)).code == 0
    objects = json.loads(every.read_text("utf-8"))
    assert {o["id"] for o in objects} == set(kept.values())
    assert all(not set(PRIVATE) & set(o) for o in objects)
    report = next(o for o in objects if o["id"] == kept["linked"])["source_reports"]
    assert report == [{"outlet": "SANA", "url": "https://example.org/a",
                       "publication_date": "2022-11-07", "figures": {}}]  # fmt: skip
    private = tmp_path / "private.json"
    assert run("export-data", "--format", "json", "--private", "-o", str(private)).code == 0
    notes = {o["id"]: o["private_notes"] for o in json.loads(private.read_text("utf-8"))}
    assert notes[kept["restricted"]] == "a contact"


def test_a_selection_chooses_what_is_exported(run, kept, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sel.csv"
    done = run("export-data", "--format", "csv", "--all", "--where", "munition_remnants=yes",
               "--where", "governorate=إدلب", "--from", "2022-01-01", "-o", str(out))  # fmt: skip
    assert done.code == 0, done.err
    assert [r["id"] for r in _csv(out)] == [kept["full"]]
    found = run("export-data", "--format", "csv", "--search", "أريحا", "-o", str(out))
    assert found.code == 0 and [r["id"] for r in _csv(out)] == [kept["linked"]]
    bad = run("export-data", "--format", "csv", "--where", "colour=red", "-o", str(out))
    assert bad.code == 2 and "KEY=VALUE" in bad.err


def test_a_format_not_in_this_version_is_refused_in_one_sentence(run, kept, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.data_files import formats

    missing = [f for f in ("geojson", "acled", "airwars", "huridocs") if f not in formats()]
    if not missing:  # every format has been written: nothing to refuse
        return
    out = tmp_path / "x.out"
    done = run("export-data", "--format", missing[0], "-o", str(out))
    assert done.code == 2 and "no data format" in done.err and "Traceback" not in done.err
    assert not out.exists()


def _digest(db: Path) -> tuple[str, int]:
    ws = services.open_workspace(db)
    with ws.db.read() as s:
        d = services.maintenance.state_digest(s)
        n = s.connection().exec_driver_sql("SELECT count(*) FROM event").scalar()
    ws.close()
    return d, n


BAD_ROWS = [
    ("date_start", "2022-13-01", "is not a valid date"),
    ("incident_type", "bombing", "unknown incident type code"),
    ("killed_children_min", "20", "more than the total"),
]


@pytest.mark.parametrize(("column", "value", "why"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_a_refused_row_names_row_and_field_and_nothing_is_imported(  # type: ignore[no-untyped-def]
    run, kept, db_path, tmp_path, column, value, why
) -> None:
    out = tmp_path / "x.csv"
    assert run("export-data", "--format", "csv", "--all", "-o", str(out)).code == 0
    rows = _csv(out)
    target = tmp_path / "edited.csv"
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            if r["id"] == kept["full"]:
                r = {**r, column: value}
                if column == "killed_children_min":
                    r["killed_children_max"] = value
            w.writerow({**r, "id": ""})  # no ids: every row would be a new incident
    before = _digest(db_path)
    done = run("import-data", str(target))
    assert done.code == 2, done.out
    row = 2 + [r["id"] for r in rows].index(kept["full"])
    field = "killed" if column.startswith("killed_children") else column
    lines = [line for line in done.err.splitlines() if line.startswith("tawthiq: row ")]
    assert len(lines) == 1 and lines[0].startswith(f"tawthiq: row {row}: {field}: ")
    assert why in lines[0]
    assert "nothing was imported: 1 row(s) refused" in done.err
    assert _digest(db_path) == before


def test_another_tools_csv_needs_a_mapping(run, tmp_path, db_path) -> None:  # type: ignore[no-untyped-def]
    theirs = tmp_path / "theirs.csv"
    theirs.write_text(
        "Event date,Location,Deaths (low),Deaths (high),Kind,Notes\n"
        "06/11/2022,مخيم مرام,6,10,Airstrike,first\n"
        "07/11/2022,Sarmada,,3,Shelling,second\n",
        encoding="utf-8",
    )
    refused = run("import-data", str(theirs))
    assert refused.code == 2 and "--mapping" in refused.err
    assert "'Event date'" in refused.err and "'Notes'" in refused.err
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({
        "columns": {"Event date": "date_start", "Location": "place_name",
                    "Deaths (low)": "killed_min", "Deaths (high)": "killed_max",
                    "Kind": "incident_type"},
        "values": {"incident_type": {"Airstrike": "air_drone_strike",
                                     "Shelling": "shelling_artillery_missile"}},
        "date_format": "%d/%m/%Y",
    }), encoding="utf-8")  # fmt: skip
    assert untouched(db_path)  # refused before the database is opened (or made)
    done = run("import-data", str(theirs), "--mapping", str(mapping))
    assert done.code == 0, done.err
    dry = run("import-data", str(theirs), "--mapping", str(mapping), "--dry-run")
    assert dry.code == 0 and "would import 0 incident(s)" in dry.out  # the same rows: kept
    assert dry.err.count("is already kept") == 2
    got = sorted(_values(db_path).values(), key=lambda v: v["date_start"])
    assert [(v["date_start"], v["place_name"], v["killed"], v["incident_type"]) for v in got] == [
        ("2022-11-06", "مخيم مرام", {"min": 6, "max": 10, "approximate": True}, "air_drone_strike"),
        ("2022-11-07", "Sarmada", {"min": 3, "max": 3, "approximate": False},
         "shelling_artillery_missile"),
    ]  # fmt: skip
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"columns": {"Kind": "kind_of_thing"}}), encoding="utf-8")
    bad = run("import-data", str(theirs), "--mapping", str(wrong))
    assert bad.code == 2 and "kind_of_thing" in bad.err


def test_a_failed_write_leaves_no_file(run, kept, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.sync.data_formats import plain_csv

    out = tmp_path / "half.csv"
    out.write_text("an older file\n", encoding="utf-8")
    real = plain_csv.row_of
    calls = []

    def failing(record, specs):  # type: ignore[no-untyped-def]
        calls.append(record)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(record, specs)

    monkeypatch.setattr(plain_csv, "row_of", failing)
    done = run("export-data", "--format", "csv", "--all", "-o", str(out))
    assert done.code == 3 and "could not be written (No space left on device)" in done.err
    assert out.read_text("utf-8") == "an older file\n"  # the older file is whole
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".half")) == []


def test_the_window_cannot_export_onto_the_database(ws, kept, db_path) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.domain.errors import ValidationError
    from tawthiq.services.desk import Desk

    before = db_path.read_bytes()
    with pytest.raises(ValidationError, match="is the database itself"):
        Desk(ws).data.export("csv", IncidentFilter(), db_path, all_incidents=True)
    assert db_path.read_bytes() == before
