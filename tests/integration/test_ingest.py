"""`tawthiq ingest` and `tawthiq extract`: a report in, incidents and their source out."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import untouched
from tawthiq.store.queries import all_incident_ids

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
    assert untouched(db_path)  # refused before anything was opened


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


# one report, several incidents: every output shows each incident it saves, in one order,
# with the sentence it rests on
SEVERAL = (
    "قُتل خمسة مدنيين وأصيب ثمانية بقصف مدفعي لقوات النظام على بلدة سرمدا في ريف إدلب صباح "
    "اليوم الأحد.\n"
    "وفي ريف حلب الغربي، قصفت طائرات روسية بلدة الأتارب دون ورود أنباء عن إصابات.\n"
    "وتواصل قوات النظام قصف قرى جبل الزاوية في ريف إدلب الجنوبي مثل كنصفرة والبارة.\n"
)


def test_extract_and_ingest_tell_the_same_incidents_with_their_sentences(  # type: ignore[no-untyped-def]
    run, tmp_path: Path
) -> None:
    f = tmp_path / "several.txt"
    f.write_text(SEVERAL, encoding="utf-8")
    lines = SEVERAL.splitlines()
    shown = run("extract", str(f), "--ref-date", "2022-11-06", db=None).out
    assert "incident 1 of 2" in shown and "incident 2 of 2" in shown
    assert shown.index(lines[0]) < shown.index("incident 2 of 2") < shown.index(lines[1])
    # the general statement is shown as set aside, and why
    assert "not an incident of its own" in shown and "a general statement" in shown
    data = json.loads(run("extract", str(f), "--ref-date", "2022-11-06", "--json", db=None).out)
    assert [i["sentence"]["value"] for i in data["incidents"]] == lines[:2]
    r = run("ingest", str(f), "--ref-date", "2022-11-06")
    assert r.code == 0, r.err
    saved = r.out.splitlines()
    assert len(saved) == 2 and all(line.split()[1] == "new" for line in saved)
    assert "سرمدا" in saved[0] and "الأتارب" in saved[1]
    assert "2 incidents saved" in r.err
    first, second = (line.split()[0][:8] for line in saved)
    assert r.err.index(first) < r.err.index(lines[0]) < r.err.index(second) < r.err.index(lines[1])
    assert "another attack, in another governorate" in r.err
    assert "not saved: «" + lines[2] in r.err and "a general statement" in r.err


def test_the_same_report_twice_is_said_and_saves_nothing(  # type: ignore[no-untyped-def]
    run, report: Path, tmp_path: Path
) -> None:
    first = run("ingest", str(report), "--ref-date", "2022-11-06")
    ids = [line.split()[0] for line in first.out.splitlines()]
    assert len(ids) == 2
    again = tmp_path / "again.txt"  # the same text, its spaces and line breaks otherwise
    again.write_text("  " + REPORT.replace("\n", "\n\n").replace(" ", "  "), encoding="utf-8")
    r = run("ingest", str(again), "--ref-date", "2022-11-06")
    assert r.code == 0 and r.out == ""
    assert "this report is already kept" in r.err and "--again" in r.err
    assert all(i in r.err for i in ids)
    listed = run("list").out
    assert sum(i[:8] in listed for i in ids) == 2
    forced = run("ingest", str(again), "--ref-date", "2022-11-06", "--again")
    assert forced.code == 0 and len(forced.out.splitlines()) == 2
    assert not set(ids) & {line.split()[0] for line in forced.out.splitlines()}


def test_a_report_merged_from_another_laptop_is_already_kept(tmp_path: Path) -> None:
    from laptops import Laptop

    from tawthiq.services.desk import Desk

    amal, basel = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Basel")
    try:
        saved = Desk(amal.ws).ingest_report(REPORT, ref_date=date(2022, 11, 6))
        basel.import_(amal.export())
        desk = Desk(basel.ws)
        kept = desk.read_report(" ".join(REPORT.split()), date(2022, 11, 6)).kept
        assert kept is not None and kept.report_ids == (saved.report_id,)
        assert [i for i, _ in kept.incidents] == [i for i, _ in saved.saved]
        done = desk.ingest_report(REPORT, ref_date=date(2022, 11, 6))
        assert done.saved == () and done.kept == kept
        with basel.ws.db.read() as s:
            assert len(all_incident_ids(s)) == 2
    finally:
        amal.close()
        basel.close()


def test_attack_report_with_escape_codes_and_a_bidi_override(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A report file holding a right-to-left override and an erase-line sequence: `extract`
    and `ingest` quote its words with those codes written out, never acting on the terminal."""
    report = tmp_path / "report.txt"
    report.write_text(
        "قصف\u202e مدفعي على مخيم مرام في إدلب أدى إلى مقتل\x1b[2K 9 مدنيين وإصابة 75 آخرين.\n",
        encoding="utf-8",
    )
    extracted = run("extract", str(report), "--ref-date", "2022-11-06")
    assert extracted.code == 0
    assert "\u202e" not in extracted.out and "\x1b" not in extracted.out
    assert "«قصف\\u202e مدفعي»" in extracted.out
    ingested = run("ingest", str(report), "--ref-date", "2022-11-06")
    assert ingested.code == 0
    assert "\u202e" not in ingested.err + ingested.out and "\x1b" not in ingested.err
    assert "\\u001b[2K 9 مدنيين" in ingested.err
