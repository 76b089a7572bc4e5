"""What an export's header claims, checked against this database and this laptop's
trusted keys before any of its events is read: the devices' keys, that the export does not
take the database back, and that it continues what the database holds. Laptops seen for the
first time are asked about only once the whole file is read, so the question names the
authors its signed events give, not the header's claim."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.errors import N_
from tawthiq.store import bookkeeping, chain
from tawthiq.sync.errors import ForgeryError, NewDevice, NewDevicesError, RollbackError
from tawthiq.sync.format import Header
from tawthiq.sync.keys import fingerprint

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class DeviceCount:
    device_id: str
    authors: tuple[str, ...] = ()  # who wrote its events in the file, once they are read
    new: int = 0
    known: int = 0
    first_seen: bool = False


@dataclass
class FileCheck:
    """What one checked file holds, and how much of it is new here."""

    path: Path
    header: Header
    encrypted: bool
    repeat: bool
    # made before an export already merged from its laptop, but not a part of what is
    # here: refused as a rollback once its events showed whether it is a fork instead
    older: bool = False
    devices: dict[str, DeviceCount] = field(default_factory=dict)
    new_keys: dict[str, str] = field(default_factory=dict)  # device -> key, first seen here
    # evidence files it brought, checked against their SHA-256, not yet in place
    incoming: list[Any] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(d.new for d in self.devices.values())

    @property
    def known(self) -> int:
        return sum(d.known for d in self.devices.values())


def short_id(device_id: str) -> str:
    """A device as sentences name it: the start of its id."""
    return device_id[:8]


def check_header(
    session: Session,
    header: Header,
    *,
    path: Path,
    encrypted: bool,
    trusted: Mapping[str, str],
) -> FileCheck:
    """The file's check so far, its devices counted (nothing yet), once its header passed;
    the laptops it names that are new here are noted, to be asked about once its events
    are read (``ask_about_new``)."""
    result = FileCheck(path, header, encrypted, bookkeeping.was_imported(session, header.bundle_id))
    _check_keys(session, header, result, trusted=trusted)
    _check_rollback(session, header, result)
    _check_since(session, header, path)
    return result


def _known_key(session: Session, trusted: Mapping[str, str], device_id: str) -> str | None:
    """The key this laptop accepted for a device (its decisions in the log, or an earlier
    release's trust file): never the device table's, which nobody signed."""
    return trusted.get(device_id)


def _check_keys(
    session: Session,
    header: Header,
    result: FileCheck,
    *,
    trusted: Mapping[str, str],
) -> None:
    claimed = {d.device_id: d.public_key for d in header.devices}
    claimed.setdefault(header.exporter, header.exporter_key)
    if claimed[header.exporter] != header.exporter_key:
        raise ForgeryError(
            N_("the export names two different keys for the laptop that made it"),
        )
    for device_id, key in sorted(claimed.items()):
        known = _known_key(session, trusted, device_id)
        if known is None:
            result.new_keys[device_id] = key
        elif known != key:
            raise ForgeryError(
                N_(
                    "device {device} signs this export with key {claimed}, but this laptop "
                    "knows it by key {known}: the export is forged or that laptop's key was "
                    "replaced; nothing was imported"
                ),
                device=short_id(device_id),
                claimed=fingerprint(key),
                known=fingerprint(known),
            )
    for d in header.devices:
        result.devices[d.device_id] = DeviceCount(
            d.device_id, first_seen=d.device_id in result.new_keys
        )


def new_devices(result: FileCheck) -> tuple[NewDevice, ...]:
    """The laptops of a checked file seen here for the first time, each named by the
    authors of its signed events; the exporter, when it wrote none of them, by the name its
    header gives it, shown as its claim."""
    found = []
    for device_id, key in sorted(result.new_keys.items()):
        count = result.devices.get(device_id)
        if count is not None:
            found.append(NewDevice(device_id, fingerprint(key), count.authors))
        else:
            found.append(NewDevice(device_id, fingerprint(key), (), says=result.header.author))
    return tuple(found)


def ask_about_new(result: FileCheck, *, accept_new: bool) -> None:
    """Refuse a checked file with laptops seen for the first time until the person has
    accepted them, their key fingerprints in view."""
    if result.new_keys and not accept_new:
        raise NewDevicesError(
            N_(
                "{path} holds work from {n} laptop(s) not seen before; check their key "
                "fingerprints with their owners, then accept them"
            ),
            devices=new_devices(result),
            path=result.path.name,
            n=len(result.new_keys),
        )


def _check_rollback(session: Session, header: Header, result: FileCheck) -> None:
    """An export older than one merged from its laptop is a rollback when all it holds is
    here already (refused at once), and may be a fork when it is not: two copies of one
    laptop that each wrote on. Then its events are read first, so a fork is called a fork;
    ``refuse_rollback`` refuses it once they are."""
    if result.repeat:
        return
    newest = bookkeeping.newest_import_from(session, header.exporter)
    if newest is None or newest <= header.created_hlc:
        return
    for d in header.devices:
        if d.last > chain.last_seq(session, d.device_id):
            break
        if chain.hashes(session, d.device_id, d.last, d.last).get(d.last) != d.head_hash:
            break
    else:
        refuse_rollback(result)
    result.older = True


def refuse_rollback(result: FileCheck) -> None:
    raise RollbackError(
        N_(
            "{path} is older than an export from the same laptop ({device}) already "
            "imported: it would take this database back; ask for a new export"
        ),
        path=result.path.name,
        device=short_id(result.header.exporter),
    )


def _check_since(session: Session, header: Header, path: Path) -> None:
    for device_id, seq in sorted(header.since.items()):
        have = chain.last_seq(session, device_id)
        if have < seq:
            raise ForgeryError(
                N_(
                    "{path} continues an earlier export: events #{first}..#{last} of device "
                    "{device} are missing here; import the earlier export first"
                ),
                path=path.name,
                first=have + 1,
                last=seq,
                device=short_id(device_id),
            )
