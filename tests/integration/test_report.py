"""Bilingual PDF reports, read back with poppler: text in logical order, fonts embedded,
pages numbered, the public version without private notes or names, fingerprints that match."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import on_other_laptop
from tawthiq import cli, services
from tawthiq.domain.errors import Cancelled
from tawthiq.domain.fields import INCIDENT
from tawthiq.domain.resources import read_text
from tawthiq.report.model import ReportOptions
from tawthiq.services.demo import SAMPLE, SAMPLE_DATE
from tawthiq.services.ingest import ingest_report
from tawthiq.services.reports import choose, report_item, write_report
from tawthiq.store.writer import load_events

_BIDI = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def pdf_text(path: Path) -> str:
    """What a reader's search finds: pdftotext, NFKC (Arabic presentation forms become
    letters), without bidi marks, spaces collapsed."""
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", raw).translate(_BIDI)
    return re.sub(r"[ \t]+", " ", text)


def pdf_layout(path: Path) -> list[str]:
    """The lines as laid out on the page (a table's row stays on one line)."""
    raw = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True).stdout  # fmt: skip
    return unicodedata.normalize("NFKC", raw).translate(_BIDI).splitlines()


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The sample report's incident (restricted, as every new one), an English-only one and
    one with three sources, a conflict, a private note and a named source (both public),
    and a confidential one."""
    folder = tmp_path_factory.mktemp("reports")
    ws = services.open_workspace(folder / "r.db", author="Amal Haddad", key_dir=folder / "keys")
    with ws.writing() as w:
        maram = ingest_report(w, read_text(SAMPLE), ref_date=SAMPLE_DATE).incident_ids[0]
        english = services.incidents.create_incident(w, {
            "title_en": "Mortar fire on a school in Masyaf", "date_start": "2022-05-13",
            "governorate": "Hama", "incident_type": "shelling_artillery_missile",
            "killed": 5, "injured": 7, "confidentiality": "public",
            "narrative": "Five people were killed when mortar "
            "rounds hit the yard of a school (the al-Nour school) during the morning break.",
        })  # fmt: skip
        three = services.incidents.create_incident(w, {
            "title_ar": "غارة على سوق الأتارب", "date_start": "2022-02-02",
            "governorate": "Aleppo", "incident_type": "air_drone_strike", "killed": 8,
            "private_notes": "الشاهد: أبو خالد، هاتفه عند المنسق", "confidentiality": "public",
            "source_names": ["أم علي"],
        })  # fmt: skip
        for n, outlet in enumerate(("Syria TV", "Enab Baladi", "SOHR"), 1):
            services.incidents.add_source_report(
                w, {"text": f"تقرير رقم {n} عن الغارة على سوق الأتارب", "outlet": outlet},
                incident_ids=[three],
            )  # fmt: skip
        secret = services.incidents.create_incident(w, {
            "title_en": "Detention of a nurse", "governorate": "Idlib",
            "incident_type": "arrest", "confidentiality": "confidential",
        })  # fmt: skip
        base = [e.event_id for e in w.events_of(three) if e.field == "killed"]
    with ws.writing() as w:  # Amal corrects the toll; Basel, not having seen it, too
        services.incidents.edit_incident(w, three, {"killed": 7})
    on_other_laptop(
        ws,
        lambda w: w.record(
            INCIDENT,
            three,
            {"killed": {"min": 9, "max": 9, "approximate": False}},
            seen={"killed": base},
        ),
    )
    ws.close()
    return {"db": folder / "r.db", "folder": folder, "maram": maram, "english": english,
            "three": three, "secret": secret}  # fmt: skip


def _report(seeded, *args: str) -> tuple[int, Path]:  # type: ignore[no-untyped-def]
    out = Path(seeded["folder"]) / f"{abs(hash(args))}.pdf"
    code = cli.main(["report", *args, "-o", str(out), "--db", str(seeded["db"])])
    return code, out


def test_an_arabic_incident_reads_back_in_both_languages(seeded) -> None:  # type: ignore[no-untyped-def]
    code, pdf = _report(seeded, str(seeded["maram"])[:8])
    assert code == 0
    text = pdf_text(pdf)
    for words in ("تقرير حادثة", "Tawthiq incident report", "مخيم مرام", "Maram camp", "إدلب",
                  "Idlib", "ذخائر عنقودية", "Cluster munitions", "قوات الحكومة السورية",
                  "Syrian government forces", "القتلى", "Killed", "أطفال",
                  "تشرين الثاني", "November 6, 2022", "CP000752", "كفر جالس"):  # fmt: skip
        assert words in text, words
    # the source report in its own words, in logical order
    assert "قُتل تسعة مدنيين" in text and "الخوذ البيضاء" in text


def test_fonts_are_embedded_and_pages_numbered(seeded) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = _report(seeded, str(seeded["maram"])[:8])
    fonts = pdf_fonts(pdf)
    assert fonts and all(row[-5] == "yes" for row in fonts)  # the "emb" column
    assert {row[0].split("+")[-1] for row in fonts} >= {"Amiri-Regular", "BitstreamVeraSans-Roman"}
    pages = int(pdf_info(pdf)["Pages"])
    text = pdf_text(pdf)
    assert [f"Page {n} of {pages}" in text for n in range(1, pages + 1)] == [True] * pages
    assert text.count("صفحة") == pages


def test_the_printed_fingerprint_is_the_stores(seeded) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = _report(seeded, str(seeded["three"])[:8])
    ws = services.open_workspace(seeded["db"], create=False)
    with ws.db.read() as s:
        expected = report_item(s, str(seeded["three"])).fingerprint
    ws.close()
    text = pdf_text(pdf)
    assert " ".join(expected[i : i + 4] for i in range(0, 64, 4)) in text
    assert f"tawthiq verify --fingerprint {expected[:16]}" in text


def test_three_sources_and_an_open_conflict_are_all_shown(seeded) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = _report(seeded, str(seeded["three"])[:8])
    text = pdf_text(pdf)
    assert all(f"Source report {n}" in text for n in (1, 2, 3))
    assert all(outlet in text for outlet in ("Syria TV", "Enab Baladi", "SOHR"))
    row = next(line for line in pdf_layout(pdf) if "Open conflicts" in line)
    assert "Killed" in row and "القتلى" in row  # the field in conflict, named in both
    assert "أبو خالد" in text  # a private report keeps the private notes


def test_an_english_only_report_has_no_arabic(seeded) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = _report(seeded, str(seeded["english"])[:8], "--lang", "en")
    text = pdf_text(pdf)
    assert "Mortar fire on a school in Masyaf" in text and "(the al-Nour school)" in text
    assert "Hama" in text and not re.search("[\u0600-\u06ff]", text)


def test_a_public_report_keeps_private_things_out(seeded) -> None:  # type: ignore[no-untyped-def]
    code, pdf = _report(seeded, "--public")
    assert code == 0
    text = pdf_text(pdf)
    assert "أبو خالد" not in text and "المنسق" not in text  # the private note
    assert "أم علي" not in text and "Named sources" not in text  # people named as sources
    assert "Detention of a nurse" not in text  # the confidential incident
    assert "مخيم مرام" not in text  # restricted (every new incident is): not published
    assert "غارة على سوق الأتارب" in text and "Mortar fire on a school in Masyaf" in text
    assert re.search(r"2 incident\(s\) left out of this public report:\s+not\s+marked public", text)
    assert "Amal" not in text and "Basel" not in text  # documenters are not named
    info = pdf_info(pdf)
    assert info.get("Author", "") == "" and "Amal" not in " ".join(info.values())
    assert str(seeded["folder"]) not in pdf.read_bytes().decode("latin-1")  # no path inside


def test_a_report_of_several_incidents_starts_with_a_summary(seeded) -> None:  # type: ignore[no-untyped-def]
    code, pdf = _report(seeded, "--from", "2022-01-01", "--to", "2022-12-31")
    assert code == 0
    text = pdf_text(pdf)
    assert text.index("Summary") < text.index("Tawthiq incident report")
    assert re.search(r"Incidents\s+3\b", text) and "By governorate" in text
    assert "حسب المحافظة" in text and "Incidents and people killed, by month" in text
    assert "Detention of a nurse" not in text  # it has no date: not in 2022


_GOVERNORATES = ("Idlib", "Aleppo", "Hama", "Homs", "Damascus", "Daraa", "Raqqa", "Lattakia",
                 "Tartus", "Quneitra", "As-Sweida", "Deir-ez-Zor", "Al-Hasakeh")  # fmt: skip


def _monthly(months: int) -> list[object]:
    """One incident a month for ``months`` months, across the governorates: a summary of
    three pages whose headings fall lower on a page as the months grow."""
    from datetime import UTC, date, datetime

    from tawthiq.domain.records import Casualties, Incident
    from tawthiq.report.model import ReportIncident

    now = datetime(2024, 1, 1, tzinfo=UTC)
    items = []
    for m in range(months):
        inc = Incident(
            id=f"{m:08d}-0000-4000-8000-000000000000", title_en=f"Shelling {m}",
            date_start=date(2015 + m // 12, m % 12 + 1, 3),
            governorate=_GOVERNORATES[m % len(_GOVERNORATES)],
            perpetrators=(("syrian_government", "russia", "hts", "isis")[m % 4],),
            killed=Casualties(m + 1, m + 1),
        )  # fmt: skip
        items.append(ReportIncident(inc, (), "Amal", now, "Amal", now, 1, "0" * 16))
    return items


@pytest.mark.parametrize(("lang", "months"), [("both", 44), ("ar", 49), ("en", 50)])
def test_a_summary_heading_never_ends_a_page(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, lang: str, months: int
) -> None:
    """With these many months a heading fell at the foot of a page, its table overleaf."""
    from tawthiq.report import labels as L
    from tawthiq.report.document import build_report
    from tawthiq.report.layout import PAD
    from tawthiq.report.sheet import Sheet

    # the incidents' own pages, a line each: only the summary's pages are looked at here
    monkeypatch.setattr(Sheet, "build", lambda self, item: [self.p(item.incident.id, 400 - PAD)])
    pdf = tmp_path / "summary.pdf"
    build_report(pdf, _monthly(months), ReportOptions(lang=lang))
    headings = set()
    for key in ("summary", "by_month", "by_governorate", "by_perpetrator"):
        en, ar = L.TEXT[key]
        headings |= {en, ar, f"{en} {ar}"}
    ends = []
    for page in range(1, 4):
        raw = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                              str(pdf), "-"], capture_output=True, text=True).stdout  # fmt: skip
        lines = [" ".join(line.split()) for line in
                 unicodedata.normalize("NFKC", raw).translate(_BIDI).splitlines()]  # fmt: skip
        body = [line for line in lines if line and not re.search(r"Page \d|صفحة", line)]
        ends.append(body[-1])
    assert not [end for end in ends if end in headings], ends


def test_arabic_indic_digits_on_request(seeded) -> None:  # type: ignore[no-untyped-def]
    _code, pdf = _report(seeded, str(seeded["maram"])[:8], "--arabic-digits")
    text = pdf_text(pdf)
    assert "٢٠٢٢" in text and "تشرين الثاني" in text and re.search("صفحة.*[١٢]", text)
    assert "November 6, 2022" in text  # English keeps its digits


def test_a_printed_copy_is_checked_against_the_database(seeded, capsys) -> None:  # type: ignore[no-untyped-def]
    ws = services.open_workspace(
        seeded["db"], create=False, key_dir=Path(seeded["folder"]) / "keys"
    )
    with ws.db.read() as s:
        printed = report_item(s, str(seeded["english"])).fingerprint
    db = ["--db", str(seeded["db"])]
    assert cli.main(["verify", "--fingerprint", printed[:16], *db]) == 0
    assert "as it is now" in capsys.readouterr().out
    with ws.writing() as w:  # someone edits it after it was printed
        services.incidents.edit_incident(w, str(seeded["english"]), {"injured": 8})
    ws.close()
    assert cli.main(["verify", "--fingerprint", printed, *db]) == 0
    assert "1 change(s) were made after it was printed" in capsys.readouterr().out
    assert cli.main(["verify", "--fingerprint", "0" * 16, *db]) == 1
    assert "no incident in this database has this fingerprint" in capsys.readouterr().err
    assert cli.main(["verify", "--fingerprint", "xyz", *db]) == 2
    assert "is not a fingerprint" in capsys.readouterr().err


def test_bad_requests_are_one_sentence_and_write_nothing(seeded, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = Path(seeded["folder"])
    db = ["--db", str(seeded["db"])]
    assert cli.main(["report", "ffffffff", "-o", str(folder / "x.pdf"), *db]) == 2
    assert "there is no incident with id 'ffffffff'" in capsys.readouterr().err
    assert cli.main(["report", "--where", "colour=red", "-o", str(folder / "x.pdf"), *db]) == 2
    assert "write KEY=VALUE with KEY one of" in capsys.readouterr().err
    assert cli.main(["report", "--from", "2030-01-01", "-o", str(folder / "x.pdf"), *db]) == 2
    assert "no incident matches" in capsys.readouterr().err
    assert cli.main(["report", "--where", "governorate=Idlib", "-o", str(folder), *db]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert not (folder / "x.pdf").exists()


def test_a_stopped_report_leaves_no_file(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = services.open_workspace(seeded["db"], create=False)
    with ws.db.read() as s:
        chosen = choose(s, flt=None)
    ws.close()
    steps: list[tuple[int, int]] = []

    def stop_at_the_end(done: int, total: int) -> None:
        steps.append((done, total))
        if done == total - 1:
            raise Cancelled("stopped")

    with pytest.raises(Cancelled):
        write_report(tmp_path / "r.pdf", chosen, ReportOptions(), progress=stop_at_the_end)
    assert steps and list(tmp_path.iterdir()) == []


def test_the_fingerprint_covers_every_event(seeded) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.store.fingerprint import fingerprint, match

    ws = services.open_workspace(seeded["db"], create=False)
    with ws.db.read() as s:
        events = load_events(s, str(seeded["maram"]))
    ws.close()
    maram = str(seeded["maram"])
    whole = fingerprint(events)
    assert fingerprint(reversed(events)) == whole  # the order of reading does not matter
    assert fingerprint(events[:-1]) != whole
    earlier = match(events, fingerprint(sorted(events, key=lambda e: e.order)[:5]), maram)
    assert earlier is not None and earlier.events_then == 5


def test_the_qr_code_carries_the_id_and_the_fingerprint(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zxingcpp
    from PIL import Image

    from tawthiq.report.model import qr_data

    _code, pdf = _report(seeded, str(seeded["english"])[:8])
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    [png] = tmp_path.glob("page*.png")
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(png))}
    ws = services.open_workspace(seeded["db"], create=False)
    with ws.db.read() as s:
        item = report_item(s, str(seeded["english"]))
    ws.close()
    assert qr_data(item.incident.id, item.fingerprint) in found
