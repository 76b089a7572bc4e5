"""A team server's own rules, in PostgreSQL itself (issue 18): the group roles, who is
enrolled as which device, row-level security on the device columns, and an event table that
no one may change or empty. Nothing here trusts the client: a documenter connecting with
psql is held to the same rules as Tawthiq.

- ``tawthiq_documenter`` appends events of its own enrolled device only: the device row it
  adds must carry a key whose fingerprint was enrolled for its login, and its events, chain
  head and checkpoint must be that device's. It rewrites the materialised tables (derived
  from the log; ``verify`` recomputes them) as a merge does.
- ``tawthiq_coordinator`` may also append what it received from others (by USB, say).
- ``tawthiq_auditor`` reads.
- The database owner (the connection ``server init`` was given) acts as a coordinator.
- Evidence files' bytes (``server_blobs``): read by every role, added by documenters and
  coordinators, append-only like the events.
- ``UPDATE``, ``DELETE`` and ``TRUNCATE`` of ``event`` are granted to nobody and refused by
  a trigger for everyone, the owner included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

from tawthiq.domain.errors import N_
from tawthiq.store import server_blobs, server_members
from tawthiq.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

ROLES = ("documenter", "coordinator", "auditor")
GROUP = {r: f"tawthiq_{r}" for r in ROLES}
MEMBERS = "server_member"
# the tables of the log itself: rows of one device each, held to that device
_DEVICE_TABLES = ("event", "device", "chain_head", "received_checkpoint")
# rewritten by every merge from the log (and by ``rebuild``), checked by ``verify``
_DERIVED_TABLES = (
    "incident",
    "source_report",
    "incident_source",
    "incident_pair",
    "device_trust",
    "victim",
    "evidence_file",
    "import_record",
)
# As identity.key_fingerprint; every function named with its schema, so that nothing a
# member might create elsewhere (a function of the same name in public, on a server older
# than PostgreSQL 15) is ever called in its place.
_FP = (
    "pg_catalog.left(pg_catalog.encode(pg_catalog.sha256(pg_catalog.decode("
    "{key}::text, 'hex')), 'hex'), 16)"
)
# Functions that run as the owner look in pg_catalog only, and in the caller's temporary
# tables last of all (never first, PostgreSQL's default): a member's TEMP table named
# server_member or device is never read in place of the real one.
_SAFE_PATH = "SET search_path = pg_catalog, pg_temp"
_OWN = "device_id IN (SELECT public.tawthiq_own_devices())"


def plain_fingerprint(shown: str) -> str:
    """'3f2a 91c0 77de 41b2' (as ``tawthiq key`` prints it) -> '3f2a91c077de41b2'."""
    digits = "".join(shown.split()).lower()
    if len(digits) != 16 or any(c not in "0123456789abcdef" for c in digits):
        raise StoreError(
            N_(
                "{fingerprint} is not a signing key fingerprint: it has 16 hexadecimal digits, "
                "as `tawthiq key` prints it on that laptop"
            ),
            fingerprint=shown,
        )
    return digits


def install(conn: Connection) -> None:
    """Make the roles, the members table, the trigger, the policies and the grants (again:
    every step may be repeated). ``conn``: the owner's, in its transaction."""
    for group in GROUP.values():
        conn.execute(
            text(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :r) THEN "
                f'CREATE ROLE "{group}" NOLOGIN; END IF; END $$'.replace(":r", f"'{group}'")
            )
        )
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {MEMBERS} ("
            " login text PRIMARY KEY,"
            " fingerprint char(16) NOT NULL,"
            " role text NOT NULL CHECK (role IN ('documenter', 'coordinator', 'auditor')),"
            " enrolled_at timestamptz NOT NULL DEFAULT now(),"
            " revoked_at timestamptz)"
        )
    )
    # What the connected login was enrolled as (nothing once revoked); SECURITY DEFINER so
    # that no member need read the others' rows to be checked against its own.
    conn.execute(
        text(
            "CREATE OR REPLACE FUNCTION tawthiq_enrolled_fingerprint() RETURNS text "
            f"LANGUAGE sql STABLE SECURITY DEFINER {_SAFE_PATH} AS "
            f"$$ SELECT fingerprint::text FROM public.{MEMBERS} "
            "WHERE login = session_user AND revoked_at IS NULL $$"
        )
    )
    # The devices whose key has the connected login's enrolled fingerprint (one, in
    # practice); policies compare with it through a sub-select, which PostgreSQL runs once
    # per statement, not once per row of a large push.
    conn.execute(
        text(
            "CREATE OR REPLACE FUNCTION tawthiq_own_devices() RETURNS SETOF text "
            f"LANGUAGE sql STABLE SECURITY DEFINER {_SAFE_PATH} AS "
            f"$$ SELECT device_id::text FROM public.device WHERE "
            f"{_FP.format(key='public_key')} = public.tawthiq_enrolled_fingerprint() $$"
        )
    )
    conn.execute(
        text(
            "CREATE OR REPLACE FUNCTION tawthiq_refuse_change() RETURNS trigger "
            f"LANGUAGE plpgsql {_SAFE_PATH} AS $$ BEGIN RAISE EXCEPTION "
            "'the event log is append-only: % of events is refused', TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
    )
    conn.execute(text("DROP TRIGGER IF EXISTS event_append_only ON event"))
    conn.execute(
        text(
            "CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event "
            "FOR EACH ROW EXECUTE FUNCTION tawthiq_refuse_change()"
        )
    )
    conn.execute(text("DROP TRIGGER IF EXISTS event_never_emptied ON event"))
    conn.execute(
        text(
            "CREATE TRIGGER event_never_emptied BEFORE TRUNCATE ON event "
            "FOR EACH STATEMENT EXECUTE FUNCTION tawthiq_refuse_change()"
        )
    )
    server_blobs.install(conn)
    _constraints(conn)
    _grants(conn)
    _policies(conn)
    server_members.install(conn)


# What every row of the log must look like, checked by the server itself as it takes it
# (laptops check far more — hashes, chains, signatures — as they pull).
_CHECKS = {
    "event": {
        "event_shape": "seq >= 1 AND hlc >= 0 AND hash ~ '^[0-9a-f]{64}$' "
        "AND prev_hash ~ '^[0-9a-f]{64}$' AND device_id ~ '^[0-9a-f-]{36}$' "
        "AND event_id ~ '^[0-9a-f-]{36}$' AND entity_id ~ '^[0-9a-f-]{36}$'",
        # JSON texts (a cast that fails refuses the row): a value no laptop could read
        # would otherwise stop every pull of its device's events
        "event_json": "value::jsonb IS NOT NULL AND parents::jsonb IS NOT NULL",
    },
    "device": {"device_shape": "public_key ~ '^[0-9a-f]{64}$' AND device_id ~ '^[0-9a-f-]{36}$'"},
    "chain_head": {"head_shape": "seq >= 1 AND hash ~ '^[0-9a-f]{64}$'"},
}


def _constraints(conn: Connection) -> None:
    # One device per key: a login cannot give its key to a second device id (taking the id
    # of a laptop that has not pushed yet, say), and a key is enrolled for one device.
    conn.execute(
        text(
            "CREATE UNIQUE INDEX IF NOT EXISTS ix_device_key_fingerprint ON device "
            f"(({_FP.format(key='public_key')}))"
        )
    )
    for table, checks in _CHECKS.items():
        for name, check in checks.items():
            conn.execute(text(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}"))
            conn.execute(text(f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({check})"))


def _columns(conn: Connection, table: str) -> list[str]:
    return list(
        conn.execute(
            text("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                 "'public' AND table_name = :t ORDER BY ordinal_position"),
            {"t": table},
        ).scalars()
    )  # fmt: skip


def _grants(conn: Connection) -> None:
    everyone = ", ".join(f'"{g}"' for g in GROUP.values())
    writers = f'"{GROUP["documenter"]}", "{GROUP["coordinator"]}"'
    # nobody but the owner makes anything in the schema (PostgreSQL before 15 let everyone)
    conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}"))
    conn.execute(text(f"REVOKE ALL ON {MEMBERS} FROM {everyone}"))
    conn.execute(text(f"GRANT INSERT ON event TO {writers}"))
    conn.execute(text(f"GRANT INSERT, UPDATE ON device, chain_head TO {writers}"))
    conn.execute(text(f"GRANT INSERT, UPDATE ON received_checkpoint TO {writers}"))
    # The tables of current values, written again by every push: every column but the row
    # number, which only the server gives (a row put in with a number of its own would make
    # the next record's insert fail, for everyone); no DELETE.
    for table in _DERIVED_TABLES:
        cols = ", ".join(c for c in _columns(conn, table) if c != "num")
        conn.execute(text(f"GRANT INSERT ({cols}), UPDATE ({cols}) ON {table} TO {writers}"))
    # evidence files' bytes: rows added, never changed; who added one and when are the
    # server's to say (its defaults), not the member's
    blobs = server_blobs.TABLE
    conn.execute(text(f"GRANT INSERT (sha256, chunk, bytes) ON {blobs} TO {writers}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {writers}"))
    for fn in ("tawthiq_enrolled_fingerprint()", "tawthiq_own_devices()"):
        conn.execute(text(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {fn} TO {everyone}"))


def _policies(conn: Connection) -> None:
    doc, coord = f'"{GROUP["documenter"]}"', f'"{GROUP["coordinator"]}"'
    everyone = ", ".join(f'"{g}"' for g in GROUP.values())
    own_key = f"{_FP.format(key='public_key')} = public.tawthiq_enrolled_fingerprint()"
    for table in _DEVICE_TABLES:
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        for name in ("read", "own_device", "own_device_update", "relay", "relay_update"):
            conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
        conn.execute(text(f"CREATE POLICY read ON {table} FOR SELECT TO {everyone} USING (true)"))
        mine = own_key if table == "device" else _OWN
        conn.execute(
            text(f"CREATE POLICY own_device ON {table} FOR INSERT TO {doc} WITH CHECK ({mine})")
        )
        conn.execute(
            text(f"CREATE POLICY relay ON {table} FOR INSERT TO {coord} WITH CHECK (true)")
        )
        if table != "event":  # events are never updated (the trigger says so to everyone)
            conn.execute(
                text(
                    f"CREATE POLICY own_device_update ON {table} FOR UPDATE TO {doc} "
                    f"USING ({mine}) WITH CHECK ({mine})"
                )
            )
            conn.execute(
                text(
                    f"CREATE POLICY relay_update ON {table} FOR UPDATE TO {coord} "
                    "USING (true) WITH CHECK (true)"
                )
            )
    conn.execute(text("DROP POLICY IF EXISTS own_device_delete ON received_checkpoint"))


def is_installed(conn: Connection) -> bool:
    return bool(conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": MEMBERS}).scalar())


def is_team_server(session: Session) -> bool:
    """Whether the session's database is a team server's (no laptop owns it: it has no
    checkpoints of its own, its laptops' are kept as received)."""
    conn = session.connection()
    return conn.dialect.name == "postgresql" and is_installed(conn)


def login_role(conn: Connection) -> str | None:
    """What the connected login may do: 'owner' (the database's owner or a superuser acts
    as a coordinator), 'coordinator', 'documenter', 'auditor', or None (not enrolled, or
    revoked)."""
    owner = conn.execute(
        text(
            "SELECT pg_get_userbyid(datdba) = session_user OR "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user) "
            "FROM pg_database WHERE datname = current_database()"
        )
    ).scalar()
    if owner:
        return "owner"
    for role in ROLES:
        member = conn.execute(
            text("SELECT pg_has_role(session_user, :g, 'MEMBER')"), {"g": GROUP[role]}
        ).scalar()
        if member and conn.execute(text("SELECT tawthiq_enrolled_fingerprint()")).scalar():
            return role
    return None
