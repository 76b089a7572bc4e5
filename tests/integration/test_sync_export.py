"""Writing an export when things go wrong around it: another program holding the database,
an export killed half-way. Nothing is left that was not asked for: no file reported as
failed, no temporary file outliving its export, nothing readable in an encrypted one."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from laptops import Laptop

from tawthiq import cli
from tawthiq.store.bookkeeping import last_export_heads

IN_USE = "the database {db} is in use by another program; close it and try again"


@pytest.fixture
def amal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Laptop]:
    monkeypatch.setenv("TAWTHIQ_BUSY_TIMEOUT_MS", "300")  # read when the database opens
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "Amal-keys"))
    laptop = Laptop(tmp_path, "Amal")
    laptop.new_incident(title_en="a", killed=1)
    yield laptop
    laptop.close()


@contextmanager
def another_writer(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program, in the middle of a write transaction on ``db``."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def _export_cli(
    laptop: Laptop, target: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    code = cli.main(["export", "-o", str(target), "--db", str(laptop.ws.db.path)])
    return code, capsys.readouterr().err


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tawthiq" in p.name)


def test_attack_export_while_another_program_writes_writes_nothing(
    amal: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It wrote the whole file, then failed to note it and said so: a file on the stick
    that the laptop does not count as exported, and an error that says nothing was."""
    target = tmp_path / "out" / "amal.tawthiq"
    target.parent.mkdir()
    with another_writer(amal.ws.db.path):
        code, err = _export_cli(amal, target, capsys)
    assert (code, err) == (3, f"tawthiq: {IN_USE.format(db=amal.ws.db.path)}\n")
    assert _left_in(target.parent) == []
    with amal.ws.db.read() as s:
        assert last_export_heads(s) is None
    code, err = _export_cli(amal, target, capsys)  # once it is free, the export is made
    assert (code, err) == (0, "")
    assert _left_in(target.parent) == ["amal.tawthiq"]


def test_a_writer_that_comes_during_the_export_leaves_no_file(amal: Laptop, tmp_path: Path) -> None:
    """The lock is free when the export starts and taken while it writes: the finished
    file is neither noted nor put in place; its temporary file is gone."""
    from tawthiq.store.errors import DatabaseLockedError

    target = tmp_path / "out" / "amal.tawthiq"
    target.parent.mkdir()
    held: list[sqlite3.Connection] = []

    def progress(done: int, total: int) -> None:
        if not held:  # the export has begun: another program starts writing
            held.append(sqlite3.connect(amal.ws.db.path, isolation_level=None))
            held[0].execute("BEGIN IMMEDIATE")

    try:
        with pytest.raises(DatabaseLockedError, match="is in use by another program"):
            amal.export("out/amal.tawthiq", progress=progress)
    finally:
        held[0].execute("ROLLBACK")
        held[0].close()
    assert _left_in(target.parent) == []
    with amal.ws.db.read() as s:
        assert last_export_heads(s) is None
