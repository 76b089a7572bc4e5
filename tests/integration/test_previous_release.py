"""What a documenter made with the previous release opens, verifies, merges and upgrades:
the database, its data folder and its exports in tests/integration/fixtures/release-0.1 were made by
that release's own command (see the README there)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import connect
from tawthiq.store.db import SCHEMA_HEAD

FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1"
MARAM, SARMADA = "263d0e37", "0210109c"


@pytest.fixture
def laptop_a(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of Amal's database and data folder (the fixture itself is never written)."""
    shutil.copytree(FIXTURE / "data", tmp_path / "userdata", dirs_exist_ok=True)
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "userdata"))
    db = tmp_path / "laptop-a.db"
    shutil.copy(FIXTURE / "laptop-a.db", db)
    return db


def _schema(db: Path) -> str:
    with connect(db) as con:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_the_old_database_verifies_lists_and_shows_its_conflict(run, laptop_a: Path) -> None:  # type: ignore[no-untyped-def]
    """Reading commands read the old file as it is (upgraded in memory, DESIGN: only a
    writing command upgrades it): not a byte of it changes, no copy is kept beside it."""
    before = hashlib.sha256(laptop_a.read_bytes()).hexdigest(), laptop_a.stat().st_mtime_ns
    done = run("verify", db=laptop_a)
    assert done.code == 0 and done.out.startswith("ok: 49 events from 2 devices"), done.err
    assert "no checkpoint yet" in done.out
    listed = run("list", db=laptop_a)
    assert MARAM in listed.out and SARMADA in listed.out and "2 incident(s)" in listed.out
    assert "no checkpoint yet" in listed.err
    shown = run("show", MARAM, db=laptop_a).out
    assert "CONFLICT in killed: 10" in shown and "مخيم مرام" in shown
    assert "Private notes / ملاحظات خاصة: شاهد: أبو محمد" in shown
    assert run("history", MARAM, db=laptop_a).code == 0
    pdf = laptop_a.with_name("maram.pdf")
    assert run("report", MARAM, "-o", str(pdf), db=laptop_a).code == 0 and pdf.exists()
    assert (
        hashlib.sha256(laptop_a.read_bytes()).hexdigest(),
        laptop_a.stat().st_mtime_ns,
    ) == before
    wal = laptop_a.with_name("laptop-a.db-wal")  # nor is anything waiting to go into it
    assert not wal.exists() or wal.stat().st_size == 0
    assert _schema(laptop_a) == "0003"
    assert not list(laptop_a.parent.glob("*.before-upgrade-from-*"))


def test_the_old_database_takes_the_new_field_and_keeps_its_history(run, laptop_a: Path) -> None:  # type: ignore[no-untyped-def]
    history = run("history", MARAM, db=laptop_a).out
    assert _schema(laptop_a) == "0003"  # reading it upgraded nothing: the edit does
    assert run("edit", SARMADA, "--munition-remnants", "yes", db=laptop_a).code == 0
    assert _schema(laptop_a) == SCHEMA_HEAD
    assert laptop_a.with_name("laptop-a.db.before-upgrade-from-0003").exists()
    assert run("history", MARAM, db=laptop_a).out == history
    assert SARMADA in run("list", "--munition-remnants", "yes", db=laptop_a).out
    rebuilt = run("rebuild", db=laptop_a)
    assert rebuilt.code == 0 and "unchanged" in rebuilt.out
    # the edit, and Basel's key from the trust file, now a decision in Amal's signed log
    done = run("verify", db=laptop_a)
    assert done.out.startswith("ok: 52 events from 2 devices"), done.err
    assert "checkpoint #1 " in done.out and "signed by laptop ebfce4a0" in done.out


def test_the_trust_file_becomes_events_and_then_speaks_no_more(run, laptop_a: Path) -> None:  # type: ignore[no-untyped-def]
    trust_file = laptop_a.parent / "userdata" / "trusted-devices.json"
    assert run("edit", SARMADA, "--munition-remnants", "yes", db=laptop_a).code == 0
    with connect(laptop_a) as con:
        decided = con.execute("SELECT device, public_key FROM device_trust").fetchall()
    assert decided == [
        (
            "c45f9248-a278-4841-a0f2-97ccfaf779e1",
            "a6dd671e5353ff66b8ddaf734e84f0973b829438a4a974b27150c81d064d899d",
        )
    ]
    # the loose file no longer vouches for anything: emptied, the database still verifies
    trust_file.write_text("{}", "utf-8")
    assert run("verify", db=laptop_a).code == 0


def test_old_exports_merge_into_a_new_database(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "coordinator.db"
    for name in ("laptop-a.tawthiq", "laptop-b.tawthiq"):
        done = run("import", str(FIXTURE / name), "--accept-new-devices", db=fresh)
        assert done.code == 0, done.err
    # Amal's export came before her own change of the toll: Basel's edit follows it, no conflict
    shown = run("show", MARAM, db=fresh).out
    assert "Killed / القتلى: 10\n" in shown and "CONFLICT" not in shown
    # the 48 events of the two laptops, and the coordinator's two decisions to accept them
    # (a laptop and a key each), signed in her own chain: 3 devices
    assert run("verify", db=fresh).out.startswith("ok: 52 events from 3 devices")


def test_an_export_of_the_upgraded_database_merges_with_the_old_one(
    run, laptop_a: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    assert run("edit", SARMADA, "--munition-remnants", "no", db=laptop_a).code == 0
    bundle = tmp_path / "a-new.tawthiq"
    assert run("export", "-o", str(bundle), "--unencrypted", db=laptop_a).code == 0
    # the coordinator's laptop, with a key of its own
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "coordinator"))
    other = tmp_path / "b.db"
    assert (
        run("import", str(FIXTURE / "laptop-b.tawthiq"), "--accept-new-devices", db=other).code == 0
    )
    assert run("import", str(bundle), "--accept-new-devices", db=other).code == 0
    assert (
        "Munition remnants found / مخلفات ذخائر في الموقع: no" in run("show", SARMADA, db=other).out
    )
    assert run("verify", db=other).code == 0
