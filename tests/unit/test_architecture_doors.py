"""The command line and the window reach the core through the services only: no module of
``cli/`` or ``ui/`` imports ``extract``, ``store``, ``sync`` or ``report`` (other than for
type checking), nor opens a database session or unit of work of its own (each use case opens
its own, in the services), so each use case has one door and the layers behind it can
change."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "tawthiq"
FRONTS = ("cli", "ui")
BEHIND = ("extract", "store", "sync", "report")


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """Everything under an ``if TYPE_CHECKING:`` block (imports for annotations only)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            inside.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return inside


def _run_time_nodes(source: str) -> Iterator[ast.AST]:
    """Every node of a source, at any depth, but those imported for type checking only."""
    tree = ast.parse(source)
    skip = _type_checking_nodes(tree)
    return (node for node in ast.walk(tree) if id(node) not in skip)


def imported_modules(source: str, package: str = "tawthiq.ui") -> list[str]:
    """The modules a source of ``package`` imports at run time, at any depth of its code,
    relative imports made absolute."""
    found: list[str] = []
    for node in _run_time_nodes(source):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = node.module if node.level == 0 else ".".join([*base, node.module or ""])
            found.append(module.rstrip("."))
            found += [f"{module.rstrip('.')}.{alias.name}" for alias in node.names]
    return found


def doors(source: str, package: str = "tawthiq.ui") -> set[str]:
    """The layers behind the services that a source of ``package`` imports."""
    return {
        parts[1]
        for name in imported_modules(source, package)
        if (parts := name.split("."))[0] == "tawthiq" and len(parts) > 1 and parts[1] in BEHIND
    }


def opened_sessions(source: str) -> list[str]:
    """Where a source opens a session or unit of work itself, rather than calling a use case:
    ``<workspace>.db.read()`` or ``.db.write()``, ``.writing()``, a writer's ``.session``, or
    a ``Session`` (or ``sessionmaker``) imported."""
    found: list[str] = []
    for node in _run_time_nodes(source):
        if isinstance(node, ast.Attribute):
            on_db = isinstance(node.value, ast.Attribute) and node.value.attr == "db"
            if node.attr in ("writing", "session") or (on_db and node.attr in ("read", "write")):
                found.append(ast.unparse(node))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            found += [
                alias.name
                for alias in node.names
                if alias.name.rpartition(".")[2] in ("Session", "sessionmaker")
            ]
    return found


def _front_modules() -> list[Path]:
    return sorted(p for front in FRONTS for p in (PACKAGE / front).rglob("*.py"))


def test_there_are_modules_to_check() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in _front_modules()}
    assert {"cli/__init__.py", "ui/main_window.py", "ui/sync_flow.py"} <= names


@pytest.mark.parametrize("path", _front_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_command_line_and_the_window_go_through_the_services(path: Path) -> None:
    package = ".".join(["tawthiq", *path.parent.relative_to(PACKAGE).parts])
    assert doors(path.read_text("utf-8"), package) == set(), (
        f"{path.relative_to(PACKAGE)} imports a layer behind the services: name what it needs "
        "in tawthiq.services instead"
    )


@pytest.mark.parametrize("path", _front_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_command_line_and_the_window_open_no_session_of_their_own(path: Path) -> None:
    assert opened_sessions(path.read_text("utf-8")) == [], (
        f"{path.relative_to(PACKAGE)} opens a database session itself: call the use case "
        "(Desk, Desk.sync) that does it, or add one there for both fronts"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("with ws.db.read() as s:\n    pass", ["ws.db.read"]),
        ("with self.desk.ws.db.write() as s:\n    pass", ["self.desk.ws.db.write"]),
        ("with ws.writing() as w:\n    f(w.session)", ["ws.writing", "w.session"]),
        ("def f():\n    from sqlalchemy.orm import Session", ["Session"]),
        ("import sqlalchemy.orm.Session", ["sqlalchemy.orm.Session"]),
        ("if TYPE_CHECKING:\n    from sqlalchemy.orm import Session", []),
        ("text = sys.stdin.read()", []),
        ("desk.write_report(path, options, tell)", []),
        ("desk.resolve_id(args.id)", []),
    ],
)
def test_the_session_check_sees_each_way_of_opening_one(source: str, expected: list[str]) -> None:
    assert sorted(opened_sessions(source)) == sorted(expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from tawthiq.sync.errors import NewDevice", {"sync"}),
        ("import tawthiq.store.hlc", {"store"}),
        ("from tawthiq import report", {"report"}),
        ("def f():\n    from tawthiq.extract import extract", {"extract"}),
        ("if TYPE_CHECKING:\n    from tawthiq.store import Database", set()),
        ("if typing.TYPE_CHECKING:\n    import tawthiq.sync", set()),
        ("from tawthiq.services.values import ReportOptions", set()),
        ("from tawthiq.domain.records import Incident", set()),
        ("from ..store import writer", {"store"}),
        ("from .. import sync", {"sync"}),
        ("from .ops import Runner", set()),
    ],
)
def test_the_check_sees_every_way_of_importing(source: str, expected: set[str]) -> None:
    assert doors(source) == expected
