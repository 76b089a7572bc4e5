"""Where each value came from (format 2): a value the extractor suggested is saved as not
checked, stays so in `show`, `list`, `history`, the PDF and another laptop's copy until a
person confirms it, and a forged "confirmed" fails `verify`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from laptops import Laptop, read_lines, write_lines
from test_report import pdf_text

from conftest import connect
from tawthiq.domain.errors import TawthiqError
from tawthiq.services.incidents import create_incident
from tawthiq.store.events import canonical_json, column_hash

REPORT = (
    "إدلب - مراسل محلي\n"
    "قُتل سبعة مدنيين بينهم طفلان، وأصيب 12 آخرون، مساء أمس السبت، بقصف مدفعي لقوات النظام "
    "على سوق بلدة سرمدا شمالي إدلب، بحسب الدفاع المدني.\n"
)


@pytest.fixture
def ingested(run, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    r = run("ingest", str(report), "--ref-date", "2022-11-06")
    assert r.code == 0, r.err
    assert "saved as suggested by the extractor, not checked" in r.err
    return r.out.split()[0]


def _origins(db: Path, incident_id: str) -> dict[str, str | None]:
    with connect(db) as con:
        rows = con.execute(
            "SELECT field, origin FROM event WHERE entity_id = ? ORDER BY seq", (incident_id,)
        )
        return dict(rows.fetchall())


def test_ingested_values_are_saved_as_not_checked(run, ingested: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    origins = _origins(db_path, ingested)
    assert origins["killed"] == origins["place_name"] == "extractor"
    assert origins["status"] == "person"  # a default of every new record, not a suggestion
    shown = run("show", ingested).out
    killed = next(line for line in shown.splitlines() if line.startswith("  Killed"))
    assert killed.endswith("(suggested by the extractor, not checked)")
    assert "not checked]" in run("list").out
    history = run("history", ingested).out
    assert "killed: (new) -> 7  (suggested by the extractor, not checked)" in history


def test_a_person_confirms_a_value_and_the_record_says_so(  # type: ignore[no-untyped-def]
    run, ingested: str, db_path: Path
) -> None:
    r = run("edit", ingested[:8], "--confirm", "killed")
    assert r.code == 0, r.err
    assert "1 field(s) changed" in r.out and "still suggested, not checked" in r.out
    killed = next(line for line in run("show", ingested).out.splitlines() if "Killed" in line)
    assert "not checked" not in killed and killed.endswith(": 7")
    assert "killed: 7 -> 7" in run("history", ingested).out  # the check is in the audit trail
    assert run("verify").code == 0
    # confirming every value leaves nothing marked; confirming again changes nothing
    assert run("edit", ingested[:8], "--confirm", "all").code == 0
    assert "not checked" not in run("show", ingested).out
    assert "no change" in run("edit", ingested[:8], "--confirm", "all").out
    # a field that does not exist is refused before the database is touched
    bad = run("edit", ingested[:8], "--confirm", "kiled")
    assert bad.code == 2 and "kiled" in bad.err


def test_a_forged_confirmation_fails_verify(run, ingested: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The origin is inside the signed hash: marking a suggestion 'person' outside Tawthiq
    is tampering, named by `verify`."""
    assert run("verify").code == 0
    with connect(db_path) as con:
        con.execute(
            "UPDATE event SET origin = 'person' WHERE entity_id = ? AND field = 'killed'",
            (ingested,),
        )
    r = run("verify")
    assert r.code == 1
    assert "no longer matches its hash" in r.err


def test_the_pdf_says_which_values_nobody_checked(run, ingested: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("edit", ingested[:8], "--confirm", "governorate").code == 0
    pdf = tmp_path / "r.pdf"
    assert run("report", ingested[:8], "-o", str(pdf), "--lang", "en").code == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "no person has checked them" in flat
    assert "Shelling/artillery/missile attack (suggested by the extractor, not checked)" in flat
    governorate = next(line for line in text.splitlines() if "Governorate" in line)
    assert "not checked" not in governorate  # a person confirmed it
    killed_row = next(line for line in text.splitlines() if line.strip().startswith("In all"))
    assert "(not checked)" in killed_row
    # the sample report in both languages: the marks make its facts table long, and it
    # begins on the first page instead of leaving that page empty
    from tawthiq.domain.resources import read_text
    from tawthiq.services.demo import SAMPLE

    sample = tmp_path / "sample.txt"
    sample.write_text(read_text(SAMPLE), encoding="utf-8")
    maram = run("ingest", str(sample), "--ref-date", "2022-11-06").out.split()[0]
    both = tmp_path / "both.pdf"
    assert run("report", maram[:8], "-o", str(both), "--lang", "both").code == 0
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(both), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "The incident" in first and "Date" in first
    ar = tmp_path / "ar.pdf"
    assert run("report", ingested[:8], "-o", str(ar), "--lang", "ar").code == 0
    arabic = pdf_text(ar)
    lines = arabic.splitlines()
    # (pdftotext gives parentheses in their visual order, so only the words are compared)
    assert any("قصف مدفعي أو صاروخي" in x and "اقترحه الاستخراج الآلي ولم يُراجَع" in x
               for x in lines)  # fmt: skip
    figures = [x for x in lines if "لم يُراجَع" in x and "اقترحه" not in x]
    assert len(figures) >= 2  # the casualty table's figures


def test_an_export_carries_what_was_checked(tmp_path: Path) -> None:
    amal, basel = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Basel")
    try:
        with amal.ws.writing() as w:
            incident_id = create_incident(
                w, {"title_en": "Sarmada", "killed": 7, "governorate": "Idlib"},
                suggested=("killed", "governorate"),
            )  # fmt: skip
        amal.edit(incident_id, killed=8)  # a person's own figure
        assert amal.incident(incident_id).unchecked == ("governorate",)
        path = amal.export()
        assert json.loads(read_lines(path)[0])["version"] == 2
        basel.import_(path)
        assert basel.incident(incident_id).unchecked == ("governorate",)
        assert basel.verify().ok
    finally:
        amal.close()
        basel.close()


def test_an_import_with_a_forged_or_unknown_origin_is_refused(tmp_path: Path) -> None:
    amal, basel = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Basel")
    try:
        with amal.ws.writing() as w:
            create_incident(w, {"title_en": "Sarmada", "killed": 7}, suggested=("killed",))
        path = amal.export()
        lines = read_lines(path)
        at = next(i for i, line in enumerate(lines) if b'"extractor"' in line)
        item = json.loads(lines[at])
        before = basel.digest()
        # "confirmed" without the key that signed the event: its hash no longer matches
        item[13] = "person"
        write_lines(path, [*lines[:at], canonical_json(item).encode(), *lines[at + 1 :]])
        with pytest.raises(TawthiqError, match=r"was changed|does not follow"):
            basel.import_(path)
        # an origin Tawthiq does not know, even rehashed, is a damaged event
        item[13] = "god"
        item[11] = column_hash(item)
        write_lines(path, [*lines[:at], canonical_json(item).encode(), *lines[at + 1 :]])
        with pytest.raises(TawthiqError, match="has a bad origin"):
            basel.import_(path)
        assert basel.digest() == before
    finally:
        amal.close()
        basel.close()


def test_writing_the_suggested_value_checks_it(run, ingested: str) -> None:  # type: ignore[no-untyped-def]
    r = run("edit", ingested[:8], "--killed", "7")  # the person typed what the extractor read
    assert r.code == 0 and "1 field(s) changed" in r.out
    killed = next(line for line in run("show", ingested).out.splitlines() if "Killed" in line)
    assert "not checked" not in killed


def test_confirming_leaves_a_conflict_to_be_settled(run, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A person's 10 and the extractor's 12, written without seeing each other: confirming
    the 12 shown must not quietly drop the 10."""
    from tawthiq import services
    from tawthiq.services.incidents import edit_incident

    ws = services.open_workspace(db_path, author="Amal")
    with ws.writing() as w:
        incident_id = create_incident(w, {"title_en": "Sarmada", "killed": 10})
    with ws.writing() as w:
        edit_incident(w, incident_id, {"killed": 12}, seen={"killed": ()}, suggested=["killed"])
    ws.close()
    assert "CONFLICT in killed" in run("show", incident_id).out
    r = run("edit", incident_id[:8], "--confirm", "all")
    assert r.code == 0
    assert "not confirmed, in conflict: killed" in r.out and "tawthiq resolve" in r.out
    shown = run("show", incident_id).out
    assert "CONFLICT in killed" in shown
    killed = next(line for line in shown.splitlines() if line.startswith("  Killed"))
    assert killed.endswith("(suggested by the extractor, not checked)")


def test_a_check_made_while_another_laptop_deleted_contests_nothing(tmp_path: Path) -> None:
    """Basel confirms a suggested figure while Amal deletes the incident: the check changed
    no value, so after both merge the incident is deleted, with no conflict to settle."""
    amal, basel = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Basel")
    try:
        with amal.ws.writing() as w:
            incident_id = create_incident(
                w, {"title_en": "Sarmada", "killed": 7}, suggested=("killed",)
            )
        basel.import_(amal.export())
        with basel.ws.writing() as w:
            from tawthiq.services.incidents import edit_incident

            edit_incident(w, incident_id, {}, confirmed=["killed"])
        amal.delete(incident_id)
        amal.import_(basel.export())
        basel.import_(amal.export())
        for laptop in (amal, basel):
            seen = laptop.incident(incident_id)
            assert seen.deleted and not seen.conflicts and seen.unchecked == ()
        assert amal.digest() == basel.digest()
    finally:
        amal.close()
        basel.close()


def test_verified_only_once_every_value_is_checked(run, ingested: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = run("show", ingested).out
    r = run("edit", ingested[:8], "--status", "verified")
    assert r.code == 2 and "cannot be marked verified while" in r.err and "not checked" in r.err
    assert run("show", ingested).out == before  # nothing changed
    r = run("edit", ingested[:8], "--confirm", "all", "--status", "verified")
    assert r.code == 0, r.err
    assert "Review status / حالة المراجعة: verified" in run("show", ingested).out


def test_verified_not_while_place_fields_contradict(run, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A record that arrived contradicting itself can be edited, but not called verified."""
    import uuid

    from tawthiq import services
    from tawthiq.domain.fields import INCIDENT

    ws = services.open_workspace(db_path, author="Amal")
    incident_id = str(uuid.uuid4())
    with ws.writing() as w:  # as a release without the check wrote it
        w.record(INCIDENT, incident_id, {"title_en": "Shelling", "governorate": "Quneitra",
                 "pcode": "C4121"}, new=True)  # fmt: skip
    ws.close()
    assert run("edit", incident_id[:8], "--status", "reviewed").code == 0
    r = run("edit", incident_id[:8], "--status", "verified")
    assert r.code == 2 and "contradict each other" in r.err and "Quneitra" in r.err
