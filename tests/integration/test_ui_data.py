"""File → Export data… and File → Import data… in the window: the plain-file warning,
incidents not public left out, progress off the UI thread, the column preview of another
tool's CSV, and refused rows listed with nothing imported."""

from __future__ import annotations

import csv

from conftest import incident_count, plain
from tawthiq import services
from tawthiq.services.data_files import formats
from tawthiq.ui.data_dialogs import DataChoice, ExportDataDialog, MappingDialog


def _status(window) -> str:  # type: ignore[no-untyped-def]
    return plain(window.statusBar().currentMessage())


def _two(ws) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        services.incidents.create_incident(
            w, {"title_ar": "قصف مخيم مرام", "killed": 9, "confidentiality": "public"}
        )
        services.incidents.create_incident(w, {"title_en": "Restricted", "killed": 1})


def test_export_data_writes_the_public_incidents(qtbot, window_factory, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _two(ws)
    window = window_factory()
    target = tmp_path / "out.csv"
    asked: list[tuple[int, int]] = []

    def ask(chosen: int, not_public: int) -> DataChoice:
        asked.append((chosen, not_public))
        return DataChoice("csv", target, all_incidents=False, private=False)

    window.data.ask_export_data = ask
    window.actions_["export_data"].trigger()
    qtbot.waitUntil(lambda: "Exported" in _status(window), timeout=20_000)
    assert asked == [(2, 1)]
    assert "Exported 1 incident to" in _status(window) and "1 incident(s) not marked" in (
        _status(window)
    )
    rows = list(csv.DictReader(target.read_text("utf-8-sig").splitlines()))
    assert [r["title_ar"] for r in rows] == ["قصف مخيم مرام"]


def test_the_export_dialog_says_what_is_left_out(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDataDialog(formats(), 5, 2, tmp_path)
    qtbot.addWidget(dialog)
    assert "not encrypted" in " ".join(w.text() for w in dialog.findChildren(type(dialog.left_out)))
    assert "2 are not marked public: they are left out" in dialog.left_out.text()
    assert dialog.path.text() == str(tmp_path / "tawthiq-csv.csv")
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    assert dialog.path.text() == str(tmp_path / "tawthiq-json.json")  # follows the format
    dialog.private.setChecked(True)
    assert "2 incidents not marked public are included" in dialog.left_out.text()
    assert dialog.choice() == DataChoice("json", tmp_path / "tawthiq-json.json", True, True)


def test_another_tools_csv_is_previewed_then_imported(qtbot, window, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("Date,Location,Killed,Remark\n2022-11-06,مخيم مرام,9,a\n"
                      "2022-11-07,Sarmada,3,b\n", encoding="utf-8")  # fmt: skip
    seen: dict[str, object] = {}

    def ask_mapping(preview):  # type: ignore[no-untyped-def]
        dialog = MappingDialog(preview, window)
        qtbot.addWidget(dialog)
        table = dialog.table
        seen["columns"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        seen["first"] = [table.item(r, 2).text() for r in range(table.rowCount())]
        seen["guessed"] = [c.currentData() for c in dialog.combos]
        dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("place_name"))
        return dialog.mapping()

    window.data.ask_data_file = lambda: theirs
    window.data.ask_mapping = ask_mapping
    window.actions_["import_data"].trigger()
    qtbot.waitUntil(lambda: "Imported" in _status(window), timeout=20_000)
    assert seen["columns"] == ["Date", "Location", "Killed", "Remark"]
    assert seen["first"] == ["2022-11-06", "مخيم مرام", "9", "a"]
    assert seen["guessed"] == ["date_start", "", "killed", ""]  # by name or label
    assert "Imported 2 incidents" in _status(window)
    assert incident_count(ws) == 2


def test_a_refused_row_is_listed_and_nothing_is_imported(qtbot, window, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ours = tmp_path / "ours.csv"
    ours.write_text("\ufeffid,title_en,date_start,killed_min,killed_max\n"
                    ",Fine,2022-11-06,3,3\n,Bad,2022-13-06,1,1\n", encoding="utf-8")  # fmt: skip
    shown: list[list[str]] = []
    window.data.ask_data_file = lambda: ours
    window.data.ask_mapping = lambda preview: shown.append(["asked"])  # ours: never asked
    window.data.show_refused = shown.append
    window.actions_["import_data"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    (lines,) = shown
    assert lines[0] == "nothing was imported: 1 row(s) refused"
    assert len(lines) == 2 and lines[1].startswith("Row 3: Date: ")  # the field by its label
    assert incident_count(ws) == 0
