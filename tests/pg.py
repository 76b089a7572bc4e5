"""A PostgreSQL server for the tests that need one (the team server, issue 18).

CI starts one on loopback (``.ci/run``) and names it in ``TAWTHIQ_TEST_PG``: a connection
string of a superuser to its ``postgres`` database. On a developer's machine without it, a
throw-away cluster is started in a temporary folder when PostgreSQL's programs are
installed; without them the tests that need a server are skipped, saying why. Under CI
(``CI`` set) a missing server fails them instead: CI must run every one.
"""

from __future__ import annotations

import contextlib
import getpass
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ENV = "TAWTHIQ_TEST_PG"
PASSWORD = "tawthiq-test-owner"
_numbers = itertools.count(1)


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_ctl").exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A new cluster on a free loopback port, password login for everyone; its superuser's
    connection string. Stopped and removed afterwards."""
    bins = _bin_dir()
    if bins is None:
        raise FileNotFoundError("PostgreSQL's programs (pg_ctl, initdb) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-pg-"))
    data = folder / "data"
    secret = folder / "pw"
    secret.write_text(PASSWORD + "\n")
    owner = getpass.getuser()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(secret, "postgres", "postgres")
        owner = "postgres"
    port = _free_port()
    run = _as_server_user
    subprocess.run(
        run([str(bins / "initdb"), "-D", str(data), "-U", owner, "-E", "UTF8",
             "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
             f"--pwfile={secret}"]),
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        run([str(bins / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options,
             "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql://{owner}:{PASSWORD}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            run([str(bins / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def unavailable(reason: str) -> None:
    """Skip (a developer's machine) or fail (CI) a test that needs a server."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests, but {reason}")
    pytest.skip(f"no PostgreSQL server: {reason}")


def with_database(admin_url: str, name: str) -> str:
    """``admin_url`` (a superuser's, to any database) naming database ``name`` instead."""
    return admin_url.rsplit("/", 1)[0] + "/" + name


def create_database(admin_url: str) -> str:
    """A new, empty database on the server; its owner's (the superuser's) connection string."""
    import psycopg

    name = f"tawthiq_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(admin_url, name)


def drop_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
