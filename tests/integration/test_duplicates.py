"""Incidents two documenters recorded separately for the same event are suggested as
possible duplicates after a merge; a judgement on a pair is an event like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from laptops import Laptop

from tawthiq.domain.duplicates import duplicate_reasons
from tawthiq.services.sync import decide_pair, pairs_of, possible_duplicates

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

MARAM = {"date_start": "2022-11-06", "governorate": "Idlib", "place_name": "مخيم مرام",
         "killed": {"min": 9, "max": 9, "approximate": False}}  # fmt: skip


def _count(n: int, m: int | None = None) -> dict[str, object]:
    return {"min": n, "max": n if m is None else m, "approximate": m is not None}


@pytest.mark.parametrize(
    ("other", "alike"),
    [
        ({}, True),
        ({"date_start": "2022-11-07"}, True),  # a day later: reported the morning after
        ({"date_start": "2022-11-08"}, False),  # two days: another attack
        ({"place_name": "مخيّم مرام"}, True),  # the same name, with a shadda
        ({"place_name": "سرمدا"}, False),
        ({"killed": _count(10, 12)}, True),
        ({"killed": _count(11)}, True),  # within 2
        ({"killed": _count(40)}, False),
        ({"killed": None}, True),  # not known on one side: no evidence against
    ],
)
def test_when_two_incidents_are_probably_one(other: dict[str, object], alike: bool) -> None:
    b = {k: v for k, v in {**MARAM, **other}.items() if v is not None}
    assert (duplicate_reasons(MARAM, b) is not None) is alike


def test_a_reason_is_given_only_where_it_holds() -> None:
    """Issue 14, item 8: an air strike and a shelling with no figures at all were paired
    "for similar casualty figures"."""
    a = {"date_start": "2022-11-06", "governorate": "Idlib", "place_name": "سرمدا"}
    b = {**a, "incident_type": "air_drone_strike"}
    assert duplicate_reasons(a, b) == ["the same date", "the same place name"]
    assert duplicate_reasons({**a, "killed": _count(3)}, b) == [
        "the same date",
        "the same place name",
    ]
    assert "similar casualty figures" in (
        duplicate_reasons({**a, "killed": _count(3)}, {**b, "killed": _count(4)}) or []
    )


def test_places_by_code_and_by_distance() -> None:
    a = {"date_start": "2022-11-06", "pcode": "SY070100", "place_name": "x"}
    assert duplicate_reasons(a, {**a, "place_name": "y"}) is not None
    near = {"date_start": "2022-11-06", "lat": 36.1000, "lon": 36.6000}
    assert duplicate_reasons(near, {**near, "lat": 36.1500}) is not None  # about 5.6 km
    assert duplicate_reasons(near, {**near, "lat": 36.3000}) is None  # about 22 km


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    amal, basel = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Basel")
    yield amal, basel
    amal.close()
    basel.close()


def test_suggested_after_a_merge_then_judged_once_for_everyone(pair, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    amal, basel = pair
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(amal.ws.key_dir))  # the judgement: Amal's key
    mine = amal.new_incident(title_ar="قصف مخيم مرام", killed=9, date_start="2022-11-06",
                             governorate="Idlib", place_name="مخيم مرام")  # fmt: skip
    amal.new_incident(title_en="elsewhere", killed=9, date_start="2022-11-06",
                      governorate="Aleppo", place_name="الأتارب")  # fmt: skip
    theirs = basel.new_incident(title_en="Maram camp shelled", killed="9-10",
                                date_start="2022-11-07", governorate="Idlib",
                                place_name="مخيّم مرام")  # fmt: skip
    summary = amal.import_(basel.export())
    with amal.ws.db.read() as s:
        found = possible_duplicates(s, summary.touched_incidents)
    assert [{p.a.id, p.b.id} for p in found] == [{mine, theirs}]
    assert "the same place name" in found[0].reasons
    listed = run("duplicates", db=amal.ws.db.path)
    assert mine[:8] in listed.out and theirs[:8] in listed.out
    assert "1 possible duplicate(s)" in listed.out

    assert run("duplicates", "--same", mine[:8], theirs[:8], db=amal.ws.db.path).code == 0
    with amal.ws.db.read() as s:
        assert possible_duplicates(s) == []
        assert pairs_of(s, theirs) == [(mine, "same")]
    basel.import_(amal.export())  # the judgement travels like any change
    with basel.ws.db.read() as s:
        assert possible_duplicates(s) == [] and pairs_of(s, mine) == [(theirs, "same")]
    assert amal.digest() == basel.digest()


def test_a_pair_judged_differently_on_two_laptops_is_a_conflict(pair) -> None:  # type: ignore[no-untyped-def]
    amal, basel = pair
    a = amal.new_incident(title_en="a", date_start="2022-11-06", place_name="مخيم مرام")
    b = amal.new_incident(title_en="b", date_start="2022-11-06", place_name="مخيم مرام")
    basel.import_(amal.export())
    with amal.ws.writing() as w:
        decide_pair(w, a, b, "same")
    with basel.ws.writing() as w:
        decide_pair(w, b, a, "different")
    summary = amal.import_(basel.export())
    assert [fields for _, fields in summary.conflicts.values()] == [["decision"]]
