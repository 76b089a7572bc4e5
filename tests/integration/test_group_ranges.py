"""Many reports, one incident, in lists: the range of the killed and injured figures the
reports of each incident's group gave is kept in the incident table, so `tawthiq list` and
the window sort and filter on it; it stays right through edits, groupings, `rebuild` and an
export imported elsewhere, and `verify` notices it edited behind the log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_report_by_source import FIRST, LATER, RAISED

from tawthiq import services
from tawthiq.services import grouping
from tawthiq.services.desk import Desk
from tawthiq.store import IncidentFilter
from tawthiq.store.group_ranges import RANGE_COLUMNS as COLUMNS

ON_SERVER = True

ALONE = "قصف مدفعي على قرية كفرنبل في ريف إدلب يوم 20 نيسان 2026 أدى إلى مقتل 3 مدنيين وإصابة 4."


def _ingest(run, tmp_path: Path, name: str, text: str, day: str, *more: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, "utf-8")
    result = run("ingest", str(path), "--ref-date", day, "--author", "Amal", *more)
    assert result.code == 0, result.err
    return result.out.split()[0][:8]


def _scene(run, tmp_path: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """An attack told by two reports (5 then 8 killed) and another by one (3 killed)."""
    group = _ingest(run, tmp_path, "a.txt", FIRST, "2026-03-12", "--outlet", "Enab Baladi")
    assert _ingest(run, tmp_path, "b.txt", RAISED, "2026-03-13", "--outlet", "SOHR") == group
    alone = _ingest(run, tmp_path, "c.txt", ALONE, "2026-04-21")
    return group, alone


def _listed(run, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    result = run("list", *args)
    assert result.code == 0, result.err
    return [line.split()[0] for line in result.out.splitlines() if "  20" in line]


def test_the_list_sorts_and_filters_by_the_range_across_reports(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    group, alone = _scene(run, tmp_path)
    lines = run("list").out
    assert "[reports: killed 5–8, injured 10–15]" in lines
    assert _listed(run, "--sort", "range") == [group, alone]
    assert _listed(run, "--sort", "range", "--ascending") == [alone, group]
    # a report gave 7 or more killed only of the group; 4 or fewer only of the other
    assert _listed(run, "--killed-range-min", "7") == [group]
    assert _listed(run, "--killed-range-min", "9") == []
    assert _listed(run, "--killed-range-max", "4") == [alone]
    assert _listed(run, "--killed-range-max", "5") == [alone, group]  # newest first
    assert _listed(run, "--injured-range-min", "12", "--killed-range-max", "6") == [group]
    assert _listed(run, "--sort", "injured-range") == [group, alone]
    bad = run("list", "--killed-range-min", "-1")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "Traceback" not in bad.err


def test_a_grouping_widens_the_range_and_undoing_it_narrows_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    group, _ = _scene(run, tmp_path)
    later = _ingest(run, tmp_path, "d.txt", LATER, "2026-03-14", "--separate")
    assert _listed(run, "--killed-range-min", "10") == [later]
    assert run("group", later, group).code == 0
    assert _listed(run, "--killed-range-min", "10") == [group]  # 5–12 now, shown once
    assert "[reports: killed 5–12, injured 10–15]" in run("list").out
    assert run("verify").code == 0
    assert run("group", "--undo", later).code == 0
    assert sorted(_listed(run, "--killed-range-min", "10")) == [later]
    assert "[reports: killed 5–8, injured 10–15]" in run("list").out
    assert run("group", later, group).code == 0
    assert run("delete", later).code == 0  # a deleted member no longer counts either
    assert _listed(run, "--killed-range-min", "10") == []
    assert "[reports: killed 5–8, injured 10–15]" in run("list").out
    assert run("verify").code == 0


def _ranges(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        cols = ", ".join(COLUMNS)
        return conn.execute(f"SELECT id, {cols} FROM incident ORDER BY id").fetchall()


@pytest.mark.parametrize("at_rest", ["plain"], indirect=True)  # read with sqlite3 itself
def test_rebuild_export_and_import_give_the_same_ranges_and_verify_checks_them(
    run, tmp_path: Path, db_path: Path, at_rest
) -> None:  # type: ignore[no-untyped-def]
    group, alone = _scene(run, tmp_path)
    later = _ingest(run, tmp_path, "d.txt", LATER, "2026-03-14", "--separate")
    assert run("group", later, group).code == 0
    before = _ranges(db_path)
    by_id = {row[0][:8]: row[1:] for row in before}
    assert by_id[group] == (5, 12, 10, 15) and by_id[alone] == (3, 3, 4, 4)
    assert run("rebuild").code == 0
    assert _ranges(db_path) == before
    export = tmp_path / "out.tawthiq"
    assert run("export", "-o", str(export), "--unencrypted").code == 0
    other = tmp_path / "other.db"
    imported = run("import", "--accept-new-devices", str(export), db=other)
    assert imported.code == 0, imported.err
    assert _ranges(other) == before
    assert run("verify", db=other).code == 0
    # the column edited behind the log: verify says which incident and column
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE incident SET range_killed_max = 40 WHERE id LIKE ?", (group + "%",))
    failed = run("verify")
    assert failed.code == 1 and "range_killed_max" in failed.err and group in failed.err


def test_the_window_list_sorts_by_the_range(ws: services.Workspace, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from tawthiq.ui.list_model import KILLED_RANGE, IncidentTableModel

    desk = Desk(ws)
    with ws.writing() as w:
        for n, (killed, reported) in enumerate(((2, (2, 30)), (9, (9, 9)), (4, (1, 4)))):
            inc = services.incidents.create_incident(
                w, {"title_en": f"Strike {n}", "date_start": f"2026-01-0{n + 1}", "killed": killed}
            )
            for m, figure in enumerate(reported):
                report = services.incidents.add_source_report(
                    w, {"text": f"report {n}.{m}", "outlet": f"Outlet {m}"}, incident_ids=[]
                )
                grouping.add_report(w, inc, report, {"killed": {"min": figure, "max": figure}})
    model = IncidentTableModel(desk.page, desk.count)
    model.reload()
    header = model.headerData(KILLED_RANGE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Killed (range)"
    model.sort(KILLED_RANGE, Qt.SortOrder.DescendingOrder)
    shown = [model.text(inc, KILLED_RANGE) for inc in model.rows]
    assert [s.strip("\u2066\u2067\u2068\u2069") for s in shown] == ["2–30", "9", "1–4"]
    model.sort(KILLED_RANGE, Qt.SortOrder.AscendingOrder)
    assert [inc.title for inc in model.rows] == ["Strike 2", "Strike 1", "Strike 0"]
    assert desk.count(IncidentFilter(ranges=(("killed", "min", 10),))) == 1


def test_the_range_column_is_named_in_arabic(
    ws: services.Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From this tree's catalog, compiled as the build compiles it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from PySide6.QtCore import Qt

    from tawthiq import i18n
    from tawthiq.ui.list_model import KILLED_RANGE, IncidentTableModel

    po = Path(__file__).parents[2] / "i18n" / "ar" / "LC_MESSAGES" / "tawthiq.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="ar")
    mo = tmp_path / "tawthiq.mo"
    with mo.open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: mo)
    i18n.setup_i18n("ar")
    desk = Desk(ws)
    model = IncidentTableModel(desk.page, desk.count)
    header = model.headerData(KILLED_RANGE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "القتلى (المدى)"
