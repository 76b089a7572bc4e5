"""What an independent review of the PDF reports found, each as a reader of the PDF (or of
the command's output) would notice it. PDFs are read back with poppler; directions are
judged from the glyphs' positions (pdftotext -bbox), not by eye."""

from __future__ import annotations

import html
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from test_report import pdf_info, pdf_layout, pdf_text

from conftest import plain
from tawthiq import cli, services
from tawthiq.services.reports import report_item

LONG_TITLE = (
    "قصف مدفعي على مخيم للنازحين قرب بلدة كفر جالس شمال غربي إدلب يودي بحياة تسعة مدنيين "
    "بينهم ثلاثة أطفال وامرأة"
)  # as wide, shaped, as the frame less less than its padding: the width that broke it
SENTENCE = "قُتل تسعة مدنيين وأصيب 75 آخرون جراء قصف صاروخي استهدف مخيم مرام للنازحين."


def words(pdf: Path, page: int = 1) -> list[tuple[float, float, str]]:
    """(x, y, word) of every word drawn on ``page``; an Arabic word's letters come in the
    order they are drawn (right to left) and are put back in reading order."""
    raw = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True).stdout  # fmt: skip
    out = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">'
                         r"(.*?)</word>", raw):  # fmt: skip
        w = unicodedata.normalize("NFKC", html.unescape(m[3]))
        if re.search("[\u0621-\u064a]", w):
            w = w[::-1]
        out.append((float(m[1]), round(float(m[2])), w))
    return out


def line_of(pdf: Path, word: str, page: int = 1) -> list[str]:
    """The words of the line holding ``word``, from left to right as drawn."""
    found = words(pdf, page)
    y = next(y for _x, y, w in found if w == word)
    return [w for _x, _y, w in sorted(t for t in found if t[1] == y)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("review")
    ws = services.open_workspace(folder / "r.db", author="Amal Haddad", key_dir=folder / "keys")
    ids: dict[str, object] = {"db": folder / "r.db", "folder": folder, "keys": folder / "keys"}
    with ws.writing() as w:
        ids["long_source"] = services.incidents.create_incident(w, {"title_en": "Long source",
                                                          "date_start": "2022-01-01"})  # fmt: skip
        services.incidents.add_source_report(w, {"text": (SENTENCE + "\n") * 80},
                                   incident_ids=[ids["long_source"]])  # fmt: skip
        ids["long_title"] = services.incidents.create_incident(w, {"title_ar": LONG_TITLE})
        ids["arabic_only"] = services.incidents.create_incident(
            w, {"title_ar": "3 قتلى في قصف على إدلب."}
        )
        ids["mixed"] = services.incidents.create_incident(w, {
            "title_en": "Strike on a school", "date_start": "2023-03-07", "governorate": "Idlib",
            "killed": {"min": 9, "max": 12}, "injured": {"min": 20, "max": 20,
                                                        "approximate": True},
            "lat": 35.93011, "lon": 36.63412,
            "narrative": "قال الشاهد إن القصف بدأ يوم 2023-03-07 وقُتل ما بين 9–12 شخصاً. "
            "رقم الهاتف +963 944 123 456 😢 中文 می‌خواهم",
        })  # fmt: skip
        ids["year"] = services.incidents.create_incident(w, {"title_en": "Known by its year",
            "date_start": "2022-01-01", "date_precision": "year", "killed": 4})  # fmt: skip
        ids["month"] = services.incidents.create_incident(w, {"title_en": "Known by its month",
            "date_start": "2022-01-01", "date_precision": "month", "killed": 2})  # fmt: skip
        ids["deleted"] = services.incidents.create_incident(w, {"title_en": "Will be deleted",
            "date_start": "2022-03-03", "killed": 50})  # fmt: skip
    with ws.writing() as w:
        services.incidents.delete_incident(w, str(ids["deleted"]))
    ws.close()
    return ids


def report(db: dict[str, object], *args: str) -> tuple[int, Path]:
    out = Path(str(db["folder"])) / f"{abs(hash(args))}.pdf"
    code = cli.main(["report", *args, "-o", str(out), "--db", str(db["db"])])
    return code, out


def short(db: dict[str, object], name: str) -> str:
    return str(db[name])[:8]


def row(pdf: Path, label: str) -> str:
    """The first line of the page layout that starts with ``label`` (a table's row)."""
    return next(line.strip() for line in pdf_layout(pdf) if line.strip().startswith(label))


def flat(text: str) -> str:
    return " ".join(text.split())


# 1 --------------------------------------------------------------------------------------


def test_a_source_report_longer_than_a_page_flows_onto_the_next(db) -> None:  # type: ignore[no-untyped-def]
    code, pdf = report(db, short(db, "long_source"))
    assert code == 0 and int(pdf_info(pdf)["Pages"]) >= 3
    assert pdf_text(pdf).count("للنازحين") == 80  # every line of it printed, once


# 2 --------------------------------------------------------------------------------------


def test_the_pdf_never_replaces_the_database(db, capsys) -> None:  # type: ignore[no-untyped-def]
    path = Path(str(db["db"]))
    before = path.read_bytes()
    spelled = path.parent / "keys" / ".." / path.name  # the same file by another name
    for target in (path, spelled, Path(f"{path}-wal")):
        code = cli.main(["report", short(db, "mixed"), "-o", str(target), "--db", str(path)])
        assert code == 2
        assert "is the database itself" in plain(capsys.readouterr().err)
    assert path.read_bytes() == before


def test_an_output_that_cannot_be_written_is_one_sentence(db, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    under_a_file = Path(str(db["db"])) / "x.pdf"
    assert cli.main(["report", short(db, "mixed"), "-o", str(under_a_file),
                     "--db", str(db["db"])]) == 2  # fmt: skip
    assert "is a file, not a folder" in capsys.readouterr().err

    missing = Path(str(db["db"])).parent / "no-such-folder" / "x.pdf"  # issue 14: not made
    assert cli.main(["report", short(db, "mixed"), "-o", str(missing), "--db", str(db["db"])]) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "no-such-folder does not exist" in said
    assert not missing.parent.exists()

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tawthiq.services.reports.write_report", refused)
    code, _pdf = report(db, short(db, "mixed"))
    err = capsys.readouterr().err
    assert code == 2 and "cannot write" in err and "Permission denied" in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_one_may_not_write_in_is_said_so(db, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert cli.main(["report", short(db, "mixed"), "-o", str(locked / "x.pdf"),
                         "--db", str(db["db"])]) == 2  # fmt: skip
    finally:
        locked.chmod(0o700)
    assert "you may not write in the folder" in capsys.readouterr().err


# 3 --------------------------------------------------------------------------------------


def test_the_fingerprint_changes_with_the_sources_the_report_prints(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.incidents import edit_source_report

    ws = services.open_workspace(tmp_path / "f.db", author="A", key_dir=tmp_path / "keys")
    with ws.writing() as w:
        i = services.incidents.create_incident(w, {"title_en": "Strike", "killed": 3})
        r = services.incidents.add_source_report(w, {"text": "Three killed", "outlet": "SOHR"},
                                       incident_ids=[i])  # fmt: skip
    prints = []
    with ws.db.read() as s:
        prints.append(report_item(s, i).fingerprint)
    with ws.writing() as w:
        edit_source_report(w, r, {"outlet": "Fake outlet"})
    with ws.db.read() as s:
        prints.append(report_item(s, i).fingerprint)
    with ws.writing() as w:
        services.incidents.add_source_report(
            w, {"text": "Actually thirty killed"}, incident_ids=[i]
        )
    with ws.db.read() as s:
        prints.append(report_item(s, i).fingerprint)
    ws.close()
    assert len(set(prints)) == 3
    db = ["--db", str(tmp_path / "f.db")]
    assert cli.main(["verify", "--fingerprint", prints[0], *db]) == 0
    said = capsys.readouterr().out
    assert "as it was on" in said and re.search(
        r"\d change\(s\) were made after it was printed", said
    )
    assert "source reports" in said and "does not check the words on the paper" in said


def test_the_readme_says_what_the_fingerprint_covers() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    said = " ".join(p for p in readme.split("\n\n") if "verify --fingerprint" in p)
    said = " ".join(said.split())
    assert "its source reports and their links" in said
    assert "not the words on the paper" in said


# 4 --------------------------------------------------------------------------------------


def test_summary_counts_each_incident_once_and_only_what_is_recorded(db) -> None:  # type: ignore[no-untyped-def]
    m, y = short(db, "mixed"), short(db, "year")
    code, pdf = report(db, m, m, str(db["mixed"]), y)
    assert code == 0
    assert re.match(r"Incidents\s+2\s", row(pdf, "Incidents"))
    assert re.match(r"Killed\s+≈13–16\s", row(pdf, "Killed"))  # a range is approximate: ≈
    assert re.match(r"Women killed\s+—\s", row(pdf, "Women killed"))  # none recorded: not 0
    assert re.match(r"Injured\s+≈20 \(recorded for 1 of 2", row(pdf, "Injured"))


def test_a_deleted_incident_is_marked_and_left_out_of_the_totals(db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, pdf = report(db, short(db, "deleted"), short(db, "year"))
    assert code == 0
    assert re.match(r"Incidents\s+1\s", row(pdf, "Incidents"))
    assert re.match(r"Killed\s+4\s", row(pdf, "Killed"))  # not 54: the deleted one is not
    text = pdf_text(pdf)
    summary = flat(text[: text.index("By month")])
    assert "Deleted incidents named in this report (printed, not counted above): 1" in summary
    sheet = text[text.index("Will be deleted") :]
    assert "Deleted" in sheet and "This incident was deleted on" in sheet and "محذوفة" in sheet
    ws = services.open_workspace(db["db"], create=False)
    with ws.db.read() as s:
        printed = report_item(s, str(db["deleted"])).fingerprint
    ws.close()
    assert cli.main(["verify", "--fingerprint", printed, "--db", str(db["db"])]) == 0
    assert "The incident is deleted" in capsys.readouterr().out


# 5 --------------------------------------------------------------------------------------


def test_a_date_known_to_its_year_or_month_is_printed_as_that(db) -> None:  # type: ignore[no-untyped-def]
    code, pdf = report(db, short(db, "year"), short(db, "month"))
    assert code == 0
    text = flat(pdf_text(pdf))
    assert "January 1, 2022" not in text and "1 كانون الثاني" not in text
    dates = [line for line in pdf_layout(pdf) if line.strip().startswith("Date ")]
    assert re.match(r"Date\s+2022\s+التاريخ$", dates[0].strip())
    assert re.match(r"Date\s+January 2022\s+2022 كانون الثاني\s+التاريخ$", dates[1].strip())
    assert "2022, month not known" in text and "الشهر غير معروف" in text
    by_month = [line for line in pdf_layout(pdf) if "2022-01" in line]
    assert by_month and all(line.count("2022-01") == 1 for line in by_month)  # 13: once


# 6, 7 -----------------------------------------------------------------------------------


def test_a_long_arabic_title_keeps_its_first_word_first(db) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = report(db, short(db, "long_title"), "--lang", "ar")
    y = {w: y for _x, y, w in words(pdf)}
    assert y["قصف"] < y["وامرأة"]  # the first word on the first line, the last on the last
    assert line_of(pdf, "قصف")[-1] == "قصف"  # and rightmost: where such a line starts


@pytest.mark.parametrize("lang", ["en", "both"])
def test_an_arabic_title_reads_right_to_left_in_the_english_column(db, lang: str) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = report(db, short(db, "arabic_only"), "--lang", lang)
    title = line_of(pdf, "قتلى")
    assert title.index("إدلب.") < title.index("قتلى") < title.index("3")


# 8 --------------------------------------------------------------------------------------


def test_arabic_digits_keep_latitude_before_longitude(db) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = report(db, short(db, "mixed"), "--lang", "ar", "--arabic-digits")
    drawn = [w for _x, _y, w in sorted(words(pdf)) if w.startswith(("٣٥", "٣٦"))]
    assert drawn == ["٣٥.٩٣٠١١,", "٣٦.٦٣٤١٢"]


# 11, 12 ---------------------------------------------------------------------------------


def test_numbers_in_free_text_read_left_to_right(db) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = report(db, short(db, "mixed"), "--lang", "ar")
    phone = line_of(pdf, "+963")
    assert " ".join(phone[phone.index("+963") : phone.index("+963") + 4]) == "+963 944 123 456"
    text = pdf_text(pdf)
    assert "2023-03-07" in text and "9–12" in text


def test_characters_no_font_has_are_marked_and_named(db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, pdf = report(db, short(db, "mixed"))
    assert code == 0
    err = capsys.readouterr().err
    assert "cannot draw" in err and "U+1F622" in err and "U+4E2D" in err
    text = pdf_text(pdf)
    assert "[?]" in text and "marks characters the report's fonts cannot draw" in text
    assert "\u200c" not in text and "میخواهم" in text.replace("\u200c", "")


# 13 -------------------------------------------------------------------------------------


def test_the_arabic_chart_speaks_arabic_in_arabic_digits(db) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = report(db, short(db, "mixed"), short(db, "month"), "--lang", "ar",
                        "--arabic-digits")  # fmt: skip
    text = pdf_text(pdf)
    assert "Incidents" not in text and "Killed" not in text  # the legend too
    summary = text[: text.index("تقرير حادثة")]
    assert "٢٠٢٣-٠٣" in summary and "2023-03" not in summary  # the months under the bars too
    assert "الحد الأدنى" in text  # a toll given as a range: its lowest is drawn


def test_the_legend_sits_above_the_bars() -> None:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend

    from tawthiq.report.chart import Count, chart
    from tawthiq.report.fonts import fonts
    from tawthiq.report.layout import Layout
    from tawthiq.report.model import ReportOptions
    from tawthiq.report.text import Writer

    writer, options = Writer(fonts()), ReportOptions()
    months = [Count(f"2022-{m:02}", 1, 90 if m == 6 else 3, 90 if m == 6 else 3, False, 1)
              for m in range(1, 13)]  # fmt: skip
    [box] = chart(writer, Layout(writer, options, 480), options, months, 480)
    drawing = box._content[0]  # type: ignore[attr-defined]
    [bars] = [c for c in drawing.contents if isinstance(c, VerticalBarChart)]
    [legend] = [c for c in drawing.contents if isinstance(c, Legend)]
    assert legend.getBounds()[1] > bars.y + bars.height


def test_the_chart_says_when_it_leaves_months_out(tmp_path: Path) -> None:
    ws = services.open_workspace(tmp_path / "c.db", author="A", key_dir=tmp_path / "keys")
    with ws.writing() as w:
        for n in range(30):
            services.incidents.create_incident(w, {"title_en": f"Strike {n}", "killed": 1,
                "date_start": f"{2020 + n // 12}-{n % 12 + 1:02}-05"})  # fmt: skip
    ws.close()
    out = tmp_path / "c.pdf"
    assert cli.main(["report", "--from", "2020-01-01", "-o", str(out), "--db",
                     str(tmp_path / "c.db")]) == 0  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert "Only the last 24 of the 30 months with incidents are drawn" in text


def test_record_times_say_their_zone(db) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = report(db, short(db, "year"))
    rows = [line for line in pdf_layout(pdf) if "Recorded" in line or "Last changed" in line]
    assert rows and all("UTC" in row for row in rows)
