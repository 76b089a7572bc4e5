"""Every package of the source is in pyproject.toml's list: one left out would be missing
from an installed Tawthiq (the editable install used in development does not show it)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_with_code_is_installed() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    source = ROOT / "desktop"
    found = {
        ".".join(init.parent.relative_to(source).parts)
        for init in source.glob("tawthiq/**/__init__.py")
    }
    assert found - listed == set()
