"""Place fields that contradict each other never enter a record unremarked (issue 14, item
2): the command line refuses them, an import from another laptop keeps them (signed facts)
and names them, and the window shows them next to the field as they happen. Districts,
subdistricts and the country read in the interface's language everywhere."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from laptops import Laptop
from tests.integration.test_cli import digest
from tests.integration.test_report import pdf_text

from conftest import untouched
from tawthiq.domain.fields import INCIDENT
from tawthiq.services.settings import Settings

SARMADA = ["--governorate", "Idlib", "--district", "Harim", "--subdistrict", "Dana",
           "--pcode", "C4121", "--lat", "36.186707", "--lon", "36.723877"]  # fmt: skip


def test_add_refuses_a_governorate_that_is_not_the_one_of_the_p_code(run, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("add", "--title-en", "Shelling", *SARMADA[2:], "--governorate", "Quneitra")
    assert r.code == 2 and r.out == ""
    assert r.err.strip().count("\n") == 0  # one sentence
    assert "Quneitra is not the governorate of the P-code C4121 (Sarmada, in Idlib)" in r.err
    assert untouched(db_path)  # checked before anything is written


def test_edit_refuses_a_level_that_no_longer_fits_and_saves_nothing(run, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    added = run("add", "--title-en", "Shelling of Sarmada", *SARMADA)
    assert added.code == 0, added.err
    incident_id = added.out.strip()
    before = digest(db_path)
    r = run("edit", incident_id[:8], "--district", "Afrin")
    assert r.code == 2
    assert "Idlib is not the governorate of the district Afrin (in Aleppo)" in r.err
    r = run("edit", incident_id[:8], "--lat", "33.51", "--lon", "36.29")
    assert r.code == 2
    assert "the coordinates 33.51000, 36.29000 lie in Damascus, not in Idlib" in r.err
    assert digest(db_path) == before
    # the whole place changed at once is no contradiction
    afrin = ["--governorate", "Aleppo", "--district", "Afrin", "--subdistrict", "Afrin",
             "--pcode", "C1366", "--lat", "36.51", "--lon", "36.87"]  # fmt: skip
    moved = run("edit", incident_id[:8], *afrin)
    assert moved.code == 0, moved.err


def test_show_names_district_subdistrict_and_country_in_both_languages(run) -> None:  # type: ignore[no-untyped-def]
    incident_id = run("add", "--title-en", "Shelling", *SARMADA, "--country", "SY").out.strip()
    shown = run("show", incident_id[:8]).out
    assert "District / المنطقة: Harim / حارم" in shown
    assert "Subdistrict / الناحية: Dana / دانا" in shown
    assert "Country / الدولة: SY (Syria / سوريا)" in shown
    assert "CONTRADICTION" not in shown


def test_an_import_keeps_a_contradiction_and_names_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Another laptop's signed events are merged as they are (an older release did not
    check); the summary, ``show`` and the form name the contradiction, and it can be put
    right by an edit while other edits are not blocked by it."""
    amal = Laptop(tmp_path, "Amal")
    incident_id = str(uuid.uuid4())
    with amal.ws.writing() as w:  # written as a release without the check wrote it
        w.record(INCIDENT, incident_id, {"title_en": "Shelling", "governorate": "Quneitra",
                 "district": "Harim", "pcode": "C4121"}, new=True)  # fmt: skip
    export = amal.export()
    amal.close()
    imported = run("import", "--accept-new-devices", str(export))
    assert imported.code == 0, imported.err
    assert (
        f"contradiction: incident {incident_id[:8]}: governorate: Quneitra is not the "
        "governorate of the P-code C4121 (Sarmada, in Idlib)"
    ) in imported.out
    shown = run("show", incident_id[:8]).out
    assert "CONTRADICTION in governorate: Quneitra is not the governorate" in shown
    assert run("edit", incident_id[:8], "--killed", "3").code == 0  # not blocked by it
    assert run("edit", incident_id[:8], "--governorate", "Hama").code == 2  # another one
    assert run("edit", incident_id[:8], "--governorate", "Idlib").code == 0
    assert "CONTRADICTION" not in run("show", incident_id[:8]).out


def test_the_pdf_prints_district_and_subdistrict_in_arabic(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident_id = run("add", "--title-en", "Shelling", *SARMADA).out.strip()
    pdf = tmp_path / "r.pdf"
    assert run("report", incident_id[:8], "-o", str(pdf)).code == 0
    text = pdf_text(pdf)
    assert "Harim" in text and "Dana" in text  # the English column
    assert "حارم" in text and "دانا" in text  # the Arabic one


# --- the window -------------------------------------------------------------------------


def _pick_sarmada(form) -> None:  # type: ignore[no-untyped-def]
    place = form.cells["place_name"].editor
    place.setFocus()
    place.setText("سرمدا")
    place.textEdited.emit("سرمدا")
    place.pick(next(c for c in place.choices() if c.pcode == "C4121"))


def _choose_governorate(qtbot, form, name_en: str) -> None:  # type: ignore[no-untyped-def]
    """As a person does it: focus the drop-down and move through it with the keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    combo = form.cells["governorate"].editor
    combo.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        for _ in range(combo.count()):
            if combo.value() == name_en:
                return
            QTest.keyClick(combo, key)
    raise AssertionError(f"{name_en} is not offered")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_window_flags_a_governorate_that_contradicts_the_place(
    qtbot, window, ws, language: str
) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.desk import Desk
    from tawthiq.store import IncidentFilter

    window.apply_settings(Settings(author="Amal", language=language))
    form = window.review.form
    _pick_sarmada(form)
    cells = form.cells
    assert (cells["district"].value(), cells["subdistrict"].value()) == ("Harim", "Dana")
    assert cells["country"].value() == "SY"
    assert not any(c.error.isVisibleTo(form) for c in cells.values())
    _choose_governorate(qtbot, form, "Quneitra")
    error = cells["governorate"].error
    assert error.isVisibleTo(form)
    quneitra, sarmada = ("القنيطرة", "سرمدا") if language == "ar" else ("Quneitra", "Sarmada")
    assert quneitra in error.text() and sarmada in error.text() and "C4121" in error.text()
    window.review.save()
    assert Desk(ws).count(IncidentFilter()) == 0  # nothing saved while it contradicts
    _choose_governorate(qtbot, form, "Idlib")
    assert not error.isVisibleTo(form)


def test_the_arabic_window_shows_district_subdistrict_and_country_by_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.apply_settings(Settings(author="Amal", language="ar"))
    form = window.review.form
    _pick_sarmada(form)
    offered = form.cells["place_name"].editor.model
    texts = [offered.item(r).text() for r in range(offered.rowCount())]
    assert any(t.startswith("سرمدا — Sarmada") and t.endswith("حارم، إدلب") for t in texts)
    cells = form.cells
    shown = [cells[n].editor.text() for n in ("district", "subdistrict", "country")]
    assert shown == ["حارم", "دانا", "سوريا"]
    assert [cells[n].value() for n in ("district", "subdistrict", "country")] == [
        "Harim", "Dana", "SY"]  # fmt: skip
    # a district typed by hand that is not the one of the P-code is flagged at once
    district = cells["district"].editor
    district.setText("عفرين")
    district.textEdited.emit("عفرين")
    assert cells["district"].value() == "Afrin"  # stored as the extractor writes it
    assert cells["governorate"].error.isVisibleTo(form)
    assert "عفرين" in cells["governorate"].error.text()
    window.apply_settings(Settings(author="Amal", language="en"))
    assert cells["subdistrict"].editor.text() == "Dana"


def test_the_window_import_summary_names_a_contradiction_and_opens_it(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    basel = Laptop(tmp_path, "Basel")
    incident_id = str(uuid.uuid4())
    with basel.ws.writing() as w:  # as a release without the check wrote it
        w.record(INCIDENT, incident_id, {"title_en": "Shelling", "governorate": "Quneitra",
                 "pcode": "C4121"}, new=True)  # fmt: skip
    path = basel.export()
    basel.close()
    window.sync.ask_trust = lambda devices: True
    window.sync.import_files([path])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=20_000)
    listed = window.sync.summary.contradicting
    assert listed.isVisibleTo(window.sync.summary) and listed.count() == 1
    item = listed.item(0)
    assert "Quneitra is not the governorate of the P-code C4121" in item.text()
    listed.itemActivated.emit(item)  # shows it in the list, selected
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1, timeout=30_000)
    qtbot.waitUntil(lambda: window.incidents.table.currentIndex().isValid(), timeout=30_000)
    window.incidents.table.activated.emit(window.incidents.table.currentIndex())  # Return
    form = window.review.form
    qtbot.waitUntil(lambda: form.cells["governorate"].value() == "Quneitra", timeout=30_000)
    assert form.cells["governorate"].error.isVisibleTo(form)
