"""``kill -9`` during ``tawthiq protect``, ``unprotect`` and ``passphrase``, at random
moments (issue 16): afterwards the database and this laptop's keys open with the old
passphrase or the new one, never neither, and every incident is there."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PASSPHRASE, fast_kdf, incident_count
from tawthiq import services
from tawthiq.services import protection as use_cases
from tawthiq.store import IncidentFilter, keystore, protection

TRIALS = 20
N_INCIDENTS = 300
MARKER = "QZXMARKER"
NEW = "the new passphrase, after the change"


@dataclass(frozen=True)
class Template:
    folder: Path  # holds records/tawthiq.db and userdata/ (the laptop's key folder)
    device_id: str


def _make(root: Path, *, protected: bool) -> Template:
    db, keys = root / "records" / "tawthiq.db", root / "userdata"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TAWTHIQ_DATA_DIR", str(keys))  # the settings protect moves are its own
        ws = services.open_workspace(db, author="Amal", key_dir=keys)
        batch = [{"title_en": f"{MARKER} {i}", "killed": i % 40} for i in range(N_INCIDENTS)]
        with ws.writing() as w:
            services.incidents.create_incidents(w, batch)
        device = ws.identity.device_id
        ws.close()
        if protected:
            use_cases.protect(db, keys, PASSPHRASE, kdf=fast_kdf())
        keystore.forget()
    return Template(root, device)


@pytest.fixture(scope="module")
def plain_laptop(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return _make(tmp_path_factory.mktemp("plain"), protected=False)


@pytest.fixture(scope="module")
def protected_laptop(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return _make(tmp_path_factory.mktemp("protected"), protected=True)


@dataclass(frozen=True)
class Trial:
    db: Path
    keys: Path
    env: dict[str, str]
    device_id: str


def _copy(template: Template, where: Path) -> Trial:
    shutil.copytree(template.folder, where)
    secrets = where / "secrets"
    secrets.mkdir()
    (secrets / "old").write_text(PASSPHRASE + "\n", "utf-8")
    (secrets / "new").write_text(NEW + "\n", "utf-8")
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(where / "userdata")}
    env.pop("TAWTHIQ_PASSPHRASE_FILE", None)
    return Trial(where / "records" / "tawthiq.db", where / "userdata", env, template.device_id)


def _argv(command: str, t: Trial) -> list[str]:
    secrets = t.db.parent.parent / "secrets"
    given = {
        "protect": ["--passphrase-file", str(secrets / "new")],
        "unprotect": ["--passphrase-file", str(secrets / "old")],
        "passphrase": [
            "--passphrase-file", str(secrets / "old"),
            "--new-passphrase-file", str(secrets / "new"),
        ],
    }[command]  # fmt: skip
    return [sys.executable, "-m", "tawthiq", command, "--db", str(t.db), *given]


def _started(command: str, t: Trial) -> Callable[[], bool]:
    """The first sign on disk that ``command`` began to change things."""
    laptop = t.keys / "laptop-keys.json"
    if command == "protect":
        return laptop.exists
    if command == "unprotect":
        return lambda: any(t.db.parent.glob(t.db.name + ".converting-*"))
    first = laptop.stat().st_ino
    return lambda: laptop.stat().st_ino != first


def _opens_with(t: Trial, passphrase: str | None) -> int | None:
    """How many incidents the database holds when opened (with its laptop's keys) by
    ``passphrase`` (None: asked for none); None when it does not open so."""
    keystore.forget()
    ask = (lambda: passphrase) if passphrase is not None else None
    try:
        ws = services.open_workspace(t.db, author="Amal", key_dir=t.keys, create=False, ask=ask)
    except (keystore.WrongPassphraseError, keystore.LockedError):
        return None
    try:
        with ws.db.read() as s:
            page = services.incidents.list_incidents(s, IncidentFilter(), limit=N_INCIDENTS)
        assert len(page) == N_INCIDENTS and all(MARKER in (i.title_en or "") for i in page)
        assert ws.identity.device_id == t.device_id  # the laptop's signing key is readable
        return incident_count(ws)
    finally:
        ws.close()


@pytest.fixture
def in_trial_folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("TAWTHIQ_PASSPHRASE_FILE", raising=False)
    yield
    keystore.forget()


OLD_OF = {"protect": None, "unprotect": PASSPHRASE, "passphrase": PASSPHRASE}
NEW_OF = {"protect": NEW, "unprotect": None, "passphrase": NEW}


@pytest.mark.parametrize("command", ["protect", "unprotect", "passphrase"])
def test_kill_9_during_a_change_of_protection_leaves_the_old_passphrase_or_the_new(
    command: str,
    plain_laptop: Template,
    protected_laptop: Template,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    in_trial_folder: None,
) -> None:
    """Twenty ``kill -9`` at random moments of the real command: half at any moment from
    its start, half soon after its first change on disk. After each, the laptop opens with
    the old passphrase or the new one (as the next command opens it, finishing or undoing
    what was cut), holds every incident, and its signing key is its own."""
    template = plain_laptop if command == "protect" else protected_laptop
    seed = int.from_bytes(os.urandom(4), "big")
    rnd = random.Random(seed)
    # one whole run: how long the command takes, and how long after its first change
    t = _copy(template, tmp_path / "whole")
    begun = time.monotonic()
    proc = subprocess.Popen(_argv(command, t), env=t.env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    started, first_change = _started(command, t), None
    while proc.poll() is None:
        if first_change is None and started():
            first_change = time.monotonic()
        time.sleep(0.0005)
    whole = time.monotonic() - begun
    assert proc.returncode == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
    after_change = time.monotonic() - (first_change or begun)
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(t.keys))
    assert _opens_with(t, NEW_OF[command]) == N_INCIDENTS

    outcomes: Counter[str] = Counter()
    for n in range(TRIALS):
        t = _copy(template, tmp_path / f"trial-{n}")
        monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(t.keys))
        proc = subprocess.Popen(_argv(command, t), env=t.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)  # fmt: skip
        if n % 2 == 0:
            delay = rnd.uniform(0, whole)
            time.sleep(delay)
        else:
            started = _started(command, t)
            deadline = time.monotonic() + 60
            while not started() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
            delay = rnd.uniform(0, after_change)
            time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if not killed:
            assert proc.returncode == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
        old = _opens_with(t, OLD_OF[command])
        new = _opens_with(t, NEW_OF[command]) if old is None else None
        where = f"trial {n} (seed {seed}, killed {killed} after {delay:.3f}s)"
        assert old is not None or new is not None, f"opens with neither passphrase: {where}"
        assert (old if old is not None else new) == N_INCIDENTS, where
        state = "encrypted" if protection.is_encrypted(t.db) else "plain"
        outcomes[f"{'killed' if killed else 'finished'}, {'old' if old else 'new'}, {state}"] += 1
        shutil.rmtree(tmp_path / f"trial-{n}")
    print(f"\n{command}: {dict(outcomes)}; whole run {whole:.2f}s, {after_change:.2f}s after "
          f"its first change; seed {seed}")  # fmt: skip
    assert sum(outcomes.values()) == TRIALS


def test_a_cut_protect_is_finished_or_undone_by_the_next_command(
    plain_laptop: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_trial_folder: None
) -> None:
    """The states a protect can be cut in, made by hand (the key file still pending, the
    half-written new file beside the old): the next open tidies them; the database opens."""
    t = _copy(plain_laptop, tmp_path / "cut")
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(t.keys))
    converting = t.db.with_name(t.db.name + ".converting-4194304")  # its process ended
    converting.write_bytes(os.urandom(4096))  # killed while writing the new file
    assert _opens_with(t, None) == N_INCIDENTS and not converting.exists()
    use_cases.protect(t.db, t.keys, NEW, kdf=fast_kdf())
    pending = t.db.with_name(t.db.name + ".keys.pending-4194304")  # its process ended
    os.replace(protection.key_file(t.db), pending)  # killed before the key file's rename
    assert _opens_with(t, NEW) == N_INCIDENTS
    assert protection.key_file(t.db).exists() and not pending.exists()
