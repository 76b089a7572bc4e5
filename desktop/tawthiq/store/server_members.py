"""Who is enrolled on a team server (issue 18): each laptop's login, tied to its signing
key's fingerprint and its role. Enrolling and revoking go through functions that run as
the database's owner (who may make logins), callable by coordinators only: a coordinator
enrols laptops without being allowed to make or change any other role of the cluster."""

from __future__ import annotations

import secrets
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

# A login per device: roles are the whole cluster's, so the database's own number keeps
# two teams' logins apart; the name holds nothing but that number and 16 hex digits.
_ENROL = f"""
CREATE OR REPLACE FUNCTION public.tawthiq_enrol(fp text, member_role text, secret text)
RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER {_SAFE_PATH} AS $$
DECLARE
    member_login text;
    other text;
BEGIN
    IF member_role NOT IN ('documenter', 'coordinator', 'auditor') THEN
        RAISE EXCEPTION 'no such role: %', member_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF fp !~ '^[0-9a-f]{{16}}$' THEN
        RAISE EXCEPTION 'not a key fingerprint' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT 'tawthiq_' || oid::text || '_' || fp INTO member_login
      FROM pg_database WHERE datname = current_database();
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member_login) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', member_login, secret);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', member_login, secret);
    END IF;
    FOREACH other IN ARRAY ARRAY['documenter', 'coordinator', 'auditor'] LOOP
        EXECUTE format('REVOKE %I FROM %I', 'tawthiq_' || other, member_login);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'tawthiq_' || member_role, member_login);
    INSERT INTO public.{MEMBERS} (login, fingerprint, role) VALUES (member_login, fp, member_role)
    ON CONFLICT (login) DO UPDATE SET fingerprint = fp, role = member_role,
        enrolled_at = now(), revoked_at = NULL;
    RETURN member_login;
END $$
"""

# Its events already sent stay; its open sessions end now, not when they next reconnect.
_REVOKE = f"""
CREATE OR REPLACE FUNCTION public.tawthiq_revoke(fp text)
RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER {_SAFE_PATH} AS $$
DECLARE
    member_login text;
BEGIN
    UPDATE public.{MEMBERS} SET revoked_at = now()
     WHERE fingerprint = fp AND revoked_at IS NULL RETURNING {MEMBERS}.login INTO member_login;
    IF member_login IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', member_login);
    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = member_login;
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
    """The enrolment functions, callable by coordinators (and the owner) only; coordinators
    read the list of members."""
    conn.execute(text(_ENROL))
    conn.execute(text(_REVOKE))
    for signature in ("tawthiq_enrol(text, text, text)", "tawthiq_revoke(text)"):
        conn.execute(text(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC"))
        conn.execute(text(f'GRANT EXECUTE ON FUNCTION public.{signature} TO "{_COORDINATOR}"'))
    conn.execute(text(f'GRANT SELECT ON {MEMBERS} TO "{_COORDINATOR}"'))


def enrol(conn: Connection, fingerprint: str, role: str) -> tuple[str, str]:
    """A login for the device with this key fingerprint, in ``role``'s group, with a new
    password: (login, password). Enrolling it again gives a new password (and role)."""
    if role not in ROLES:
        raise StoreError(N_("the role is one of documenter, coordinator, auditor"))
    password = secrets.token_urlsafe(24)
    login = conn.execute(
        text("SELECT public.tawthiq_enrol(:f, :r, :p)"),
        {"f": fingerprint, "r": role, "p": password},
    ).scalar()
    return str(login), password


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
