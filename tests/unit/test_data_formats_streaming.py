"""The ACLED, Airwars, HURIDOCS and GeoJSON writers write record by record: the first
record is on its way to the file while the source still holds the others, so 100k
incidents never sit in memory at once."""

from __future__ import annotations

import io
import json

import pytest
from data_format_samples import Watched

from tawthiq.sync.data_formats import module_of

N = 20_000


@pytest.mark.parametrize("name", ["acled", "airwars", "huridocs", "geojson"])
def test_records_are_written_while_the_source_still_holds_the_rest(name: str) -> None:
    out = Watched(io.StringIO())
    written = module_of(name).write(out.records(N), out, private=False)
    assert written == N == out.handed
    # a write happened when only the first few records had been handed over
    assert min(h for h in out.at_writes if h > 0) <= 2
    text = out.out.getvalue()
    if name in ("acled", "airwars"):
        assert text.count("\n") == N + 1
    else:
        doc = json.loads(text)
        assert len(doc["events" if name == "huridocs" else "features"]) == N
