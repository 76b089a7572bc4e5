"""Plain files for other tools (not the encrypted ``.tawthiq`` exports): each format a
module with ``SUFFIX`` and ``write(records, out, *, private) -> int`` (rows written) over
``domain.data_record.DataRecord``; ``read`` where the format can be taken back in."""

from __future__ import annotations

import importlib
from types import ModuleType

# format name -> its module, in the order the window and `--help` list them
FORMATS = {
    "csv": "plain_csv",
    "json": "plain_json",
    "geojson": "geojson",
    "acled": "acled",
    "airwars": "airwars",
    "huridocs": "huridocs",
}


def module_of(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{FORMATS[name]}")
