"""Who is enrolled on a team server (issue 18): each laptop's login, tied to its signing
key's fingerprint and its role. Enrolling and revoking go through functions that run as
the database's owner (who may make logins), callable by coordinators only: a coordinator
enrols laptops without being allowed to make or change any other role of the cluster."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

from tawthiq.domain.errors import N_
from tawthiq.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

ROLES = ("documenter", "coordinator", "auditor")
MEMBERS = "server_member"
_COORDINATOR = "tawthiq_coordinator"
_SAFE_PATH = "SET search_path = pg_catalog, pg_temp"

# Who may call them: the database's owner, or a login enrolled here as a coordinator and not
# revoked (the group role is the whole cluster's: another team's coordinator is not one here).
_CALLER_CHECK = f"""
    is_owner := session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database
                                WHERE datname = current_database())
                OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user);
    IF NOT is_owner AND NOT EXISTS (SELECT 1 FROM public.{MEMBERS} WHERE login = session_user
                                    AND role = 'coordinator' AND revoked_at IS NULL) THEN
        RAISE EXCEPTION 'only a coordinator of this database enrols and revokes laptops'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
"""

# A member already enrolled is enrolled again or revoked by the owner, or by a coordinator
# of the line that enrolled it (that coordinator, or one it enrolled, and so on down): a
# coordinator cannot lock out the one that enrolled it, nor one beside it.
_LINE_CHECK = f"""
    IF NOT is_owner AND EXISTS (SELECT 1 FROM public.{MEMBERS} WHERE login = member_login)
       AND member_login NOT IN (
           WITH RECURSIVE line(login) AS (
               SELECT m.login FROM public.{MEMBERS} m WHERE m.enrolled_by = session_user
               UNION
               SELECT m.login FROM public.{MEMBERS} m JOIN line ON m.enrolled_by = line.login)
           SELECT line.login FROM line) THEN
        RAISE EXCEPTION 'a coordinator changes only the laptops its own line enrolled'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
"""

# A login per device: roles are the whole cluster's, so the database's own number keeps
# two teams' logins apart; the name holds nothing but that number and 16 hex digits. The
# password is made here (244 random bits), never chosen by the caller; the login may
# connect to this database only.
_ENROL = f"""
CREATE OR REPLACE FUNCTION public.tawthiq_enrol(fp text, member_role text)
RETURNS TABLE (new_login text, new_password text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {_SAFE_PATH} AS $$
DECLARE
    member_login text;
    secret text;
    other text;
    is_owner boolean;
BEGIN
{_CALLER_CHECK}
    IF member_role NOT IN ('documenter', 'coordinator', 'auditor') THEN
        RAISE EXCEPTION 'no such role: %', member_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF fp !~ '^[0-9a-f]{{16}}$' THEN
        RAISE EXCEPTION 'not a key fingerprint' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT 'tawthiq_' || oid::text || '_' || fp INTO member_login
      FROM pg_database WHERE datname = current_database();
{_LINE_CHECK}
    secret := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member_login) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', member_login, secret);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', member_login, secret);
    END IF;
    FOREACH other IN ARRAY ARRAY['documenter', 'coordinator', 'auditor'] LOOP
        EXECUTE format('REVOKE %I FROM %I', 'tawthiq_' || other, member_login);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'tawthiq_' || member_role, member_login);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), member_login);
    -- the owner (on a hosted server no superuser) may then end the login's sessions
    EXECUTE format('GRANT %I TO %I', member_login, (SELECT pg_get_userbyid(datdba)
                   FROM pg_database WHERE datname = current_database()));
    INSERT INTO public.{MEMBERS} (login, fingerprint, role, enrolled_by)
    VALUES (member_login, fp, member_role, session_user)
    ON CONFLICT (login) DO UPDATE SET fingerprint = fp, role = member_role,
        enrolled_at = now(), revoked_at = NULL;
    RETURN QUERY SELECT member_login, secret;
END $$
"""

# Its events already sent stay; its open sessions end now, not when they next reconnect.
_REVOKE = f"""
CREATE OR REPLACE FUNCTION public.tawthiq_revoke(fp text)
RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER {_SAFE_PATH} AS $$
DECLARE
    member_login text;
    is_owner boolean;
BEGIN
{_CALLER_CHECK}
    SELECT 'tawthiq_' || oid::text || '_' || fp INTO member_login
      FROM pg_database WHERE datname = current_database();
{_LINE_CHECK}
    member_login := NULL;
    UPDATE public.{MEMBERS} SET revoked_at = now()
     WHERE fingerprint = fp AND revoked_at IS NULL RETURNING {MEMBERS}.login INTO member_login;
    IF member_login IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', member_login);
    EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM %I', current_database(), member_login);
    BEGIN
        PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = member_login;
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;  -- a login enrolled before its owner was its member: its session ends on its own
    END;
    RETURN member_login;
END $$
"""


@dataclass(frozen=True, slots=True)
class Member:
    login: str
    fingerprint: str  # 16 hex digits, no spaces
    role: str
    revoked: bool


def install(conn: Connection) -> None:
    """The enrolment functions, callable by this database's coordinators (and owner) only;
    coordinators read the list of members. Only the owner and the logins enrolled here
    connect to this database (PostgreSQL lets everyone by default: another team's logins
    on the same cluster, members of the same group roles, would read this team's log)."""
    conn.execute(text("DROP FUNCTION IF EXISTS public.tawthiq_enrol(text, text, text)"))
    conn.execute(text("DROP FUNCTION IF EXISTS public.tawthiq_enrol(text, text)"))
    conn.execute(text(f"ALTER TABLE {MEMBERS} ADD COLUMN IF NOT EXISTS enrolled_by text"))
    conn.execute(text(_ENROL))
    conn.execute(text(_REVOKE))
    for signature in ("tawthiq_enrol(text, text)", "tawthiq_revoke(text)"):
        conn.execute(text(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC"))
        conn.execute(text(f'GRANT EXECUTE ON FUNCTION public.{signature} TO "{_COORDINATOR}"'))
    conn.execute(text(f'GRANT SELECT ON {MEMBERS} TO "{_COORDINATOR}"'))
    database = conn.execute(text("SELECT quote_ident(current_database())")).scalar()
    conn.execute(text(f"REVOKE CONNECT ON DATABASE {database} FROM PUBLIC"))
    for login in conn.execute(
        text(f"SELECT quote_ident(login) FROM {MEMBERS} WHERE revoked_at IS NULL")
    ).scalars():
        conn.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {login}"))


def enrol(conn: Connection, fingerprint: str, role: str) -> tuple[str, str]:
    """A login for the device with this key fingerprint, in ``role``'s group, with a new
    password: (login, password). Enrolling it again gives a new password (and role)."""
    if role not in ROLES:
        raise StoreError(N_("the role is one of documenter, coordinator, auditor"))
    row = conn.execute(
        text("SELECT new_login, new_password FROM public.tawthiq_enrol(:f, :r)"),
        {"f": fingerprint, "r": role},
    ).one()
    return str(row[0]), str(row[1])


def revoke(conn: Connection, fingerprint: str) -> str | None:
    """Take the device's login away: its login, or None when no such device is enrolled."""
    found = conn.execute(text("SELECT public.tawthiq_revoke(:f)"), {"f": fingerprint}).scalar()
    return None if found is None else str(found)


def members(conn: Connection) -> list[Member]:
    rows = conn.execute(
        text(f"SELECT login, fingerprint, role, revoked_at IS NOT NULL FROM {MEMBERS} "
             "ORDER BY enrolled_at"),
    ).all()  # fmt: skip
    return [Member(r[0], r[1], r[2], bool(r[3])) for r in rows]
