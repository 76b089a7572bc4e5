"""The event: one field change, its canonical encoding and its place in a device's hash chain."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from operator import attrgetter
from typing import Any

GENESIS = "0" * 64
_UNSET: Any = object()
ENCODING_VERSION = 1  # an event without an origin (format 1), hashed as it always was
ORIGIN_ENCODING_VERSION = 2  # an event that says where its value came from (format 2)


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# The same encoder without its per-call set-up (a third of its time on short values, and
# every event is encoded when it is hashed); absent on Pythons without the C accelerator.
_FAST = (
    json.encoder.c_make_encoder(  # type: ignore[attr-defined]
        None, _CANONICAL.default, json.encoder.encode_basestring, None, ":", ",", True, False, True
    )
    if getattr(json.encoder, "c_make_encoder", None)
    else None
)


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 kept as is."""
    if _FAST is None or isinstance(value, str):
        return _CANONICAL.encode(value)
    return "".join(_FAST(value, 0))


def uuid7() -> str:
    """A time-ordered UUID (RFC 9562 version 7): new events sort after older ones."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68) << 64 | 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# ``Event.order`` as a sort key, without a Python call per event (a merge sorts millions).
REPLAY_ORDER = attrgetter("hlc", "device_id", "seq")


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    entity: str
    entity_id: str
    field: str
    value: str  # canonical JSON text
    parents: tuple[str, ...]
    hlc: int
    author: str
    device_id: str
    seq: int
    prev_hash: str
    hash: str
    signature: str | None = None
    # Where the value came from (``domain.records.ORIGINS``); None before format 2.
    origin: str | None = None
    # The value already decoded, when the writer has it at hand (not part of the event).
    known_value: Any = dc_field(default=_UNSET, compare=False, repr=False)

    @property
    def decoded(self) -> Any:
        return json.loads(self.value) if self.known_value is _UNSET else self.known_value

    @property
    def order(self) -> tuple[int, str, int]:
        """The total order in which events are replayed and the display winner is chosen."""
        return REPLAY_ORDER(self)

    def as_tuple(self) -> tuple[Any, ...]:
        """The event's columns in the order of ``COLUMNS``, as the table stores them."""
        return (
            self.event_id, self.entity, self.entity_id, self.field, self.value,
            canonical_json(list(self.parents)), self.hlc, self.author, self.device_id, self.seq,
            self.prev_hash, self.hash, self.signature, self.origin,
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: Any) -> Event:
        m = row._mapping if hasattr(row, "_mapping") else row
        return cls(**{**{k: m[k] for k in COLUMNS}, "parents": tuple(json.loads(m["parents"]))})


def parse_parents(text: str) -> tuple[str, ...]:
    """The parents column: most events have none or one, read without the JSON parser."""
    if text == "[]":
        return ()
    if len(text) == 40 and text[:2] == '["' and text[-2:] == '"]' and '"' not in text[2:38]:
        return (text[2:38],)
    return tuple(json.loads(text))


COLUMNS = (
    "event_id",
    "entity",
    "entity_id",
    "field",
    "value",
    "parents",
    "hlc",
    "author",
    "device_id",
    "seq",
    "prev_hash",
    "hash",
    "signature",
    "origin",
)


def event_hash(
    *,
    event_id: str,
    entity: str,
    entity_id: str,
    field: str,
    value: str,
    parents: Sequence[str],
    hlc: int,
    author: str,
    device_id: str,
    seq: int,
    prev_hash: str,
    origin: str | None = None,
) -> str:
    """SHA-256 over the canonical encoding of everything but the hash and the signature
    (the origin included, so a value marked "confirmed" afterwards no longer matches)."""
    return _hash(
        [event_id, entity, entity_id, field, value, list(parents), hlc, author, device_id, seq,
         prev_hash],
        origin,
    )  # fmt: skip


def column_hash(columns: Sequence[Any]) -> str:
    """``event_hash`` of an event's columns in the order of ``COLUMNS`` (``parents`` as a
    list), as an export file carries them: the origin, when there is one, fourteenth."""
    return _hash(columns[:11], columns[13] if len(columns) > 13 else None)


def _hash(first_eleven: Sequence[Any], origin: str | None) -> str:
    """An event of format 1 has no origin and keeps the hash it always had."""
    if origin is None:
        payload = [ENCODING_VERSION, *first_eleven]
    else:
        payload = [ORIGIN_ENCODING_VERSION, *first_eleven, origin]
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def parents_text(parents: Sequence[str]) -> str:
    """The parents column as stored (the inverse of ``parse_parents``)."""
    if not parents:
        return "[]"
    return canonical_json(list(parents))


def rehash(e: Event) -> str:
    return event_hash(
        event_id=e.event_id,
        entity=e.entity,
        entity_id=e.entity_id,
        field=e.field,
        value=e.value,
        parents=e.parents,
        hlc=e.hlc,
        author=e.author,
        device_id=e.device_id,
        seq=e.seq,
        prev_hash=e.prev_hash,
        origin=e.origin,
    )


def head_message(device_id: str, seq: int, head_hash: str) -> bytes:
    """What a device signs to vouch for its chain up to ``seq``."""
    return f"tawthiq-chain-head/1\n{device_id}\n{seq}\n{head_hash}".encode()


def field_heads(events: Iterable[Event]) -> list[Event]:
    """The events of one field that no other event names as a parent, in replay order.

    More than one head is a conflict; the last one is the value shown.
    """
    events = list(events)
    if len(events) == 1:
        return events
    seen_as_parent = {p for e in events for p in e.parents}
    return sorted((e for e in events if e.event_id not in seen_as_parent), key=REPLAY_ORDER)
