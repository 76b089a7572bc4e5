"""Many reports, one incident, in print: the report's "Figures by source" table gives each
report's outlet, day and figures, the documenter's own first and the range across them
last, in English and Arabic, read back from the PDF with poppler."""

from __future__ import annotations

import re
from pathlib import Path

from test_report import pdf_layout, pdf_text

PLAIN_ONLY = True

FIRST = (
    "قصف جوي على سوق بلدة سرمدا في ريف إدلب صباح يوم 12 آذار 2026 أدى إلى مقتل 5 مدنيين "
    "بينهم طفلان وإصابة 10 آخرين."
)
RAISED = (
    "ارتفاع حصيلة القصف الجوي على سوق بلدة سرمدا في ريف إدلب يوم 12 آذار 2026 إلى 8 قتلى "
    "مدنيين بينهم 3 أطفال و15 جريحاً."
)
LATER = (
    "مصادر محلية: 12 قتيلاً مدنياً في القصف الجوي على سوق بلدة سرمدا في ريف إدلب يوم 12 آذار 2026."
)


def _ingest(run, tmp_path: Path, name: str, text: str, day: str, outlet: str, *more: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, "utf-8")
    result = run("ingest", str(path), "--ref-date", day, "--outlet", outlet, "--author", "Amal",
                 *more)  # fmt: skip
    assert result.code == 0, result.err
    return result.out.split()[0]


def _two_reports(run, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    one = _ingest(run, tmp_path, "a.txt", FIRST, "2026-03-12", "Enab Baladi")
    two = _ingest(run, tmp_path, "b.txt", RAISED, "2026-03-13", "شبكة شام")
    assert one == two  # the second report was added to the incident the first made
    return one


def _print(run, tmp_path: Path, incident: str, *args: str) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"r{abs(hash(args))}.pdf"
    result = run("report", incident[:8], "-o", str(out), *args)
    assert result.code == 0, result.err
    assert "cannot draw" not in result.err
    return out


def _section(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i : text.index(end, i)]


def _row(lines: list[str], label: str, figures: str) -> bool:
    """The row whose first cell holds ``label`` gives ``figures`` (its cells fill a few
    laid-out lines)."""
    at = [n for n, line in enumerate(lines) if label in line]
    cells = r"\s+".join(map(re.escape, figures.split()))
    pattern = re.compile(rf"(?<![\d–]){cells}(?![\d–])")
    return any(pattern.search(" ".join(lines[n : n + 4])) for n in at)


def test_each_report_its_figures_and_the_range_in_both_languages(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _two_reports(run, tmp_path)
    pdf = _print(run, tmp_path, incident)
    whole = pdf_text(pdf)
    assert "الأرقام حسب المصدر" in whole  # the heading's Arabic half
    text = _section(whole, "Figures by source", "Source reports")
    for words in (
        "Enab Baladi", "شبكة شام", "March 12, 2026", "March 13, 2026", "آذار 2026",
        "This record (the", "هذا السجل", "Range across 2 reports",
        "المدى عبر التقارير", "Killed", "القتلى", "Children killed", "الأطفال بين القتلى",
        "Injured", "الجرحى", "† raised the killed toll", "† رفع حصيلة القتلى",
    ):  # fmt: skip
        assert words in text, words
    assert "Women killed" not in text  # a column only for the figures some report gave
    lines = pdf_layout(pdf)
    table = lines[next(n for n, line in enumerate(lines) if "Figures by source" in line) :]
    assert _row(table, "March 12, 2026", "5 2 10")  # the first report
    assert _row(table, "March 13, 2026", "8 3 15")  # the one raising the toll
    assert _row(table, "Range across 2 reports", "5–8 2–3 10–15")
    assert _row(table, "المدى عبر التقارير", "5–8 2–3 10–15")
    raised = [n for n, line in enumerate(table) if "raised the killed toll" in line]
    assert raised and "March 13, 2026" in " ".join(table[raised[0] - 3 : raised[0]])
    # the reports' own texts are printed once, under "Source reports", not in the table
    assert "مقتل 5 مدنيين" not in text


def test_arabic_only_and_public_reports_keep_the_table(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _two_reports(run, tmp_path)
    arabic = pdf_text(_print(run, tmp_path, incident, "--lang", "ar"))
    assert "الأرقام حسب المصدر" in arabic and "المدى عبر التقارير" in arabic
    assert "شبكة شام" in arabic and "5–8" in arabic and "10–15" in arabic
    assert "Figures by source" not in arabic and "Range across" not in arabic
    assert run("edit", incident[:8], "--confidentiality", "public").code == 0
    public = pdf_text(_print(run, tmp_path, incident, "--public"))
    table = _section(public, "Figures by source", "Source reports")
    assert "Enab Baladi" in table and "شبكة شام" in table and "5–8" in table
    assert "مقتل 5 مدنيين" not in public and "15 جريحاً" not in public  # texts never


def test_a_grouped_incident_s_reports_are_printed_and_covered(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _two_reports(run, tmp_path)
    other = _ingest(run, tmp_path, "c.txt", LATER, "2026-03-14", "SOHR", "--separate")
    assert other != incident
    assert run("group", other[:8], incident[:8]).code == 0
    pdf = _print(run, tmp_path, incident)
    text = pdf_text(pdf)
    table = _section(text, "Figures by source", "Source reports")
    assert "SOHR" in table and "Range across 3 reports" in table
    assert _row(pdf_layout(pdf), "Range across 3 reports", "5–12 2–3 10–15")
    # the grouped incident's report is among the sources, and the fingerprint covers it:
    # the printed copy is recognised, then no longer the same once that report is edited
    assert "SOHR" in _section(text, "Source reports", "Record history")
    printed = re.search(r"tawthiq verify --fingerprint ([0-9a-f]{16})", text)
    assert printed is not None
    check = run("verify", "--fingerprint", printed.group(1))
    assert check.code == 0 and "as it is now" in check.out, check.out
    assert run("group", "--undo", other[:8]).code == 0  # the table printed no longer holds
    check = run("verify", "--fingerprint", printed.group(1))
    assert "as it is now" not in check.out, check.out
