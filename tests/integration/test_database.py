"""Opening databases: settings, migrations, and a clear sentence for every file we can't use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from conftest import AtRest, connect, key_of, protect_for_tests
from tawthiq import services
from tawthiq.domain.resources import MIGRATIONS as MIGRATIONS_PACKAGE
from tawthiq.domain.resources import shipped
from tawthiq.store import (
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
    UnwritableError,
    open_database,
)
from tawthiq.store import protection as key_files
from tawthiq.store.db import SCHEMA_HEAD

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

MIGRATIONS = shipped(package=MIGRATIONS_PACKAGE)

LATER = Path(__file__).parent / "migrations_later"


def _incident_count(path: Path) -> int:
    with connect(path) as con:
        return con.execute("SELECT count(*) FROM incident").fetchone()[0]


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


@pytest.mark.sqlite_only  # SQLite's own settings
def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(ws: services.Workspace) -> None:
    with ws.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.sqlite_only  # an older release's database file
def test_older_database_is_migrated_on_open_and_keeps_its_records(db_path: Path) -> None:
    ws = services.open_workspace(db_path, author="Amal")
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "before the upgrade", "killed": 2})
    ws.close()

    db = open_database(db_path, extra_migrations=[LATER], key=key_of(db_path))
    with db.read() as s:
        assert (
            s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == "0011_test"
        )
        flags = s.connection().exec_driver_sql("SELECT title, test_later_flag FROM incident").all()
    db.close()
    assert flags == [("before the upgrade", 7)]
    backup = db_path.with_name(f"{db_path.name}.before-upgrade-from-0010")
    assert _incident_count(backup) == 1

    # This version of Tawthiq does not know revision 0011_test: it must refuse, not guess.
    with pytest.raises(NewerSchemaError, match="newer version of Tawthiq"):
        open_database(db_path, key=key_of(db_path))


def test_random_bytes_are_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "photo.db"
    data = os.urandom(4096)
    path.write_bytes(data)
    with pytest.raises(NotADatabaseError, match="is not a Tawthiq database"):
        open_database(path)
    assert path.read_bytes() == data


def test_other_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "contacts.sqlite"
    with connect(path) as con:
        con.execute("CREATE TABLE contact (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="SQLite file but not a Tawthiq database"):
        open_database(path)
    assert path.read_bytes() == before


def test_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(NotADatabaseError, match="is a folder"):
        open_database(tmp_path)


def test_database_under_a_file_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    with pytest.raises(UnwritableError, match="cannot create the folder"):
        open_database(blocker / "sub" / "tawthiq.db")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UnwritableError):
            open_database(folder / "tawthiq.db")
    finally:
        folder.chmod(0o700)


@pytest.mark.sqlite_only  # another program holding SQLite's file lock
def test_locked_database_is_reported_and_nothing_is_written(ws: services.Workspace) -> None:
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "first"})
    other = connect(ws.db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with (
            pytest.raises(DatabaseLockedError, match="in use by another program"),
            ws.writing() as w,
        ):
            services.incidents.create_incident(w, {"title_en": "second"})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _incident_count(ws.db.path) == 1


@pytest.mark.sqlite_only  # an older release's database file
def test_a_first_release_database_gains_the_sort_indexes(db_path: Path, at_rest: AtRest) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    if at_rest.encrypted:  # the first release's file, protected with this one before it opens
        db_path.unlink()
        key_files.key_file(db_path).unlink()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:  # the schema as the first release left it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.commit()
    engine.dispose()
    if at_rest.encrypted:
        protect_for_tests(db_path, forget=False)
    db = open_database(db_path, key=key_of(db_path))
    db.close()
    with connect(db_path) as con:
        plan = " ".join(
            str(row)
            for row in con.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM incident WHERE deleted = 0 "
                "ORDER BY killed_max DESC LIMIT 200"
            )
        )
    assert "ix_incident_killed" in plan and "TEMP B-TREE" not in plan  # no sort of every row
    assert db_path.with_name(f"{db_path.name}.before-upgrade-from-0001").exists()
