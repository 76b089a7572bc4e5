"""The window's side of a team server's connection string and of a sync's several merges:
the password kept apart from what is shown, and the merges told as one."""

from __future__ import annotations

import pytest

from tawthiq.services.desk_sync import combined, with_password, without_password
from tawthiq.services.sync import ImportSummary
from tawthiq.sync.check_header import DeviceCount


@pytest.mark.parametrize(
    ("given", "shown", "password"),
    [
        ("postgresql://amal:s3cr%40t@10.0.0.5:5432/team?sslmode=verify-full",
         "postgresql://amal@10.0.0.5:5432/team?sslmode=verify-full", "s3cr@t"),
        ("postgresql://amal:a%3Ab%2Fc@host/team", "postgresql://amal@host/team", "a:b/c"),
        ("postgresql://amal@host/team", "postgresql://amal@host/team", ""),
        ("postgresql://amal:p@ss@host/team", "postgresql://amal@host/team", "p@ss"),
        ("postgresql://half-typed:", "postgresql://half-typed:", ""),
        ("not a connection string", "not a connection string", ""),
    ],
)  # fmt: skip
def test_the_password_is_taken_out_and_put_back(given: str, shown: str, password: str) -> None:
    assert without_password(given) == (shown, password)
    if password:
        assert without_password(with_password(shown, password)) == (shown, password)
    assert with_password(shown, "") == shown


def test_merges_are_told_as_one() -> None:
    first = ImportSummary(
        devices={"d1": DeviceCount("d1", ("Amal",), new=3)},
        records_new={"incident": 2},
        conflicts={"i1": ("incident", ["killed"])},
        touched_incidents=["i1", "i2"],
    )
    second = ImportSummary(
        devices={"d1": DeviceCount("d1", ("Basel",), new=1, known=2, first_seen=True),
                 "d2": DeviceCount("d2", ("Carol",), new=5)},
        records_new={"incident": 1, "victim": 1},
        records_changed={"incident": 1},
        touched_incidents=["i2", "i3"],
    )  # fmt: skip
    both = combined([first, second])
    assert both.records_new == {"incident": 3, "victim": 1}
    assert both.records_changed == {"incident": 1}
    assert both.devices["d1"] == DeviceCount("d1", ("Amal", "Basel"), 4, 2, True)
    assert both.devices["d2"].new == 5
    assert both.touched_incidents == ["i1", "i2", "i3"]
    assert both.n_conflicts == 1
    assert combined([]).new == 0 and first.records_new == {"incident": 2}  # none changed
