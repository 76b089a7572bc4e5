"""SQLite's full-text search: the FTS5 indexes ``incident_fts`` and ``source_report_fts``
(made by migration 0001, kept current by triggers), how a query matches them, rebuilding
and checking them, and bringing them up to date in bulk after a merge. A PostgreSQL store
is another module with these functions (over ``tsvector`` columns, say).

Bulk: each searched table keeps its FTS5 index current with triggers, one row at a time;
for the hundred thousand rows of a large merge that took three quarters of their writing
time, and one ``INSERT … SELECT`` into the index does the same work seven times faster. So
while a merge writes its rows, the insert and update triggers are set aside and the index is
brought up to date for all the rows at once. The triggers are dropped and made again
inside the merge's transaction: no other connection ever sees a table without them, and a
crash or an error rolls both back with the rest of the merge.
"""

from __future__ import annotations

import contextlib
import sqlite3
import unicodedata
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Integer, Select, column, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tawthiq.domain.arabic import search_terms
from tawthiq.domain.errors import N_, Sentence

SEARCHED = ("incident", "source_report")  # the tables with an FTS5 index (migration 0001)


def _latin_folds() -> tuple[str, str]:
    """Latin letters with diacritics, and their bare letters: SQLite's FTS5 tokenizer folds
    them (``remove_diacritics``), so "ecole" finds "école"; PostgreSQL's 'simple' full text
    does not, so on a server both the index and the query fold them the same way."""
    marked, bare = [], []
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = unicodedata.normalize("NFD", letter)[0]
        if base != letter and base.isascii() and base.isalpha():
            marked.append(letter)
            bare.append(base)
    return "".join(marked), "".join(bare)


_MARKED, _BARE = _latin_folds()
_UNMARK = str.maketrans(_MARKED, _BARE)
# PostgreSQL's search vector of a row (its GIN index, migration 0001, is on this expression)
PG_VECTOR = f"to_tsvector('simple', translate(search_text, '{_MARKED}', '{_BARE}'))"


def match_expression(query: str, dialect: str = "sqlite") -> str | None:
    """An FTS5 expression: every normalised, stemmed word, the last one as a prefix
    (on PostgreSQL, the same words as a ``tsquery`` over the same terms).

    >>> match_expression("للنازحين في تلّ أبيض")
    '"نازحين" "في" "تل" "ابيض"*'
    >>> match_expression("تلّ أبيض", "postgresql")
    "'تل' & 'ابيض':*"
    """
    terms = search_terms(query)
    if not terms:
        return None
    if dialect != "sqlite":
        folded = [t.translate(_UNMARK) for t in terms]
        quoted = ["'" + t.replace("'", "''").replace("\\", "") + "'" for t in folded]
        return " & ".join(quoted) + ":*"
    return " ".join(f'"{t}"' for t in terms) + "*"


def matching_nums(table: str, dialect: str = "sqlite") -> Select[Any]:
    """The row numbers (``num``) of ``table`` whose search text matches the bound
    parameter ``:q`` (a ``match_expression``): through its FTS5 index, or on PostgreSQL
    its own full text over the same normalised terms (``ix_<table>_search``)."""
    if dialect != "sqlite":
        return (
            select(column("num", Integer))
            .select_from(text(table))
            .where(text("search_vector @@ to_tsquery('simple', :q)"))
        )
    return (
        select(column("rowid", Integer))
        .select_from(text(f"{table}_fts"))
        .where(text(f"{table}_fts MATCH :q"))
    )


def _is_sqlite(session: Session) -> bool:
    """Whether ``session`` is on SQLite (other databases keep no FTS5 index to tend)."""
    return session.get_bind().dialect.name == "sqlite"


def rebuild_index(session: Session) -> None:
    """Make every search index again from its table (after the tables were rewritten)."""
    if not _is_sqlite(session):
        return
    for table in SEARCHED:
        session.execute(text(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')"))


def index_problems(session: Session) -> list[str]:
    """A sentence for each search index that does not match its table.

    FTS5's check is an INSERT, which needs the write lock and a writable file; so it runs
    on a copy of the index in the connection's temporary schema (its shadow tables copied,
    the table read through a view), and the database itself is only read."""
    problems: list[str] = []
    if not _is_sqlite(session):
        return problems
    conn = session.connection()
    for table in SEARCHED:
        try:
            with _index_copy(conn, table) as copy:
                conn.exec_driver_sql(
                    f"INSERT INTO temp.{copy}({copy}, rank) VALUES('integrity-check', 1)"
                )
        except DBAPIError as exc:  # SQLite reports a mismatch as a corrupt virtual table
            if not _is_mismatch(exc):
                raise  # a lock or a disk error: no finding about the index
            problems.append(
                Sentence(N_("the search index of {table} does not match the table"), table=table)
            )
    return problems


_CHECKED = "tawthiq_checked_index"  # the copy's name in the temporary schema


def _is_mismatch(exc: DBAPIError) -> bool:
    """Whether the check failed on the index itself (not for a lock, the disk or memory)."""
    code = getattr(exc.orig, "sqlite_errorcode", 0) & 0xFF
    return code not in _NO_FINDING


_NO_FINDING = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_NOMEM,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_INTERRUPT,
}


@contextlib.contextmanager
def _index_copy(conn: Any, table: str) -> Iterator[str]:
    """An FTS5 table in the temporary schema holding a copy of ``table``'s index (made
    as the stored one was, over a view of ``table``): its name. Dropped afterwards."""
    stored = (
        conn.exec_driver_sql(
            "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?",
            (f"{table}_fts",),
        ).scalar()
        or f"{table}_fts()"
    )  # no index at all: the check fails on the missing tables
    args = stored[stored.index("(") + 1 : stored.rindex(")")]
    args = args.replace(f"content='{table}'", f"content='{_CHECKED}_rows'")
    conn.exec_driver_sql(
        f"CREATE TEMP VIEW {_CHECKED}_rows AS SELECT num, search_text FROM main.{table}"
    )
    try:
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE temp.{_CHECKED} USING fts5({args})")
        for part in ("data", "idx", "docsize", "config"):
            conn.exec_driver_sql(f"DELETE FROM temp.{_CHECKED}_{part}")
            conn.exec_driver_sql(
                f"INSERT INTO temp.{_CHECKED}_{part} SELECT * FROM main.{table}_fts_{part}"
            )
        yield _CHECKED
    finally:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{_CHECKED}")
        conn.exec_driver_sql(f"DROP VIEW temp.{_CHECKED}_rows")


@contextlib.contextmanager
def index_in_bulk(session: Session, touched: str) -> Iterator[None]:
    """While the rows of ``touched`` (a table of record ids) are written, the search index
    is left alone; then it holds those rows as they are written, as the triggers would
    have it. ``CROSS JOIN``: the few touched ids lead, so that a newer SQLite (SQLCipher's)
    does not read every row of the table instead."""
    if not _is_sqlite(session):
        yield
        return
    conn = session.connection()
    names = ", ".join(f"'{t}_ai', '{t}_au'" for t in SEARCHED)
    found: dict[str, str] = dict(
        conn.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"
        ).all()
    )
    tables = [t for t in SEARCHED if f"{t}_ai" in found and f"{t}_au" in found]
    triggers = [(f"{t}_{kind}", found[f"{t}_{kind}"]) for t in tables for kind in ("ai", "au")]
    for table in tables:  # what the update trigger would take out, before the rows change
        conn.exec_driver_sql(
            f"INSERT INTO {table}_fts({table}_fts, rowid, search_text) SELECT 'delete', x.num, "
            f"x.search_text FROM {touched} t CROSS JOIN {table} x ON x.id = t.entity_id"
        )
    for name, _ in triggers:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    done = False
    try:
        yield
        for table in tables:
            conn.exec_driver_sql(
                f"INSERT INTO {table}_fts(rowid, search_text) SELECT x.num, x.search_text "
                f"FROM {touched} t CROSS JOIN {table} x ON x.id = t.entity_id"
            )
        done = True
    finally:
        # After an error the transaction is rolled back, triggers and all: an error here
        # must not hide the one that counts.
        with contextlib.suppress(Exception) if not done else contextlib.nullcontext():
            for _, sql in triggers:
                conn.exec_driver_sql(sql)
