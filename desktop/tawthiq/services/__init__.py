"""The application's use cases: the one API that the command line and the window call.
Each is named once, on ``Desk`` (and ``Desk.sync``); the functions of the modules behind it
(``services.incidents``, ``services.sync``, ...) are its parts, not a second door.

Names are imported when first used (PEP 562), so the window can appear before the database
layer (SQLAlchemy, about a second on a slow laptop) has been imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    **dict.fromkeys(("Desk", "extract_report"), "tawthiq.services.desk"),
    "Changes": "tawthiq.services.changes",
    "data_dir": "tawthiq.services.settings",
    **dict.fromkeys(
        ("Workspace", "default_db_path", "open_workspace", "scratch_workspace"),
        "tawthiq.services.workspace",
    ),
    "Change": "tawthiq.domain.records",
    "IncidentFilter": "tawthiq.domain.filters",
}
__all__ = [
    "Change",
    "Changes",
    "Desk",
    "IncidentFilter",
    "Workspace",
    "data_dir",
    "default_db_path",
    "extract_report",
    "open_workspace",
    "scratch_workspace",
]
assert sorted(__all__) == sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:  # a submodule: ``services.incidents``
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise  # a dependency of that module is missing: say so, not "no attribute"
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from tawthiq.domain.filters import IncidentFilter
    from tawthiq.domain.records import Change
    from tawthiq.services.changes import Changes
    from tawthiq.services.desk import Desk, extract_report
    from tawthiq.services.settings import data_dir
    from tawthiq.services.workspace import Workspace, default_db_path, open_workspace
