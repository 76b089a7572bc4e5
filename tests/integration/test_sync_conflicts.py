"""Edits made on different laptops without seeing each other become visible conflicts
when their exports are merged: both values kept, one resolution settles it everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from laptops import Laptop

from conftest import where
from tawthiq.domain.errors import ValidationError

# every test here runs on plain and on encrypted laptops (issue 16), and on PostgreSQL
# databases (issue 18)
pytestmark = pytest.mark.usefixtures("at_rest")
ON_SERVER = True


@pytest.fixture
def laptops(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = [Laptop(tmp_path, name) for name in ("Amal", "Basel", "Carim")]
    yield made
    for laptop in made:
        laptop.close()


def _share(a: Laptop, b: Laptop) -> None:
    """Each imports the other's full export."""
    pa, pb = a.export(), b.export()
    a.import_(pb)
    b.import_(pa)


def _killed_9_and_8(amal: Laptop, basel: Laptop) -> str:
    """An incident both laptops hold, then say 9 and 8 killed without seeing each other,
    then share again: a conflict on both."""
    incident = amal.new_incident(title_en="Maram camp", killed=6)
    _share(amal, basel)
    amal.edit(incident, killed=9)
    basel.edit(incident, killed=8)
    _share(amal, basel)
    return incident


def _killed(laptop: Laptop, incident_id: str) -> list[int]:
    conflicts = {c.field: c for c in laptop.incident(incident_id).conflicts}
    return sorted(v["max"] for v in conflicts["killed"].values) if "killed" in conflicts else []


def test_same_field_on_two_laptops_is_a_conflict_with_both_values(laptops: list[Laptop]) -> None:
    amal, basel, _ = laptops
    incident = amal.new_incident(title_en="Maram camp", killed=6)
    _share(amal, basel)
    amal.edit(incident, killed=9)
    basel.edit(incident, killed=8)
    summary = basel.import_(amal.export())
    assert summary.n_conflicts == 1
    assert summary.conflicts[incident] == ("incident", ["killed"])
    amal.import_(basel.export())
    for laptop in (amal, basel):
        assert _killed(laptop, incident) == [8, 9]
        shown = laptop.incident(incident).killed
        assert shown is not None and shown.max in (8, 9)
    assert amal.digest() == basel.digest()  # the same value shown on both


def test_a_resolution_on_one_laptop_resolves_it_everywhere(laptops: list[Laptop]) -> None:
    amal, basel, carim = laptops
    incident = _killed_9_and_8(amal, basel)
    carim.import_(amal.export())
    assert _killed(carim, incident) == [8, 9]
    conflict = basel.incident(incident).conflicts[0]
    pick = conflict.event_ids[conflict.values.index({"min": 9, "max": 9, "approximate": False})]
    basel.resolve(incident, "killed", pick=pick[-8:])  # as `show` prints it
    fixed = basel.export()
    for laptop in (amal, carim):
        laptop.import_(fixed)
    for laptop in laptops:
        inc = laptop.incident(incident)
        assert inc.conflicts == () and inc.killed is not None and inc.killed.max == 9
    assert amal.digest() == basel.digest() == carim.digest()


def test_two_concurrent_resolutions_are_a_conflict_again(laptops: list[Laptop]) -> None:
    amal, basel, _ = laptops
    incident = _killed_9_and_8(amal, basel)
    amal.resolve(incident, "killed", value=9)
    basel.resolve(incident, "killed", value="8-9")
    before = amal.event_ids() | basel.event_ids()
    _share(amal, basel)
    assert amal.event_ids() == basel.event_ids() == before  # nothing dropped
    conflict = amal.incident(incident).conflicts[0]
    assert sorted((v["min"], v["max"]) for v in conflict.values) == [(8, 9), (9, 9)]
    assert amal.digest() == basel.digest()


def test_the_same_value_written_on_two_laptops_is_no_conflict(laptops: list[Laptop]) -> None:
    amal, basel, _ = laptops
    incident = amal.new_incident(title_en="Maram camp", killed=6)
    _share(amal, basel)
    amal.edit(incident, killed=9)
    basel.edit(incident, killed=9)
    _share(amal, basel)
    assert amal.incident(incident).conflicts == ()


def test_edit_against_delete_is_a_conflict(laptops: list[Laptop], run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    amal, basel, _ = laptops
    incident = amal.new_incident(title_en="Maram camp", killed=6)
    other = amal.new_incident(title_en="left alone")
    _share(amal, basel)
    amal.delete(incident)
    basel.edit(incident, killed=9)
    amal.delete(other)  # deleted with nothing against it: no conflict
    summary = amal.import_(basel.export())
    assert summary.conflicts == {incident: ("incident", ["deleted"])}
    basel.import_(amal.export())
    for laptop in (amal, basel):
        inc = laptop.incident(incident)
        assert inc.deleted
        assert [(c.field, c.values) for c in inc.conflicts] == [("deleted", (True, False))]
        assert laptop.incident(other).conflicts == ()
    listed = run("list", "--conflicts", db=where(amal.ws)).out
    assert incident[:8] in listed and other[:8] not in listed
    with pytest.raises(ValidationError, match="deleted"):
        basel.edit(incident, killed=10)  # settle the deletion first
    # Restoring keeps Basel's change made meanwhile; the other laptop agrees after merging.
    basel.resolve(incident, "deleted", value="no")
    amal.import_(basel.export())
    for laptop in (amal, basel):
        inc = laptop.incident(incident)
        assert not inc.deleted and inc.conflicts == ()
        assert inc.killed is not None and inc.killed.max == 9
    assert amal.digest() == basel.digest()


def test_keeping_a_deletion_settles_the_conflict(laptops: list[Laptop]) -> None:
    amal, basel, _ = laptops
    incident = amal.new_incident(title_en="entered twice", killed=6)
    _share(amal, basel)
    amal.delete(incident)
    basel.edit(incident, killed=7)
    _share(amal, basel)
    amal.resolve(incident, "deleted", value="yes")
    basel.import_(amal.export())
    for laptop in (amal, basel):
        inc = laptop.incident(incident)
        assert inc.deleted and inc.conflicts == ()


def test_resolving_what_is_not_in_conflict_is_refused(  # type: ignore[no-untyped-def]
    laptops: list[Laptop], run, monkeypatch
) -> None:
    amal = laptops[0]
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(amal.ws.key_dir))  # the command: Amal's key
    incident = amal.new_incident(title_en="x", killed=1)
    with pytest.raises(ValidationError, match=r"killed: incident .* has no conflict in this field"):
        amal.resolve(incident, "killed", value=2)
    result = run("resolve", incident[:8], "killed", "--value", "2", db=where(amal.ws))
    assert result.code == 2 and "has no conflict in this field" in result.err
    result = run("resolve", incident[:8], "killed", db=where(amal.ws))
    assert result.code == 2 and "either --pick EVENT or --value VALUE" in result.err
