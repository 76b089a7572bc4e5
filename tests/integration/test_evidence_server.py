"""Evidence files on a database the laptop works on directly, a PostgreSQL one included:
kept beside the database file, or for a PostgreSQL database in this laptop's key folder."""

from __future__ import annotations

from pathlib import Path

from tawthiq.services import Desk
from tawthiq.services.evidence_files import file_store

ON_SERVER = True


def test_attached_files_are_kept_and_read_back(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = Desk(ws).save({"title_en": "Strike"}).incident_id
    doc = tmp_path / "note.txt"
    doc.write_bytes(b"a witness statement\n" * 1000)
    (done,) = Desk(ws).files.attach(incident, [doc], "a contact").files
    store = file_store(ws)
    if ws.db.url:
        assert store.folder.is_relative_to(ws.key_dir / "server-files")
    else:
        assert store.folder == Path(f"{ws.db.path}.files")
    (listed,) = Desk(ws).files.files_of(incident)
    assert listed.here and listed.sha256 == done.sha256
    assert b"".join(Desk(ws).files.read(done.sha256)) == doc.read_bytes()
    assert Desk(ws).trail.verify().ok
