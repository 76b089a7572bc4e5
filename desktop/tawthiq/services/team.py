"""A team server, as use cases (issue 18): making one, enrolling and revoking laptops, and
syncing this laptop with it. The window and the command line both call these."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.services.workspace import Workspace, record_trust
from tawthiq.store import chain, open_database, sealed, server_schema
from tawthiq.store.errors import StoreError
from tawthiq.store.identity import key_fingerprint
from tawthiq.store.pg_connection import is_url, shown, with_login
from tawthiq.store.writer import EventWriter, check_signer
from tawthiq.sync import server_sync
from tawthiq.sync.errors import SyncError

if TYPE_CHECKING:
    from tawthiq.store import Database

Progress = Callable[[int, int], None]
SERVER_FILE = "team-server.json"  # the server's connection string, sealed when protected
ENROLLED_FILE = "enrolled-devices.json"  # fingerprints this laptop enrolled as coordinator


@dataclass(frozen=True, slots=True)
class Enrolment:
    login: str
    password: str
    url: str  # what the enrolled laptop connects with (password included)
    role: str
    trusted_now: bool  # its key was known here, and this laptop's trust in it is signed


@dataclass
class SyncResult:
    server: str  # shown without its password
    role: str
    pulled: server_sync.PullResult
    pushed: server_sync.PushResult = field(default_factory=server_sync.PushResult)


def _need_url(url: str | None) -> str:
    if url and is_url(url):
        return url
    raise SyncError(
        N_("give the team server as a connection string: postgresql://USER:PASSWORD@HOST/DATABASE")
    )


def _open(url: str, *, create: bool = False) -> Database:
    return open_database(url, create=create)


def _role(db: Database) -> str | None:
    with db.read() as s:
        conn = s.connection()
        if not server_schema.is_installed(conn):
            raise StoreError(
                N_("{url} is not a team server yet: make it one with `tawthiq server init`"),
                url=db.location,
            )
        return server_schema.login_role(conn)


def init_server(url: str) -> str:
    """Make the database at ``url`` a team server (or bring it up to date): the schema
    through the same migrations as a laptop's, then roles, rules and grants. The owner's
    connection is needed. Returns where it is, as shown."""
    db = _open(_need_url(url), create=True)
    try:
        with db.write() as s:
            conn = s.connection()
            if server_schema.login_role(conn) != "owner":
                raise SyncError(
                    N_("`server init` needs the connection of the database's owner, not {url}"),
                    url=db.location,
                )
            server_schema.install(conn)
        return db.location
    finally:
        db.close()


def _coordinating(url: str) -> Database:
    db = _open(url)
    if _role(db) not in ("owner", "coordinator"):
        db.close()
        raise SyncError(N_("only a coordinator enrols and revokes laptops; {url} is not one"),
                        url=shown(url))  # fmt: skip
    return db


def enrol(ws: Workspace, url: str | None, fingerprint: str, role: str) -> Enrolment:
    """Give the laptop whose signing key has ``fingerprint`` a login to the server in
    ``role``; note here that this laptop enrolled it, and sign this laptop's trust in its key
    now if the key is known (else at the next sync that brings it)."""
    url = _need_url(url or remembered_server(ws))
    plain = server_schema.plain_fingerprint(fingerprint)
    db = _coordinating(url)
    try:
        with db.write() as s:
            login, password = server_schema.enrol(s.connection(), plain, role)
            known = {d: k for d, k in chain.device_keys(s).items() if _fp(k) == plain}
    finally:
        db.close()
    _note_enrolled(ws, plain, add=True)
    with ws.db.read() as s:
        known.update({d: k for d, k in chain.device_keys(s).items() if _fp(k) == plain})
    if known:
        with ws.writing() as w:
            record_trust(w, known)
    laptop_url = with_login(url, login, password)
    return Enrolment(login, password, laptop_url, role, trusted_now=bool(known))


def revoke(ws: Workspace, url: str | None, fingerprint: str) -> str:
    url = _need_url(url or remembered_server(ws))
    plain = server_schema.plain_fingerprint(fingerprint)
    db = _coordinating(url)
    try:
        with db.write() as s:
            login = server_schema.revoke(s.connection(), plain)
    finally:
        db.close()
    if login is None:
        raise SyncError(N_("no laptop with key fingerprint {fingerprint} is enrolled on {url}"),
                        fingerprint=fingerprint, url=shown(url))  # fmt: skip
    _note_enrolled(ws, plain, add=False)
    return login


def members(ws: Workspace, url: str | None) -> list[server_schema.Member]:
    db = _coordinating(_need_url(url or remembered_server(ws)))
    try:
        with db.read() as s:
            return server_schema.members(s.connection())
    finally:
        db.close()


def _fp(key: str) -> str:
    return key_fingerprint(key).replace(" ", "")


def fingerprint_of(key: str) -> str:
    """A device's key as people compare it ('3f2a 91c0 77de 41b2'); '?' for none."""
    return key_fingerprint(key) if key else "?"


# --- this laptop's notes about its server -------------------------------------------------


def remembered_server(ws: Workspace) -> str | None:
    data = sealed.read(ws.key_dir / SERVER_FILE)
    return data.get("url") if isinstance(data, dict) else None


def _remember_server(ws: Workspace, url: str) -> None:
    if remembered_server(ws) != url:
        ws.key_dir.mkdir(parents=True, exist_ok=True)
        sealed.write(ws.key_dir / SERVER_FILE, {"url": url})


def _enrolled(ws: Workspace) -> set[str]:
    data = sealed.read(ws.key_dir / ENROLLED_FILE)
    return set(data) if isinstance(data, list) else set()


def _note_enrolled(ws: Workspace, fingerprint: str, *, add: bool) -> None:
    found = _enrolled(ws)
    found = found | {fingerprint} if add else found - {fingerprint}
    sealed.write(ws.key_dir / ENROLLED_FILE, sorted(found))


# --- syncing ------------------------------------------------------------------------------


def sync(
    ws: Workspace,
    url: str | None = None,
    *,
    accept_new: bool = False,
    accept: Mapping[str, str] | None = None,
    clock_ahead: Sequence[str] = (),
    progress: Progress | None = None,
) -> SyncResult:
    """Pull what the server holds and this laptop lacks (checked before anything is
    applied, in one transaction), then push what this laptop holds and the server lacks.
    ``url``: the server (remembered after the first sync that reaches it). New laptops'
    work is taken when a laptop this one trusts accepted them, when ``accept`` names them
    (device -> the key fingerprint the person checked), or with ``accept_new``, all."""
    url = _need_url(url or remembered_server(ws))
    server_db = _open(url)
    try:
        role = _role(server_db)
        if role is None:
            raise SyncError(
                N_("{url} does not know this login (not enrolled, or revoked): ask your "
                   "coordinator to enrol this laptop's key"),
                url=server_db.location,
            )  # fmt: skip
        _remember_server(ws, url)
        laptop = server_sync.Laptop(ws.identity, ws.signing_author, ws.key_dir, _enrolled(ws))
        pulled = _pull(ws, server_db, laptop, accept_new, accept or {}, clock_ahead, progress)
        result = SyncResult(server_db.location, role, pulled)
        if role != "auditor":
            with ws.db.read() as s:
                trusted = ws.accepted_keys(s)
            result.pushed = server_sync.push(
                ws.db,
                server_db,
                laptop,
                own_only=role == "documenter",
                trusted=trusted,
                progress=progress,
            )
        return result
    finally:
        server_db.close()


def _pull(
    ws: Workspace,
    server_db: Database,
    laptop: server_sync.Laptop,
    accept_new: bool,
    accept: Mapping[str, str],
    clock_ahead: Sequence[str],
    progress: Progress | None,
) -> server_sync.PullResult:
    """Pull, setting aside each device whose events fail a check and pulling again
    without it (in a new transaction: nothing of a refused attempt stays)."""
    refused: list[server_sync.Quarantined] = []
    while True:
        try:
            with ws.db.write() as s:
                check_signer(s, ws.identity)
                ws.check_witness(s)
                server_sync.check_own_history(s, server_db, laptop)
                pulled = server_sync.pull(
                    s,
                    server_db,
                    laptop,
                    trusted=ws.accepted_keys(s),
                    accept_new=accept_new,
                    accept=accept,
                    clock_ahead=clock_ahead,
                    skip={q.device_id for q in refused},
                    progress=progress,
                )
                with EventWriter(s, ws.identity, ws.signing_author) as w:
                    record_trust(w, pulled.accepted)
            ws.remember(w)
            pulled.quarantined = refused
            return pulled
        except server_sync.DeviceRefused as exc:
            if len(refused) >= server_sync.MAX_QUARANTINED:
                raise exc.reason from None
            refused.append(server_sync.Quarantined(exc.device_id, exc.reason))


__all__ = [
    "Enrolment",
    "SyncResult",
    "enrol",
    "fingerprint_of",
    "init_server",
    "members",
    "remembered_server",
    "revoke",
    "sync",
]
