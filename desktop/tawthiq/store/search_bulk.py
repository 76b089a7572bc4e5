"""Bringing the search index up to date in bulk after a merge has rewritten many rows.

Each searched table keeps its FTS5 index current with triggers, one row at a time; for the
hundred thousand rows of a large merge that took three quarters of their writing time, and
one ``INSERT … SELECT`` into the index does the same work seven times faster. So while a
merge writes its rows, the insert and update triggers are set aside and the index is
brought up to date for all the rows at once. The triggers are dropped and made again
inside the merge's transaction: no other connection ever sees a table without them, and a
crash or an error rolls both back with the rest of the merge.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

SEARCHED = ("incident", "source_report")  # the tables with an FTS5 index (migration 0001)


@contextlib.contextmanager
def search_index_in_bulk(conn: Any, touched: str) -> Iterator[None]:
    """While the rows of ``touched`` (a table of record ids) are written, the search index
    is left alone; then it holds those rows as they are written, as the triggers would
    have it. SQLite only (the caller's ``conn`` is a SQLAlchemy connection to it)."""
    names = ", ".join(f"'{t}_ai', '{t}_au'" for t in SEARCHED)
    found = dict(
        conn.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"
        ).all()
    )
    tables = [t for t in SEARCHED if f"{t}_ai" in found and f"{t}_au" in found]
    triggers = [(f"{t}_{kind}", found[f"{t}_{kind}"]) for t in tables for kind in ("ai", "au")]
    for table in tables:  # what the update trigger would take out, before the rows change
        conn.exec_driver_sql(
            f"INSERT INTO {table}_fts({table}_fts, rowid, search_text) SELECT 'delete', x.num, "
            f"x.search_text FROM {touched} t JOIN {table} x ON x.id = t.entity_id"
        )
    for name, _ in triggers:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    done = False
    try:
        yield
        for table in tables:
            conn.exec_driver_sql(
                f"INSERT INTO {table}_fts(rowid, search_text) SELECT x.num, x.search_text "
                f"FROM {touched} t JOIN {table} x ON x.id = t.entity_id"
            )
        done = True
    finally:
        # After an error the transaction is rolled back, triggers and all: an error here
        # must not hide the one that counts.
        with contextlib.suppress(Exception) if not done else contextlib.nullcontext():
            for _, sql in triggers:
                conn.exec_driver_sql(sql)
