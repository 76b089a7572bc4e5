"""The package's layering, read from its source with ``ast``: Qt only in ``ui/``, the
extractor free of the store, SQL and database drivers only in ``store/``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "tawthiq"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
DRIVERS = ("sqlalchemy", "sqlite3", "sqlcipher3", "pysqlcipher3", "psycopg", "psycopg2", "alembic")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(module, line) of every import that runs, leaving out ``if TYPE_CHECKING:`` blocks;
    a relative import is given with its dots, ``from a import b`` as ``a`` and ``a.b``."""
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from ((a.name, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield module, node.lineno
            yield from ((f"{module}.{a.name}", node.lineno) for a in node.names)
        todo.extend(ast.iter_child_nodes(node))


def _top(module: str) -> str:
    return module.split(".")[0]


def _layer(root: Path, path: Path) -> str:
    """The package's subfolder holding ``path`` ("" for a module at its top)."""
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else ""


def _imports_of(root: Path) -> list[tuple[str, str, str, int]]:
    """(layer, file, module, line) of every runtime import under ``root``."""
    out: list[tuple[str, str, str, int]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        rel = str(path.relative_to(root))
        out.extend((_layer(root, path), rel, m, n) for m, n in runtime_imports(tree))
    return out


def layering_problems(root: Path = PACKAGE) -> list[str]:
    """What breaks the layering under ``root``, one line each."""
    problems = set()
    for layer, rel, module, line in _imports_of(root):
        where = f"{rel}:{line} imports"
        if _top(module) in QT and layer != "ui":
            problems.add(f"{where} {_top(module)}: Qt outside ui/")
        if _top(module) in DRIVERS and layer != "store":
            problems.add(f"{where} {_top(module)}: a database library outside store/")
        parts = module.split(".")
        if layer == "extract" and (
            parts[:2] == ["tawthiq", "store"] or parts[:3] == ["", "", "store"]
        ):
            problems.add(f"{where} the store: the extractor uses the store")
    return sorted(problems)


def _problems_of(tmp_path: Path, path: str, source: str) -> list[str]:
    """``layering_problems`` of a package holding one module, ``path``, of ``source``."""
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(source, "utf-8")
    return layering_problems(tmp_path)


def test_the_package_keeps_its_layers() -> None:
    assert layering_problems() == []


@pytest.mark.parametrize(
    ("path", "source", "problem"),
    [
        ("services/x.py", "from sqlalchemy import select\n", "a database library outside"),
        ("sync/x.py", "def f():\n    import sqlite3\n", "a database library outside"),
        ("services/x.py", "import psycopg\n", "a database library outside"),
        ("report/x.py", "from PySide6.QtCore import Qt\n", "Qt outside ui/"),
        ("extract/x.py", "from tawthiq.store import Event\n", "the extractor uses the store"),
        ("extract/x.py", "from tawthiq import store\n", "the extractor uses the store"),
        ("extract/x.py", "from ..store.events import Event\n", "the extractor uses the store"),
        (
            "sync/x.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\n"
            "else:\n    from sqlalchemy.orm import Session\n",
            "a database library outside",
        ),
    ],
)
def test_each_kind_of_breach_is_caught(
    tmp_path: Path, path: str, source: str, problem: str
) -> None:
    found = _problems_of(tmp_path, path, source)
    assert len(found) == 1 and problem in found[0]


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("store/x.py", "from sqlalchemy import select\nimport sqlite3\n"),
        ("ui/x.py", "from PySide6.QtCore import Qt\n"),
        (
            "services/x.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from sqlalchemy.orm import Session\n",
        ),
        ("sync/x.py", "import typing\nif typing.TYPE_CHECKING:\n    import sqlalchemy\n"),
    ],
)
def test_what_the_layers_allow_is_not_flagged(tmp_path: Path, path: str, source: str) -> None:
    assert _problems_of(tmp_path, path, source) == []
