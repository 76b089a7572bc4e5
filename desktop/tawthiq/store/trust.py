"""Trust decisions in the log: a laptop that accepts another laptop's signing key writes a
``device_trust`` record in its own signed chain (which key, for which laptop, by whom,
when). Which keys a database accepts is read from the records its own laptop wrote, so
whoever edits a file beside the database, or the database itself, cannot vouch for a key."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.domain.fields import TRUST
from tawthiq.store.checkpoints import latest_number
from tawthiq.store.identity import DeviceIdentity
from tawthiq.store.models import EventRow, TrustRow

_NS = uuid.UUID("7d6c2b1a-4e5f-4a8b-9c0d-1e2f3a4b5c6d")


def decision_id(truster: str, device_id: str) -> str:
    """The record of ``truster``'s decision on ``device_id``: one per pair of laptops, so
    accepting a laptop's new key later changes the same record."""
    return str(uuid.uuid5(_NS, f"{truster}/{device_id}"))


def accepted_keys(session: Session, truster: str) -> dict[str, str]:
    """Device id -> key of every laptop ``truster`` accepted, from its own signed events
    (the latest value of each record, by its place in ``truster``'s chain). The table of
    decisions only says which records to read (by their index, not a walk of the whole
    chain): a row added there vouches for nothing without ``truster``'s events, and a row
    removed takes a decision away (``verify`` names both)."""
    ids = [
        record_id
        for record_id, device in session.execute(select(TrustRow.id, TrustRow.device))
        if device and record_id == decision_id(truster, device)
    ]
    if not ids:
        return {}
    rows = session.execute(
        select(EventRow.entity_id, EventRow.field, EventRow.value)
        .where(EventRow.entity_id.in_(ids), EventRow.entity == TRUST)
        .where(EventRow.device_id == truster)
        .order_by(EventRow.seq)
    )
    records: dict[str, dict[str, str]] = {}
    for entity_id, name, value in rows:
        try:
            decoded = json.loads(value)
        except ValueError:
            continue  # an altered event: the chain check names it
        if isinstance(decoded, str):
            records.setdefault(entity_id, {})[name] = decoded
    out: dict[str, str] = {}
    for entity_id, values in records.items():
        device, key = values.get("device"), values.get("public_key")
        if device and key and entity_id == decision_id(truster, device):
            out[device] = key
    return out


def laptop_keys(
    session: Session, identity: DeviceIdentity | None, loose: Mapping[str, str]
) -> dict[str, str]:
    """The keys this laptop accepts in this database, its own included: the decisions it
    signed in the log once the database has a checkpoint; before that (a database of an
    earlier release, not written since) the ``loose`` trust file it kept beside its key.
    A laptop with no key yet accepts nothing but what that file says."""
    own = {identity.device_id: identity.public_key_hex} if identity else {}
    if latest_number(session) == 0 or identity is None:
        return {**loose, **own}
    return {**accepted_keys(session, identity.device_id), **own}
