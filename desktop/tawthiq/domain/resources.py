"""Where the files Tawthiq ships are found: the one place that knows.

Everything the application reads from its own installation (gazetteer, vocabularies,
extraction rules, sample reports, the compiled catalogs, the schema migrations, the fonts)
is looked up here, through ``importlib.resources``. That works the same for an installed
wheel, an editable install and the PyInstaller bundle (whose packages live under the
bundle's ``_internal`` folder), and never depends on the current directory.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA = "tawthiq.resources"  # resources/ in the source tree
CATALOGS = "tawthiq.locale"  # i18n/ in the source tree: the compiled Babel catalogs
MIGRATIONS = "tawthiq.store.migrations"  # Alembic's scripts, read as files


class MissingResourceError(RuntimeError):
    """A file that should ship with Tawthiq is not there: the installation is broken."""


def shipped(*parts: str, package: str = DATA) -> Path:
    """The path of a file or folder shipped in ``package`` (``shipped("gazetteer.json")``,
    ``shipped("ar", "LC_MESSAGES", "tawthiq.mo", package=CATALOGS)``)."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError as e:
        raise MissingResourceError(f"Tawthiq's installation lacks {package}; reinstall it") from e
    if not isinstance(root, Path):  # a zip import: nothing ships that way
        raise MissingResourceError(f"Tawthiq must be installed unpacked, not run from {root}")
    return root.joinpath(*parts)


def font_file(family: str, file_name: str | None = None) -> Path:
    """A font shipped by a ``fontpkg-*`` dependency: its regular face, or ``file_name``
    beside it (``font_file("Amiri", "Amiri-Bold.ttf")``)."""
    import fontpkg

    try:
        regular = Path(fontpkg.path(family))
    except fontpkg.FontpkgError as e:
        raise MissingResourceError(f"the {family} font package is missing; reinstall") from e
    return regular if file_name is None else regular.with_name(file_name)


@cache
def read_json(name: str) -> Any:
    """Parse a shipped JSON resource once per process."""
    return json.loads(shipped(name).read_text("utf-8"))


@cache
def read_text(name: str) -> str:
    """A shipped text resource, e.g. a sample report (``samples/maram-camp.ar.txt``)."""
    return shipped(*name.split("/")).read_text("utf-8")
