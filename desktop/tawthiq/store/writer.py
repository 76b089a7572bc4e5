"""Appending events for this device, and keeping the materialised tables in step.

All of it happens inside the caller's write transaction: either the events, the rows
and the signed chain head are all saved, or none of them is.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from tawthiq.domain.errors import N_
from tawthiq.domain.fields import INCIDENT, LINK, SOURCE_REPORT
from tawthiq.domain.records import EXTRACTOR, PERSON
from tawthiq.store import checkpoints, group_ranges
from tawthiq.store import sqlite_bulk as bulk
from tawthiq.store.chain import SignedHead, device_clock, device_key, record_head, signed_head
from tawthiq.store.errors import KeyPinError, StoreError
from tawthiq.store.events import (
    COLUMNS,
    GENESIS,
    Event,
    canonical_json,
    event_hash,
    field_heads,
    head_message,
    rehash,
    uuid7,
)
from tawthiq.store.identity import DeviceIdentity, verify_signature
from tawthiq.store.identity import key_fingerprint as fingerprint_of
from tawthiq.store.materialize import entity_state, row_for, table_of
from tawthiq.store.models import EventRow

_FLUSH_EVERY = 5000
EVENT_TABLE = cast(Table, EventRow.__table__)


def load_events(session: Session, entity_id: str) -> list[Event]:
    rows = session.execute(select(EventRow.__table__).where(EventRow.entity_id == entity_id))
    return [Event.from_row(r) for r in rows]


def check_signer(session: Session, identity: DeviceIdentity) -> None:
    """Refuse to write when another key signed the database's latest checkpoint: the
    device key beside the database was swapped, or the database is another laptop's."""
    latest = checkpoints.latest_row(session)
    if latest is not None and (latest.device_id, latest.public_key) != (
        identity.device_id,
        identity.public_key_hex,
    ):
        raise KeyPinError(
            N_(
                "this database belongs to laptop {owner} (key {owner_key}), but the device key "
                "here is laptop {device} (key {key}): the key file was replaced or lost, or the "
                "database was copied from another laptop; nothing was saved. Put back this "
                "laptop's own key, or read the database with verify, list, show or report"
            ),
            owner=latest.device_id[:8],
            owner_key=fingerprint_of(latest.public_key),
            device=identity.device_id[:8],
            key=fingerprint_of(identity.public_key_hex),
        )


def _signed_tail(session: Session, identity: DeviceIdentity) -> tuple[int, str]:
    """This device's last (seq, hash), refusing to build on a chain changed behind our back:
    the last event must be the one this device signed, unaltered, and where the latest
    checkpoint holds it (so a chain cut back, or removed, never restarts)."""
    device_id = identity.device_id
    check_signer(session, identity)
    pinned = checkpoints.pinned_head(session, device_id)
    head = signed_head(session, device_id)
    last = session.execute(
        select(EventRow.__table__)
        .where(EventRow.device_id == device_id)
        .order_by(EventRow.seq.desc())
        .limit(1)
    ).first()
    tampered = StoreError(
        N_(
            "this laptop's history in the database was changed outside Tawthiq since its last "
            "save (run `tawthiq verify` to see where); nothing was saved"
        )
    )
    if head is None and last is None:
        if pinned is not None:
            raise tampered
        return 0, GENESIS
    if head is None or last is None:
        raise tampered
    if pinned is not None and pinned != (head.seq, head.hash):
        raise tampered
    message = head_message(device_id, head.seq, head.hash)
    try:
        event = Event.from_row(last)
        intact = rehash(event) == event.hash
    except (TypeError, ValueError):
        intact = False
    if not (
        intact
        and (event.seq, event.hash) == (head.seq, head.hash)
        and device_key(session, device_id) == identity.public_key_hex
        and verify_signature(identity.public_key_hex, message, head.signature)
    ):
        raise tampered
    return head.seq, head.hash


class EventWriter:
    """Writes this device's events; use as a context manager inside ``Database.write()``."""

    def __init__(self, session: Session, identity: DeviceIdentity, author: str) -> None:
        self.session = session
        self.identity = identity
        self.author = author
        self._seq, self._hash = _signed_tail(session, identity)
        self.clock = device_clock(session, identity.device_id)
        self._events: list[Event] = []
        self._known: dict[str, list[Event]] = {}  # entity id -> all its events, this writer
        self._inserts: dict[str, dict[str, dict[str, Any]]] = {}  # entity -> id -> row
        self._updates: dict[str, dict[str, dict[str, Any]]] = {}
        self.written = 0
        self.signed: checkpoints.Checkpoint | None = None  # the checkpoint ``close`` signed
        self.first_checkpoint: str | None = None  # the hash of the database's checkpoint #1

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.close()

    def events_of(self, entity_id: str, *, new: bool = False) -> list[Event]:
        if entity_id not in self._known:
            self._known[entity_id] = [] if new else load_events(self.session, entity_id)
        return self._known[entity_id]

    def record(
        self,
        entity: str,
        entity_id: str,
        changes: Mapping[str, Any],
        *,
        new: bool = False,
        seen: Mapping[str, Sequence[str]] | None = None,
        origin: str = PERSON,
        suggested: Collection[str] = (),
    ) -> list[Event]:
        """Append one event per changed field; ``seen`` overrides the parents (the heads the
        author saw), which is how an edit made on an out-of-date view becomes a conflict.
        Each event says where its value came from: ``origin``, except the fields named in
        ``suggested``, whose values the extractor suggested and no person checked."""
        history = self.events_of(entity_id, new=new)
        existing = bool(history)
        out = []
        for name, value in changes.items():
            if seen is not None and name in seen:
                parents = tuple(sorted(seen[name]))
            elif not existing:
                parents = ()
            else:
                parents = tuple(
                    sorted(e.event_id for e in field_heads(e for e in history if e.field == name))
                )
            self._seq += 1
            event_id, hlc, text, prev = uuid7(), self.clock.now(), canonical_json(value), self._hash
            came_from = EXTRACTOR if name in suggested else origin
            self._hash = event_hash(
                event_id=event_id, entity=entity, entity_id=entity_id, field=name, value=text,
                parents=parents, hlc=hlc, author=self.author, device_id=self.identity.device_id,
                seq=self._seq, prev_hash=prev, origin=came_from,
            )  # fmt: skip
            e = Event(
                event_id=event_id, entity=entity, entity_id=entity_id, field=name, value=text,
                parents=parents, hlc=hlc, author=self.author, device_id=self.identity.device_id,
                seq=self._seq, prev_hash=prev,
                hash=self._hash, origin=came_from, known_value=value,
            )  # fmt: skip
            out.append(e)
        history.extend(out)
        self._events.extend(out)
        self.written += len(out)
        row = row_for(entity_state(history))
        pending = self._inserts.setdefault(entity, {})
        if not existing or entity_id in pending:
            pending[entity_id] = row
        else:
            self._updates.setdefault(entity, {})[entity_id] = row
        if len(self._events) >= _FLUSH_EVERY:
            self.flush()
        return out

    def flush(self) -> None:
        if self._events:
            events = [e.as_tuple() for e in self._events]
            bulk.insert_rows(self.session, EVENT_TABLE, COLUMNS, events)
            self._events.clear()
        watched = any(self._written(e) for e in (INCIDENT, LINK, SOURCE_REPORT))
        before = self._ranged_before() if watched else set()
        for entity, new_rows in self._inserts.items():
            if new_rows:
                cols = list(next(iter(new_rows.values())))
                values = [tuple(r[c] for c in cols) for r in new_rows.values()]
                bulk.insert_rows(self.session, table_of(entity), cols, values)
        for entity, rows in self._updates.items():
            table = table_of(entity)
            for row_id, row in rows.items():
                self.session.execute(update(table).where(table.c.id == row_id).values(**row))
        if watched:
            group_ranges.refresh(self.session, before | self._ranged_after())
        self._inserts.clear()
        self._updates.clear()
        self._known.clear()

    def _written(self, entity: str) -> list[str]:
        return [*self._inserts.get(entity, {}), *self._updates.get(entity, {})]

    def _ranged_before(self) -> set[str]:
        """The incidents whose range columns the rows about to be written may change, as
        the tables say before them: the incidents written and what they were grouped
        into, those the links written joined."""
        incidents, links = self._written(INCIDENT), self._written(LINK)
        return {
            *incidents,
            *group_ranges.parents_of(self.session, incidents),
            *group_ranges.incidents_of_links(self.session, links),
        }

    def _ranged_after(self) -> set[str]:
        """... and as the tables say after them."""
        return {
            *group_ranges.incidents_of_links(self.session, self._written(LINK)),
            *group_ranges.incidents_of_reports(self.session, self._written(SOURCE_REPORT)),
        }

    def close(self) -> None:
        """Flush, sign the new chain head so removing a last event is noticed, then sign a
        checkpoint of the whole log when it moved (by this writer, or a merge before it in
        the same transaction)."""
        self.flush()
        if self.written:
            device_id = self.identity.device_id
            signature = self.identity.sign(head_message(device_id, self._seq, self._hash))
            record_head(
                self.session,
                SignedHead(device_id, self._seq, self._hash, signature),
                public_key=self.identity.public_key_hex,
                first_seen=self.clock.now,
            )
            self.session.flush()
            self.written = 0
        signed = checkpoints.commit(self.session, self.identity, self.clock.now())
        if signed is not None:
            self.signed = signed
            self.first_checkpoint = (
                signed.hash if signed.number == 1 else checkpoints.first_hash(self.session)
            )
