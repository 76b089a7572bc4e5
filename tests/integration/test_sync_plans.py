"""A merge rewrites the rows and search index entries of the records it touched: those few
ids must lead each join, on Python's SQLite and on SQLCipher's newer one alike. SQLite
3.53 (SQLCipher's) otherwise reads every row of the table and looks each up in the
touched ids: on a database of 100,000 incidents that is every page decrypted per merge."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop
from sqlalchemy import event

from tawthiq import services
from tawthiq.services import protection
from tawthiq.store import IncidentFilter, keystore
from tawthiq.store.sqlite_bulk import TOUCHED

PASSPHRASE = "a passphrase for plans"


def _encrypted(laptop: Laptop) -> None:
    """Protect ``laptop``'s database (a quick derivation) and open it again."""
    db, folder = laptop.ws.db.path, laptop.ws.key_dir
    laptop.close()
    fast = keystore.Kdf(os.urandom(16), iterations=1, memory_kib=8 * 1024, lanes=1)
    protection.protect(db, folder, PASSPHRASE, kdf=fast)
    laptop.ws = services.open_workspace(
        db, author=laptop.name, key_dir=folder, ask=lambda: PASSPHRASE
    )
    assert laptop.ws.db.encrypted


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_the_touched_records_lead_every_join_of_a_merge(tmp_path: Path, encrypted: bool) -> None:
    amal = Laptop(tmp_path, "Amal")
    basel = Laptop(tmp_path, "Basel")
    try:
        for n in range(30):  # rows the touched ones are a few of
            basel.new_incident(title_en=f"Basel's incident {n}", killed=n)
        if encrypted:
            _encrypted(basel)
        first = amal.new_incident(title_ar="قصف على مخيم مرام", killed=9)
        amal.edit(first, injured=75)
        path = amal.export()

        plans: dict[str, list[str]] = {}

        @event.listens_for(basel.ws.db.engine, "before_cursor_execute")
        def _plan(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
            if f"FROM {TOUCHED} t" in statement and "JOIN" in statement:
                rows = cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", params)
                plans[" ".join(statement.split())] = [r[3] for r in rows]

        summary = basel.import_(path)
        assert summary.records_new == {"incident": 1}
        assert basel.incident(first).title_ar == "قصف على مخيم مرام"
        with basel.ws.db.read() as s:
            flt = IncidentFilter(text="مخيم مرام")
            hits = services.incidents.list_incidents(s, flt, limit=5)
        assert [i.id for i in hits] == [first]
    finally:
        amal.close()
        basel.close()
    assert len(plans) >= 3  # the search index's two, the rows'
    for statement, plan in plans.items():
        assert plan[0].startswith("SCAN t"), (statement, plan)
