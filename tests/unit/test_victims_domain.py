"""Victims in the registry: their fields and checks, what named victims say against an
incident's counts, the public view, and names compared across scripts."""

from __future__ import annotations

from typing import Any

import pytest

from tawthiq.domain.checks import clean_value, form_problems
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import FIELDS, VICTIM
from tawthiq.domain.victims import (
    Victim,
    counts_vs_victims,
    latin_key,
    name_keys,
    public_victims,
    victim_problems,
)


def test_victim_fields_are_in_the_registry_and_names_are_private() -> None:
    fields = FIELDS[VICTIM]
    for name in ("incident_id", "name_ar", "name_en", "sex", "age", "age_group", "status",
                 "relation", "occupation", "residence", "origin", "report_ids",
                 "same_person_as", "public", "deleted"):  # fmt: skip
        assert name in fields, name
    assert not fields["name_ar"].public and not fields["name_en"].public
    assert not fields["relation"].public and not fields["residence"].public
    assert fields["status"].public and fields["sex"].public
    assert fields["report_ids"].kind == "texts" and fields["public"].kind == "bool"


@pytest.mark.parametrize("given, kept", [(0, 0), (9, 9), ("9", 9), (" 120 ", 120)])
def test_an_age_is_whole_years_from_0_to_120(given: Any, kept: int) -> None:
    assert clean_value(VICTIM, "age", given) == kept


@pytest.mark.parametrize("given", [-1, 121, "nine", 9.5, True, "9-12"])
def test_an_age_that_is_no_age_is_refused(given: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_value(VICTIM, "age", given)
    assert caught.value.field == "age"


@pytest.mark.parametrize(
    "field, given",
    [("sex", "x"), ("age_group", "teen"), ("status", "dead"), ("occupation", "pilot")],
)
def test_codes_outside_their_vocabulary_are_refused(field: str, given: str) -> None:
    with pytest.raises(ValidationError):
        clean_value(VICTIM, field, given)


def test_sex_status_and_groups_take_their_codes() -> None:
    assert clean_value(VICTIM, "sex", "F") == "f"
    assert clean_value(VICTIM, "status", "detained") == "detained"
    assert clean_value(VICTIM, "age_group", "child") == "child"


def test_a_child_aged_18_or_more_contradicts_and_so_does_an_adult_under_18() -> None:
    assert [p.field for p in victim_problems({"name_ar": "ليلى", "age": 18,
                                              "age_group": "child"})] == ["age_group"]  # fmt: skip
    assert [p.field for p in victim_problems({"name_ar": "ليلى", "age": 12,
                                              "age_group": "adult"})] == ["age_group"]  # fmt: skip
    assert victim_problems({"name_ar": "ليلى", "age": 17, "age_group": "child"}) == []
    assert victim_problems({"name_en": "Layla", "age": 30, "age_group": "adult"}) == []


def test_a_victim_needs_a_name() -> None:
    assert [p.field for p in victim_problems({"sex": "f"})] == ["name_ar"]


def test_form_problems_name_each_bad_victim_field() -> None:
    problems = form_problems(VICTIM, {"age": 130, "sex": "q", "name_ar": "سامر"})
    assert set(problems) == {"age", "sex"}
    problems = form_problems(VICTIM, {"age": 19, "age_group": "child", "name_ar": "سامر"})
    assert set(problems) == {"age_group"}
    assert form_problems(VICTIM, {"age": 9, "age_group": "child", "name_ar": "سامر"}) == {}


def _v(n: int, **values: Any) -> Victim:
    return Victim.from_state(f"v{n}", {"incident_id": "i", "name_ar": f"اسم {n}", **values})


def _count(n: int) -> dict[str, Any]:
    return {"min": n, "max": n, "approximate": False}


def test_more_named_killed_than_the_toll_is_a_problem() -> None:
    victims = [_v(i, status="killed") for i in range(3)]
    problems = counts_vs_victims({"killed": _count(2)}, victims)
    assert problems == ["3 victims are named as killed, but the killed toll is at most 2"]
    assert counts_vs_victims({"killed": _count(3)}, victims) == []
    # a deleted victim, or one injured, is not among the killed named
    victims[0] = _v(0, status="killed", deleted=True)
    assert counts_vs_victims({"killed": _count(2)}, [*victims, _v(9, status="injured")]) == []


def test_named_children_beyond_the_children_killed_is_a_problem() -> None:
    victims = [_v(1, status="killed", age=9), _v(2, status="killed", age_group="child"),
               _v(3, status="killed", age=40)]  # fmt: skip
    problems = counts_vs_victims({"killed": _count(5), "killed_children": _count(1)}, victims)
    assert problems == ["2 children are named as killed, but the children killed are at most 1"]


def test_three_named_women_killed_against_one_in_the_breakdown() -> None:
    women = [_v(i, status="killed", sex="f", age_group="adult") for i in range(3)]
    girl = _v(7, status="killed", sex="f", age=8)  # a girl is a child, not a woman
    problems = counts_vs_victims(
        {"killed": _count(9), "killed_women": _count(1), "killed_children": _count(1)},
        [*women, girl],
    )
    assert problems == ["3 women are named as killed, but the women killed are at most 1"]
    assert problems[0].template.startswith("{named} women")  # translatable in the window


def test_named_men_injured_beyond_the_breakdown() -> None:
    men = [_v(i, status="injured", sex="m", age=30) for i in range(2)]
    assert counts_vs_victims({"injured": _count(4), "injured_men": _count(1)}, men) == [
        "2 men are named as injured, but the men injured are at most 1"
    ]


def test_the_public_view_holds_only_victims_marked_public_and_not_their_private_fields() -> None:
    hidden = _v(1, status="killed")
    shown = _v(2, status="killed", public=True, relation="ابنه", residence="كفرنبل", age=9)
    gone = _v(3, public=True, deleted=True)
    out = public_victims([hidden, shown, gone])
    assert [v.id for v in out] == ["v2"]
    assert out[0].name_ar == "اسم 2" and out[0].age == 9 and out[0].status == "killed"
    assert out[0].relation is None and out[0].residence is None
    assert "relation" not in out[0].values and "residence" not in out[0].values


@pytest.mark.parametrize(
    "arabic, latin",
    [
        ("محمد الأحمد", "Mohammad al-Ahmad"),
        ("محمد الاحمد", "Muhammad Al Ahmad"),
        ("عمر حداد", "Omar Haddad"),
        ("ليلى الخالد", "Layla al-Khalid"),
        ("إبراهيم", "Ibrahim"),
    ],
)
def test_a_name_in_arabic_and_in_latin_letters_compare_alike(arabic: str, latin: str) -> None:
    assert latin_key(arabic) == latin_key(latin)


def test_different_names_do_not_compare_alike() -> None:
    assert latin_key("محمد الأحمد") != latin_key("Omar Haddad")
    assert latin_key("سامي نصار") != latin_key("ليلى الخالد")


def test_name_keys_hold_the_folded_arabic_and_the_skeleton() -> None:
    keys = name_keys("مُحمّد الأحمد", None)
    assert "محمد الاحمد" in keys.split(" | ")
    assert "mhmd lhmd" in keys.split(" | ")
