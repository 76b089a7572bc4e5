"""Simulated laptops for the sync tests: each its own database file, key folder and
documenter, exchanging real export files."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from conftest import at_rest_now, protect_for_tests, server_database
from tawthiq import services
from tawthiq.domain.records import Incident
from tawthiq.services import sync
from tawthiq.services.incidents import resolve_conflict
from tawthiq.services.workspace import record_trust
from tawthiq.store import protection, refresh
from tawthiq.store.events import canonical_json
from tawthiq.store.models import EventRow
from tawthiq.sync import merge, screen
from tawthiq.sync.format import end_message

_numbers = itertools.count(1)


class Laptop:
    def __init__(self, root: Path, name: str, template: Path | None = None) -> None:
        self.name = name
        self.root = root
        db: Path | str = root / f"{name}.db"
        keys = root / f"{name}-keys"
        at_rest = at_rest_now()
        if at_rest.server:  # each laptop's database on the test's PostgreSQL server
            assert template is None, "a copied database file is a file's test"
            db = server_database()
        elif template is not None:
            copy_database(template, db)
        if at_rest.encrypted and not protection.is_encrypted(Path(db)):
            services.open_workspace(db, author=name, key_dir=keys).close()
            protect_for_tests(db, keys, forget=False)  # other laptops of the test stay open
        self.ws = services.open_workspace(db, author=name, key_dir=keys, ask=at_rest.ask)

    def close(self) -> None:
        self.ws.close()

    def new_incident(self, **values: Any) -> str:
        with self.ws.writing() as w:
            return services.incidents.create_incident(
                w, values or {"title_en": f"incident {next(_numbers)}"}
            )

    def edit(self, incident_id: str, **changes: Any) -> None:
        with self.ws.writing() as w:
            services.incidents.edit_incident(w, incident_id, changes)

    def delete(self, incident_id: str) -> None:
        with self.ws.writing() as w:
            services.incidents.delete_incident(w, incident_id)

    def resolve(self, incident_id: str, field: str, **how: Any) -> None:
        with self.ws.writing() as w:
            resolve_conflict(w, incident_id, field, **how)

    def export(self, name: str | None = None, **options: Any) -> Path:
        path = self.root / (name or f"{self.name}-{next(_numbers)}.tawthiq")
        sync.export_database(self.ws, path, **options)
        return path

    def trust(self, other: Laptop) -> None:
        """Accept ``other``'s key (as a person does once the fingerprints match)."""
        identity = other.ws.identity
        with self.ws.writing() as w:
            record_trust(w, {identity.device_id: identity.public_key_hex})

    def accept_rollback(self) -> None:
        """The person put this older copy of the database back on purpose, and says so
        (`tawthiq rebuild --accept-rollback`)."""
        services.Desk(self.ws).trail.rebuild(accept_rollback=True)

    def trusted(self) -> dict[str, str]:
        """The keys this laptop accepts in its database (its signed trust decisions)."""
        with self.ws.db.read() as s:
            return self.ws.accepted_keys(s)

    def import_(self, *paths: Path, accept_new: bool = True, **options: Any) -> sync.ImportSummary:
        return sync.import_files(self.ws, list(paths), accept_new=accept_new, **options)

    def incident(self, incident_id: str) -> Incident:
        with self.ws.db.read() as s:
            return services.incidents.get_incident(s, incident_id)

    def digest(self) -> str:
        with self.ws.db.read() as s:
            return services.maintenance.state_digest(s)

    def event_ids(self) -> set[str]:
        with self.ws.db.read() as s:
            return set(s.execute(select(EventRow.event_id)).scalars())

    def verify(self) -> services.maintenance.VerifyReport:
        with self.ws.db.read() as s:
            return services.maintenance.verify(s, self.ws.trusted_keys())


def copy_database(source: Path, target: Path) -> None:
    """Copy a database file to another laptop, with its key file when it is encrypted (the
    passphrase opens it there; without the key file nothing does)."""
    shutil.copy(source, target)
    keys = protection.key_file(source)
    if keys.exists():
        shutil.copy(keys, protection.key_file(target))


def read_lines(path: Path) -> list[bytes]:
    """The lines of a plain (unencrypted) export file."""
    return gzip.decompress(path.read_bytes()).split(b"\n")[:-1]


def write_lines(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(gzip.compress(b"".join(line + b"\n" for line in lines)))


def write_signed(path: Path, lines: list[bytes], exporter: Laptop) -> None:
    """Write ``lines`` (header, events, end) as ``exporter`` would have signed them: the end
    line made again over the header and events as they now are, so a changed file passes
    the signature check and meets the checks behind it."""
    events = b"".join(line + b"\n" for line in lines[1:-1])
    sha, count = hashlib.sha256(events).hexdigest(), len(lines) - 2
    signature = exporter.ws.identity.sign(end_message(lines[0], sha, count))
    end = {"end": {"events": count, "sha256": sha, "signature": signature}}
    write_lines(path, [*lines[:-1], canonical_json(end).encode()])


def header(path: Path) -> dict[str, Any]:
    return json.loads(read_lines(path)[0])  # type: ignore[no-any-return]


def use_two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every merge does half of its work in a second process, as a large one does, in
    batches small enough that a test's few events make many."""
    monkeypatch.setattr(merge, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(screen, "_LINES_PER_BATCH", 4)
    monkeypatch.setattr(refresh, "_CHARS_PER_BATCH", 2000)
