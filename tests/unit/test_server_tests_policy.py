"""The team server's tests may be skipped on a developer's machine without PostgreSQL, never
on CI (issue 18): there a missing server fails them, so a green CI run ran every one."""

from __future__ import annotations

import pytest
from tests import pg


def test_without_a_server_ci_fails_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the PostgreSQL tests, but gone"):
        pg.unavailable("gone")


def test_without_a_server_a_developer_machine_skips_saying_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no PostgreSQL server: gone"):
        pg.unavailable("gone")


def test_ci_names_its_server_before_the_test_command() -> None:
    """``.ci/run`` starts the cluster and sets CI before the README's test command runs."""
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text("utf-8")
    tests = script.index(".venv/bin/python -m pytest")
    assert -1 < script.find('export CI="${CI:-true}"') < tests
    assert -1 < script.find("\nstart_postgresql\n") < tests
    assert -1 < script.find("export TAWTHIQ_TEST_PG=") < tests
