"""Many reports, one incident: `ingest` adds a report of an attack already kept to it
('added'), `tawthiq group` groups after the fact and undoes it, `show` prints what each
report said and the range; groupings travel between laptops like every other change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import on_other_laptop
from tawthiq.domain.records import Casualties
from tawthiq.services import grouping
from tawthiq.services.incidents import get_incident
from tawthiq.services.ingest import ingest_report

ARABIC = (
    "إدلب - مراسل محلي\n"
    "قُتل سبعة مدنيين بينهم طفلان، وأصيب 12 آخرون، اليوم الأحد، بقصف مدفعي لقوات النظام "
    "على سوق بلدة سرمدا شمالي إدلب، بحسب الدفاع المدني.\n"
)
ENGLISH = (
    "Nine civilians, including two children, were killed on Sunday when Syrian government "
    "artillery shelled the market of Sarmada in northern Idlib, rescuers said.\n"
)
LATER = (
    "ارتفعت حصيلة القصف المدفعي لقوات النظام على سوق بلدة سرمدا شمالي إدلب أمس الأحد إلى "
    "11 قتيلاً مدنياً.\n"
)
ELSEWHERE = (
    "Two civilians were killed on Sunday by Russian airstrikes on the town of Jisr al-Shughur "
    "in western Idlib, local activists said.\n"
)
SUNDAY = date(2022, 11, 6)
ON_SERVER = True  # the lists hide grouped incidents on the team server too
NO_DAY = "قُتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على سوق بلدة سرمدا شمالي إدلب.\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (
        ("ar", ARABIC), ("en", ENGLISH), ("later", LATER), ("elsewhere", ELSEWHERE),
        ("no_day", NO_DAY),
    ):  # fmt: skip
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(text, "utf-8")
    return out


def _lines(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines() if line.strip()]


def test_a_second_report_of_the_same_attack_is_added_to_it(run, files) -> None:  # type: ignore[no-untyped-def]
    first = run("ingest", str(files["ar"]), "--ref-date", "2022-11-06", "--outlet", "Enab Baladi")
    assert first.code == 0, first.err
    [[incident_id, word, *_]] = _lines(first.out)
    assert word == "new"
    second = run("ingest", str(files["en"]), "--ref-date", "2022-11-06", "--outlet", "Reuters")
    assert second.code == 0, second.err
    assert [line[:2] for line in _lines(second.out)] == [[incident_id, "added"]]
    assert f"added to incident {incident_id[:8]}" in second.err
    # the day after, "yesterday, Sunday" with a higher toll: the same attack
    third = run("ingest", str(files["later"]), "--ref-date", "2022-11-07", "--outlet", "SNHR")
    assert [line[:2] for line in _lines(third.out)] == [[incident_id, "added"]]
    other = run("ingest", str(files["elsewhere"]), "--ref-date", "2022-11-06")
    assert _lines(other.out)[0][1] == "new"

    listed = run("list").out
    assert listed.count("\n") >= 2 and "2 incident(s)" in listed  # Sarmada once, Jisr once
    shown = run("show", incident_id).out
    assert "Figures by source" in shown
    assert "killed 7 | children 2 | injured 12  (this record)" in shown
    assert "(Enab Baladi, 2022-11-06" in shown and "(Reuters, 2022-11-06" in shown
    assert "killed 11" in shown and "↑ raises the toll" in shown
    assert "killed 7–11 | children 2 | injured 12  (range across 3 report(s))" in shown
    assert run("verify").code == 0


def test_separate_keeps_the_report_apart_and_names_the_candidate(run, files) -> None:  # type: ignore[no-untyped-def]
    [[kept, *_]] = _lines(run("ingest", str(files["ar"]), "--ref-date", "2022-11-06").out)
    r = run("ingest", str(files["en"]), "--ref-date", "2022-11-06", "--separate")
    [[new_id, word, *_]] = _lines(r.out)
    assert word == "new" and new_id != kept
    assert f"may also be incident {kept[:8]}" in r.err
    assert f"tawthiq group {new_id[:8]} {kept[:8]}" in r.err


def test_a_report_whose_day_is_a_guess_is_never_joined(run, files) -> None:  # type: ignore[no-untyped-def]
    [[kept, *_]] = _lines(run("ingest", str(files["ar"]), "--ref-date", "2022-11-06").out)
    # no day in the text: the publication day is the incident's, a guess
    r = run("ingest", str(files["no_day"]), "--ref-date", "2022-11-06")
    [[new_id, word, *_]] = _lines(r.out)
    assert word == "new" and new_id != kept
    assert f"may also be incident {kept[:8]}" in r.err and "a guess" in r.err


def test_group_and_undo_after_the_fact(run, files) -> None:  # type: ignore[no-untyped-def]
    [[a, *_]] = _lines(run("ingest", str(files["ar"]), "--ref-date", "2022-11-06").out)
    [[b, *_]] = _lines(
        run("ingest", str(files["en"]), "--ref-date", "2022-11-06", "--separate").out
    )
    assert "2 incident(s)" in run("list").out
    offered = run("group", b[:8])
    assert offered.code == 0 and a[:8] in offered.out and "strong" in offered.out
    done = run("group", b[:8], a[:8])
    assert done.code == 0 and f"grouped into {a[:8]}" in done.out
    assert "1 incident(s)" in run("list").out
    shown = run("show", a[:8]).out
    assert f"Incidents grouped into this one: {b[:8]}" in shown
    assert "killed 7–9" in shown  # the Arabic report's 7 and the English one's 9
    assert "Grouped into incident" in run("show", b[:8]).out
    # grouping a into b now would make a loop
    again = run("group", a[:8], b[:8])
    assert again.code == 2 and "into itself" in again.err
    undo = run("group", "--undo", b[:8])
    assert undo.code == 0 and "2 incident(s)" in run("list").out
    assert run("group", "--undo", b[:8]).code == 2
    history = run("history", b[:8]).out
    assert "grouped_into" in history  # both the grouping and its undoing are in the trail
    assert run("verify").code == 0


def test_a_grouping_travels_and_edits_made_meanwhile_elsewhere_merge(ws, files) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        a = ingest_report(w, ARABIC, ref_date=SUNDAY).incident_ids[0]
    with ws.writing() as w:
        b = ingest_report(w, ENGLISH, ref_date=SUNDAY, separate=True).incident_ids[0]
    # another laptop corrects b's toll while this one groups b into a
    nine = {"min": 10, "max": 10, "approximate": False}
    on_other_laptop(ws, lambda w: w.record("incident", b, {"killed": nine}))
    with ws.writing() as w:
        grouping.group(w, b, a)
    with ws.db.read() as s:
        record = grouping.data_record(s, a, public=False)
        assert grouping.members(s, a) == [b]
        assert len(record.per_source) == 2
        assert get_incident(s, b).killed == Casualties(10, 10)  # the other laptop's edit
    # the grouping goes to the other laptop and comes back: still one group
    on_other_laptop(ws, lambda w: None)
    with ws.db.read() as s:
        assert grouping.root_of(s, b) == a


def test_a_loop_made_on_two_laptops_and_a_deleted_incident_hide_nothing(run, ws) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        a = ingest_report(w, ARABIC, ref_date=SUNDAY).incident_ids[0]
    with ws.writing() as w:
        b = ingest_report(w, ENGLISH, ref_date=SUNDAY, separate=True).incident_ids[0]
    with ws.writing() as w:
        grouping.group(w, b, a)
    assert "1 incident(s)" in run("list").out
    # the other laptop, not knowing of it yet, groups a into b: a loop once merged
    on_other_laptop(ws, lambda w: w.record("incident", a, {"grouped_into": b}, seen={}))
    listed = run("list").out
    assert "2 incident(s)" in listed and a[:8] in listed and b[:8] in listed
    with ws.db.read() as s:
        assert grouping.root_of(s, a) == a and grouping.root_of(s, b) == b
    # settled: a stands alone again; then a is deleted: b, grouped into it, is shown again
    with ws.writing() as w:
        grouping.ungroup(w, a)
    assert "1 incident(s)" in run("list").out
    assert run("delete", a[:8]).code == 0
    listed = run("list").out
    assert "1 incident(s)" in listed and b[:8] in listed


def test_a_data_export_gives_one_row_per_group_with_the_range_of_all_its_reports(  # type: ignore[no-untyped-def]
    run, files, tmp_path: Path
) -> None:
    import csv

    [[a, *_]] = _lines(run("ingest", str(files["ar"]), "--ref-date", "2022-11-06").out)
    [[b, *_]] = _lines(
        run("ingest", str(files["en"]), "--ref-date", "2022-11-06", "--separate").out
    )
    assert run("group", b[:8], a[:8]).code == 0
    out = tmp_path / "airwars.csv"
    done = run("export-data", "--format", "airwars", "--all", "-o", str(out))
    assert done.code == 0, done.err
    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert len(rows) == 1  # b is a's report told again, not an incident of its own
    assert (rows[0]["civilians_killed_min"], rows[0]["civilians_killed_max"]) == ("7", "9")
