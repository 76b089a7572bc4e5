"""Evidence files as the window and the command line ask for them: reached as
``Desk.files``, each call a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.services.changes import Changes

if TYPE_CHECKING:
    from tawthiq.services.evidence import Attached
    from tawthiq.services.evidence_images import Box, SharedCopy
    from tawthiq.services.workspace import Workspace
    from tawthiq.store.evidence_queries import EvidenceRecord
    from tawthiq.store.evidence_store import FileStore


@dataclass(frozen=True, slots=True)
class AttachedFiles:
    files: tuple[Attached, ...]
    changes: Changes


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file attached to an incident, as lists show it; ``here``: its bytes are on this
    laptop (an export without files brings the record only)."""

    record: EvidenceRecord
    here: bool

    @property
    def sha256(self) -> str:
        return self.record.sha256

    @property
    def attached_at(self) -> datetime:
        """When it was attached (its first event's time), in UTC."""
        from tawthiq.store.hlc import to_datetime

        return to_datetime(self.record.attached_hlc)

    @property
    def media_type(self) -> str:
        return str(self.record.values.get("media_type") or "application/octet-stream")


@dataclass(frozen=True, slots=True)
class ShareOutcome:
    """One attachment's copy to share: made (``copy``), or refused with a sentence why."""

    file: EvidenceFile
    copy: SharedCopy | None
    refused: str | None


class FilesDesk:
    def __init__(self, workspace: Callable[[], Workspace]) -> None:
        self._ws = workspace

    def _store(self) -> FileStore:
        from tawthiq.services.evidence_files import file_store

        store = file_store(self._ws())
        store.remove_leftovers()  # what an attach or import killed part way left
        return store

    def attach(
        self, incident_id: str, paths: Sequence[Path], origin: str | None = None
    ) -> AttachedFiles:
        """Attach each file to the incident, all in one save (or none)."""
        from tawthiq.services import evidence

        for p in paths:  # every one refused before any is stored
            evidence.check_readable(Path(p))
        store = self._store()
        with self._ws().writing() as w:
            done = tuple(
                evidence.attach(w, incident_id, Path(p), origin, store=store) for p in paths
            )
        return AttachedFiles(done, Changes.of([incident_id]))

    def detach(self, incident_id: str, sha256: str) -> Changes:
        """The file no longer attached to the incident (its record and bytes stay)."""
        from tawthiq.services import evidence

        with self._ws().writing() as w:
            evidence.check_target(w.session, incident_id)
            done = evidence.detach(w, incident_id, sha256)
        return Changes.of([incident_id]) if done else Changes()

    def resolve(self, incident_id: str, start: str) -> str:
        """The SHA-256 of the one file attached to the incident that begins with ``start``
        (at least 6 of its hexadecimal digits); refused in one sentence otherwise."""
        from tawthiq.domain.errors import N_, NotFoundError, ValidationError

        start = start.strip().lower()
        if len(start) < 6 or any(c not in "0123456789abcdef" for c in start):
            raise ValidationError(
                N_("{value!r} is not a SHA-256: give at least its first 6 characters (0-9, a-f)"),
                value=start,
            )
        found = [f.sha256 for f in self.files_of(incident_id) if f.sha256.startswith(start)]
        if not found:
            raise NotFoundError(
                N_("no file attached to incident {id} has a SHA-256 starting {sha}"),
                id=incident_id[:8],
                sha=start,
            )
        if len(found) > 1:
            raise ValidationError(
                N_("{n} files of incident {id} have a SHA-256 starting {sha}: give more of it"),
                n=len(found),
                id=incident_id[:8],
                sha=start,
            )
        return found[0]

    def attach_to_report(
        self, report_id: str, paths: Sequence[Path], origin: str | None = None
    ) -> AttachedFiles:
        """Attach each file to a source report, all in one save (or none)."""
        from tawthiq.services import evidence

        for p in paths:
            evidence.check_readable(Path(p))
        store = self._store()
        with self._ws().writing() as w:
            done = tuple(
                evidence.attach(w, report_id, Path(p), origin, store=store, report=True)
                for p in paths
            )
        return AttachedFiles(done, Changes(reports=True))

    def files_of_report(self, report_id: str) -> list[EvidenceFile]:
        from tawthiq.domain.fields import SOURCE_REPORT
        from tawthiq.services import evidence

        store = self._store()
        with self._ws().db.read() as s:
            evidence.check_target(s, report_id, SOURCE_REPORT)
            found = evidence.files_of_report(s, report_id)
        return [EvidenceFile(r, store.has(r.sha256)) for r in found]

    def files_of(self, incident_id: str) -> list[EvidenceFile]:
        from tawthiq.services import evidence

        store = self._store()
        with self._ws().db.read() as s:
            evidence.check_target(s, incident_id)
            found = evidence.files_of(s, incident_id)
        return [EvidenceFile(r, store.has(r.sha256)) for r in found]

    def read(self, sha256: str) -> Iterator[bytes]:
        """A file's original bytes, decrypted, a chunk at a time (checked at the end)."""
        return self._store().read(sha256)

    def thumbnail(self, f: EvidenceFile) -> bytes | None:
        from tawthiq.services.evidence_images import thumbnail

        return thumbnail(self._store(), f.sha256, f.media_type) if f.here else None

    def encrypted(self) -> bool:
        """Whether the stored files are sealed (the database is encrypted): a copy opened
        with another program is then the only plain one."""
        return self._store().encrypted

    def share_copies(
        self,
        incident_id: str,
        folder: Path,
        blur: Sequence[Box] = (),
        *,
        only: str | None = None,
    ) -> list[ShareOutcome]:
        """A copy without metadata of each file of the incident (``only``: of the one with
        that SHA-256), in ``folder`` (which must exist); the files Tawthiq cannot clean are
        refused one by one, saying why (a ``Sentence`` the window translates)."""
        from tawthiq.domain.errors import N_, Sentence, TawthiqError, ValidationError
        from tawthiq.services.evidence_images import share_copy

        folder = Path(folder)
        if not folder.is_dir():
            raise ValidationError(N_("the folder {path} does not exist"), path=folder)
        store = self._store()
        out = []
        for f in self.files_of(incident_id):
            if only is not None and f.sha256 != only:
                continue
            name = str(f.record.values.get("file_name") or "")
            if not f.here:
                out.append(ShareOutcome(f, None, _not_here(f.sha256)))
                continue
            try:
                made = share_copy(
                    store, f.sha256, folder, media_type=f.media_type, name=name, blur=blur
                )
            except TawthiqError as exc:
                out.append(ShareOutcome(f, None, Sentence(exc.template, **exc.params)))
                continue
            out.append(ShareOutcome(f, made, None))
        return out


def _not_here(sha256: str) -> str:
    from tawthiq.domain.errors import N_, Sentence

    return Sentence(
        N_("file {sha} is not on this laptop yet: import an export that carries it"),
        sha=sha256[:12],
    )
