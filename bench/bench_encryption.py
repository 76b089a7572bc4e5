"""Encryption benchmark: the same work on a plain and on an encrypted (SQLCipher) database.

    python bench/bench_encryption.py [N] [ROUNDS]     (default 100000 3)

Both databases hold the same N incidents: one is built plain (kept in bench/out/ for the
next run, as bench_ui.py makes it), copied twice, and one copy protected with
``services.protection.protect`` and the real tuned Argon2id parameters. Then, side by side
in one process, the work interleaved plain / encrypted so that a busy machine slows both
alike, each figure with its ratio encrypted / plain (the target: within 1.3x):

- opening the workspace until its first page of 50 is read, the passphrase's derivation
  included (the target: < 1 s), and the derivation alone;
- saving incidents with their audit trail (signed, hash-chained events) through the
  services API: one save per transaction (an fsync each), and batches of 500;
- listing and searching the N incidents (bench_store.py's queries);
- merging exports of another laptop's incidents (bench_sync.py makes them, kept too).

The working copies are removed at the end.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["TAWTHIQ_DATA_DIR"] = tempfile.mkdtemp(prefix="tawthiq-bench-settings-")

from bench_store import sample  # noqa: E402
from bench_sync import make  # noqa: E402
from bench_ui import database, laptop_of  # noqa: E402

from tawthiq import services  # noqa: E402
from tawthiq.services import protection, sync  # noqa: E402
from tawthiq.store import IncidentFilter, keystore  # noqa: E402
from tawthiq.store import protection as store_protection  # noqa: E402

PASSPHRASE = "a long bench passphrase"
SIDES = ("plain", "encrypted")
MERGE_FILES, MERGE_INCIDENTS = 3, 5000
QUERIES: list[tuple[str, IncidentFilter, int]] = [
    (
        "list 50, governorate + dates",
        IncidentFilter(governorate="Idlib", date_from="2016-01-01", date_to="2018-12-31"),
        0,
    ),
    (
        "the same, page at offset 2000",
        IncidentFilter(governorate="Idlib", date_from="2016-01-01", date_to="2018-12-31"),
        2000,
    ),
    ("search 'للنازحين مخيّم مرام'", IncidentFilter(text="للنازحين مخيّم مرام"), 0),
    ("search 'قصف' (every incident)", IncidentFilter(text="قصف"), 0),
    ("search 'تل ابيض' + Raqqa", IncidentFilter(text="تل ابيض", governorate="Raqqa"), 0),
    ("search, no match", IncidentFilter(text="لا يوجد"), 0),
]


def copy_db(source: Path, target: Path) -> None:
    for extra in ("", "-wal"):
        if Path(f"{source}{extra}").exists():
            shutil.copyfile(f"{source}{extra}", f"{target}{extra}")


def prepared(base: Path, work: Path) -> tuple[dict[str, Path], dict[str, Path], float]:
    """Two copies of ``base`` and of the key folder of the laptop that made it (its
    signed chain goes on); the second copy protected, with this laptop's secrets."""
    laptop = laptop_of(base)
    if not laptop.is_dir():
        raise SystemExit(f"{base} was made before its laptop's keys were kept: delete it")
    dbs = {side: work / f"{side}.db" for side in SIDES}
    folders = {side: work / f"keys-{side}" for side in SIDES}
    for side in SIDES:
        copy_db(base, dbs[side])
        shutil.copytree(laptop, folders[side])
    t = time.perf_counter()
    protection.protect(dbs["encrypted"], folders["encrypted"], PASSPHRASE)
    protected = time.perf_counter() - t
    assert store_protection.is_encrypted(dbs["encrypted"])
    return dbs, folders, protected


def opened(db: Path, folder: Path) -> services.Workspace:
    return services.open_workspace(db, author="bench", key_dir=folder, ask=lambda: PASSPHRASE)


def open_times(
    dbs: dict[str, Path], folders: dict[str, Path], rounds: int, *, forget: bool
) -> dict[str, float]:
    """A workspace opened until its first page is read; with ``forget``, every key this
    process unlocked forgotten before (the passphrase derived again, as at a start)."""
    times: dict[str, list[float]] = {side: [] for side in SIDES}
    for _ in range(rounds * 2):
        for side in SIDES:
            if forget:
                keystore.forget()
            t = time.perf_counter()
            ws = opened(dbs[side], folders[side])
            with ws.db.read() as s:
                services.incidents.list_incidents(s, IncidentFilter(), limit=50)
            times[side].append(time.perf_counter() - t)
            ws.close()
    return {side: statistics.median(v) for side, v in times.items()}


def side_by_side(work: Callable[[str], object], rounds: int, repeat: int = 1) -> dict[str, float]:
    """Median seconds of ``work(side)``, the two sides taking turns (and turns first)."""
    times: dict[str, list[float]] = {side: [] for side in SIDES}
    for r in range(rounds * repeat):
        for side in SIDES if r % 2 == 0 else SIDES[::-1]:
            t = time.perf_counter()
            work(side)
            times[side].append(time.perf_counter() - t)
    return {side: statistics.median(v) for side, v in times.items()}


def totals(work: Callable[[str], object], items: int) -> dict[str, float]:
    """Total seconds of ``work(side)`` done ``items`` times on each side, in turns."""
    spent = dict.fromkeys(SIDES, 0.0)
    for r in range(items):
        for side in SIDES if r % 2 == 0 else SIDES[::-1]:
            t = time.perf_counter()
            work(side)
            spent[side] += time.perf_counter() - t
    return spent


def line(what: str, figures: dict[str, float], unit: str = "ms", scale: float = 1000) -> float:
    ratio = figures["encrypted"] / figures["plain"]
    plain, enc = figures["plain"] * scale, figures["encrypted"] * scale
    print(f"{what}: plain {plain:,.1f} {unit}, encrypted {enc:,.1f} {unit}; {ratio:.2f}x")
    return ratio


def main(n: int, rounds: int) -> None:
    base = database(n)
    exports = make(
        HERE / "out" / f"sync-{MERGE_FILES}x{MERGE_INCIDENTS}", MERGE_FILES, MERGE_INCIDENTS
    )
    work = Path(tempfile.mkdtemp(prefix="tawthiq-bench-enc-", dir=HERE / "out"))
    ratios: dict[str, float] = {}
    try:
        t = time.perf_counter()
        dbs, folders, protect_s = prepared(base, work)
        print(
            f"{n:,} incidents, {base.stat().st_size / 1e6:,.0f} MB; copied and protected in "
            f"{time.perf_counter() - t:.0f} s (protect itself {protect_s:.1f} s)"
        )
        kf = keystore.read_key_file(store_protection.key_file(dbs["encrypted"]))
        derive = statistics.median(
            _timed(lambda: kf.kdf.derive(PASSPHRASE)) for _ in range(rounds * 2)
        )
        print(
            f"Argon2id as tuned here: {kf.kdf.iterations} passes, "
            f"{kf.kdf.memory_kib // 1024} MiB, {kf.kdf.lanes} lanes: {derive * 1000:.0f} ms"
        )
        opening = open_times(dbs, folders, rounds, forget=True)
        print(
            f"open until the first page is read, the passphrase derived: plain "
            f"{opening['plain'] * 1000:.0f} ms, encrypted {opening['encrypted'] * 1000:.0f} ms "
            f"(the derivation alone {derive * 1000:.0f} ms)"
        )
        ratios["open"] = line(
            "open again in the same process (the key kept)",
            open_times(dbs, folders, rounds, forget=False),
        )

        keystore.forget()
        ws = {side: opened(dbs[side], folders[side]) for side in SIDES}
        rng = random.Random(11)

        def save_one(side: str) -> None:
            with ws[side].writing() as w:
                services.incidents.create_incident(w, sample(rng, n))

        def save_batch(side: str) -> None:
            with ws[side].writing() as w:
                services.incidents.create_incidents(w, [sample(rng, n) for _ in range(500)])

        single = 100 * rounds
        per = totals(save_one, single)
        ratios["save one"] = line(
            f"one save per transaction ({single} each side, an fsync each), per save",
            {k: v / single for k, v in per.items()},
        )
        batches = 2 * rounds
        per = totals(save_batch, batches)
        ratios["save 500"] = line(
            f"a batch of 500 saves in one transaction ({batches} each side), per batch",
            {k: v / batches for k, v in per.items()},
            "s",
            1,
        )

        with ws["plain"].db.read() as plain, ws["encrypted"].db.read() as encrypted:
            sessions = {"plain": plain, "encrypted": encrypted}
            for what, flt, offset in QUERIES:

                def query(side: str, flt: IncidentFilter = flt, offset: int = offset) -> None:
                    session = sessions[side]
                    services.incidents.list_incidents(session, flt, limit=50, offset=offset)
                    services.incidents.count_incidents(session, flt)

                ratios[what] = line(f"{what} (with its count)", side_by_side(query, rounds, 10))

        def merge(side: str, files: list[Path]) -> None:
            summary = sync.import_files(ws[side], files, accept_new=True)
            assert summary.new > 0

        spent = dict.fromkeys(SIDES, 0.0)
        for i, path in enumerate(exports):
            for side in SIDES if i % 2 == 0 else SIDES[::-1]:
                t = time.perf_counter()
                merge(side, [path])
                spent[side] += time.perf_counter() - t
        ratios["merge"] = line(
            f"merge {len(exports)} exports of {MERGE_INCIDENTS:,} incidents "
            "each, one at a time, total",
            spent,
            "s",
            1,
        )
        again = totals(lambda side: sync.import_files(ws[side], exports), 1)
        ratios["merge again"] = line("the same exports again (all already known)", again, "s", 1)
        for side in SIDES:
            ws[side].close()
        sizes = {side: dbs[side].stat().st_size / 1e6 for side in SIDES}
        print(
            f"database size: plain {sizes['plain']:,.0f} MB, encrypted {sizes['encrypted']:,.0f} MB"
        )
        worst = max(ratios, key=ratios.__getitem__)
        print(
            f"largest ratio: {ratios[worst]:.2f}x ({worst}); open encrypted "
            f"{opening['encrypted'] * 1000:.0f} ms"
        )
    finally:
        keystore.forget()
        shutil.rmtree(work, ignore_errors=True)


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*(args + [100_000, 3][len(args) :]))
