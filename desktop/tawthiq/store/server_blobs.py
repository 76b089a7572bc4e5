"""The bytes of evidence files on a team server (issue 20): a table of the server's own,
``evidence_blob`` (one row per chunk of ``CHUNK`` bytes of a file, under its SHA-256),
append-only like the event table. The server holds the original bytes, as it holds the
events in the clear (README, "A team server"); every laptop checks a file's SHA-256 before
it keeps it, so a row changed on the server reaches no laptop.

Readable by every role of the team, written (rows added, never changed) by documenters and
coordinators; an auditor adds nothing. ``UPDATE``, ``DELETE`` and ``TRUNCATE`` are granted to
nobody and refused by a trigger for everyone, the owner included."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY, TEXT

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

TABLE = "evidence_blob"
CHUNK = 1024 * 1024  # bytes of a file per row (fixed: a file's rows are numbered by it)
_SAFE_PATH = "SET search_path = pg_catalog, pg_temp"


def install(conn: Connection) -> None:
    """The table, its checks and its trigger (again: every step may be repeated).
    ``conn``: the owner's; the grants are ``server_schema``'s."""
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
            " chunk integer NOT NULL CHECK (chunk >= 0),"
            f" bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND {CHUNK}),"
            " added_by text NOT NULL DEFAULT session_user,"
            " added_at timestamptz NOT NULL DEFAULT now(),"
            " PRIMARY KEY (sha256, chunk))"
        )
    )
    conn.execute(
        text(
            "CREATE OR REPLACE FUNCTION tawthiq_refuse_blob_change() RETURNS trigger "
            f"LANGUAGE plpgsql {_SAFE_PATH} AS $$ BEGIN RAISE EXCEPTION "
            "'evidence files on the server are append-only: % of them is refused', TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
    )
    for name, when, each in (
        ("blob_append_only", "UPDATE OR DELETE", "ROW"),
        ("blob_never_emptied", "TRUNCATE", "STATEMENT"),
    ):
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}"))
        conn.execute(
            text(
                f"CREATE TRIGGER {name} BEFORE {when} ON {TABLE} "
                f"FOR EACH {each} EXECUTE FUNCTION tawthiq_refuse_blob_change()"
            )
        )


def is_installed(session: Session) -> bool:
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": TABLE}).scalar())


@dataclass(frozen=True, slots=True)
class Held:
    chunks: int
    size: int


def held(session: Session, shas: Collection[str]) -> dict[str, Held]:
    """Of ``shas``, those whose rows on the server run without a gap from chunk 0: how many
    chunks, how many bytes (a file some rows of which are missing is not held)."""
    found: dict[str, Held] = {}
    shas = sorted(set(shas))
    q = text(
        f"SELECT sha256, count(*), max(chunk), sum(octet_length(bytes)) FROM {TABLE} "
        "WHERE sha256 = ANY(:shas) GROUP BY sha256"
    ).bindparams(bindparam("shas", type_=ARRAY(TEXT)))
    for start in range(0, len(shas), 1000):
        for sha, count, last, size in session.execute(q, {"shas": shas[start : start + 1000]}):
            if last == count - 1:
                found[sha] = Held(int(count), int(size))
    return found


def add_chunk(session: Session, sha256: str, index: int, data: bytes) -> bool:
    """Add chunk ``index`` of a file; False when the server had it already (kept as it is)."""
    done = session.execute(
        text(
            f"INSERT INTO {TABLE} (sha256, chunk, bytes) VALUES (:s, :i, :b) "
            "ON CONFLICT (sha256, chunk) DO NOTHING"
        ),
        {"s": sha256, "i": index, "b": data},
    )
    return bool(getattr(done, "rowcount", 0))


def chunk(session: Session, sha256: str, index: int) -> bytes | None:
    found = session.execute(
        text(f"SELECT bytes FROM {TABLE} WHERE sha256 = :s AND chunk = :i"),
        {"s": sha256, "i": index},
    ).scalar()
    return bytes(found) if found is not None else None
