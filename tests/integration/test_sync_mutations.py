"""Hostile files made by the hundred: an honest export changed at random (seeded, so a
failure is found again), each change imported. Whatever it is — a flipped byte, a cut, a
line dropped, swapped or doubled, a value in the header or an event replaced by a huge or
negative number, a lone surrogate, a control character or a value of the wrong type —
the import ends in one sentence, or merges because the change did no harm (or was signed
again by the exporter's own key, so it is the exporter's word); never in an
internal error, and a refusal changes nothing. Some of the changed files are signed again
with the exporter's key (and their chain hashed and signed again), so that the checks
behind the signature meet them too."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop, read_lines, write_lines, write_signed

from tawthiq.domain.errors import TawthiqError
from tawthiq.services import sync
from tawthiq.store.events import column_hash, head_message

SEED = 15
N_MUTATIONS = 300
Lines = list[bytes]

# What a value in the file is replaced with.
ODD_VALUES: tuple[Any, ...] = (
    2**63, 2**63 - 1, 2**64 + 7, 10**30, -1, -(2**63), 0, 1.5, float("1e308"), None, True,
    "", "\udcff", "a\udcffb", "\ud800", "\x1b[2K\r", "\x00", "\u202e", "٣", " " * 70_000,
    [], [1, 2], {}, {"a": None}, "01a24e56-0000-7000-8000-000000000000", "0" * 64, "f" * 128,
)  # fmt: skip


def _dumps(value: Any) -> bytes:
    """As a line: escaped to ASCII, so a lone surrogate is written as "\\udcff"."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode()


@pytest.fixture(scope="module")
def laptops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Laptop, Laptop, Lines]]:
    """Amal, who exports; Basel, who imports; the lines of Amal's honest export."""
    root = tmp_path_factory.mktemp("mutations")
    amal = Laptop(root, "Amal")
    amal.new_incident(title_en="Maram camp shelled", killed=9, date_start="2022-11-06")
    amal.new_incident(title_ar="قصف مخيم مرام", injured=75, governorate="Idlib", weapons=["rocket"])
    first = amal.new_incident(title_en="to be changed", narrative="an account")
    amal.edit(first, killed=3)
    basel = Laptop(root, "Basel")
    basel.new_incident(title_en="Basel's own")
    lines = read_lines(amal.export())
    yield amal, basel, lines
    amal.close()
    basel.close()


class Mutator:
    """Seeded changes to an export's lines (or to its bytes)."""

    def __init__(self, rng: random.Random, amal: Laptop, lines: Lines) -> None:
        self.rng = rng
        self.amal = amal
        self.lines = lines

    def odd(self) -> Any:
        return self.rng.choice(ODD_VALUES)

    # --- bytes -----------------------------------------------------------------------

    def flip_compressed(self) -> bytes:
        data = bytearray(gzip.compress(b"".join(x + b"\n" for x in self.lines)))
        at = self.rng.randrange(len(data))
        data[at] ^= 1 << self.rng.randrange(8)
        return bytes(data)

    def cut_compressed(self) -> bytes:
        data = gzip.compress(b"".join(x + b"\n" for x in self.lines))
        return data[: self.rng.randrange(len(data))]

    def flip_plain(self) -> Lines:
        lines = list(self.lines)
        i = self.rng.randrange(len(lines))
        line = bytearray(lines[i])
        line[self.rng.randrange(len(line))] = self.rng.randrange(256)
        lines[i] = bytes(line)
        return lines

    # --- lines -----------------------------------------------------------------------

    def drop(self) -> Lines:
        lines = list(self.lines)
        del lines[self.rng.randrange(len(lines))]
        return lines

    def swap(self) -> Lines:
        lines = list(self.lines)
        i, j = self.rng.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
        return lines

    def double(self) -> Lines:
        lines = list(self.lines)
        i = self.rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return lines

    def insert_junk(self) -> Lines:
        lines = list(self.lines)
        junk = self.rng.choice([b"", b"[]", b"{}", b"null", _dumps(self.odd()), b"\xff\xfe"])
        lines.insert(self.rng.randrange(len(lines) + 1), junk)
        return lines

    # --- values ----------------------------------------------------------------------

    def header_value(self) -> Lines:
        head = json.loads(self.lines[0])
        places: list[tuple[Any, Any]] = []
        todo: list[Any] = [head]
        while todo:
            node = todo.pop()
            keys = node.keys() if isinstance(node, dict) else range(len(node))
            for key in keys:
                places.append((node, key))
                if isinstance(node[key], dict | list):
                    todo.append(node[key])
        node, key = self.rng.choice(places)
        if isinstance(node, dict) and self.rng.random() < 0.15:
            del node[key]
        else:
            node[key] = self.odd()
        return [_dumps(head), *self.lines[1:]]

    def event_value(self) -> tuple[Lines, int]:
        i = self.rng.randrange(1, len(self.lines) - 1)
        item = json.loads(self.lines[i])
        column = self.rng.randrange(len(item))
        if self.rng.random() < 0.3 and column == 4:  # the value inside the value
            item[4] = _dumps(self.odd()).decode("ascii")
        else:
            item[column] = self.odd()
        lines = list(self.lines)
        lines[i] = _dumps(item)
        return lines, i

    def sign_again(self, lines: Lines) -> Lines:
        """Hash the device's chain again from its events as they now are and sign its
        head, as the exporter would have; what cannot be hashed stays as it is."""
        head = json.loads(lines[0])
        identity = self.amal.ws.identity
        prev = "0" * 64
        out = [lines[0]]
        for line in lines[1:-1]:
            try:
                item = json.loads(line)
                item[10] = prev
                item[11] = column_hash(item)
                prev = item[11]
                out.append(_dumps(item))
            except Exception:  # not an event any more: kept as it is
                out.append(line)
        for d in head.get("devices", []) if isinstance(head, dict) else []:
            if isinstance(d, dict) and d.get("device") == identity.device_id:
                d["head"] = {
                    "seq": d.get("last"),
                    "hash": prev,
                    "signature": identity.sign(head_message(identity.device_id, d["last"], prev)),
                }
        return [_dumps(head), *out[1:], lines[-1]]


def mutations(amal: Laptop, lines: Lines, n: int) -> Iterator[tuple[str, bytes]]:
    """``n`` changed files as (what was done, the file's bytes)."""
    rng = random.Random(SEED)
    m = Mutator(rng, amal, lines)
    as_bytes: dict[str, Callable[[], bytes]] = {
        "flip a compressed byte": m.flip_compressed,
        "cut the file": m.cut_compressed,
    }
    as_lines: dict[str, Callable[[], Lines]] = {
        "change a byte of a line": m.flip_plain,
        "drop a line": m.drop,
        "swap two lines": m.swap,
        "double a line": m.double,
        "insert a line": m.insert_junk,
        "change a header value": m.header_value,
        "change an event value": lambda: m.event_value()[0],
    }
    # values of events weigh three times: most of the checks behind the signature are theirs
    kinds = [*as_bytes, *as_lines, "change an event value", "change an event value"]
    for number in range(n):
        kind = rng.choice(kinds)
        if kind in as_bytes:
            yield f"#{number} {kind}", as_bytes[kind]()
            continue
        changed = as_lines[kind]()
        how = rng.random()
        if how < 0.45 and kind.startswith("change an event"):
            kind += ", chain hashed and signed again"
            changed = m.sign_again(changed)
        if how < 0.6 and len(changed) >= 2:
            kind += ", signed again"
            yield f"#{number} {kind}", _signed_bytes(changed, amal)
            continue
        yield f"#{number} {kind}", gzip.compress(b"".join(x + b"\n" for x in changed))


def _signed_bytes(lines: Lines, amal: Laptop) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signed.tawthiq"
        write_signed(path, lines, amal)
        return path.read_bytes()


def test_hundreds_of_seeded_changes_are_refused_in_one_sentence_or_harmless(
    laptops: tuple[Laptop, Laptop, Lines], tmp_path: Path
) -> None:
    amal, basel, lines = laptops
    digest, events = basel.digest(), basel.event_ids()
    path = tmp_path / "changed.tawthiq"
    outcomes: Counter[str] = Counter()
    for what, data in mutations(amal, lines, N_MUTATIONS):
        path.write_bytes(data)
        try:
            summary = sync.import_files(basel.ws, [path], accept_new=True, dry_run=True)
        except TawthiqError as exc:
            text = str(exc)
            assert text and "\n" not in text and "Traceback" not in text, what
            assert basel.digest() == digest, what
            outcomes[f"refused: {type(exc).__name__}"] += 1
        except Exception as exc:  # an internal error: exit 70 on the command line
            pytest.fail(f"{what}: {type(exc).__name__}: {exc}")
        else:
            assert summary.dry_run, what
            outcomes["merged (no harm done, or signed by the exporter's own key)"] += 1
    assert basel.digest() == digest and basel.event_ids() == events
    assert sum(outcomes.values()) == N_MUTATIONS
    merged = outcomes["merged (no harm done, or signed by the exporter's own key)"]
    assert merged < N_MUTATIONS // 10, outcomes
    print(dict(outcomes))  # shown with -s: what the changes came to


def test_changed_files_through_the_command_line_exit_0_or_2(
    laptops: tuple[Laptop, Laptop, Lines], tmp_path: Path
) -> None:
    amal, basel, lines = laptops
    db = basel.ws.db.path
    digest = basel.digest()
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(basel.ws.key_dir)}
    files = []
    for what, data in list(mutations(amal, lines, 40))[::8]:
        path = tmp_path / f"changed-{len(files)}.tawthiq"
        path.write_bytes(data)
        files.append((what, path))
    for what, path in files:
        done = subprocess.run(
            [sys.executable, "-m", "tawthiq", "import", str(path), "--db", str(db),
             "--accept-new-devices", "--dry-run"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode in (0, 2), f"{what}: {done.stderr}"
        assert "Traceback" not in done.stderr, what
        if done.returncode == 2:
            assert done.stderr.count("\n") == 1 and done.stderr.startswith("tawthiq: "), what
    assert basel.digest() == digest


def test_the_honest_export_itself_merges(laptops: tuple[Laptop, Laptop, Lines]) -> None:
    """The generator's starting point is sound: unchanged, it merges (dry run)."""
    _, basel, lines = laptops
    path = basel.root / "honest.tawthiq"
    write_lines(path, lines)
    assert sync.import_files(basel.ws, [path], accept_new=True, dry_run=True).new > 0
