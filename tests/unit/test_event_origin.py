"""An event's origin is part of what its hash covers, and an event without one (format 1)
keeps the hash it always had, so databases and exports of earlier releases still verify."""

from __future__ import annotations

import hashlib
import json

from tawthiq.store.events import canonical_json, column_hash, event_hash

COLUMNS = dict(
    event_id="0190f3c8-0000-7000-8000-000000000001",
    entity="incident",
    entity_id="3f1c1d52-7d0e-4c39-9a43-1f5e1f3c9b10",
    field="killed",
    value=canonical_json({"min": 9, "max": 9, "approximate": False}),
    parents=(),
    hlc=123456789,
    author="Amal",
    device_id="6f1c1d52-7d0e-4c39-9a43-1f5e1f3c9b10",
    seq=1,
    prev_hash="0" * 64,
)


def test_an_event_without_origin_hashes_as_format_1_did() -> None:
    # Format 1's rule, written out: SHA-256 of [1, the eleven columns] in canonical JSON.
    payload = [1, *[list(v) if isinstance(v, tuple) else v for v in COLUMNS.values()]]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert event_hash(**COLUMNS) == hashlib.sha256(text.encode()).hexdigest()


def test_the_origin_changes_the_hash() -> None:
    hashes = {event_hash(**COLUMNS, origin=o) for o in (None, "person", "extractor", "import")}
    assert len(hashes) == 4


def test_an_export_line_hashes_as_the_event_it_carries() -> None:
    row = [*COLUMNS.values()]
    row[5] = list(row[5])
    h = event_hash(**COLUMNS, origin="extractor")
    assert column_hash([*row, h, None, "extractor"]) == h
    assert column_hash([*row, h, None]) == event_hash(**COLUMNS)  # thirteen items: format 1
    assert column_hash([*row, h, None, "person"]) != h
