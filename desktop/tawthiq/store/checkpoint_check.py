"""``verify``'s checks of the checkpoints: each against the one before (signed by the same
laptop, chained, never going backwards), the latest against the log, and the keys of the
log's devices against the trust decisions the database's own laptop signed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from tawthiq.domain.errors import N_, Sentence
from tawthiq.store.chain import device_keys, signed_heads
from tawthiq.store.checkpoints import (
    Checkpoint,
    Head,
    all_checkpoints,
    first_stray_head,
    holds_later_events,
    intact,
    latest,
    latest_number,
    latest_row,
    log_heads,
)
from tawthiq.store.events import GENESIS, head_message
from tawthiq.store.identity import verify_signature
from tawthiq.store.models import CheckpointRow
from tawthiq.store.server_schema import is_team_server
from tawthiq.store.trust import accepted_keys


@dataclass
class CheckpointReport:
    latest: Checkpoint | None = None
    problems: list[str] = field(default_factory=list)
    # the keys this database accepts, from its own laptop's trust decisions (None: no
    # checkpoint yet, so no laptop owns it; the loose trust file still speaks for it)
    trusted: dict[str, str] | None = None


def _who(device_id: str) -> str:
    return device_id[:8]


def check_checkpoints(session: Session) -> CheckpointReport:
    report = CheckpointReport()
    signer = latest_row(session)
    if signer is not None:  # whose decisions say which keys are accepted, checked or not
        report.trusted = {**accepted_keys(session, signer.device_id),
                          signer.device_id: signer.public_key}  # fmt: skip
    stray = first_stray_head(session)
    # with every checkpoint removed, its heads left behind are a part of what is said below
    if stray is not None and (latest_number(session) or not holds_later_events(session)):
        report.problems.append(
            Sentence(
                N_(
                    "a chain head of device {device} is stored for checkpoint #{number}, which "
                    "does not exist: it was added outside Tawthiq"
                ),
                device=_who(stray[1]),
                number=stray[0],
            )
        )
    previous: CheckpointRow | None = None
    heads_before: dict[str, tuple[int, str]] = {}
    for row, heads, moved in all_checkpoints(session):
        problem = _against_previous(row, heads, previous, heads_before) or _stored_as_signed(
            row, heads, moved, heads_before
        )
        if problem:
            report.problems.append(problem)
            return report
        previous, heads_before = row, {d: (s, h) for d, s, h in heads}
        report.latest = Checkpoint(
            row.device_id, row.public_key, row.number, row.hlc, heads, row.root, row.previous,
            row.hash, row.signature,
        )  # fmt: skip
    if report.latest is None:
        if holds_later_events(session):
            report.problems.append(
                Sentence(
                    N_(
                        "the database holds events of this release but no checkpoint: its "
                        "checkpoints were removed"
                    )
                )
            )
        return report
    report.problems.extend(_against_log(report.latest, log_heads(session)))
    owner = report.latest.device_id
    if device_keys(session).get(owner, report.latest.public_key) != report.latest.public_key:
        report.problems.append(
            Sentence(
                N_(
                    "the key recorded for this database's own laptop ({device}) is not the "
                    "one its checkpoints are signed with: it was replaced"
                ),
                device=_who(owner),
            )
        )
    return report


def _against_previous(
    row: CheckpointRow,
    heads: tuple[Head, ...],
    previous: CheckpointRow | None,
    heads_before: dict[str, tuple[int, str]],
) -> str | None:
    number = (previous.number if previous else 0) + 1
    if row.number != number:
        return Sentence(
            N_("checkpoint #{number} is missing (removed); the checkpoints jump to #{found}"),
            number=number,
            found=row.number,
        )
    if row.previous != (previous.hash if previous else GENESIS):
        return Sentence(
            N_(
                "checkpoint #{number} does not follow checkpoint #{before}: checkpoints were "
                "changed, removed or reordered"
            ),
            number=row.number,
            before=row.number - 1,
        )
    cp = Checkpoint(
        row.device_id, row.public_key, row.number, row.hlc, heads, row.root, row.previous,
        row.hash, row.signature,
    )  # fmt: skip
    if not intact(cp):
        return Sentence(
            N_("checkpoint #{number} was altered: its heads, root or signature no longer match"),
            number=row.number,
        )
    if previous is not None and (row.device_id, row.public_key) != (
        previous.device_id,
        previous.public_key,
    ):
        return Sentence(
            N_(
                "checkpoint #{number} is signed by laptop {device}, not by laptop {owner} "
                "that signed the checkpoints before it"
            ),
            number=row.number,
            device=_who(row.device_id),
            owner=_who(previous.device_id),
        )
    now = {d: (s, h) for d, s, h in heads}
    for device, (seq, head_hash) in heads_before.items():
        got = now.get(device)
        if got is None or got[0] < seq or (got[0] == seq and got[1] != head_hash):
            return Sentence(
                N_(
                    "checkpoint #{number} takes device {device} back from #{seq}: the "
                    "checkpoints went backwards"
                ),
                number=row.number,
                device=_who(device),
                seq=seq,
            )
    return None


def _stored_as_signed(
    row: CheckpointRow,
    heads: tuple[Head, ...],
    moved: tuple[Head, ...],
    heads_before: dict[str, tuple[int, str]],
) -> str | None:
    """What the signature does not cover but the next save relies on: the counts stored
    beside an intact checkpoint, and each head stored at it moving its device forward."""
    events = sum(seq for _, seq, _ in heads)
    if (row.devices, row.events) != (len(heads), events):
        return Sentence(
            N_(
                "checkpoint #{number} counts {devices} devices and {events} events, but the "
                "heads it covers are {held} devices and {held_events} events: it was changed "
                "outside Tawthiq"
            ),
            number=row.number,
            devices=row.devices,
            events=row.events,
            held=len(heads),
            held_events=events,
        )
    for device, seq, _ in moved:
        before = heads_before.get(device)
        if before is not None and seq <= before[0]:
            return Sentence(
                N_(
                    "checkpoint #{number} stores a head of device {device} at #{seq}, which "
                    "does not move it forward from #{before}: it was added outside Tawthiq"
                ),
                number=row.number,
                device=_who(device),
                seq=seq,
                before=before[0],
            )
    return None


def _against_log(cp: Checkpoint, heads: tuple[Head, ...]) -> list[str]:
    """What the log holds now against what the latest checkpoint says it held."""
    problems: list[str] = []
    held = cp.head_of
    now = {d: (s, h) for d, s, h in heads}
    for device in sorted(held.keys() | now.keys()):
        want, got = held.get(device), now.get(device)
        who = _who(device)
        if got is None:
            assert want is not None
            problems.append(
                Sentence(
                    N_(
                        "the history of device {device} (events #1..#{last}) is missing: "
                        "checkpoint #{number} holds it; it was removed"
                    ),
                    device=who,
                    last=want[0],
                    number=cp.number,
                )
            )
        elif want is None:
            problems.append(
                Sentence(
                    N_(
                        "the events of device {device} are not covered by the latest "
                        "checkpoint (#{number}): added outside Tawthiq"
                    ),
                    device=who,
                    number=cp.number,
                )
            )
        elif got[0] < want[0]:
            problems.append(
                Sentence(
                    N_(
                        "events #{first}..#{last} of device {device} are missing: checkpoint "
                        "#{number} holds its chain to #{last}; the chain was cut back"
                    ),
                    first=got[0] + 1,
                    last=want[0],
                    device=who,
                    number=cp.number,
                )
            )
        elif got[0] > want[0]:
            problems.append(
                Sentence(
                    N_(
                        "events #{first}..#{last} of device {device} are not covered by the "
                        "latest checkpoint (#{number}): added outside Tawthiq"
                    ),
                    first=want[0] + 1,
                    last=got[0],
                    device=who,
                    number=cp.number,
                )
            )
        elif got[1] != want[1]:
            problems.append(
                Sentence(
                    N_(
                        "event #{seq} of device {device} differs from the one checkpoint "
                        "#{number} holds"
                    ),
                    seq=got[0],
                    device=who,
                    number=cp.number,
                )
            )
    return problems


def untrusted(session: Session, trusted: Mapping[str, str]) -> list[str]:
    """Devices whose key in the database is not the one this laptop trusts."""
    problems: list[str] = []
    for device_id, key in device_keys(session).items():
        known = trusted.get(device_id)
        if known is None:
            problems.append(
                Sentence(
                    N_("device {device} is not among the devices this laptop trusts"),
                    device=device_id[:8],
                )
            )
        elif known != key:
            problems.append(
                Sentence(
                    N_(
                        "the key recorded for device {device} was replaced: it is not the key "
                        "this laptop trusts"
                    ),
                    device=device_id[:8],
                )
            )
    return problems


def quick_check(session: Session) -> list[str]:
    """What can be checked in a moment when a database is opened: the latest checkpoint
    intact and signed, every device's signed head matching it, each head's signature, and
    every device's key accepted by the database's own laptop.
    The full walk of every chain is ``verify``'s."""
    cp = latest(session)
    if cp is None:
        if holds_later_events(session) and not is_team_server(session):
            return [
                Sentence(
                    N_(
                        "the database holds events of this release but no checkpoint: its "
                        "checkpoints were removed"
                    )
                )
            ]
        return []
    if not intact(cp):
        return [
            Sentence(
                N_(
                    "checkpoint #{number} was altered: its heads, root or signature no longer match"
                ),
                number=cp.number,
            )
        ]
    problems = _against_log(cp, log_heads(session))
    problems.extend(untrusted(session, {**accepted_keys(session, cp.device_id),
                                        cp.device_id: cp.public_key}))  # fmt: skip
    keys = device_keys(session)
    for device_id, head in signed_heads(session).items():
        message = head_message(device_id, head.seq, head.hash)
        if not verify_signature(keys.get(device_id, ""), message, head.signature):
            problems.append(
                Sentence(
                    N_(
                        "the signature on the chain of device {device} is not valid: the chain "
                        "was re-written"
                    ),
                    device=_who(device_id),
                )
            )
    return problems
