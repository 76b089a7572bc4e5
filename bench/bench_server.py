"""Team server benchmark (issue 18): LAPTOPS documenters push INCIDENTS incidents each
through a PostgreSQL team server, a fresh laptop pulls them all, and the list, filters and
search run on the server's database — each beside the same work through export files and
beside a raw ``COPY`` of the same event rows into PostgreSQL, in one run.

    python bench/bench_server.py OWNER_URL [LAPTOPS] [INCIDENTS]     (default 10 10000)

OWNER_URL: a PostgreSQL superuser's connection string to any database of a server you can
throw databases away on (the benchmark makes ``tawthiq_bench`` there and drops it first).
The laptops (their databases and keys) are kept in bench/out/server-LxI/ for the next run.
"""

from __future__ import annotations

import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from bench_store import sample
from bench_store import timed as timed_ms

from tawthiq import services
from tawthiq.domain.filters import IncidentFilter
from tawthiq.services import sync, team

OUT = Path(__file__).parent / "out"


def laptops(folder: Path, n: int, incidents: int) -> list[Path]:
    """N laptops' databases with INCIDENTS incidents each (made once, kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        db = folder / f"laptop-{i}.db"
        made.append(db)
        if db.exists():
            continue
        t = time.perf_counter()
        ws = services.open_workspace(db, author=f"documenter {i}", key_dir=folder / f"keys-{i}")
        rng = random.Random(i)
        forms = [sample(rng, k) for k in range(incidents)]
        for start in range(0, incidents, 1000):
            with ws.writing() as w:
                services.incidents.create_incidents(w, forms[start : start + 1000])
        ws.close()
        print(f"made {db.name} ({time.perf_counter() - t:.0f} s)", flush=True)
    return made


def fresh_database(owner: str, name: str) -> str:
    with psycopg.connect(owner, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return owner.rsplit("/", 1)[0] + "/" + name


def workspace(db: Path | str, keys: Path, author: str) -> services.Workspace:
    return services.open_workspace(db, author=author, key_dir=keys)


def main(owner: str, n: int, incidents: int) -> None:
    folder = OUT / f"server-{n}x{incidents}"
    dbs = laptops(folder, n, incidents)
    url = fresh_database(owner, "tawthiq_bench")
    team.init_server(url)
    coordinator = workspace(folder / "coordinator.db", folder / "keys-coordinator", "coordinator")
    spaces = [workspace(db, folder / f"keys-{i}", f"documenter {i}") for i, db in enumerate(dbs)]
    logins = [
        team.enrol(coordinator, url, sync.signing_fingerprint(ws), "documenter").url
        for ws in spaces
    ]

    # 1. every laptop pushes, all at once (the server's writers take turns)
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as pool:
        pushed = list(
            pool.map(
                lambda p: team.sync(p[0], p[1]).pushed.events, zip(spaces, logins, strict=True)
            )
        )
    push_s = time.perf_counter() - t
    events = sum(pushed)

    # 2. a fresh laptop pulls everything (accepting the laptops, as after checking them)
    fresh_db = folder / "fresh.db"
    for extra in ("", "-wal", "-shm"):
        Path(f"{fresh_db}{extra}").unlink(missing_ok=True)
    fresh = workspace(fresh_db, folder / "keys-fresh", "fresh")
    fresh_url = team.enrol(coordinator, url, sync.signing_fingerprint(fresh), "auditor").url
    t = time.perf_counter()
    pulled = team.sync(fresh, fresh_url, accept_new=True).pulled.new
    pull_s = time.perf_counter() - t
    fresh.close()

    # 3. the same work through export files: every laptop exports, one database merges all
    t = time.perf_counter()
    files = []
    for i, ws in enumerate(spaces):
        path = folder / f"export-{i}.tawthiq"
        path.unlink(missing_ok=True)
        sync.export_database(ws, path)
        files.append(path)
    export_s = time.perf_counter() - t
    merged_db = folder / "merged.db"
    for extra in ("", "-wal", "-shm"):
        Path(f"{merged_db}{extra}").unlink(missing_ok=True)
    merged = workspace(merged_db, folder / "keys-merged", "merged")
    t = time.perf_counter()
    sync.import_files(merged, files, accept_new=True)
    merge_s = time.perf_counter() - t

    # 4. raw COPY of the same event rows into PostgreSQL, same keys and index
    with merged.db.read() as s:
        rows = s.connection().exec_driver_sql("SELECT * FROM event").all()
    copy_url = fresh_database(owner, "tawthiq_bench_copy")
    with psycopg.connect(copy_url) as conn:
        conn.execute(
            "CREATE TABLE event (event_id varchar(36) PRIMARY KEY, entity varchar(32), "
            "entity_id varchar(36), field varchar(64), value text, parents text, hlc bigint, "
            "author text, device_id varchar(36), seq bigint, prev_hash varchar(64), "
            "hash varchar(64), signature text, origin varchar(16), UNIQUE (device_id, seq))"
        )
        conn.execute("CREATE INDEX ix_event_entity ON event (entity_id, field)")
        conn.commit()
        t = time.perf_counter()
        with conn.cursor().copy("COPY event FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        copy_s = time.perf_counter() - t
    del rows

    # 5. list, filter and search over the incidents, on the server and on the merged file
    queries = {
        "Idlib 2016-2018, first page": IncidentFilter(
            governorate="Idlib", date_from="2016-01-01", date_to="2018-12-31"
        ),
        "search للنازحين مخيّم مرام": IncidentFilter(text="للنازحين مخيّم مرام"),
        "search قصف (every incident)": IncidentFilter(text="قصف"),
        "search تل ابيض + Raqqa": IncidentFilter(text="تل ابيض", governorate="Raqqa"),
        "search, no match": IncidentFilter(text="لا يوجد"),
    }
    server = workspace(url, folder / "keys-coordinator", "coordinator")
    latency: dict[str, tuple[float, float, int, int]] = {}
    for name, flt in queries.items():
        with server.db.read() as s:
            pg_ms = timed_ms(lambda s=s, f=flt: services.incidents.list_incidents(s, f, limit=50))
            pg_n = services.incidents.count_incidents(s, flt)
        with merged.db.read() as s:
            sq_ms = timed_ms(lambda s=s, f=flt: services.incidents.list_incidents(s, f, limit=50))
            sq_n = services.incidents.count_incidents(s, flt)
        latency[name] = (pg_ms, sq_ms, pg_n, sq_n)
    with server.db.read() as s:
        on_server = services.incidents.count_incidents(s, IncidentFilter())
    server.close()
    merged.close()
    coordinator.close()
    for ws in spaces:
        ws.close()

    print(
        f"{n} laptops push {events:,} events ({on_server:,} incidents) through the server "
        f"at once: {push_s:.1f} s ({events / push_s:,.0f} events/s)"
    )
    print(
        f"a fresh laptop pulls {pulled:,} events: {pull_s:.1f} s ({pulled / pull_s:,.0f} events/s)"
    )
    print(
        f"the same through files: {n} exports {export_s:.1f} s + one merge {merge_s:.1f} s "
        f"= {export_s + merge_s:.1f} s"
    )
    print(
        f"raw COPY of the same {events:,} event rows into PostgreSQL: "
        f"{copy_s:.1f} s; push/COPY {push_s / copy_s:.1f}x, pull/COPY {pull_s / copy_s:.1f}x"
    )
    for name, (pg_ms, sq_ms, pg_n, sq_n) in latency.items():
        same = "same count" if pg_n == sq_n else f"COUNTS DIFFER ({pg_n} vs {sq_n})"
        print(
            f"{name}: PostgreSQL {pg_ms:.1f} ms, SQLite {sq_ms:.1f} ms ({pg_n:,} matches, {same})"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    sizes = [int(a) for a in args[1:3]]
    main(args[0], *(sizes + [10, 10_000][len(sizes) :]))
