"""PostgreSQL's own side of opening a database (a team server, or a coordinator's desk
working on it directly): the engine, writers taking turns, the schema revision, how a
connection string is shown (never its password) and the driver's errors as sentences.
SQLite's side is ``sqlite_connection``."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from tawthiq.domain.errors import N_
from tawthiq.store.errors import (
    DatabaseLockedError,
    NotADatabaseError,
    StoreError,
    UnreadableError,
    UnwritableError,
)

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
# Every writing transaction takes this lock first, so writers take turns as on SQLite:
# two pushes never interleave their chains or write the same record's row at once.
WRITE_LOCK = 0x7A77_0001
_OUR_TABLES = {"event", "incident", "alembic_version"}
CONNECT_TIMEOUT_S = 10
# The enrolling coordinator's key fingerprint, carried in the connection string it prints
# (a parameter of ours, never sent to PostgreSQL): the enrolled laptop follows that key.
COORDINATOR_PARAM = "tawthiq_coordinator"


def is_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than a file."""
    return isinstance(target, str) and target.startswith(SCHEMES)


def parse(target: str) -> URL:
    """The connection string as SQLAlchemy's URL, on the psycopg (3) driver."""
    try:
        url = make_url(target)
    except ArgumentError:
        raise StoreError(N_("{url} is not a PostgreSQL connection string"), url=target) from None
    if not url.database:
        raise StoreError(
            N_("{url} names no database: add it after the host, as in postgresql://host/tawthiq"),
            url=shown(target),
        )
    return _unpinned(url).set(drivername="postgresql+psycopg")


def _unpinned(url: URL) -> URL:
    """``url`` without the coordinators' fingerprints (never sent to PostgreSQL)."""
    return url.set(query={k: v for k, v in url.query.items() if k != COORDINATOR_PARAM})


def pinned_coordinators(target: str) -> set[str]:
    """The key fingerprints (16 hex digits each) of the coordinators the connection string
    says to follow (comma-separated; anything else in it is left out)."""
    try:
        value = make_url(target).query.get(COORDINATOR_PARAM)
    except ArgumentError:
        return set()
    if isinstance(value, tuple):
        value = ",".join(value)
    found = set()
    for part in (value or "").split(","):
        plain = "".join(part.split()).lower()
        if len(plain) == 16 and all(c in "0123456789abcdef" for c in plain):
            found.add(plain)
    return found


def without_pin(target: str) -> str:
    """The connection string without the coordinator's fingerprint it may carry."""
    return _unpinned(make_url(target)).render_as_string(hide_password=False)


def shown(target: str) -> str:
    """The connection string as it may be shown or logged: without its password."""
    try:
        url = make_url(target)
    except ArgumentError:
        return "postgresql://…"
    rendered = _unpinned(url).render_as_string(hide_password=True)
    return rendered.replace("postgresql+psycopg", "postgresql")


def with_login(target: str, user: str, password: str, *, coordinators: Collection[str] = ()) -> str:
    """The same server and database, logging in as ``user`` with ``password`` (what an
    enrolled laptop connects with), and carrying the key fingerprints of the
    ``coordinators`` it is to follow when given."""
    url = make_url(target).set(username=user, password=password)
    if coordinators:
        url = url.update_query_dict({COORDINATOR_PARAM: ",".join(sorted(coordinators))})
    return url.render_as_string(hide_password=False).replace("postgresql+psycopg", "postgresql")


def engine_for(target: str) -> Engine:
    url = parse(target)
    args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "tawthiq"}
    engine = create_engine(url, connect_args=args, pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get("tawthiq_write"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    return engine


def for_writing(engine: Engine) -> Engine:
    """The same engine, each transaction waiting for the one writer before it."""
    return engine.execution_options(tawthiq_write=True)


def schema_revision(engine: Engine, target: str) -> str | None:
    """The schema revision of the database (None when it is empty); a database holding
    other tables is not taken for ours."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if tables and not tables >= _OUR_TABLES:
            raise NotADatabaseError(
                N_("{url} holds tables that are not Tawthiq's; use an empty database"),
                url=shown(target),
            )
        if not tables:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def may_upgrade(conn: Any) -> bool:
    """Whether the connected login may change the schema (it owns the database's tables)."""
    return bool(
        conn.execute(
            text("SELECT pg_has_role(session_user, tableowner, 'USAGE') FROM pg_tables "
                 "WHERE schemaname = 'public' AND tablename = 'event'")
        ).scalar()
    )  # fmt: skip


def translate(exc: DBAPIError, target: str) -> StoreError:
    """The sentence a user reads for a driver error on the server ``target``."""
    msg = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    where = shown(target)
    code = getattr(exc.orig, "sqlstate", None) or ""
    if code == "42501" or "permission denied" in msg or "row-level security" in msg:
        return UnwritableError(
            N_("the server {url} refused this: the role you connect as may not do it ({reason})"),
            url=where,
            reason=msg,
        )
    if "not permitted to log in" in msg:  # a revoked login (refused as it connects)
        return StoreError(
            N_(
                "the server {url} does not let this login in: it was revoked, or never "
                "enrolled; ask your coordinator"
            ),
            url=where,
        )
    if code.startswith("28") or "password authentication failed" in msg:
        return StoreError(
            N_("the server {url} refused the login: check the user name and password"), url=where
        )
    if code == "3D000" or ("does not exist" in msg and "database" in msg):
        return NotADatabaseError(N_("there is no database {url} on that server"), url=where)
    if code in ("55P03", "40001", "40P01"):
        return DatabaseLockedError(
            N_("the server {url} is busy with another writer; try again"), url=where
        )
    # the driver's own failures to connect or stay connected (a host name that does not
    # resolve, a cut line) carry no SQLSTATE: the server is out of reach, try again
    lost = not code and isinstance(exc, OperationalError)
    if lost or code.startswith("08") or "connection" in msg.lower() or "timeout" in msg.lower():
        return UnreadableError(
            N_("cannot reach the server {url} ({reason}); check the connection and try again"),
            url=where,
            reason=msg,
        )
    return StoreError(N_("the server {url} could not be used: {reason}"), url=where, reason=msg)
