"""A large merge does half of its work in a second process (screening the files' lines,
replaying the records). Forced here onto small files cut into many small batches, it must
give exactly what the merge gives in one process: the same records, counts and conflicts,
and for a bad file the same first problem, with nothing merged. (The tamper matrix runs
both ways too.)"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from laptops import Laptop, read_lines, use_two_cores

from tawthiq.sync.errors import SyncError


def _exports(tmp_path: Path) -> list[Path]:
    """Two laptops' exports that conflict on six incidents, with a deletion and new work."""
    amal, basel = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Basel")
    shared = [amal.new_incident(title_en=f"camp {i}", killed=i) for i in range(12)]
    basel.import_(amal.export())
    for i, incident in enumerate(shared[:6]):
        amal.edit(incident, killed=100 + i)
        basel.edit(incident, killed=200 + i)
    basel.delete(shared[7])
    basel.new_incident(title_ar="قصف على مخيم مرام", killed=4)
    paths = [amal.export(), basel.export()]
    amal.close()
    basel.close()
    return paths


def test_a_merge_on_two_cores_is_the_merge_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _exports(tmp_path)
    one = Laptop(tmp_path, "one-core")
    alone = one.import_(*paths)
    use_two_cores(monkeypatch)
    two = Laptop(tmp_path, "two-cores")
    together = two.import_(*paths)
    assert len(alone.conflicts) == 6 and alone.records_new["incident"] == 13
    assert together == alone
    assert two.digest() == one.digest()
    one.close()
    two.close()


def test_the_first_problem_in_a_file_is_the_one_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines are read ahead of the checks: a file changed, and cut off a few lines
    later, names the change, as a file read in order does."""
    amal = Laptop(tmp_path, "Amal")
    for i in range(20):
        amal.new_incident(title_en=f"incident {i}")
    path = amal.export()
    lines = read_lines(path)
    title = b'\\"incident 0\\"'  # a JSON text inside the event's JSON array
    changed = next(i for i, line in enumerate(lines) if title in line)
    lines[changed] = lines[changed].replace(title, title.replace(b"0", b"7"))
    gz = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    kept = b"".join(line + b"\n" for line in lines[: changed + 3])
    path.write_bytes(gz.compress(kept) + gz.flush(zlib.Z_FULL_FLUSH))  # cut off soon after
    use_two_cores(monkeypatch)
    basel = Laptop(tmp_path, "Basel")
    digest = basel.digest()
    with pytest.raises(SyncError, match=rf"event #{changed} of device \w+ \(.*\) was changed"):
        basel.import_(path)
    assert basel.digest() == digest
    basel.close()
    amal.close()
