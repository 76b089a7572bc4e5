"""Evidence files benchmark: 1 GB of files attached, exported, imported, read back.

    PYTHONPATH=desktop python bench/bench_files.py [MB] [plain|encrypted]   (default 1024 encrypted)

Makes a file of MB megabytes of random-looking bytes on the fly (never whole in memory),
attaches it to an incident of a new database (encrypted, as a protected laptop's, unless
``plain``), exports the database with its files, imports the export into a second new
database, and reads the file back there, checking its SHA-256. Prints each step's seconds
and MB/s, and the peak of Python's allocations (tracemalloc) and the process's peak
resident memory (ru_maxrss), which must stay far below the file's size: everything streams.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

BLOCK = 1 << 20


def main() -> None:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    mode = sys.argv[2] if len(sys.argv) > 2 else "encrypted"
    root = Path(tempfile.mkdtemp(prefix="tawthiq-bench-files-"))
    os.environ["TAWTHIQ_DATA_DIR"] = str(root / "userdata")
    from tawthiq import services
    from tawthiq.services import Desk
    from tawthiq.services.evidence_files import file_store
    from tawthiq.store import keystore

    source = root / "video.mp4"
    seed = os.urandom(BLOCK)
    with source.open("wb") as f:
        for i in range(mb):
            f.write(seed[i % 251 :] + seed[: i % 251])  # no two blocks alike
    size = source.stat().st_size

    def workspace(name: str) -> Any:
        db = root / name / "tawthiq.db"
        keys = root / name / "keys"
        services.open_workspace(db, author=name, key_dir=keys).close()
        if mode == "encrypted":
            kdf = keystore.Kdf(os.urandom(16), iterations=1, memory_kib=8 * 1024, lanes=1)
            services.protection.protect(db, keys, "bench passphrase 1", kdf=kdf)
        return services.open_workspace(
            db, author=name, key_dir=keys, ask=lambda *_: "bench passphrase 1"
        )

    a, b = workspace("amal"), workspace("basel")
    incident = Desk(a).save({"title_en": "bench"}).incident_id
    export = root / "with-files.tawthiq"
    print(f"{mb} MB file, {mode} databases, in {root}")

    def step(name: str, work: Callable[[], Any]) -> Any:
        tracemalloc.start()
        t = time.perf_counter()
        out = work()
        seconds = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{name:<10} {seconds:7.1f} s  {size / 2**20 / seconds:7.1f} MB/s  "
            f"Python peak {peak / 2**20:6.1f} MB"
        )
        return out

    done = step("attach", lambda: Desk(a).files.attach(incident, [source]))
    sha = done.files[0].sha256
    step("export", lambda: services.sync.export_database(a, export))
    step("import", lambda: services.sync.import_files(b, [export], accept_new=True))
    step("read back", lambda: file_store(b).problem(sha))
    assert file_store(b).problem(sha) is None
    print(f"export file {export.stat().st_size / 2**20:.0f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory {rss:.0f} MB (file {size / 2**20:.0f} MB)")
    a.close()
    b.close()


if __name__ == "__main__":
    main()
