"""What signing a checkpoint with every save costs, and what checking them costs `verify`.

    python bench/bench_checkpoint.py [SAVES] [DEVICES]     (default 400 saves, 50 devices)

A database that holds the chains of DEVICES laptops (merged from their real exports) takes
SAVES edits, one transaction each as the window saves them; each save's time is split into
the checkpoint it signs and the rest (the baseline, the same saves in the same process: a
save cannot be made without its checkpoint, since the next one checks it). Then ``verify``
of the result, with the time its checkpoint checks take on their own.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from tawthiq import services
from tawthiq.store import checkpoint_check, checkpoints, writer


def _laptops(folder: Path, n: int) -> list[Path]:
    """``n`` exports, each of a laptop with one incident of its own."""
    out = []
    for i in range(n):
        ws = services.open_workspace(folder / f"l{i}.db", author=f"L{i}", key_dir=folder / f"k{i}")
        with ws.writing() as w:
            services.incidents.create_incident(w, {"title_en": f"laptop {i}", "killed": i})
        path = folder / f"l{i}.tawthiq"
        services.sync.export_database(ws, path)
        ws.close()
        out.append(path)
    return out


def main(saves: int = 400, devices: int = 50) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = services.open_workspace(folder / "c.db", author="Coordinator", key_dir=folder / "k")
        with ws.writing() as w:
            incident = services.incidents.create_incident(w, {"title_en": "x", "killed": 0})
        services.sync.import_files(ws, _laptops(folder, devices), accept_new=True)
        real = checkpoints.commit
        spent: list[float] = []

        def timed_commit(*args, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - t)

        writer.checkpoints.commit = timed_commit  # type: ignore[attr-defined]
        saves_ms, signing_ms = [], []
        for i in range(saves):
            spent.clear()
            t = time.perf_counter()
            with ws.writing() as w:
                services.incidents.edit_incident(w, incident, {"killed": i + 1})
            saves_ms.append((time.perf_counter() - t) * 1000)
            signing_ms.append(sum(spent) * 1000)
        writer.checkpoints.commit = real  # type: ignore[attr-defined]
        whole_ms, cp_ms = statistics.median(saves_ms), statistics.median(signing_ms)
        rest = [a - b for a, b in zip(saves_ms, signing_ms, strict=True)]
        print(f"{devices} devices; {saves} saves of one edit, one transaction each")
        print(f"a save:                       {whole_ms:.2f} ms median")
        print(f"  its checkpoint (in the save): {cp_ms:.2f} ms median")
        print(f"  the rest of the save:         {statistics.median(rest):.2f} ms median")
        print(
            f"ratio save / save without its checkpoint: {whole_ms / statistics.median(rest):.2f}x"
        )
        with ws.db.read() as s:
            n = checkpoints.latest_number(s)
            t = time.perf_counter()
            report = services.maintenance.verify(s)
            whole = time.perf_counter() - t
            t = time.perf_counter()
            checkpoint_check.check_checkpoints(s)
            part = time.perf_counter() - t
        assert report.ok, report.problems
        print(f"verify: {whole * 1000:.0f} ms for {report.events} events and {n} checkpoints;")
        print(f"  of which the checkpoints' own checks {part * 1000:.0f} ms")
        ws.close()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
