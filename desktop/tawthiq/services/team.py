"""A team server, as use cases (issue 18): making one, enrolling and revoking laptops, and
syncing this laptop with it. The window and the command line both call these."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.services.sync import signing_fingerprint
from tawthiq.services.workspace import Workspace, record_trust
from tawthiq.store import chain, open_database, sealed, server_members, server_schema, trust
from tawthiq.store.errors import StoreError
from tawthiq.store.identity import key_fingerprint
from tawthiq.store.pg_connection import (
    is_url,
    pinned_coordinators,
    shown,
    with_login,
    without_pin,
)
from tawthiq.store.writer import EventWriter, check_signer
from tawthiq.sync import server_files, server_sync
from tawthiq.sync.errors import SyncError
from tawthiq.sync.server_history import check_own_history

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store import Database

Progress = Callable[[int, int], None]
SERVER_FILE = "team-server.json"  # the server's connection string and the coordinators
# this laptop follows (their key fingerprints); sealed when protected
ENROLLED_FILE = "enrolled-devices.json"  # fingerprint -> role, of those this laptop enrolled


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
    files: server_files.FilesMoved = field(default_factory=server_files.FilesMoved)


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
    (in that role) now if the key is known, else at the next sync that brings it. The
    connection string given back carries the key fingerprints of the top of this
    coordinator's line: the enrolled laptop follows their decisions, and through them
    this coordinator's."""
    url = _need_url(url or remembered_server(ws))
    plain = server_schema.plain_fingerprint(fingerprint)
    with ws.db.read() as s:
        revoked = trust.team_view(s, ws.identity.device_id).revoked
        keys = chain.device_keys(s)
    if any(_fp(keys[d]) == plain for d in revoked if d in keys):
        raise SyncError(
            N_("the laptop with key fingerprint {fingerprint} was revoked: a revoked key "
               "stays revoked; give that laptop a new key (a new data folder) and enrol that"),
            fingerprint=fingerprint,
        )  # fmt: skip
    db = _coordinating(url)
    try:
        with db.write() as s:
            login, password = server_members.enrol(s.connection(), plain, role)
            known = _devices_of(s, plain)
    finally:
        db.close()
    _note_enrolled(ws, plain, role)
    with ws.db.read() as s:
        known.update(_devices_of(s, plain))
    if known:
        with ws.writing() as w:
            record_trust(w, known, roles=dict.fromkeys(known, role))
    # the top of this coordinator's line: those it follows itself, or itself if it follows
    # no one (the laptop then counts authority from there: revoking this coordinator, the
    # one above it is followed)
    roots = followed_coordinators(ws) or {"".join(signing_fingerprint(ws).split())}
    laptop_url = with_login(without_pin(url), login, password, coordinators=roots)
    return Enrolment(login, password, laptop_url, role, trusted_now=bool(known))


def revoke(ws: Workspace, url: str | None, fingerprint: str) -> str | None:
    """Take the login of the laptop whose key has ``fingerprint`` away (if it has one) and,
    if its key is known (it may have worked by USB only), sign this laptop's revocation of
    it: the laptops that follow this coordinator take none of its events after the last
    one the server or this laptop holds now. Its login, or None when it had none."""
    url = _need_url(url or remembered_server(ws))
    plain = server_schema.plain_fingerprint(fingerprint)
    db = _coordinating(url)
    try:
        with db.write() as s:
            login = server_members.revoke(s.connection(), plain)
            heads = {d: h.seq for d, h in chain.signed_heads(s).items()}
            known = _devices_of(s, plain)
    finally:
        db.close()
    with ws.db.read() as s:
        known.update(_devices_of(s, plain))
        last = {d: max(heads.get(d, 0), chain.last_seq(s, d)) for d in known}
    if login is None and not known:
        raise SyncError(N_("no laptop with key fingerprint {fingerprint} is enrolled on {url} "
                           "or known here"),
                        fingerprint=fingerprint, url=shown(url))  # fmt: skip
    _note_enrolled(ws, plain, None)
    if known:
        with ws.writing() as w:
            record_trust(w, known, revoked_after=last)
    return login


def members(ws: Workspace, url: str | None) -> list[server_members.Member]:
    db = _coordinating(_need_url(url or remembered_server(ws)))
    try:
        with db.read() as s:
            return server_members.members(s.connection())
    finally:
        db.close()


def _devices_of(session: Session, plain: str) -> dict[str, str]:
    """Device -> key of the devices whose key has the fingerprint ``plain`` in a database."""
    return {d: k for d, k in chain.device_keys(session).items() if _fp(k) == plain}


def _fp(key: str) -> str:
    return key_fingerprint(key).replace(" ", "")


def fingerprint_of(key: str) -> str:
    """A device's key as people compare it ('3f2a 91c0 77de 41b2'); '?' for none."""
    return key_fingerprint(key) if key else "?"


# --- this laptop's notes about its server -------------------------------------------------


def _server_notes(ws: Workspace) -> dict[str, object]:
    data = sealed.read(ws.key_dir / SERVER_FILE)
    return data if isinstance(data, dict) else {}


def remembered_server(ws: Workspace) -> str | None:
    url = _server_notes(ws).get("url")
    return url if isinstance(url, str) else None


def followed_coordinators(ws: Workspace) -> set[str]:
    """The key fingerprints of the coordinators this laptop was enrolled by (as their
    connection strings said)."""
    found = _server_notes(ws).get("coordinators")
    return {str(f) for f in found} if isinstance(found, list) else set()


def _remember_server(ws: Workspace, url: str) -> None:
    # a string that names coordinators (a new enrolment) replaces those noted; one that
    # names none (typed by hand, say) keeps them. The coordinators already taken stay
    # followed either way: that is this laptop's signed decision, not this note.
    coordinators = pinned_coordinators(url) or followed_coordinators(ws)
    notes = {"url": url, "coordinators": sorted(coordinators)}
    if _server_notes(ws) != notes:
        ws.key_dir.mkdir(parents=True, exist_ok=True)
        sealed.write(ws.key_dir / SERVER_FILE, notes)


def _enrolled(ws: Workspace) -> dict[str, str]:
    """Fingerprint -> role of the laptops this one enrolled (an earlier list: no role)."""
    data = sealed.read(ws.key_dir / ENROLLED_FILE)
    if isinstance(data, list):
        return {str(fp): "" for fp in data}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _note_enrolled(ws: Workspace, fingerprint: str, role: str | None) -> None:
    found = _enrolled(ws)
    if role is None:
        found.pop(fingerprint, None)
    else:
        found[fingerprint] = role
    sealed.write(ws.key_dir / ENROLLED_FILE, found)


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
    (device -> the key fingerprint the person checked), or with ``accept_new``, all. The
    evidence files' bytes follow the events (``server_files``): ``SyncResult.files``."""
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
        laptop = server_sync.Laptop(
            ws.identity, ws.signing_author, ws.key_dir, _enrolled(ws), followed_coordinators(ws)
        )
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
        _files(ws, server_db, result, progress)
        return result
    finally:
        server_db.close()


def _files(
    ws: Workspace, server_db: Database, result: SyncResult, progress: Progress | None
) -> None:
    """The evidence files' bytes, after the events: those this laptop's records name and it
    lacks, from the server; those its pushed devices' events name, to it."""
    from tawthiq.services.evidence_files import file_store

    moved = result.files
    moved.supported = server_files.supported(server_db)
    if not moved.supported:
        return
    store = file_store(ws)
    server_files.receive(ws.db, server_db, store, moved, progress)
    if result.role != "auditor":
        own = [ws.identity.device_id] if result.role == "documenter" else None
        server_files.send(ws.db, server_db, store, own, moved, progress)


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
                check_own_history(s, server_db, ws.identity.device_id)
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
                    record_trust(w, pulled.accepted, roles=pulled.roles)
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
