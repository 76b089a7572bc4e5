"""Victims in print: an incident's report lists its victims by name in a table of their
own ("Victims" / "الضحايا"); a public report lists only those marked public and never a
relation, the documenters' copy lists all and says where they exceed the counts; the
fingerprint covers them (read back from the PDF with poppler, checked with the real CLI)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from test_report import pdf_layout, pdf_text

from tawthiq import services
from tawthiq.services.workspace import Workspace

PLAIN_ONLY = True
SHOTS = os.environ.get("TAWTHIQ_SHOTS")  # a folder to keep the pages drawn in, to look at

PUBLIC = {"name_ar": "محمد الأحمد", "name_en": "Mohammad al-Ahmad", "sex": "m", "age": 34,
          "status": "killed", "occupation": "civil_defence", "public": True}  # fmt: skip
CHILD = {"name_ar": "ليلى الخالد", "name_en": "Layla al-Khalid", "sex": "f",
         "age_group": "child", "status": "killed", "relation": "ابنة سامر"}  # fmt: skip
FATHER = {"name_ar": "سامر الخالد", "name_en": "Samer al-Khalid", "sex": "m", "age": 41,
          "status": "killed", "residence": "كفرنبل", "occupation": "other",
          "occupation_note": "خبّاز"}  # fmt: skip
PRIVATE_WORDS = ("ليلى", "الخالد", "Layla", "Khalid", "سامر", "Samer", "ابنة", "كفرنبل", "خبّاز")


def _incident(ws: Workspace) -> tuple[str, dict[str, str]]:
    desk = services.Desk(ws)
    with ws.writing() as w:
        incident = services.incidents.create_incident(
            w,
            {"title_en": "Air strike on Sarmin market", "title_ar": "غارة على سوق سرمين",
             "killed": 2, "confidentiality": "public"},
        )  # fmt: skip
    ids = {k: desk.victims.add(incident, v) for k, v in
           (("public", PUBLIC), ("child", CHILD), ("father", FATHER))}  # fmt: skip
    return incident, ids


def _print(run, incident: str, pdf: Path, *more: str) -> str:  # type: ignore[no-untyped-def]
    result = run("report", incident[:8], "-o", str(pdf), *more)
    assert result.code == 0, result.err
    assert "cannot draw" not in result.err
    return " ".join(pdf_text(pdf).split())  # a name wrapped in its cell reads as one


def _shot(pdf: Path, name: str, tmp_path: Path) -> None:
    """The first page drawn as a picture (kept in TAWTHIQ_SHOTS when given): it must draw."""
    shots = Path(SHOTS) if SHOTS else tmp_path
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                    str(shots / name)], check=True)  # fmt: skip


def _section(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i : text.index(end, i)]


def test_a_public_report_names_only_the_victims_marked_public(  # type: ignore[no-untyped-def]
    run, ws: Workspace, tmp_path: Path
) -> None:
    incident, _ = _incident(ws)
    public = _print(run, incident, tmp_path / "public.pdf", "--public")
    table = _section(public, "Victims", "Integrity fingerprint")
    for words in ("الضحايا", "محمد الأحمد", "Mohammad al-Ahmad", "34 years", "Killed",
                  "Civil defence", "Only victims whose documenters marked them"):  # fmt: skip
        assert words in table, words
    for words in PRIVATE_WORDS:  # neither spelling of a private victim, nor private fields
        assert words not in public, words
    assert "Relation" not in table and "صلة القرابة" not in table
    assert "disagree" not in public and "لا تتفق" not in public  # it would count the others
    layout = pdf_layout(tmp_path / "public.pdf")
    rows = [line for line in layout if "Civil defence" in line or "محمد الأحمد" in line]
    assert len(rows) == 2  # one victim's row: nobody else listed
    _shot(tmp_path / "public.pdf", "i20-pdf-victims-public", tmp_path)


def test_the_documenters_copy_names_every_victim_and_the_counts_they_exceed(  # type: ignore[no-untyped-def]
    run, ws: Workspace, tmp_path: Path
) -> None:
    incident, _ = _incident(ws)
    full = _print(run, incident, tmp_path / "full.pdf")
    table = _section(full, "Victims", "Record history")
    for words in ("محمد الأحمد", "Mohammad al-Ahmad", "ليلى الخالد", "Layla al-Khalid",
                  "سامر الخالد", "Samer al-Khalid", "Relation", "ابنة سامر", "Child",
                  "خبّاز", "41 years"):  # fmt: skip
        assert words in table, words
    assert "The named victims and the counts disagree" in table
    assert "3 victims are named as killed, but the killed toll is at most 2" in table
    assert "بين القتلى" in table  # the same sentence in Arabic
    arabic = _print(run, incident, tmp_path / "ar.pdf", "--lang", "ar")
    assert "ليلى الخالد" in arabic and "الضحايا" in arabic and "Victims" not in arabic
    _shot(tmp_path / "full.pdf", "i20-pdf-victims", tmp_path)
    _shot(tmp_path / "ar.pdf", "i20-pdf-victims-ar", tmp_path)


def test_the_fingerprint_covers_the_victims_printed(  # type: ignore[no-untyped-def]
    run, ws: Workspace, tmp_path: Path
) -> None:
    incident, ids = _incident(ws)
    text = _print(run, incident, tmp_path / "public.pdf", "--public")
    printed = re.search(r"tawthiq verify --fingerprint ([0-9a-f]{16})", text)
    assert printed is not None
    check = run("verify", "--fingerprint", printed.group(1))
    assert check.code == 0 and "as it is now" in check.out, check.out
    # a victim edited after printing (even one the public copy does not name): no longer so
    assert services.Desk(ws).victims.edit(ids["child"], {"age": 9}) == 1
    check = run("verify", "--fingerprint", printed.group(1))
    assert check.code == 0 and "as it is now" not in check.out, check.out
    assert "1 change(s) were made after it was printed" in check.out, check.out
