"""What the release before "many reports, one incident" made (schema 0006, links without a
report's own figures; tests/integration/fixtures/before-grouping, made by that release's own
command) opens, verifies, takes a second report of its incident and merges."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import connect
from tawthiq.store.db import SCHEMA_HEAD

PLAIN_ONLY = True  # the fixture is a plain database, as that release made it
FIXTURE = Path(__file__).parent / "fixtures" / "before-grouping"
SARMADA, ATARIB = "19071832", "f006b777"
ENGLISH = (
    "Nine civilians, including two children, were killed on Sunday when Syrian government "
    "artillery shelled the market of Sarmada in northern Idlib, rescuers said.\n"
)


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURE / "data", tmp_path / "userdata", dirs_exist_ok=True)
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setenv("TAWTHIQ_AUTHOR", "Amal")
    db = tmp_path / "laptop.db"
    shutil.copy(FIXTURE / "laptop.db", db)
    return db


def _schema(db: Path) -> str:
    with connect(db) as con:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_a_second_report_joins_the_old_incident_and_its_table_says_what_is_not_known(  # type: ignore[no-untyped-def]
    run, laptop: Path, tmp_path: Path
) -> None:
    assert run("verify", db=laptop).out.startswith("ok: 42 events from 1 device")
    assert _schema(laptop) == "0006"
    report = tmp_path / "en.txt"
    report.write_text(ENGLISH, "utf-8")
    done = run("ingest", str(report), "--ref-date", "2022-11-06", "--outlet", "Reuters", db=laptop)
    assert done.code == 0, done.err
    assert done.out.split()[:2][1] == "added" and done.out.startswith(SARMADA)
    assert _schema(laptop) == SCHEMA_HEAD
    shown = run("show", SARMADA, db=laptop).out
    # the old link kept no figures of its own: its report is read again for them
    assert "killed 7 | children 2 | injured 12  (Enab Baladi, 2022-11-06" in shown
    assert "killed 9 | children 2 | injured —  (Reuters, 2022-11-06" in shown
    assert "killed 7–9 | children 2 | injured 12  (range across 2 report(s))" in shown
    grouped = run("group", ATARIB, SARMADA, db=laptop)
    assert grouped.code == 0, grouped.err
    assert "1 incident(s)" in run("list", db=laptop).out
    rebuilt = run("rebuild", db=laptop)
    assert rebuilt.code == 0 and "unchanged" in rebuilt.out
    assert run("verify", db=laptop).code == 0


def test_the_old_export_merges_into_a_new_laptop_and_groups_there(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "fresh.db"
    done = run(
        "import", str(FIXTURE / "laptop.tawthiq"), "--accept-new-devices", "--author", "Basel",
        db=fresh,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "2 incident(s)" in run("list", db=fresh).out
    grouped = run("group", ATARIB, SARMADA, "--author", "Basel", db=fresh)
    assert grouped.code == 0, grouped.err
    assert "1 incident(s)" in run("list", db=fresh).out
    assert run("verify", db=fresh).code == 0
