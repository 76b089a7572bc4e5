"""Trust decisions in the log: a laptop that accepts another laptop's signing key writes a
``device_trust`` record in its own signed chain (which key, for which laptop, by whom,
when). Which keys a database accepts is read from the records its own laptop wrote, so
whoever edits a file beside the database, or the database itself, cannot vouch for a key."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.domain.fields import TRUST
from tawthiq.store.checkpoints import latest_number
from tawthiq.store.identity import DeviceIdentity
from tawthiq.store.models import EventRow, TrustRow

COORDINATOR = "coordinator"  # the team role whose acceptances other laptops follow
_NS = uuid.UUID("7d6c2b1a-4e5f-4a8b-9c0d-1e2f3a4b5c6d")


def decision_id(truster: str, device_id: str) -> str:
    """The record of ``truster``'s decision on ``device_id``: one per pair of laptops, so
    accepting a laptop's new key later changes the same record."""
    return str(uuid.uuid5(_NS, f"{truster}/{device_id}"))


@dataclass(frozen=True)
class Decision:
    """One laptop's decision on another's key: accepted (``key``), in which team role when a
    coordinator enrolled it or a laptop took it as its coordinator (``role``), and, once
    revoked, the last event of it that is still taken (``revoked_after``)."""

    key: str
    role: str | None = None
    revoked_after: int | None = None


def _records(session: Session) -> set[tuple[str, str]]:
    """(record id, device) of every row of the table of decisions."""
    return {(r, d) for r, d in session.execute(select(TrustRow.id, TrustRow.device)) if d}


def decisions(
    session: Session,
    truster: str,
    *,
    upto: int | None = None,
    records: set[tuple[str, str]] | None = None,
) -> dict[str, Decision]:
    """Device id -> ``truster``'s decision on it, from ``truster``'s own signed events (the
    latest value of each record, by its place in ``truster``'s chain; ``upto``: of its
    events up to that one only, a revoked laptop's decisions while it was trusted). The
    table of decisions only says which records to read (by their index, not a walk of the
    whole chain): a row added there vouches for nothing without ``truster``'s events, and
    a row removed takes a decision away (``verify`` names both)."""
    found = _records(session) if records is None else records
    ids = [record_id for record_id, device in found if record_id == decision_id(truster, device)]
    if not ids:
        return {}
    stmt = (
        select(EventRow.entity_id, EventRow.field, EventRow.value)
        .where(EventRow.entity_id.in_(ids), EventRow.entity == TRUST)
        .where(EventRow.device_id == truster)
        .order_by(EventRow.seq)
    )
    if upto is not None:
        stmt = stmt.where(EventRow.seq <= upto)
    values_of: dict[str, dict[str, str]] = {}
    for entity_id, name, value in session.execute(stmt):
        try:
            decoded = json.loads(value)
        except ValueError:
            continue  # an altered event: the chain check names it
        if isinstance(decoded, str):
            values_of.setdefault(entity_id, {})[name] = decoded
    out: dict[str, Decision] = {}
    for entity_id, values in values_of.items():
        device, key = values.get("device"), values.get("public_key")
        if device and key and entity_id == decision_id(truster, device):
            after = values.get("revoked_after", "")
            role = values.get("role") or None
            # ASCII digits only ("²" is a digit to Python, not a number to ``int``); any
            # other text revokes nothing
            last = int(after) if re.fullmatch("[0-9]{1,18}", after) else None
            out[device] = Decision(key, role, last)
    return out


def accepted_keys(session: Session, truster: str) -> dict[str, str]:
    """Device id -> key of every laptop ``truster`` accepted (``decisions``)."""
    return {device: d.key for device, d in decisions(session, truster).items()}


@dataclass
class TeamView:
    """What a laptop takes from its team's decisions: the coordinators it follows (those it
    took as such, and those they enrolled as coordinators), the keys they accepted, and the
    laptops revoked by any of them or by itself (device -> last event still taken)."""

    coordinators: dict[str, str] = field(default_factory=dict)
    vouched: dict[str, str] = field(default_factory=dict)
    revoked: dict[str, int] = field(default_factory=dict)


def team_view(
    session: Session, own: str, pending: Mapping[str, Decision] | None = None
) -> TeamView:
    """The team decisions ``own`` follows, from the signed events in ``session``
    (``pending``: decisions of ``own`` being taken, not yet signed).

    Authority goes down the line of enrolment, level by level: ``own``'s decisions stand
    above all; then those of the coordinators it took as such (level 1); then those of the
    coordinators they enrolled as coordinators (level 2), and so on. A revocation counts
    for a laptop enrolled at the revoker's level or below it (or enrolled by no one): no
    one revokes ``own``, and a seized coordinator's laptop cannot revoke the coordinator
    that enrolled it, one beside it, or the laptops enrolled above it. A revoked
    coordinator's decisions count up to its last event still taken (what it decided while
    trusted, its revocations too), none after. Only coordinators' acceptances vouch for a
    key: a documenter's reach no one else."""
    records = _records(session)
    mine = {**decisions(session, own, records=records), **(pending or {})}
    view = TeamView(revoked={d: dec.revoked_after for d, dec in mine.items()
                             if dec.revoked_after is not None and d != own})  # fmt: skip
    enrolled_at = {d: 0 for d, dec in mine.items() if dec.role}  # shallowest enrolment
    keys: dict[str, str] = {}
    read: dict[str, dict[str, Decision]] = {}
    level = {d: dec.key for d, dec in mine.items() if dec.role == COORDINATOR and d != own}
    depth = 1
    while level:
        for c in sorted(level):
            keys[c] = level[c]
            read[c] = decisions(session, c, upto=view.revoked.get(c), records=records)
        for c in sorted(level):
            for d, dec in read[c].items():
                if dec.role and d != own:
                    enrolled_at[d] = min(enrolled_at.get(d, depth), depth)
        below: dict[str, str] = {}
        for c in sorted(level):
            for d, dec in read[c].items():
                if d == own:
                    continue
                last = dec.revoked_after
                if last is not None and enrolled_at.get(d, depth) >= depth:
                    view.revoked[d] = min(last, view.revoked.get(d, last))
                if dec.role == COORDINATOR and d not in keys:  # revoked: read up to then
                    below.setdefault(d, dec.key)
        level = below
        depth += 1
    view.coordinators = {c: k for c, k in keys.items() if c not in view.revoked}
    for c in sorted(read):
        for d, dec in read[c].items():
            if d != own and d not in view.revoked and dec.revoked_after is None:
                view.vouched.setdefault(d, dec.key)
    return view


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
