"""Days on the command line: a day counted from today for want of the report's own is said
to be a guess, never given as sure; a day not yet come is refused where a person writes it,
and kept where another laptop wrote it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.integration.laptops import Laptop
from tests.integration.test_cli import digest
from tests.integration.test_ui_dates import WITH_HISTORY

from conftest import untouched
from tawthiq import services
from tawthiq.domain.checks import foreign_value_problem
from tawthiq.domain.fields import INCIDENT

TODAY = date.today().isoformat()
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The field trial's report, which does not say when it was published, as a file."""
    (path := tmp_path / "maram.txt").write_text(WITH_HISTORY, encoding="utf-8")
    return path


def test_extract_without_ref_date_says_the_day_is_a_guess(run, report: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("extract", str(report), "--json", db=None)
    assert r.code == 0
    day = json.loads(r.out)["incidents"][0]["date"]
    assert day["value"] == TODAY and day["confidence"] < 0.8  # not the ceasefire of 2020
    assert "maram.txt" in r.err and "--ref-date" in r.err and "guess" in r.err
    assert len(r.err.strip().splitlines()) == 1
    text = run("extract", str(report), db=None)
    assert text.code == 0 and "guess" in text.err
    [line] = [x for x in text.out.splitlines() if x.startswith("date ")]
    assert float(line.split()[2]) < 0.8


def test_extract_with_ref_date_is_sure_and_quiet(run, report: Path) -> None:  # type: ignore[no-untyped-def]
    guessed = json.loads(run("extract", str(report), "--json", db=None).out)
    r = run("extract", str(report), "--ref-date", "2022-11-06", "--json", db=None)
    day = json.loads(r.out)["incidents"][0]["date"]
    assert day["value"] == "2022-11-06" and day["confidence"] >= 0.8  # 2020 is history
    assert day["confidence"] > guessed["incidents"][0]["date"]["confidence"]
    assert r.err == ""


def test_ingest_without_ref_date_says_which_report_has_a_guessed_day(run, report: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("ingest", str(report))
    assert r.code == 0, r.err
    assert TODAY in r.out.splitlines()[0] and "2020-05-05" not in r.out
    assert "maram.txt" in r.err and "guess" in r.err and "--ref-date" in r.err
    again = run("ingest", str(report), "--ref-date", "2022-11-06")
    assert again.code == 0 and "guess" not in again.err


def test_a_day_later_than_today_is_refused_on_add_and_edit(run, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("add", "--title", "Shelling", "--date", TOMORROW)
    assert r.code == 2 and f"{TOMORROW} is after today" in r.err
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    added = run("add", "--title", "Shelling", "--date", TODAY)
    assert added.code == 0
    before = digest(db_path)
    incident = added.out.strip()
    edit = run("edit", incident, "--date", TOMORROW)
    assert edit.code == 2 and "after today" in edit.err
    assert digest(db_path) == before  # nothing changed


def test_a_future_day_another_laptop_wrote_is_imported_and_other_fields_still_edit(
    tmp_path: Path,
) -> None:
    # a laptop whose clock ran ahead wrote a day that is after today here
    assert foreign_value_problem(INCIDENT, "date_start", TOMORROW) is None
    basel = Laptop(tmp_path, "Basel")
    incident = basel.new_incident(title_en="Shelling")
    with basel.ws.writing() as w:
        w.record(INCIDENT, incident, {"date_start": TOMORROW})
    bundle = basel.export()
    basel.close()
    amal = Laptop(tmp_path, "Amal")
    amal.import_(bundle)
    assert amal.incident(incident).values["date_start"] == TOMORROW  # merged as written
    amal.edit(incident, killed=3)  # an edit of another field is not refused for it
    assert amal.incident(incident).values["killed"]["max"] == 3
    amal.close()


def test_reading_report_files_names_those_whose_days_were_counted_from_today(
    ws, report: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    undated = report
    dated = tmp_path / "sample.txt"
    dated.write_text("قتل تسعة مدنيين صباح اليوم الأحد 6 تشرين الثاني 2022 بقصف على مخيم", "utf-8")
    summary = services.Desk(ws).ingest_files([undated, dated], lambda done, total: None)
    assert summary.incidents >= 2 and summary.guessed_days == ("maram.txt",)


def test_a_report_that_tells_no_day_is_no_guess_when_its_publication_day_is_given(
    ws, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Its incident is given the day it was published (unsure, for the form to ask); that
    is no day counted from today's date, and the summary does not say it is."""
    undated = tmp_path / "sarmin.txt"
    undated.write_text("قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة سرمين", "utf-8")
    desk = services.Desk(ws)
    summary = desk.ingest_files([undated], lambda done, total: None, ref_date=date(2022, 11, 6))
    assert summary.incidents == 1 and summary.guessed_days == ()


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_ref_date_later_than_today_is_refused(run, report: Path, db_path: Path, command) -> None:  # type: ignore[no-untyped-def]
    r = run(command, str(report), "--ref-date", TOMORROW)
    assert r.code == 2 and "--ref-date" in r.err and "after today" in r.err
    assert r.out == "" and untouched(db_path)
