"""Search on a team server's database (issue 18: under 50 ms over 100,000 incidents): each
query's first page as the server now finds it — among the first incidents in the list's
order, each checked on its own, when the page is full there — beside the index of words
alone (the way before, forced in the same process), beside the count of matches, and beside
the same query on a laptop's SQLite file holding the same incidents.

    python bench/bench_server_search.py SERVER_URL [LAPTOP_DB]

SERVER_URL: a team server's database with the incidents (``bench/bench_server.py`` leaves
``tawthiq_bench``); LAPTOP_DB: a laptop's database with the same ones (it leaves
``bench/out/server-10x10000/fresh.db``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench_store import timed as timed_ms

from tawthiq import services
from tawthiq.domain.filters import IncidentFilter
from tawthiq.store import queries

QUERIES = {
    "search للنازحين مخيّم مرام": IncidentFilter(text="للنازحين مخيّم مرام"),
    "search قصف (every incident)": IncidentFilter(text="قصف"),
    "search تل ابيض + Raqqa": IncidentFilter(text="تل ابيض", governorate="Raqqa"),
    "search, no match": IncidentFilter(text="لا يوجد"),
    "search قصف, by place, page 3": IncidentFilter(text="قصف"),
}
PAGE = {"search قصف, by place, page 3": {"sort": "place", "descending": False, "offset": 100}}


def main(url: str, laptop_db: str | None) -> None:
    keys = Path(tempfile.mkdtemp(prefix="tawthiq-bench-keys-"))
    server = services.open_workspace(url, key_dir=keys)
    laptop = services.open_workspace(Path(laptop_db), key_dir=keys) if laptop_db else None
    among_first = queries._page_among_the_first
    print(
        f"{'query':<32} {'now':>9} {'before':>9} {'ratio':>6} {'count':>9} {'SQLite':>9}  matches"
    )
    for name, flt in QUERIES.items():
        order = PAGE.get(name, {})
        with server.db.read() as s:

            def page(s=s, f=flt, o=order):  # type: ignore[no-untyped-def]
                return services.incidents.list_incidents(s, f, limit=50, **o)

            now = timed_ms(page)
            queries._page_among_the_first = lambda *a, **k: None  # type: ignore[assignment]
            try:
                before = timed_ms(page)
                same = [i.id for i in page()]
            finally:
                queries._page_among_the_first = among_first  # type: ignore[assignment]
            assert [i.id for i in page()] == same, name  # the same page either way
            count_ms = timed_ms(lambda s=s, f=flt: services.incidents.count_incidents(s, f), 5)
            matches = services.incidents.count_incidents(s, flt)
        sqlite_ms = float("nan")
        if laptop is not None:
            with laptop.db.read() as s:
                sqlite_ms = timed_ms(
                    lambda s=s, f=flt, o=order: services.incidents.list_incidents(
                        s, f, limit=50, **o
                    )
                )
        print(
            f"{name:<32} {now:>6.1f} ms {before:>6.1f} ms {before / now:>5.1f}× "
            f"{count_ms:>6.1f} ms {sqlite_ms:>6.1f} ms  {matches:,}"
        )
    server.close()
    if laptop is not None:
        laptop.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
