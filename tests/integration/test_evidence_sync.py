"""Evidence files travel with exports: carried after the signed events, each checked against
its SHA-256 before anything of the export is applied, never stored twice; ``--without-files``
carries their SHA-256s only, and a later export brings the bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import at_rest_now, on_other_laptop, protect_for_tests
from tawthiq import services
from tawthiq.services import Desk
from tawthiq.services.evidence import attach
from tawthiq.services.evidence_files import file_store
from tawthiq.store.materialize import state_digest
from tawthiq.sync.errors import ForgeryError


def _incident(ws) -> str:  # type: ignore[no-untyped-def]
    return Desk(ws).save({"title_en": "Shelling of the school"}).incident_id


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _other(ws, tmp_path: Path, name: str = "other"):  # type: ignore[no-untyped-def]
    """Another laptop, empty, protected like the test's own when that one is."""
    folder = tmp_path / name
    folder.mkdir()
    db, keys = folder / "other.db", folder / "keys"
    if at_rest_now().encrypted:
        services.open_workspace(db, author="Basel", key_dir=keys).close()
        protect_for_tests(db, keys, forget=False)
    return services.open_workspace(db, author="Basel", key_dir=keys, ask=at_rest_now().ask)


def test_files_go_both_ways_and_are_kept_once(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    mine = b"a photo taken on Amal's laptop " * 1000
    Desk(ws).files.attach(incident, [_file(tmp_path, "amal.jpg", mine)], "a neighbour")
    theirs = b"a recording Basel attached " * 2000

    def on_basel(w):  # type: ignore[no-untyped-def]
        here = file_store_of(w)
        assert b"".join(here.read(_sha(mine))) == mine  # it came with the export
        attach(w, incident, _file(tmp_path, "basel.ogg", theirs), "a paramedic", store=here)
        # the same photo attached on Basel's laptop too: the same record, not another
        attach(w, incident, _file(tmp_path, "copy of amal.jpg", mine), store=here)
        return here

    on_other_laptop(ws, on_basel)
    files = Desk(ws).files.files_of(incident)
    assert sorted(f.sha256 for f in files) == sorted([_sha(mine), _sha(theirs)])
    assert all(f.here for f in files)
    store = file_store(ws)
    assert b"".join(store.read(_sha(theirs))) == theirs
    assert store.stored() == sorted([_sha(mine), _sha(theirs)])
    assert Desk(ws).trail.verify().ok


def file_store_of(w):  # type: ignore[no-untyped-def]
    """The file store of the database a writer writes to (the other laptop's)."""
    from tawthiq.store.evidence_store import FileStore, file_key, folder_beside

    bind = w.session.get_bind()
    path = Path(bind.url.database)
    key = None
    if at_rest_now().encrypted:
        from conftest import database_key

        key = file_key(database_key(path))
    return FileStore(folder_beside(path), key)


def test_an_export_without_files_then_a_later_one_with_them(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    data = os.urandom(300_000)
    Desk(ws).files.attach(incident, [_file(tmp_path, "v.mp4", data)])
    light, full = tmp_path / "light.tawthiq", tmp_path / "full.tawthiq"
    services.sync.export_database(ws, light, with_files=False)
    services.sync.export_database(ws, full)
    assert light.stat().st_size < 20_000 < full.stat().st_size
    other = _other(ws, tmp_path)
    try:
        services.sync.import_files(other, [light], accept_new=True)
        (f,) = Desk(other).files.files_of(incident)
        assert f.sha256 == _sha(data) and not f.here
        assert Desk(other).trail.verify().ok  # a file never received is not "missing"
        summary = services.sync.import_files(other, [full], accept_new=True)
        assert summary.new == 0 and summary.files_received == 1
        (f,) = Desk(other).files.files_of(incident)
        assert f.here
        assert b"".join(Desk(other).files.read(f.sha256)) == data
        # once more: nothing new, nothing stored twice
        assert services.sync.import_files(other, [full], accept_new=True).files_received == 0
        assert file_store(other).stored() == [_sha(data)]
    finally:
        other.close()


def _tampered(path: Path, out: Path) -> None:
    """The export with one byte of the file it carries changed (its base64 still valid)."""
    lines = gzip.decompress(path.read_bytes()).split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(b'{"file"')) + 1
    line = bytearray(lines[at])
    line[10] = ord("B") if line[10] != ord("B") else ord("C")
    lines[at] = bytes(line)
    out.write_bytes(gzip.compress(b"\n".join(lines)))


def test_a_changed_byte_in_a_carried_file_is_refused_naming_it(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    data = os.urandom(50_000)
    Desk(ws).files.attach(incident, [_file(tmp_path, "strike site.jpg", data)])
    export, forged = tmp_path / "e.tawthiq", tmp_path / "forged.tawthiq"
    services.sync.export_database(ws, export)
    _tampered(export, forged)
    other = _other(ws, tmp_path)
    try:
        with other.db.read() as s:
            before = state_digest(s)
        with pytest.raises(ForgeryError) as refused:
            services.sync.import_files(other, [forged], accept_new=True)
        said = str(refused.value)
        assert "carries file strike site.jpg" in said and _sha(data)[:12] in said
        assert "nothing was imported" in said
        with other.db.read() as s:
            assert state_digest(s) == before
        assert file_store(other).stored() == []
        folder = file_store(other).folder
        assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))
        # the genuine one goes in
        assert services.sync.import_files(other, [export], accept_new=True).files_received == 1
    finally:
        other.close()


def test_cli_export_without_files_and_import(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    Desk(ws).files.attach(incident, [_file(tmp_path, "a.pdf", b"%PDF-1.4 x" * 999)])
    out = tmp_path / "x.tawthiq"
    r = run("export", "-o", str(out), "--unencrypted", "--without-files")
    assert r.code == 0, r.err
    assert "0 evidence file(s)" in r.out
    r = run("export", "-o", str(out), "--unencrypted")
    assert r.code == 0 and "1 evidence file(s)" in r.out
    header = json.loads(gzip.decompress(out.read_bytes()).split(b"\n")[0])
    assert header["files"] == [[_sha(b"%PDF-1.4 x" * 999), 9990]]


def _generated(total: int, block: int = 1 << 20) -> Iterator[bytes]:
    seed = os.urandom(block)
    for i in range(total // block):
        yield seed[i % 97 :] + seed[: i % 97]  # no two blocks alike, none held


@pytest.mark.parametrize("at_rest", ["encrypted"], indirect=True)
def test_a_large_file_streams_through_export_and_import_in_bounded_memory(
    ws, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """200 MB, made on the fly: stored, exported and imported with Python's allocations
    staying under 40 MB at every step (bench/bench_files.py runs 1 GB)."""
    size = 200 * 2**20
    incident = _incident(ws)
    store = file_store(ws)
    tracemalloc.start()
    try:
        sha, stored = store.put(_generated(size))
        assert stored == size
        with ws.writing() as w:
            w.record(
                "evidence_file",
                "0b7c8d52-0000-4000-8000-000000000001",
                {"sha256": sha, "size": size, "media_type": "video/mp4", "incident_id": incident},
                new=True,
            )
        export = tmp_path / "big.tawthiq"
        services.sync.export_database(ws, export)
        other = _other(ws, tmp_path)
        try:
            assert services.sync.import_files(other, [export], accept_new=True).files_received == 1
            peak = tracemalloc.get_traced_memory()[1]
            assert file_store(other).problem(sha) is None
        finally:
            other.close()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.1f} MB"


def test_bundles_merge_in_any_order_to_the_same_records_and_files(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    x, y = os.urandom(70_000), os.urandom(90_000)
    Desk(ws).files.attach(incident, [_file(tmp_path, "x.jpg", x)])
    from_a, from_b = tmp_path / "a.tawthiq", tmp_path / "b.tawthiq"
    services.sync.export_database(ws, from_a)
    basel = _other(ws, tmp_path, "basel")
    try:
        services.sync.import_files(basel, [from_a], accept_new=True)
        Desk(basel).files.attach(incident, [_file(tmp_path, "y.ogg", y)], "a paramedic")
        services.sync.export_database(basel, from_b)
    finally:
        basel.close()
    results = []
    for name, order in (("c1", [from_a, from_b]), ("c2", [from_b, from_a])):
        c = _other(ws, tmp_path, name)
        try:
            for bundle in order:
                services.sync.import_files(c, [bundle], accept_new=True)
            services.sync.import_files(c, order, accept_new=True)  # again: nothing new
            with c.db.read() as s:
                digest = state_digest(s)
            results.append((digest, file_store(c).stored()))
            assert len(Desk(c).files.files_of(incident)) == 2
        finally:
            c.close()
    assert results[0] == results[1]
    assert results[0][1] == sorted([_sha(x), _sha(y)])


def test_an_export_whose_files_were_cut_off_is_refused_whole(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    Desk(ws).files.attach(incident, [_file(tmp_path, "x.jpg", os.urandom(40_000))])
    export, cut = tmp_path / "e.tawthiq", tmp_path / "cut.tawthiq"
    services.sync.export_database(ws, export)
    lines = gzip.decompress(export.read_bytes()).split(b"\n")
    end = next(i for i, line in enumerate(lines) if line.startswith(b'{"end"'))
    cut.write_bytes(gzip.compress(b"\n".join(lines[: end + 1]) + b"\n"))
    other = _other(ws, tmp_path)
    try:
        with pytest.raises(Exception, match="cut off"):
            services.sync.import_files(other, [cut], accept_new=True)
        with other.db.read() as s:
            assert s.execute(text("SELECT count(*) FROM event")).scalar() == 0
    finally:
        other.close()


def test_a_passphrase_export_carries_its_files_sealed(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    data = b"FILE-INSIDE-SEALED-EXPORT " * 20_000
    Desk(ws).files.attach(incident, [_file(tmp_path, "s.txt", data)])
    export = tmp_path / "sealed.tawthiq"
    services.sync.export_database(ws, export, passphrase="a long export passphrase")
    assert b"FILE-INSIDE" not in export.read_bytes()
    other = _other(ws, tmp_path)
    try:
        got = services.sync.import_files(
            other, [export], accept_new=True, passphrase="a long export passphrase"
        )
        assert got.files_received == 1
        assert b"".join(file_store(other).read(_sha(data))) == data
    finally:
        other.close()
