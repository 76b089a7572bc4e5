"""The checkpoint an export carries, checked once its events are: signed by the laptop
that made the export, matching the events it sent, and never behind what this database
already knows of that laptop — so a coordinator notices a laptop whose history shrank
(events removed, or the laptop restored from an old copy). An old file that arrives late
is no such sign: what the database holds of a laptop through others' exports says
nothing of the order in which that laptop's own files come."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.store import checkpoints
from tawthiq.sync.check_header import short_id
from tawthiq.sync.errors import ForgeryError, RollbackError
from tawthiq.sync.format import Header

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def check_checkpoint(
    session: Session, header: Header, path: Path, *, now: int, repeat: bool = False
) -> None:
    """Refuse the file when its checkpoint is forged, does not match it, or takes its
    laptop back; otherwise keep it as that laptop's latest. Called after the file's events
    were applied in the merge's transaction (a refusal undoes them). A ``repeat`` (a file
    imported before) was weighed against that laptop's earlier checkpoints when it first
    came: the same file again takes nothing back, and the later checkpoint stays kept."""
    cp = header.checkpoint
    if cp is None:
        return
    who = short_id(cp.device_id)
    if not checkpoints.intact(cp):
        raise ForgeryError(
            N_(
                "the checkpoint in {path} is not the one laptop {device} signed: it was "
                "changed or forged; nothing was imported"
            ),
            path=path.name,
            device=who,
        )
    held = cp.head_of
    for d in header.devices:
        if held.get(d.device_id) != (d.last, d.head_hash):
            raise ForgeryError(
                N_(
                    "the checkpoint in {path} does not match the events it carries of device "
                    "{device}: the export was changed or forged; nothing was imported"
                ),
                path=path.name,
                device=short_id(d.device_id),
            )
    if repeat:
        return
    before = checkpoints.received(session, cp.device_id)
    if before is not None:
        against_earlier(cp, before, path)
    checkpoints.remember_received(session, cp, now=now)


def against_earlier(cp: checkpoints.Checkpoint, before: checkpoints.Checkpoint, path: Path) -> None:
    who = short_id(cp.device_id)
    if cp.number == before.number:
        if cp.hash != before.hash:
            raise ForgeryError(
                N_(
                    "laptop {device} signed two different checkpoints #{number}: it has two "
                    "histories (restored from an old copy, or its key used on two laptops); "
                    "nothing was imported"
                ),
                device=who,
                number=cp.number,
            )
        return
    if cp.number < before.number:
        raise RollbackError(
            N_(
                "{path} was made at checkpoint #{number} of laptop {device}, before "
                "checkpoint #{newer} already received from it: it would take this database "
                "back; ask for a new export"
            ),
            path=path.name,
            number=cp.number,
            newer=before.number,
            device=who,
        )
    now = cp.head_of
    for device, seq, head_hash in before.heads:
        got = now.get(device)
        if got is None or got[0] < seq or (got[0] == seq and got[1] != head_hash):
            raise ForgeryError(
                N_(
                    "laptop {device}'s checkpoint #{number} holds device {other} at #{got}, "
                    "but its earlier checkpoint #{earlier} held it at #{seq}: its history "
                    "shrank (events removed, or restored from an old copy); nothing was "
                    "imported"
                ),
                device=who,
                number=cp.number,
                other=short_id(device),
                got=got[0] if got else 0,
                earlier=before.number,
                seq=seq,
            )
