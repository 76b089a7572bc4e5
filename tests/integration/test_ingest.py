"""`tawthiq ingest` and `tawthiq extract`: a report in, incidents and their source out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPORT = (
    "إدلب - مراسل محلي\n"
    "قُتل سبعة مدنيين بينهم طفلان، وأصيب 12 آخرون، مساء أمس السبت، بقصف مدفعي لقوات النظام "
    "على سوق بلدة سرمدا شمالي إدلب، بحسب الدفاع المدني.\n"
    "وفي ريف حلب، قُتل شخص وأصيب ثلاثة آخرون بقصف على بلدة الأتارب.\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    return f


def test_ingest_saves_each_incident_with_the_report(run, report: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("ingest", str(report), "--ref-date", "2022-11-06")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert len(lines) == 2
    ids = [line.split()[0] for line in lines]
    assert all(re.fullmatch(r"[0-9a-f-]{36}", i) for i in ids)
    assert "2022-11-05" in lines[0] and "killed 7" in lines[0] and "injured 12" in lines[0]
    shown = run("show", ids[0]).out
    assert "Governorate / المحافظة: Idlib" in shown
    assert "Children killed / الأطفال بين القتلى: 2" in shown
    assert "Source report" in shown and "إدلب - مراسل محلي" in shown
    assert "Aleppo" in run("show", ids[1]).out
    assert run("verify").code == 0


def test_extract_json_follows_the_contract(run, report: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("extract", str(report), "--ref-date", "2022-11-06", "--json", db=None)
    assert r.code == 0
    data = json.loads(r.out)
    assert data["language"] == "ar" and len(data["incidents"]) == 2
    first = data["incidents"][0]
    assert first["date"]["value"] == "2022-11-05" and first["time_of_day"]["value"] == "evening"
    assert first["killed"] == {
        **first["killed"],
        "value": 7,
        "min": 7,
        "max": 7,
        "approximate": False,
    }
    assert first["place"]["value"]["governorate"] == "Idlib"
    assert first["target"]["value"] == "market"
    start, end = first["injured"]["spans"][0]
    assert REPORT[start:end].startswith("12")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "is not UTF-8 text"), (b"abc\x00def", "binary file")],
    ids=["png", "nul"],
)
def test_binary_files_are_refused(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, db_path: Path, content: bytes, message: str
) -> None:
    f = tmp_path / "photo.jpg"
    f.write_bytes(content)
    r = run("ingest", str(f))
    assert r.code == 2 and message in r.err
    assert not db_path.exists()  # refused before anything was opened


def test_no_incident_keeps_the_report_and_says_so(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "weather.txt"
    f.write_text("الطقس مشمس اليوم في معظم المناطق.", encoding="utf-8")
    r = run("ingest", str(f))
    assert r.code == 0 and r.out == ""
    assert "no incident recognised; the report was kept as source report" in r.err
    assert run("extract", str(f), db=None).out.startswith("no incident recognised")


def test_bad_ref_date(run, report: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("ingest", str(report), "--ref-date", "06/11/2022")
    assert r.code == 2 and "--ref-date: '06/11/2022' is not a valid date" in r.err


def test_figures_that_disagree_never_lose_the_report(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "two.txt"
    f.write_text("قتل 3 مدنيين بينهم طفلان وامرأتان في قصف على سرمدا اليوم.", encoding="utf-8")
    r = run("ingest", str(f), "--ref-date", "2022-11-06")
    assert r.code == 0, r.err
    incident_id = r.out.split()[0]
    shown = run("show", incident_id).out
    assert "Killed / القتلى: 3" in shown
    assert "Location precision / دقة الموقع: locality" in shown
