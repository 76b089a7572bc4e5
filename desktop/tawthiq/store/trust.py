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


def decisions(session: Session, truster: str) -> dict[str, Decision]:
    """Device id -> ``truster``'s decision on it, from ``truster``'s own signed events (the
    latest value of each record, by its place in ``truster``'s chain). The table of
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
    out: dict[str, Decision] = {}
    for entity_id, values in records.items():
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

    Authority goes down, level by level: ``own``'s decisions stand above all; then those of
    the coordinators it took as such; then those of the coordinators they enrolled as
    coordinators, and so on. A coordinator's revocation counts only for the laptops below
    its level: no one revokes ``own``, a coordinator above it or one beside it (a seized
    coordinator's laptop cannot take the team from the one that enrolled it). A revoked
    coordinator is followed no more, in nothing it decided. Only coordinators' acceptances
    vouch for a key: a documenter's reach no one else."""
    mine = {**decisions(session, own), **(pending or {})}
    view = TeamView(revoked={d: dec.revoked_after for d, dec in mine.items()
                             if dec.revoked_after is not None and d != own})  # fmt: skip
    level = {d: dec.key for d, dec in mine.items() if dec.role == COORDINATOR}
    read: dict[str, dict[str, Decision]] = {}
    while level:
        level = {d: k for d, k in level.items()
                 if d != own and d not in view.coordinators and d not in view.revoked}  # fmt: skip
        view.coordinators.update(level)
        for c in sorted(level):
            read[c] = decisions(session, c)
        below: dict[str, str] = {}
        for c in sorted(level):
            for d, dec in read[c].items():
                if d == own or d in view.coordinators:
                    continue
                if dec.revoked_after is not None:
                    view.revoked[d] = min(dec.revoked_after, view.revoked.get(d, dec.revoked_after))
                elif dec.role == COORDINATOR:
                    below.setdefault(d, dec.key)
        level = below
    for c in view.coordinators:
        for d, dec in read[c].items():
            if d != own and d not in view.revoked:
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
