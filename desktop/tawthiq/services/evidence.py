"""Evidence files: attaching a photo, video, recording or document to an incident, listing
them, reading them back, and checking the stored bytes against their SHA-256.

The bytes are stored once under their SHA-256 (``store.evidence_store``) and never
changed; the record (an ``evidence_file`` entity in the log) says what they are, where they
came from and what they are attached to. Copies for sharing, thumbnails and what a photo
says of itself (when, which camera) are in ``evidence_images``.
"""

from __future__ import annotations

import mimetypes
import os
import stat
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, NotFoundError, Sentence, ValidationError
from tawthiq.domain.fields import DELETED, EVIDENCE, INCIDENT, SOURCE_REPORT
from tawthiq.services.evidence_images import photo_facts
from tawthiq.store import evidence_queries as q
from tawthiq.store.evidence_queries import EvidenceRecord
from tawthiq.store.evidence_store import CHUNK, FileProblem, FileStore
from tawthiq.store.materialize import entity_state

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store.writer import EventWriter

_NS = uuid.UUID("5b0f6f1e-3c55-4f0e-9a51-7d1b2f7e0c21")
MAX_ORIGIN = 500


def record_id(target_id: str, sha256: str) -> str:
    """The record of these bytes attached to this incident (or report): one per pair, so the
    same file attached twice, here or on another laptop, is one record, never two."""
    return str(uuid.uuid5(_NS, f"{target_id}/{sha256}"))


@dataclass(frozen=True, slots=True)
class Attached:
    sha256: str
    record_id: str
    new: bool  # False: these bytes were already attached to it (nothing changed)
    file_name: str
    restored: bool = False  # already attached, but its stored copy (missing or damaged)
    # was stored again from these bytes


def _sniffed(head: bytes) -> str | None:
    """The type the first bytes of a file say it is (its name may lie)."""
    signatures = (
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"II*\x00", "image/tiff"),
        (b"MM\x00*", "image/tiff"),
        (b"GIF8", "image/gif"),
        (b"%PDF", "application/pdf"),
        (b"OggS", "audio/ogg"),
        (b"ID3", "audio/mpeg"),
        (b"\x1aE\xdf\xa3", "video/webm"),
    )
    for magic, kind in signatures:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:10] == b"qt" else "video/mp4"
    return None


def media_type(path: Path, head: bytes) -> str:
    return _sniffed(head) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def check_readable(path: Path) -> None:
    """Refuse, before anything is written, what cannot be attached."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ValidationError(N_("{path} does not exist"), path=path) from None
    except OSError as exc:
        raise ValidationError(
            N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror
        ) from None
    if stat.S_ISDIR(mode):
        raise ValidationError(N_("{path} is a folder: attach the files in it"), path=path)
    if not stat.S_ISREG(mode):
        raise ValidationError(N_("{path} is not a regular file"), path=path)
    if not os.access(path, os.R_OK):
        raise ValidationError(N_("cannot read {path}: permission denied"), path=path)


def check_target(session: Session, target_id: str, entity: str = INCIDENT) -> None:
    if not q.is_live(session, entity, target_id):
        if entity == SOURCE_REPORT:
            raise NotFoundError(N_("there is no source report with id {id}"), id=target_id[:8])
        raise NotFoundError(N_("there is no incident with id {id}"), id=target_id[:8])


def attach(
    writer: EventWriter,
    incident_id: str,
    path: Path,
    origin: str | None = None,
    *,
    store: FileStore,
    report: bool = False,
) -> Attached:
    """Store the bytes of ``path`` (streamed, hashed as they are copied) and record them as
    attached to ``incident_id`` (with ``report``: the source report of that id). The same
    bytes attached to it again change nothing, unless the stored copy is missing, damaged
    or (encrypted) left plain: these bytes, proven by the same SHA-256, are then stored."""
    path = Path(path)
    check_readable(path)
    target = SOURCE_REPORT if report else INCIDENT
    check_target(writer.session, incident_id, target)
    origin = (origin or "").strip() or None
    if origin is not None and len(origin) > MAX_ORIGIN:
        raise ValidationError(
            N_("say where the file came from in at most {n} characters"), n=MAX_ORIGIN
        )
    head = b""
    with store.incoming() as inc:
        try:
            with path.open("rb") as f:
                while block := f.read(CHUNK):
                    head = head or block[:64]
                    inc.write(block)
        except OSError as exc:
            raise ValidationError(
                N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror
            ) from None
        sha256, size = inc.finish()
        rid = record_id(incident_id, sha256)
        history = writer.events_of(rid)
        if history and not entity_state(history).values.get(DELETED):
            restored = inc.publish()  # False: the stored copy is sound, nothing changed
            return Attached(sha256, rid, False, path.name, restored)
        inc.publish()
    if history:  # attached once and removed: attached again
        writer.record(EVIDENCE, rid, {DELETED: False})
        return Attached(sha256, rid, True, path.name)
    facts = photo_facts(path)
    values = {
        "sha256": sha256,
        "size": size,
        "media_type": media_type(path, head),
        "file_name": path.name,
        "taken_at": facts.taken_at,
        "device": facts.device,
        "origin": origin,
        "source_report_id" if report else "incident_id": incident_id,
    }
    writer.record(EVIDENCE, rid, {k: v for k, v in values.items() if v is not None}, new=True)
    return Attached(sha256, rid, True, path.name)


def detach(writer: EventWriter, target_id: str, sha256: str) -> bool:
    """Remove the file ``sha256`` from the incident or report ``target_id`` (a tombstone:
    its record and its bytes stay, as every deletion's); False when it was not attached."""
    rid = record_id(target_id, sha256)
    history = writer.events_of(rid)
    if not history or entity_state(history).values.get(DELETED):
        return False
    writer.record(EVIDENCE, rid, {DELETED: True})
    return True


def files_of(session: Session, incident_id: str) -> list[EvidenceRecord]:
    """The files attached to an incident (not removed), in the order attached."""
    return q.files_of(session, incident_id=incident_id)


def files_of_report(session: Session, report_id: str) -> list[EvidenceRecord]:
    """The files attached to a source report (not removed), in the order attached."""
    return q.files_of(session, source_report_id=report_id)


def read(store: FileStore, sha256: str) -> Iterator[bytes]:
    """A file's original bytes, a chunk at a time (decrypted); raises a one-sentence error
    when they are missing or changed."""
    return store.read(sha256)


def read_all(store: FileStore, sha256: str, *, limit: int = 512 * 1024 * 1024) -> bytes:
    """A whole file's bytes (for a picture to show or print); refused past ``limit``."""
    if store.has(sha256) and store.size_of(sha256) > limit:
        raise ValidationError(
            N_("file {sha} is too large to open here ({mb} MB at most)"),
            sha=sha256[:12],
            mb=limit // 2**20,
        )
    return b"".join(store.read(sha256))


def file_problems(session: Session, store: FileStore, own_device: str | None) -> list[str]:
    """Stored files missing, or whose bytes no longer match their SHA-256, named. A file
    this laptop never held (its record came from an export without files) is not missing."""
    problems: list[str] = []
    names = q.named_files(session)
    for sha256, devices in sorted(q.recorded_by(session).items()):
        name = names.get(sha256) or sha256[:12]
        if not store.has(sha256):
            if own_device in devices:
                missing = N_("evidence file {name} (SHA-256 {sha}) is missing from {folder}")
                problems.append(Sentence(missing, name=name, sha=sha256[:12], folder=store.folder))
            continue
        try:
            for _ in store.read(sha256):
                pass
        except FileProblem:
            changed = N_(
                "evidence file {name} (SHA-256 {sha}) was changed: its stored bytes no "
                "longer match its SHA-256"
            )
            problems.append(Sentence(changed, name=name, sha=sha256[:12]))
            continue
        if store.encrypted and not store.sealed(sha256):  # a protect cut off before it
            plain = N_(
                "evidence file {name} (SHA-256 {sha}) is kept unencrypted though the "
                "database is protected: attach it again to seal it"
            )
            problems.append(Sentence(plain, name=name, sha=sha256[:12]))
    return problems
