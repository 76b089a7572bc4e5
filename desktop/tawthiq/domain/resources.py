"""Access to the data files shipped in the ``tawthiq.resources`` package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def read_json(name: str) -> Any:
    """Parse a shipped JSON resource once per process."""
    return json.loads(resources.files("tawthiq.resources").joinpath(name).read_text("utf-8"))


@cache
def read_text(name: str) -> str:
    """A shipped text resource, e.g. a sample report."""
    path = resources.files("tawthiq.resources")
    for part in name.split("/"):
        path = path.joinpath(part)
    return path.read_text("utf-8")
