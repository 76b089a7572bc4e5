"""Victims travel between laptops like every other record: a real export and import
brings them, two laptops changing one victim's field without seeing each other make a
conflict with both values, and merging the exports in any order gives the same records."""

from __future__ import annotations

from pathlib import Path

import pytest
from laptops import Laptop

from conftest import on_other_laptop
from tawthiq import services
from tawthiq.services import victims as V
from tawthiq.services.workspace import Workspace
from tawthiq.store import EventWriter

pytestmark = pytest.mark.usefixtures("at_rest")
ON_SERVER = True


def test_a_victim_added_on_another_laptop_arrives_with_its_history(ws: Workspace) -> None:
    with ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Strike", "killed": 2})
        mine = V.add_victim(w, incident, {"name_ar": "محمد الأحمد", "status": "killed"})

    def there(w: EventWriter) -> str:
        V.edit_victim(w, mine, {"name_en": "Mohammad al-Ahmad", "age": 41})
        return V.add_victim(w, incident, {"name_ar": "ليلى الخالد", "age": 9, "public": True})

    theirs = on_other_laptop(ws, there)
    with ws.db.read() as s:
        listed = V.victims_of(s, incident)
        found = V.find_victims(s, "Mohammad al Ahmad")
    assert [v.id for v in listed] == [mine, theirs]
    assert (listed[0].name_en, listed[0].age) == ("Mohammad al-Ahmad", 41)
    assert listed[1].public and listed[1].age == 9
    assert [f.victim.id for f in found] == [mine]  # the search rows were written on import
    trail = services.Desk(ws).victims.history(mine)
    assert sorted((c.field, c.author) for c in trail[-2:]) == [
        ("age", "Basel"),
        ("name_en", "Basel"),
    ]
    assert {c.author for c in trail} == {"Amal", "Basel"}


@pytest.fixture
def laptops(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = [Laptop(tmp_path, name) for name in ("Amal", "Basel", "Carim")]
    yield made
    for laptop in made:
        laptop.close()


def _victim(laptop: Laptop, victim_id: str) -> V.Victim:
    with laptop.ws.db.read() as s:
        return V.get_victim(s, victim_id)


def test_one_field_of_a_victim_changed_on_two_laptops_is_a_conflict_merged_in_any_order(
    laptops: list[Laptop],
) -> None:
    amal, basel, carim = laptops
    with amal.ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Strike"})
        victim = V.add_victim(w, incident, {"name_ar": "سامر الخالد", "age": 9})
    start = amal.export()
    basel.import_(start)
    carim.import_(start)
    with basel.ws.writing() as w:
        V.edit_victim(w, victim, {"age": 10, "status": "killed"})
    with carim.ws.writing() as w:
        V.edit_victim(w, victim, {"age": 11, "relation": "ابنه"})
    from_basel, from_carim = basel.export(), carim.export()
    amal.import_(from_basel, from_carim)
    basel.import_(from_carim)
    carim.import_(from_basel)
    digests = {laptop.digest() for laptop in laptops}
    assert len(digests) == 1  # the same records, whichever export came first
    for laptop in laptops:
        kept = _victim(laptop, victim)
        assert [c.field for c in kept.conflicts] == ["age"]
        assert sorted(kept.conflicts[0].values) == [10, 11]
        assert (kept.status, kept.relation) == ("killed", "ابنه")  # no conflict: both kept
    with amal.ws.writing() as w:
        V.resolve_victim_conflict(w, victim, "age", 10)
    basel.import_(amal.export())
    for laptop in (amal, basel):
        kept = _victim(laptop, victim)
        assert kept.conflicts == () and kept.age == 10


def test_a_deletion_and_an_edit_on_two_laptops_keep_both_in_view(laptops: list[Laptop]) -> None:
    amal, basel, _ = laptops
    with amal.ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Strike"})
        victim = V.add_victim(w, incident, {"name_ar": "سلمى الحسن"})
    basel.import_(amal.export())
    with amal.ws.writing() as w:
        V.delete_victim(w, victim)
    with basel.ws.writing() as w:
        V.edit_victim(w, victim, {"age": 34})
    amal.import_(basel.export())
    basel.import_(amal.export())
    assert amal.digest() == basel.digest()
    kept = _victim(amal, victim)
    assert kept.deleted and "deleted" in {c.field for c in kept.conflicts}
