"""The export format, version 2: gzip-compressed UTF-8 JSON lines.

    line 1      header: who exported, when, and per device its range of events and its
                signed chain head; the exporter's latest checkpoint (every chain head its
                database held, their Merkle root, signed), when it has one
    lines 2..   one event each, as a JSON array in the order of ``store.events.COLUMNS``
                (``parents`` a list), devices one after another, each by sequence number;
                an event written before format 2 stops before ``origin`` (thirteen items,
                as version 1 wrote every event), a later one carries it (fourteen)
    then        {"end": {"events": N, "sha256": digest of the event lines, "signature":
                the exporter's signature over header digest, event digest and count}}
    after it    the evidence files the header lists ("files": [[sha256, size], …], in that
                order; none with ``export --without-files``): for each, {"file": sha256,
                "size": N}, then its bytes in base64 lines of up to ``FILE_LINE`` bytes each.
                The bytes need no signature of their own: the signed events name their
                SHA-256, and every one is checked against it before anything is applied.
                A file of this layout with files in it is refused by a reader before them
                ("unexpected data after its end"); one without files reads as before.

Every field read from a file is checked here for its type and size before anything else
looks at it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from tawthiq.domain.errors import N_
from tawthiq.domain.records import ORIGINS
from tawthiq.store.checkpoints import Checkpoint, rehashed
from tawthiq.store.events import COLUMNS
from tawthiq.sync.errors import BadFileError, SyncError

FORMAT = "tawthiq-export"
VERSION = 2  # 2: events carry their origin; a version 1 file reads as before
MAX_DEVICES = 10_000
MAX_AUTHORS = 20
MAX_NAME = 200  # an author's name as a header carries it
MAX_FILES = 1_000_000  # evidence files one export carries
MAX_FILE_SIZE = 2**50
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX128 = re.compile(r"^[0-9a-f]{128}$")
_MAX_INT = 2**63 - 1
# A JSON escape that can decode to half of a surrogate pair: only a line holding one can
# give a string that is not text (a lone "\\udcff" cannot be written as UTF-8, hashed or
# stored), so only such a line is searched for one.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def holds_lone_surrogate(line: bytes, item: Any) -> bool:
    """Whether JSON ``item``, read from ``line``, holds a string that is not text: a lone
    surrogate, which ends in an error wherever the string is encoded (hashing, storing)."""
    if not _SURROGATE_ESCAPE.search(line):
        return False
    todo = [item]
    while todo:
        value = todo.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(value, list):
            todo.extend(value)
        elif isinstance(value, dict):
            todo.extend(value)
            todo.extend(value.values())
    return False


def end_message(header_line: bytes, events_sha256: str, count: int) -> bytes:
    """What the exporter signs: the header as written, every event line, and their number."""
    head = hashlib.sha256(header_line).hexdigest()
    return f"tawthiq-export/1\n{head}\n{events_sha256}\n{count}".encode()


@dataclass(frozen=True, slots=True)
class DeviceRange:
    device_id: str
    public_key: str
    first: int
    last: int
    head_hash: str
    head_signature: str  # "" when the file carries none (refused later, with its own message)
    authors: tuple[str, ...] = ()  # who wrote the device's events in this file

    @property
    def count(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class Header:
    bundle_id: str
    exporter: str
    exporter_key: str
    author: str
    created_hlc: int
    since: dict[str, int]
    devices: tuple[DeviceRange, ...]
    events: int
    checkpoint: Checkpoint | None = None
    files: tuple[tuple[str, int], ...] = ()  # (SHA-256, size) of the evidence files carried

    def as_json(self) -> dict[str, Any]:
        out = {
            "format": FORMAT,
            "version": VERSION,
            "bundle_id": self.bundle_id,
            "exporter": self.exporter,
            "exporter_key": self.exporter_key,
            "author": self.author,
            "created_hlc": self.created_hlc,
            "since": self.since,
            "devices": [
                {
                    "device": d.device_id,
                    "public_key": d.public_key,
                    "first": d.first,
                    "last": d.last,
                    "head": {"seq": d.last, "hash": d.head_hash, "signature": d.head_signature},
                    "authors": list(d.authors),
                }
                for d in self.devices
            ],
            "events": self.events,
        }
        if self.checkpoint is not None:
            out["checkpoint"] = self.checkpoint.as_json()
        if self.files:
            out["files"] = [[sha, size] for sha, size in self.files]
        return out


def _damaged(detail: str) -> BadFileError:
    return BadFileError(N_("the export's header is damaged ({detail})"), detail=detail)


def _get(obj: dict[str, Any], key: str, kind: type, pattern: re.Pattern[str] | None = None) -> Any:
    value = obj.get(key)
    if kind is int:
        ok = type(value) is int and 0 <= value <= _MAX_INT
    else:
        ok = isinstance(value, kind) and (pattern is None or bool(pattern.match(str(value))))
    if not ok:
        raise _damaged(f"{key} is missing or wrong")
    return value


def parse_header(line: bytes, file_size: int) -> Header:
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadFileError(
            N_("the file is not a Tawthiq export (its first line is not one)")
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadFileError(N_("the file is not a Tawthiq export (its first line is not one)"))
    if holds_lone_surrogate(line, data):
        raise _damaged("it holds a lone surrogate, which is not text")
    version = data.get("version")
    if type(version) is not int or version > VERSION:
        raise SyncError(
            N_(
                "the export was made by a newer version of Tawthiq (format {version}); "
                "install the newer version to import it"
            ),
            version=version,
        )
    raw_devices = data.get("devices")
    since = data.get("since")
    if not isinstance(raw_devices, list) or len(raw_devices) > MAX_DEVICES:
        raise _damaged("devices")
    if not isinstance(since, dict) or len(since) > MAX_DEVICES:
        raise _damaged("since")
    devices = []
    for d in raw_devices:
        if not isinstance(d, dict) or not isinstance(d.get("head"), dict):
            raise _damaged("devices")
        head = d["head"]
        first, last = _get(d, "first", int), _get(d, "last", int)
        if not 1 <= first <= last or _get(head, "seq", int) != last:
            raise _damaged("devices")
        devices.append(
            DeviceRange(
                device_id=_get(d, "device", str, _UUID),
                public_key=_get(d, "public_key", str, _HEX64),
                first=first,
                last=last,
                head_hash=_get(head, "hash", str, _HEX64),
                head_signature=_signature(head.get("signature")),
                authors=_authors(d.get("authors")),
            )
        )
    if len({d.device_id for d in devices}) != len(devices):
        raise _damaged("a device is listed twice")
    for device, seq in since.items():
        if not _UUID.match(str(device)) or type(seq) is not int or not 0 <= seq <= _MAX_INT:
            raise _damaged("since")
    header = Header(
        bundle_id=_get(data, "bundle_id", str, _UUID),
        exporter=_get(data, "exporter", str, _UUID),
        exporter_key=_get(data, "exporter_key", str, _HEX64),
        author=_get(data, "author", str)[:MAX_NAME],
        created_hlc=_get(data, "created_hlc", int),
        since=since,
        devices=tuple(devices),
        events=_get(data, "events", int),
    )
    if "checkpoint" in data:
        header = replace(header, checkpoint=_checkpoint(data["checkpoint"], header))
    if "files" in data:
        header = replace(header, files=_files(data["files"]))
    if header.events != sum(d.count for d in devices):
        raise _damaged("the number of events does not add up")
    # Each event takes well over 16 compressed bytes: a file claiming more is not one.
    if header.events > 16 + file_size // 16:
        raise BadFileError(
            N_(
                "the export claims {count} events but is only {size} bytes long: it is "
                "damaged or forged"
            ),
            count=header.events,
            size=file_size,
        )
    return header


def _checkpoint(value: Any, header: Header) -> Checkpoint:
    """The exporter's checkpoint as the header carries it (its signature is checked with
    the rest of the file, in ``sync.check``)."""
    if not isinstance(value, dict) or not isinstance(value.get("heads"), list):
        raise _damaged("checkpoint")
    raw = value["heads"]
    if len(raw) > MAX_DEVICES:
        raise _damaged("checkpoint")
    heads = []
    for h in raw:
        ok = (
            isinstance(h, list) and len(h) == 3 and isinstance(h[0], str) and _UUID.match(h[0])
            and type(h[1]) is int and 1 <= h[1] <= _MAX_INT
            and isinstance(h[2], str) and _HEX64.match(h[2])
        )  # fmt: skip
        if not ok:
            raise _damaged("checkpoint")
        heads.append((h[0], h[1], h[2]))
    if heads != sorted(heads) or len({h[0] for h in heads}) != len(heads):
        raise _damaged("checkpoint")
    if _get(value, "device", str, _UUID) != header.exporter:
        raise _damaged("checkpoint")
    number = _get(value, "number", int)
    if number < 1:
        raise _damaged("checkpoint")
    return rehashed(
        Checkpoint(
            device_id=header.exporter,
            public_key=header.exporter_key,
            number=number,
            hlc=_get(value, "hlc", int),
            heads=tuple(heads),
            root=_get(value, "root", str, _HEX64),
            previous=_get(value, "previous", str, _HEX64),
            hash="",  # what its fields give, below
            signature=_get(value, "signature", str, _HEX128),
        )
    )


def _files(value: Any) -> tuple[tuple[str, int], ...]:
    """The evidence files the header says follow the end: (SHA-256, size), each once."""
    if not isinstance(value, list) or len(value) > MAX_FILES:
        raise _damaged("files")
    out = []
    for f in value:
        ok = (
            isinstance(f, list) and len(f) == 2 and isinstance(f[0], str) and _HEX64.match(f[0])
            and type(f[1]) is int and 0 <= f[1] <= MAX_FILE_SIZE
        )  # fmt: skip
        if not ok:
            raise _damaged("files")
        out.append((f[0], f[1]))
    if len({sha for sha, _ in out}) != len(out):
        raise _damaged("files")
    return tuple(out)


def _signature(value: Any) -> str:
    return value if isinstance(value, str) and _HEX128.match(value) else ""


def _authors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(a)[:MAX_NAME] for a in value[:MAX_AUTHORS] if isinstance(a, str))


@dataclass(frozen=True, slots=True)
class Trailer:
    events: int
    sha256: str
    signature: str


def parse_trailer(data: Any) -> Trailer:
    end = data.get("end") if isinstance(data, dict) else None
    if not isinstance(end, dict):
        raise BadFileError(N_("the export's last line is damaged"))
    try:
        return Trailer(
            events=_get(end, "events", int),
            sha256=_get(end, "sha256", str, _HEX64),
            signature=_get(end, "signature", str, _HEX128),
        )
    except BadFileError:
        raise BadFileError(N_("the export's last line is damaged")) from None


N_COLUMNS = len(COLUMNS)  # with the origin; an event of format 1 has one fewer
_LENGTHS = (N_COLUMNS - 1, N_COLUMNS)
# column -> (type, largest size) for the event arrays
_SHAPE: tuple[tuple[type, int], ...] = (
    (str, 36),  # event_id
    (str, 32),  # entity
    (str, 36),  # entity_id
    (str, 64),  # field
    (str, 16 * 1024 * 1024),  # value (canonical JSON text)
    (list, 10_000),  # parents
    (int, 0),  # hlc
    (str, 500),  # author
    (str, 36),  # device_id
    (int, 0),  # seq
    (str, 64),  # prev_hash
    (str, 64),  # hash
)


_TYPES = (str, str, str, str, str, list, int, str, str, int, str, str)
_UNSIGNED = (*_TYPES, type(None))
_SIGNED = (*_TYPES, str)
_SHAPES = frozenset(
    (_UNSIGNED, _SIGNED, (*_UNSIGNED, str), (*_SIGNED, str))
)  # fmt: skip


def event_shape_problem(item: Any) -> str | None:
    """What is wrong with the shape of one event array, or None. Every event of a file
    passes here, so the common case is checked first, in as few steps as it takes."""
    if type(item) is list and len(item) in _LENGTHS:
        types = tuple(map(type, item))
        if (
            types in _SHAPES
            and (len(item) == N_COLUMNS - 1 or item[13] in ORIGINS)
            and len(item[0]) == len(item[2]) == 36
            and len(item[1]) <= 32
            and len(item[3]) <= 64
            and len(item[4]) <= 16 * 1024 * 1024
            and len(item[7]) <= 500
            and 0 <= item[6] <= _MAX_INT
            and 0 <= item[9] <= _MAX_INT
            and len(item[10]) == len(item[11]) == 64
            and _UUID.match(item[0])
            and _UUID.match(item[2])
            and all(type(p) is str and len(p) == 36 for p in item[5])
            and len(item[5]) <= 10_000
        ):
            return None
    return _shape_problem(item)


def _shape_problem(item: Any) -> str:
    """Which part of an event array is wrong, to say so."""
    if not isinstance(item, list) or len(item) not in _LENGTHS:
        return "not an event"
    for (kind, size), value, name in zip(_SHAPE, item, COLUMNS, strict=False):
        if kind is int:
            if type(value) is not int or not 0 <= value <= _MAX_INT:
                return name
        elif not isinstance(value, str | list) or not isinstance(value, kind) or len(value) > size:
            return name
    if item[12] is not None and not isinstance(item[12], str):
        return "signature"
    if len(item) == N_COLUMNS and item[13] not in ORIGINS:
        return "origin"
    if not (_UUID.match(item[0]) and _UUID.match(item[2]) and _UUID.match(item[8])):
        return "id"
    if not (_HEX64.match(item[10]) and _HEX64.match(item[11])):
        return "hash"
    if not all(isinstance(p, str) and _UUID.match(p) for p in item[5]):
        return "parents"
    return "shape"
