"""One registry of incident fields: the form, the CLI, the PDF, the extraction-to-form
mapping and the table's columns are built from it. ``munition_remnants`` was added through
the whole path by adding it to the registry (plus its phrases, its column and a migration):
these tests follow it end to end, with real parts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from tests.conftest import listed
from tests.integration.test_report import pdf_text

from tawthiq import services
from tawthiq.cli import build_parser
from tawthiq.domain.fields import (
    INCIDENT_FIELDS,
    PRINTED,
    SECTIONS,
    cli_options,
    extracted_fields,
    form_sections,
    incident_fields,
    printed_fields,
)
from tawthiq.domain.records import Incident
from tawthiq.extract import extract
from tawthiq.extract.result import FIELDS as CONTRACT
from tawthiq.services.drafts import drafts_from
from tawthiq.store.models import IncidentRow
from tawthiq.ui.incident_form import _EDITORS

UXO_AR = (
    "إدلب - مراسل محلي\n"
    "قُتل ثلاثة مدنيين وأصيب خمسة آخرون، اليوم الأحد، بقصف صاروخي لقوات النظام على بلدة "
    "سرمدا شمالي إدلب. وقال الدفاع المدني إن فرقه عثرت على ذخائر عنقودية غير منفجرة "
    "في الحي المستهدف.\n"
)
UXO_EN = (
    "Two civilians were killed on Sunday when a rocket hit a house in Sarmada, Idlib. "
    "Civil defence teams later removed unexploded ordnance from the street."
)
PLAIN_AR = "قُتل ثلاثة مدنيين اليوم الأحد بقصف صاروخي لقوات النظام على بلدة سرمدا شمالي إدلب."
SUNDAY = date(2022, 11, 6)


def test_every_registry_attribute_names_something_that_exists() -> None:
    sections = {code for code, _ in SECTIONS}
    table = IncidentRow.__table__.c  # type: ignore[attr-defined]
    for spec in INCIDENT_FIELDS:
        assert spec.section is None or spec.section in sections, spec.name
        assert spec.printed is None or spec.printed in PRINTED, spec.name
        assert spec.form_editor in _EDITORS, spec.name
        if spec.column:  # a figure is two columns, its minimum and maximum
            names = (
                [f"{spec.name}_min", f"{spec.name}_max"] if spec.kind == "count" else [spec.name]
            )
            assert all(n in table for n in names), spec.name
    options = [s.cli for s in INCIDENT_FIELDS if s.cli]
    assert len(options) == len(set(options))
    # the extraction contract is exactly the fields the registry fills from it, in order
    assert list(CONTRACT) == list(dict.fromkeys(s.extract_field for s in extracted_fields()))
    # each incident also says which sentence of the report it rests on
    assert set(extract("").incidents[0].to_dict()) == {*CONTRACT, "sentence"}


def test_every_cli_option_of_the_registry_is_on_add_and_edit() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for command in ("add", "edit"):
        known = {o for a in sub.choices[command]._actions for o in a.option_strings}  # type: ignore[attr-defined]
        assert {f"--{o}" for o in cli_options()} <= known, command
    assert "--munition-remnants" in {
        o
        for a in sub.choices["list"]._actions
        for o in a.option_strings  # type: ignore[attr-defined]
    }


def test_an_incident_reads_its_fields_through_the_registry() -> None:
    inc = Incident.from_state("x", {"target": "market", "munition_remnants": True})
    assert inc.code("target") == "market" and inc.flag("munition_remnants") is True
    assert Incident.from_state("y", {}).flag("munition_remnants") is None
    with pytest.raises(KeyError):
        inc.code("targets")  # a misspelt field fails at once instead of reading nothing
    with pytest.raises(KeyError):
        inc.flag("target")  # and so does the wrong kind


@pytest.mark.parametrize(("text", "words"), [(UXO_AR, "غير منفجرة"), (UXO_EN, "unexploded")])
def test_the_extractor_reads_munition_remnants_with_its_words(text: str, words: str) -> None:
    found = extract(text, ref_date=SUNDAY).incidents[0]["munition_remnants"]
    assert found.value is True
    assert [text[a:b] for a, b in found.spans] and text[slice(*found.spans[0])].startswith(words)
    # the form's draft takes it as a suggestion with the same evidence
    draft = drafts_from(extract(text, ref_date=SUNDAY))[0]
    assert draft.values["munition_remnants"] is True
    assert draft.evidence["munition_remnants"].spans == found.spans


def test_a_report_that_does_not_mention_remnants_leaves_the_field_unknown() -> None:
    found = extract(PLAIN_AR, ref_date=SUNDAY).incidents[0]
    assert found["munition_remnants"].value is None and found["killed"].value == 3
    assert "munition_remnants" not in drafts_from(extract(PLAIN_AR, ref_date=SUNDAY))[0].values
    assert extract(PLAIN_AR, ref_date=SUNDAY).to_dict()["incidents"][0]["munition_remnants"] == {
        "value": None, "confidence": 0.0, "spans": []
    }  # fmt: skip


def test_the_command_line_adds_edits_shows_and_filters_by_it(run) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "add", "--title", "Shelling of Sarmada", "--killed", "3", "--munition-remnants", "yes"
    )
    assert found.code == 0, found.err
    with_remnants = found.out.strip()
    other = run("add", "--title", "Shelling of Atarib", "--killed", "1").out.strip()
    shown = run("show", with_remnants[:8]).out
    assert "Munition remnants found / مخلفات ذخائر في الموقع: yes" in shown
    assert "Munition remnants" not in run("show", other[:8]).out  # unknown is not "no"
    listed = run("list", "--munition-remnants", "yes").out
    assert with_remnants[:8] in listed and other[:8] not in listed
    assert run("edit", other[:8], "--munition-remnants", "no").code == 0
    assert other[:8] in run("list", "--munition-remnants", "no").out
    assert with_remnants[:8] not in run("list", "--munition-remnants", "no").out
    history = run("history", other[:8]).out
    assert "munition_remnants: (new) -> no" in history
    # a wrong word is one sentence and changes nothing
    bad = run("edit", other[:8], "--munition-remnants", "maybe")
    assert bad.code == 2 and bad.err.strip() == "tawthiq: munition_remnants: expected yes or no"
    assert run("history", other[:8]).out == history
    assert run("verify").code == 0


def test_ingest_keeps_what_the_report_says_and_the_pdf_prints_it(  # type: ignore[no-untyped-def]
    run, tmp_path: Path
) -> None:
    report = tmp_path / "sarmada.ar.txt"
    report.write_text(UXO_AR, "utf-8")
    saved = run("ingest", str(report), "--ref-date", "2022-11-06")
    assert saved.code == 0, saved.err
    incident_id = saved.out.split()[0]
    assert "Munition remnants found / مخلفات ذخائر في الموقع: yes" in run("show", incident_id).out
    pdf = tmp_path / "sarmada.pdf"
    assert run("report", incident_id, "-o", str(pdf)).code == 0
    text = " ".join(pdf_text(pdf).split())  # the label may wrap in its cell
    assert "Munition remnants found" in text and "Yes" in text
    assert "مخلفات ذخائر في الموقع" in text and "نعم" in text


def test_json_input_takes_it_as_a_boolean(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    values = tmp_path / "v.json"
    values.write_text(json.dumps({"title_en": "x", "munition_remnants": False}), "utf-8")
    incident_id = run("add", "--json", str(values)).out.strip()
    assert "Munition remnants found / مخلفات ذخائر في الموقع: no" in run("show", incident_id).out


def test_the_form_suggests_it_and_the_list_filters_by_it(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().setText(UXO_AR)
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        QTest.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    cell = window.review.form.cells["munition_remnants"]
    assert cell.value() is True and "munition_remnants" in window.review.form.suggested()
    assert cell.editor.currentText() == "Yes"
    cell.show_evidence()  # the words it came from are highlighted in the report
    assert window.review.report.highlighted() == ["غير منفجرة"]
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "No remnants told", "killed": 1})
    incidents = window.incidents
    incidents.refresh()
    listed(qtbot, incidents)
    assert incidents.model.total == 2
    combo = incidents.flags["munition_remnants"]
    combo.setCurrentIndex(combo.findData(True))
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert incidents.model.total == 1
    assert incidents.model.rows[0].flag("munition_remnants") is True
    combo.setCurrentIndex(combo.findData(False))
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert incidents.model.total == 0  # nobody said "no": unknown is not no


def test_registry_queries_return_fields_in_registry_order() -> None:
    what = [s.name for s in incident_fields(section="what")]
    told = ["incident_type", "weapons", "perpetrators", "target", "munition_remnants"]
    assert [name for name in what if name in told] == told  # later fields may join them
    assert [s.name for s in printed_fields("identity")] == ["status", "evidence_grade"]
    where = [s.name for _, _, specs in form_sections() for s in specs if s.section == "where"]
    assert where[4:8] == ["governorate", "country", "district", "subdistrict"]  # top down
    assert list(cli_options())[-5:-2] == ["grade", "status", "confidentiality"]
