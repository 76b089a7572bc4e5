"""What every row of the tamper matrix builds its attack with: a scene (the `run` fixture,
a folder, laptops), what the command said, and the laptops and helpers shared by rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop
from test_tamper import sql

from conftest import device_id_of, where


@dataclass
class Scene:
    """What a row builds its attack with: the ``run`` fixture (this laptop's database and
    key folder by default), a folder of its own, and the test's fixtures on request."""

    run: Callable[..., Any]
    tmp: Path
    db: Path
    keys: Path
    monkeypatch: pytest.MonkeyPatch
    request: pytest.FixtureRequest
    laptops: list[Laptop] = field(default_factory=list)

    def laptop(self, name: str) -> Laptop:
        made = Laptop(self.tmp, name)
        self.laptops.append(made)
        return made

    def on(self, laptop: Laptop, *args: str) -> Any:
        """``tawthiq ARGS`` on ``laptop``'s database, signed with its key."""
        self.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(laptop.ws.key_dir))
        return self.run(*args, db=where(laptop.ws))

    def maram(self) -> str:
        """This laptop's database with one record: 5 events, checkpoint #1."""
        r = self.run("add", "--title-en", "Maram camp", "--killed", "9", "--injured", "75")
        assert r.code == 0, r.err
        return str(r.out.strip())


@dataclass
class Seen:
    """What the command said (a ``Result``), and the values its sentence names."""

    said: Any
    names: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Attack:
    id: str
    item: str  # the item (1-7), or "before" for attacks caught before it
    attack: str  # what was done, in words, for the table
    command: str  # what catches it, as typed (FILE, DB, ID: what the scene made)
    code: int | None  # the exit code; None for the window
    message: str  # the sentence, or its distinctive part, with {names} from the scene
    scene: Callable[[Scene], Seen]


def dev(device: object) -> str:
    return str(device)[:8]


def own_device(s: Scene) -> str:
    return device_id_of(s.keys)


def forget_device(db: Path, device: str) -> None:
    for table in ("event", "chain_head", "device"):
        sql(db, f"DELETE FROM {table} WHERE device_id = ?", device)


def basel_merged(s: Scene) -> str:
    """This laptop (a coordinator) holding its own record and Basel's two, merged."""
    basel = s.laptop("Basel")
    basel.new_incident(title_en="Basel's", killed=2)
    basel.new_incident(title_en="Basel's second", killed=3)
    s.maram()
    assert s.run("import", str(basel.export()), "--accept-new-devices").code == 0
    return basel.ws.identity.device_id


@dataclass
class Said:
    code: int
    out: str
    err: str


def amal_and_basel(s: Scene) -> tuple[Laptop, Laptop]:
    """Amal with three records; Basel, with one of his own, already trusting Amal."""
    amal, basel = s.laptop("Amal"), s.laptop("Basel")
    for i in range(3):
        amal.new_incident(title_en=f"incident {i}", killed=9, date_start="2022-11-06")
    basel.new_incident(title_en="Basel's own")
    basel.trust(amal)
    return amal, basel


def refused_import(s: Scene, basel: Laptop, path: Path, **names: object) -> Seen:
    """``tawthiq import FILE`` on Basel's laptop, which is left exactly as it was."""
    digest, ids = basel.digest(), basel.event_ids()
    said = s.on(basel, "import", str(path))
    assert basel.digest() == digest and basel.event_ids() == ids
    return Seen(said, {"file": path.name, "path": path, **names})
