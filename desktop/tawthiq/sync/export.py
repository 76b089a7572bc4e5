"""Writing an export: every event (or those after an earlier export), the devices' keys
and signed chain heads, signed as a whole by the exporting laptop."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.store import bookkeeping, chain, checkpoints
from tawthiq.store.events import GENESIS, Event, canonical_json, rehash
from tawthiq.store.evidence_queries import hashes_in
from tawthiq.store.identity import DeviceIdentity
from tawthiq.sync import seal
from tawthiq.sync.check_header import short_id
from tawthiq.sync.errors import SyncError
from tawthiq.sync.files_section import write_files
from tawthiq.sync.format import MAX_AUTHORS, DeviceRange, Header, end_message
from tawthiq.sync.stream import AtomicWriter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store.evidence_store import FileStore

__all__ = [
    "ExportResult",
    "covered_by",
    "remember_export",
    "write_export",
]

Progress = Callable[[int, int], None]
# Called with the finished export and the function that puts it in place: the caller notes
# the export and puts it in place in one go, or leaves no file when it cannot note it.
Publish = Callable[["ExportResult", Callable[[], None]], None]
_BATCH = 5000


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    bundle_id: str
    events: int
    devices: int
    since: dict[str, int]
    encrypted: bool
    size: int
    created_hlc: int
    heads: dict[str, int]  # where each device's chain stood
    files: int = 0  # evidence files carried


def _damaged(device: str, seq: int) -> SyncError:
    return SyncError(
        N_(
            "event #{seq} of device {device} in this database is damaged; run `tawthiq "
            "verify`, nothing was exported"
        ),
        seq=seq,
        device=short_id(device),
    )


def write_export(
    session: Session,
    identity: DeviceIdentity,
    author: str,
    path: Path,
    *,
    since: Mapping[str, int] | None = None,
    lock: seal.Lock | None = None,
    progress: Progress | None = None,
    publish: Publish | None = None,
    devices_only: Collection[str] | None = None,
    with_checkpoint: bool = True,
    recheck: bool = True,
    files: FileStore | None = None,
) -> ExportResult:
    """Write the export to ``path``, replacing it only when complete: by ``publish`` when
    given (nothing is left at ``path`` when it fails). ``devices_only``: the events of these
    devices only (a sync sends some); ``with_checkpoint=False``: no checkpoint in it (one
    read from a team server's database is not the exporting laptop's own); ``recheck=False``:
    the chains are not checked here, for a reader that checks every event of them (a pull,
    whose bundle never leaves the laptop that reads it: a forgery on the server is then
    named as one, not as damage to this laptop's database). ``files``: the evidence files
    its events name that are kept here go after its end (None: their SHA-256s only)."""
    since = dict(since or {})
    heads = chain.signed_heads(session)
    if devices_only is not None:
        heads = {d: h for d, h in heads.items() if d in devices_only}
    keys = chain.device_keys(session)
    devices = []
    for device_id in sorted(heads):
        head = heads[device_id]
        first = since.get(device_id, 0) + 1
        if head.seq >= first:
            if device_id not in keys:
                raise _damaged(device_id, head.seq)
            authors = chain.authors_since(session, device_id, first, most=MAX_AUTHORS)
            devices.append(
                DeviceRange(
                    device_id,
                    keys[device_id],
                    first,
                    head.seq,
                    head.hash,
                    head.signature,
                    tuple(authors),
                )
            )
    last_export = bookkeeping.last_export_hlc(session) or 0
    clock = chain.device_clock(session, identity.device_id, at_least=last_export)
    signed = checkpoints.latest(session)
    header = Header(
        checkpoint=signed
        if with_checkpoint and signed is not None and signed.device_id == identity.device_id
        else None,
        bundle_id=str(uuid.uuid4()),
        exporter=identity.device_id,
        exporter_key=identity.public_key_hex,
        author=author,
        created_hlc=clock.now(),
        since={k: v for k, v in sorted(since.items()) if v > 0},
        devices=tuple(devices),
        events=sum(d.count for d in devices),
        files=_carried(session, files, devices),
    )
    header_line = canonical_json(header.as_json()).encode("utf-8")
    digest = hashlib.sha256()
    done = 0
    tell = progress or (lambda _d, _t: None)
    tell(0, header.events)
    with AtomicWriter(path, lock) as out:
        out.write(header_line + b"\n")
        for d in devices:
            prev = _hash_before(session, d)
            for e in _events(session, d):
                if recheck and (e.prev_hash != prev or rehash(e) != e.hash):
                    raise _damaged(d.device_id, e.seq)
                prev = e.hash
                line = canonical_json(_line(e)).encode("utf-8") + b"\n"
                digest.update(line)
                out.write(line)
                done += 1
                if done % _BATCH == 0:
                    tell(done, header.events)
            if recheck and prev != d.head_hash:
                raise _damaged(d.device_id, d.last)
        if done != header.events:
            raise SyncError(N_("the database changed while it was being exported; try again"))
        signature = identity.sign(end_message(header_line, digest.hexdigest(), done))
        end = {"end": {"events": done, "sha256": digest.hexdigest(), "signature": signature}}
        out.write(canonical_json(end).encode("utf-8") + b"\n")
        if files is not None and header.files:
            write_files(out.write, files, header.files)
        result = ExportResult(
            path=path,
            bundle_id=header.bundle_id,
            events=done,
            devices=len(devices),
            since=header.since,
            encrypted=lock is not None,
            size=out.finish(),
            created_hlc=header.created_hlc,
            heads={d: h.seq for d, h in sorted(heads.items())},
            files=len(header.files),
        )
        if publish is None:
            out.commit()
        else:
            publish(result, out.commit)
    tell(done, header.events)
    return result


def _carried(
    session: Session, files: FileStore | None, devices: list[DeviceRange]
) -> tuple[tuple[str, int], ...]:
    """(SHA-256, size) of the files the exported events name that are kept here."""
    if files is None:
        return ()
    named = hashes_in(session, {d.device_id: (d.first, d.last) for d in devices})
    return tuple((sha, files.size_of(sha)) for sha in named if files.has(sha))


def remember_export(session: Session, result: ExportResult) -> None:
    """Note a completed export, for the next ``--since last``."""
    bookkeeping.remember_export(
        session,
        bundle_id=result.bundle_id,
        created_hlc=result.created_hlc,
        heads=result.heads,
        file_name=result.path.name,
    )


def _line(e: Event) -> list[object]:
    """An event as a line of the file; one written before format 2 has no origin to carry
    and keeps the thirteen columns it was hashed with."""
    line: list[object] = [
        e.event_id, e.entity, e.entity_id, e.field, e.value, list(e.parents), e.hlc, e.author,
        e.device_id, e.seq, e.prev_hash, e.hash, e.signature,
    ]  # fmt: skip
    if e.origin is not None:
        line.append(e.origin)
    return line


def _hash_before(session: Session, d: DeviceRange) -> str:
    if d.first == 1:
        return GENESIS
    found = chain.hashes(session, d.device_id, d.first - 1, d.first - 1).get(d.first - 1)
    if found is None:
        raise _damaged(d.device_id, d.first - 1)
    return found


def _events(session: Session, d: DeviceRange) -> Iterator[Event]:
    expected = d.first
    for e in chain.device_events(session, d.device_id, d.first, d.last):
        if e.seq != expected:
            raise _damaged(d.device_id, expected)
        expected += 1
        yield e


def covered_by(path: Path, keys: seal.Keys) -> dict[str, int]:
    """How far each device's chain reaches in an earlier export file, for ``--since FILE``."""
    from tawthiq.sync.format import parse_header
    from tawthiq.sync.stream import BundleFile

    source = BundleFile(path, keys, lambda _done: None)
    try:
        first = next(source.lines(), None)
    finally:
        source.close()
    if first is None:
        raise SyncError(N_("{path} is empty"), path=path)
    header = parse_header(first, source.size)
    covered = dict(header.since)
    for d in header.devices:
        covered[d.device_id] = max(covered.get(d.device_id, 0), d.last)
    return covered
