"""A printed report shows only what the audit trail says: someone with the database file
edits a number or a source's text with the sqlite3 tool, and `report` refuses (exit 1, one
sentence, no PDF), while `verify --fingerprint` recomputes the fingerprint from the content
and no longer calls the old copy current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.integration import test_previous_release
from tests.integration.test_report import pdf_text

from conftest import connect
from tawthiq.domain.resources import read_text
from tawthiq.services.demo import SAMPLE

# Printed by Tawthiq 0.1.0 (bf51117) with `tawthiq report 263d0e37` from laptop-a.db, read
# back from its PDF with pdftotext.
PRINTED_BY_0_1 = "ac63e1ed32bd8c59dccc7791f038495fd6fe682364c3cb25bbc7a7e78f44046e"
laptop_a = test_previous_release.laptop_a  # a copy of 0.1's database, as a fixture
REFUSED = (
    "tawthiq: the report was not written: {problem} (behind incident {id}); run `tawthiq "
    "verify`, which checks the whole database\n"
)


def sql(db: Path, statement: str, *params: object) -> list[tuple[object, ...]]:
    con = connect(db)
    with con:
        rows = con.execute(statement, params).fetchall()
    con.close()
    return rows


@pytest.fixture
def maram(run, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The sample report ingested: an incident resting on one source report."""
    report = tmp_path / "maram.txt"
    report.write_text(read_text(SAMPLE), encoding="utf-8")
    r = run("ingest", str(report), "--ref-date", "2022-11-06")
    assert r.code == 0, r.err
    return r.out.split()[0]


def printed_fingerprint(pdf: Path) -> str:
    """The whole fingerprint as the PDF prints it (16 groups of four), read back."""
    found = re.search(r"((?:[0-9a-f]{4} ){15}[0-9a-f]{4})", pdf_text(pdf))
    assert found is not None
    return found.group(1).replace(" ", "")


def print_report(run, incident_id: str, pdf: Path):  # type: ignore[no-untyped-def]
    return run("report", incident_id[:8], "-o", str(pdf))


def killed_event(db: Path, incident_id: str) -> tuple[str, int, str]:
    [(event_id, seq, device)] = sql(
        db,
        "SELECT event_id, seq, device_id FROM event WHERE entity_id = ? AND field = 'killed'",
        incident_id,
    )
    return str(event_id), int(seq), str(device)  # type: ignore[call-overload]


def altered(event_id: object, seq: object, device: object) -> str:
    """How every check names an event whose content no longer matches its hash."""
    return (f"event #{seq} of device {str(device)[:8]} ({event_id}) was altered: its content "
            "no longer matches its hash")  # fmt: skip


def copy_row(db: Path, table: str, row_id: str, **changes: object) -> None:
    """Insert a copy of a row of ``table`` with some columns changed (its number new)."""
    con = connect(db)
    cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "num"]
    row = dict(zip(cols, con.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?",
                                     (row_id,)).fetchone(), strict=True))  # fmt: skip
    row.update(changes)
    with con:
        con.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()))  # fmt: skip
    con.close()


def test_an_honest_edit_gives_a_new_fingerprint_and_the_old_one_is_earlier(  # type: ignore[no-untyped-def]
    run, maram: str, tmp_path: Path
) -> None:
    assert print_report(run, maram, tmp_path / "first.pdf").code == 0
    first = printed_fingerprint(tmp_path / "first.pdf")
    r = run("verify", "--fingerprint", first, "--id", maram[:8])
    assert r.code == 0 and f"incident {maram}" in r.out and "as it is now" in r.out
    assert run("edit", maram[:8], "--killed", "10").code == 0
    assert print_report(run, maram, tmp_path / "second.pdf").code == 0
    second = printed_fingerprint(tmp_path / "second.pdf")
    assert second != first
    r = run("verify", "--fingerprint", first, "--id", maram[:8])
    assert r.code == 0 and "1 change(s) were made after it was printed" in r.out
    r = run("verify", "--fingerprint", second[:16])  # without --id: every incident searched
    assert r.code == 0 and f"incident {maram}" in r.out and "as it is now" in r.out
    assert "printed by Tawthiq 0.1" not in r.out


def test_the_page_footer_takes_an_extra_line(maram: str, db_path: Path, tmp_path: Path) -> None:
    """Where the checkpoint a report was printed from goes, on every page."""
    from tawthiq import services
    from tawthiq.services.values import ReportOptions

    desk = services.Desk(services.open_workspace(db_path, create=False))
    line = "checkpoint #12 · 3f2a91c0"
    written = desk.write_report(
        tmp_path / "r.pdf", ReportOptions(footer_line=line), lambda d, t: None, ids=(maram,)
    )
    desk.close()
    assert pdf_text(tmp_path / "r.pdf").count(line) == written.pages > 1


def test_a_copy_printed_by_0_1_is_recognised_from_content(run, laptop_a: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("verify", "--fingerprint", PRINTED_BY_0_1, "--id", "263d0e37", db=laptop_a)
    assert r.code == 0 and "as it is now" in r.out
    assert "printed by Tawthiq 0.1, which did not check the record before printing" in r.out
    [(event_id,)] = sql(laptop_a, "SELECT event_id FROM event WHERE entity_id LIKE '263d0e37%' "
                        "AND field = 'status' ORDER BY hlc DESC LIMIT 1")  # fmt: skip
    sql(laptop_a, "UPDATE event SET value = '\"verified\"' WHERE event_id = ?", event_id)
    r = run("verify", "--fingerprint", PRINTED_BY_0_1, db=laptop_a)
    assert r.code == 1 and "no incident in this database has this fingerprint" in r.err


def test_attack_event_value_changed_the_window_refuses_with_the_same_sentence(  # type: ignore[no-untyped-def]
    qtbot, window, ws, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from tests.conftest import plain

    from tawthiq import services
    from tawthiq.services.values import ReportOptions

    with ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 9})
    event_id, seq, device = killed_event(db_path, incident)
    sql(db_path, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    window.work.show_reports = False
    pdf = tmp_path / "forged.pdf"
    window.work.write_report(pdf, ReportOptions(author="Amal"), ids=(incident,))
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    sentence = (
        REFUSED.format(problem=altered(event_id, seq, device), id=incident[:8])
        .removeprefix("tawthiq: ")
        .strip()
    )
    assert [plain(t) for t in warned] == [sentence]
    assert plain(window.statusBar().currentMessage()) == sentence
    assert not pdf.exists()


NOT_VERIFIED = (
    "tawthiq: the record behind this fingerprint does not verify: {problem} (incident {id}); "
    "run `tawthiq verify`, which checks the whole database\n"
)


def content_fingerprint(db: Path, incident_id: str) -> str:
    """The fingerprint of the incident's events as they are now, as anyone holding the file
    can compute it (with the content as it was altered)."""
    from tawthiq import services
    from tawthiq.store import fingerprint as fp

    ws = services.open_workspace(db, create=False)
    with ws.db.read() as s:
        found = fp.fingerprint(fp.covered_events(s, incident_id))
    ws.close()
    return found


@pytest.mark.parametrize("with_id", [True, False], ids=["with-id", "searching"])
def test_attack_forged_fingerprint_of_altered_events_is_not_vouched_for(  # type: ignore[no-untyped-def]
    run, maram: str, db_path: Path, with_id: bool
) -> None:
    """The toll changed in its event (hash column left as it was), and a forged PDF printed
    with another tool carries the fingerprint of the altered content: the paper check
    recomputes it, and must not call it current."""
    event_id, seq, device = killed_event(db_path, maram)
    sql(db_path, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    forged = content_fingerprint(db_path, maram)
    r = run("verify", "--fingerprint", forged, *(["--id", maram[:8]] if with_id else []))
    assert (r.code, r.out) == (1, "")
    assert r.err == NOT_VERIFIED.format(problem=altered(event_id, seq, device), id=maram[:8])


def test_attack_later_event_altered_an_earlier_print_is_not_vouched_for(  # type: ignore[no-untyped-def]
    run, maram: str, db_path: Path, tmp_path: Path
) -> None:
    """A copy printed before an edit, and the edit's event altered afterwards: the printed
    fingerprint still matches the start of the history, whose end does not verify."""
    assert print_report(run, maram, tmp_path / "first.pdf").code == 0
    first = printed_fingerprint(tmp_path / "first.pdf")
    assert run("edit", maram[:8], "--killed", "10").code == 0
    [(event_id, seq, device)] = sql(
        db_path, "SELECT event_id, seq, device_id FROM event WHERE entity_id = ? AND "
        "field = 'killed' ORDER BY hlc DESC LIMIT 1", maram)  # fmt: skip
    sql(db_path, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    r = run("verify", "--fingerprint", first, "--id", maram[:8])
    assert (r.code, r.out) == (1, "")
    assert r.err == NOT_VERIFIED.format(problem=altered(event_id, seq, device), id=maram[:8])


SELECTION_REFUSED = (
    "tawthiq: the report was not written: {problem}, and a selection chooses its incidents "
    "by the columns of the incident table; run `tawthiq verify`, which checks the whole "
    "database\n"
)


@pytest.mark.parametrize(
    ("statement", "args", "problem"),
    [
        ("UPDATE incident SET governorate = 'Hama' WHERE id = ?", ["--where", "governorate=Idlib"],
         "incident {id}: the stored governorate does not match its history"),
        ("UPDATE incident SET date_start = '2019-01-01' WHERE id = ?", ["--from", "2022-01-01"],
         "incident {id}: the stored date_start does not match its history"),
        ("UPDATE incident SET deleted = 1 WHERE id = ?", ["--public"],
         "incident {id}: the stored deleted does not match its history"),
        ("DELETE FROM incident WHERE id = ?", ["--to", "2023-01-01"],
         "incident {id} is missing from the incident table"),
    ],
    ids=["governorate", "date", "deleted", "row-removed"],
)  # fmt: skip
def test_attack_incident_row_changed_drops_it_from_a_selection(  # type: ignore[no-untyped-def]
    run, db_path: Path, tmp_path: Path, statement: str, args: list[str], problem: str
) -> None:
    """Two public incidents in Idlib; one row's column edited (or the row removed) so the
    selection no longer finds it: the summary's totals would be wrong, with nothing printed
    to say so."""
    ids = [
        run("add", "--title-en", title, "--governorate", "Idlib", "--date", "2022-11-06",
            "--killed", "4", "--confidentiality", "public").out.strip()
        for title in ("Sarmada market", "Maram camp")
    ]  # fmt: skip
    sql(db_path, statement, ids[1])
    pdf = tmp_path / "r.pdf"
    r = run("report", *args, "-o", str(pdf))
    assert (r.code, r.out) == (1, "")
    assert r.err == SELECTION_REFUSED.format(problem=problem.format(id=ids[1]))
    assert not pdf.exists()
    assert run("report", ids[0][:8], "-o", str(pdf)).code == 0  # one named by id is printed
